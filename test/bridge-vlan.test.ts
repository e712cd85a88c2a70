// Bridge VLAN tables (bridge vlan) against the kernel, with `bridge -compressvlans -j vlan show` as the oracle
// both ways, and a VLAN-filtering bridge carrying real traffic: a trunk port with VLANs 10 and 20
// tagged, access ports with one PVID untagged, and frames of VLAN 10 reaching only VLAN 10's ports.
// Bridge VLAN filtering needs CONFIG_BRIDGE_VLAN_FILTERING, which the host kernel here lacks: the
// test kernel (test/kernel/uml.sh) runs these.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { bridgeVlans, type BridgeVlan } from '../src/index.js';
import { freshNetns, ip, ipLink, needsKind, pings } from './helpers.js';

/** `bridge -compressvlans -j vlan show` in NS, as rtnl's BridgeVlan entries (without indexes). */
function bridgeVlanShow(ns: string): Omit<BridgeVlan, 'linkIndex'>[] {
  const out = execFileSync('bridge', ['-n', ns, '-compressvlans', '-j', 'vlan', 'show'], { encoding: 'utf8' }).trim();
  const ports: { ifname: string; vlans: { vlan: number; vlanEnd?: number; flags?: string[] }[] }[] = out ? JSON.parse(out) : [];
  return ports.flatMap((p) => p.vlans.map((e) => {
    const r: Omit<BridgeVlan, 'linkIndex'> = {
      link: p.ifname, vid: e.vlan, pvid: (e.flags ?? []).includes('PVID'), untagged: (e.flags ?? []).includes('Egress Untagged'),
    };
    if (e.vlanEnd !== undefined) r.vidEnd = e.vlanEnd;
    return r;
  }));
}

const key = (e: Omit<BridgeVlan, 'linkIndex'>): string => `${e.link} ${e.vid}`;
const sorted = <T extends Omit<BridgeVlan, 'linkIndex'>>(xs: T[]): T[] => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
const withoutIndex = (xs: BridgeVlan[]): Omit<BridgeVlan, 'linkIndex'>[] => xs.map(({ linkIndex: _, ...e }) => e);

t.test('bridge VLANs added by rtnl read back the same in bridge -compressvlans -j vlan show', async (t) => {
  const skip = await needsKind('vlan_filtering');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'bridge', name: 'br0', vlanFiltering: true });
  await h.links.set('up0', { master: 'br0' });
  await h.links.add({ kind: 'veth', name: 'p0', peer: { name: 'p1' }, master: 'br0' });
  // up0: a trunk (the default VLAN 1 removed, 10 and 20 tagged, a range 100-110 tagged);
  // p0: an access port of VLAN 10; br0 itself: VLAN 10 on the bridge device (self).
  await h.bridgeVlans.delete({ link: 'up0', vid: 1 });
  await h.bridgeVlans.add({ link: 'up0', vid: 10 });
  await h.bridgeVlans.add({ link: 'up0', vid: 20 });
  await h.bridgeVlans.add({ link: 'up0', vid: 100, vidEnd: 110 });
  await h.bridgeVlans.add({ link: 'p0', vid: 10, pvid: true, untagged: true });
  await h.bridgeVlans.add({ link: 'br0', vid: 10, self: true, untagged: true });
  const oracle = bridgeVlanShow(ns);
  const got = await h.bridgeVlans.list();
  t.strictSame(sorted(withoutIndex(got)), sorted(oracle), 'every entry agrees with bridge vlan show');
  for (const e of got) t.equal(e.linkIndex, ipLink(ns, e.link!).ifindex, `${e.link}'s index`);
  // And the entries asked for are what bridge shows.
  const find = (link: string, vid: number) => oracle.find((e) => e.link === link && e.vid === vid);
  t.strictSame(find('up0', 10), { link: 'up0', vid: 10, pvid: false, untagged: false }, 'trunk: 10 tagged');
  t.strictSame(find('up0', 100), { link: 'up0', vid: 100, pvid: false, untagged: false, vidEnd: 110 }, 'trunk: 100-110 tagged');
  t.equal(find('up0', 1), undefined, 'trunk: the default VLAN removed');
  t.strictSame(find('p0', 10), { link: 'p0', vid: 10, pvid: true, untagged: true }, 'access: 10 pvid untagged');
  t.strictSame(find('br0', 10), { link: 'br0', vid: 10, pvid: false, untagged: true }, 'the bridge itself: 10 untagged');
  t.strictSame(sorted(withoutIndex(await h.bridgeVlans.list({ link: 'p0' }))), sorted(oracle.filter((e) => e.link === 'p0')), 'list({ link })');
  // Delete a range, and one vid out of another range.
  await h.bridgeVlans.delete({ link: 'up0', vid: 100, vidEnd: 110 });
  await h.bridgeVlans.delete({ link: 'up0', vid: 20 });
  t.strictSame(bridgeVlanShow(ns).filter((e) => e.link === 'up0'), [{ link: 'up0', vid: 10, pvid: false, untagged: false }], 'after delete');
  t.strictSame(sorted(withoutIndex(await h.bridgeVlans.list())), sorted(bridgeVlanShow(ns)), 'rtnl agrees after delete');
  const again = await h.bridgeVlans.add({ link: 'up0', vid: 4095 as number }).catch((e: unknown) => e);
  t.match(again, { name: 'RangeError', message: /spec\.vid.*4095/ }, 'vid 4095 refused before any syscall');
});

t.test('bridge VLANs added by bridge read back the same through rtnl', async (t) => {
  const skip = await needsKind('vlan_filtering');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'link', 'add', 'br0', 'type', 'bridge', 'vlan_filtering', '1');
  ip(ns, 'link', 'set', 'up0', 'master', 'br0');
  const bridge = (...args: string[]): string => execFileSync('bridge', ['-n', ns, ...args], { encoding: 'utf8' });
  bridge('vlan', 'add', 'dev', 'up0', 'vid', '30', 'pvid', 'untagged');
  bridge('vlan', 'add', 'dev', 'up0', 'vid', '40-45');
  bridge('vlan', 'add', 'dev', 'br0', 'vid', '30', 'self');
  const got = await h.bridgeVlans.list();
  t.strictSame(sorted(withoutIndex(got)), sorted(bridgeVlanShow(ns)), 'every entry agrees with bridge vlan show');
  t.ok(got.some((e) => e.link === 'up0' && e.vid === 30 && e.pvid && e.untagged), 'up0: 30 pvid untagged');
  t.ok(got.some((e) => e.link === 'up0' && e.vid === 40 && e.vidEnd === 45 && !e.pvid && !e.untagged), 'up0: 40-45');
  t.ok(got.some((e) => e.link === 'br0' && e.vid === 30 && !e.pvid), 'br0 self: 30');
});

t.test('bridge VLAN entries are checked before any syscall', async (t) => {
  const cases: [string, Promise<unknown>, string, RegExp][] = [
    ['vid 0', bridgeVlans.add({ link: 'p0', vid: 0 }), 'RangeError', /spec\.vid.*0/],
    ['vid as a string', bridgeVlans.add({ link: 'p0', vid: '10' as never }), 'TypeError', /spec\.vid.*10/],
    ['a range that ends before it starts', bridgeVlans.add({ link: 'p0', vid: 20, vidEnd: 10 }), 'RangeError', /spec\.vidEnd.*10/],
    ['pvid on a range', bridgeVlans.add({ link: 'p0', vid: 10, vidEnd: 12, pvid: true }), 'RangeError', /spec\.pvid/],
    ['untagged on delete', bridgeVlans.delete({ link: 'p0', vid: 10, untagged: true } as never), 'TypeError', /spec\.untagged/],
    ['a bad link name', bridgeVlans.add({ link: 'a/b', vid: 10 }), 'RangeError', /spec\.link/],
    ['an unknown filter key', bridgeVlans.list({ dev: 'p0' } as never), 'TypeError', /filter\.dev/],
  ];
  for (const [what, p, name, message] of cases) t.match(await p.catch((x: unknown) => x), { name, message }, what);
});

t.test('a VLAN-filtering bridge: a trunk carries VLANs 10 and 20 tagged, access ports get one VLAN untagged', async (t) => {
  // The switch: a bridge with VLAN filtering in namespace sw. Hosts a10 and b10 sit on access ports
  // of VLAN 10, c20 on an access port of VLAN 20 with an address in VLAN 10's subnet (a host that
  // would answer if VLAN 10's frames reached it); a trunk port carries both VLANs tagged to namespace
  // tr, where vlan links tr0.10 and tr0.20 take them apart (the tagged side needs 8021q).
  const skip = await needsKind('vlan_filtering') || await needsKind('vlan');
  if (skip) return t.plan(0, skip);
  const sw = await freshNetns(t);
  const hosts = { a10: '192.0.2.1', b10: '192.0.2.2', c20: '192.0.2.3' };
  await sw.h.links.add({ kind: 'bridge', name: 'br0', vlanFiltering: true, up: true });
  const ns: Record<string, string> = {};
  for (const [name, addr] of Object.entries(hosts)) {
    const n = await freshNetns(t);
    ns[name] = n.ns;
    await sw.h.links.add({ kind: 'veth', name: `p-${name}`, master: 'br0', up: true, peer: { name: 'eth0', netns: n.ns } });
    await n.h.links.set('eth0', { up: true });
    await n.h.addresses.add('eth0', `${addr}/24`);
    // An access port: its VLAN as PVID, untagged both ways, and the default VLAN 1 gone.
    await sw.h.bridgeVlans.delete({ link: `p-${name}`, vid: 1 });
    await sw.h.bridgeVlans.add({ link: `p-${name}`, vid: name.endsWith('10') ? 10 : 20, pvid: true, untagged: true });
  }
  const tr = await freshNetns(t);
  await sw.h.links.add({ kind: 'veth', name: 'p-trunk', master: 'br0', up: true, peer: { name: 'tr0', netns: tr.ns } });
  await sw.h.bridgeVlans.delete({ link: 'p-trunk', vid: 1 });
  await sw.h.bridgeVlans.add({ link: 'p-trunk', vid: 10 });
  await sw.h.bridgeVlans.add({ link: 'p-trunk', vid: 20 });
  await tr.h.links.set('tr0', { up: true });
  await tr.h.links.add({ kind: 'vlan', name: 'tr0.10', parent: 'tr0', id: 10, up: true });
  await tr.h.links.add({ kind: 'vlan', name: 'tr0.20', parent: 'tr0', id: 20, up: true });
  await tr.h.addresses.add('tr0.10', '192.0.2.10/24');
  await tr.h.addresses.add('tr0.20', '198.51.100.10/24');
  const tagged20 = await tr.h.links.get('tr0.20');
  t.ok(tagged20.flags.up, 'the trunk side is up');
  // c20 also answers in VLAN 20's own subnet, for the trunk's VLAN 20 to reach it.
  ip(ns.c20!, 'addr', 'add', '198.51.100.3/24', 'dev', 'eth0');
  t.strictSame(bridgeVlanShow(sw.ns).filter((e) => e.link === 'p-trunk'),
    [{ link: 'p-trunk', vid: 10, pvid: false, untagged: false }, { link: 'p-trunk', vid: 20, pvid: false, untagged: false }], 'the trunk carries 10 and 20 tagged');

  t.ok(pings(ns.a10!, hosts.b10), 'a10 -> b10: VLAN 10 access ports reach each other');
  t.ok(pings(ns.a10!, '192.0.2.10'), 'a10 -> the trunk\'s VLAN 10 (tr0.10): reaches, tagged 10 on the trunk');
  t.ok(pings(tr.ns, '198.51.100.3'), 'the trunk\'s VLAN 20 (tr0.20) -> c20: reaches');
  t.notOk(pings(ns.a10!, hosts.c20, 2), 'a10 -> c20 (same subnet, VLAN 20): no reply, VLAN 10 frames do not reach VLAN 20\'s port');
  t.notOk(pings(ns.b10!, hosts.c20, 2), 'b10 -> c20: no reply');
  // The control: without VLAN filtering the same wiring is one segment, and c20 answers.
  await sw.h.links.set('br0', { bridge: { vlanFiltering: false } });
  t.ok(pings(ns.a10!, hosts.c20), 'with vlanFiltering off, a10 -> c20 reaches: the filtering kept them apart');
});
