// A Docker-style macvlan network, as made by
//
//   docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 \
//     --ip-range=172.16.86.32/29 --aux-address=my-router=172.16.86.33 -o parent=eth0 pub_net
//   docker run --net=pub_net ...    (three times)
//
// with a tiny address allocator and one attach() per "container" (a namespace). A veth pair stands
// in for eth0: up0 in the "host" namespace, up1 in the "wire" namespace, where the gateway
// 172.16.86.1 lives (the router on the physical network). Each container is detached at the end.
//
// Run as root: node --import tsx examples/docker-macvlan-network.ts
import type { Rtnl } from 'rtnl';
import { runExample } from './scaffold.js';

/** IPv4 address <-> 32-bit number. */
const toNum = (a: string): number => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toAddr = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const cidr = (c: string): { base: number; size: number; prefix: number } => {
  const [a, p] = c.split('/');
  const prefix = Number(p);
  const size = 2 ** (32 - prefix);
  return { base: toNum(a!) - (toNum(a!) % size), size, prefix };
};

/** The MAC Docker gives a container: 02:42 and the four octets of its IPv4 address. */
const macFor = (c: string): string =>
  ['02', '42', ...c.split('/')[0]!.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');

/** Docker's IPAM in miniature: the next free address of the range, never a reserved one. */
class Allocator {
  readonly #subnet: ReturnType<typeof cidr>;
  readonly #range: ReturnType<typeof cidr>;
  readonly #reserved = new Set<number>();
  readonly #used = new Set<number>();
  constructor(subnet: string, range: string, gateway: string, aux: Record<string, string>) {
    this.#subnet = cidr(subnet);
    this.#range = cidr(range);
    const { base, size } = this.#subnet;
    if (this.#range.base < base || this.#range.base + this.#range.size > base + size) throw new RangeError(`ip-range ${range} is not inside ${subnet}`);
    // The network and broadcast addresses, the gateway and the aux addresses are never handed out.
    for (const a of [base, base + size - 1, toNum(gateway), ...Object.values(aux).map(toNum)]) this.#reserved.add(a);
  }

  /** The next free address of the range, as a CIDR with the subnet's prefix. */
  allocate(): string {
    for (let n = this.#range.base; n < this.#range.base + this.#range.size; n++) {
      if (this.#reserved.has(n) || this.#used.has(n)) continue;
      this.#used.add(n);
      return `${toAddr(n)}/${this.#subnet.prefix}`;
    }
    throw new Error('the ip-range is exhausted');
  }

  release(c: string): void {
    this.#used.delete(toNum(c.split('/')[0]!));
  }
}

const NETWORK = {
  subnet: '172.16.86.0/24',
  gateway: '172.16.86.1',
  ipRange: '172.16.86.32/29',
  aux: { 'my-router': '172.16.86.33' },
};

runExample('docker-macvlan-network', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.links.set('up1', { up: true });
  await wire.h.addresses.add('up1', `${NETWORK.gateway}/24`);
  console.log(`network pub_net: subnet ${NETWORK.subnet}, gateway ${NETWORK.gateway} (on up1 in ${wire.name}), ` +
    `ip-range ${NETWORK.ipRange}, aux my-router=${NETWORK.aux['my-router']}, parent up0 in ${host.name}`);

  const ipam = new Allocator(NETWORK.subnet, NETWORK.ipRange, NETWORK.gateway, NETWORK.aux);
  const containers: { name: string; h: Rtnl; ip: string }[] = [];
  const attached = new Set<string>(); // namespaces whose eth0 is still attached: detached at the end
  ex.defer(async () => {
    for (const ns of attached) await host.h.detach({ netns: ns, ifname: 'eth0' });
  });
  for (const role of ['c1', 'c2', 'c3']) {
    const c = await ex.netns(role);
    const address = ipam.allocate();
    // One call: macvlan bridge created inside the namespace, renamed eth0, address, up, default route.
    const { link } = await host.h.attach({
      kind: 'macvlan', parent: 'up0', netns: c.name, address: macFor(address), addresses: [address], gateway: NETWORK.gateway,
    });
    attached.add(c.name);
    const route = (await c.h.routes.list({ family: 4 })).find((r) => r.dst === 'default');
    console.log(`${c.name}: ${link.name} macvlan ${link.macvlan?.mode} ${link.address} ${address}, default via ${route?.gateway}`);
    containers.push({ ...c, ip: address.split('/')[0]! });
  }
  const [c1, c2, c3] = containers as [typeof containers[0], typeof containers[0], typeof containers[0]];
  ex.check(`the allocator skipped the aux address: ${containers.map((c) => c.ip).join(', ')}`,
    !containers.some((c) => c.ip === NETWORK.aux['my-router']) && c1.ip === '172.16.86.32' && c2.ip === '172.16.86.34');

  await ex.ping('c1', c1.name, NETWORK.gateway, true);
  await ex.ping('c1', c1.name, c2.ip, true);
  await ex.ping('c3', c3.name, c1.ip, true);
  await ex.ping('wire', wire.name, c3.ip, true);

  // docker network disconnect: detach c2 and give its address back; the next container gets it.
  await host.h.detach({ netns: c2.name, ifname: 'eth0' });
  attached.delete(c2.name);
  ipam.release(`${c2.ip}/24`);
  const gone = await c2.h.links.get('eth0').then(() => false, () => true);
  ex.check(`c2: eth0 detached, ${c2.ip} back in the pool`, gone);
  await ex.ping('c1', c1.name, c2.ip, false);
  const c4 = await ex.netns('c4');
  const again = ipam.allocate();
  // The same address, so the same MAC: neighbours' ARP caches stay right, as with Docker.
  await host.h.attach({ kind: 'macvlan', parent: 'up0', netns: c4.name, address: macFor(again), addresses: [again], gateway: NETWORK.gateway });
  attached.add(c4.name);
  ex.check(`c4: attached with the freed address ${again}`, again === `${c2.ip}/24`);
  await ex.ping('c4', c4.name, NETWORK.gateway, true);
  await ex.ping('c1', c1.name, c2.ip, true);
});
