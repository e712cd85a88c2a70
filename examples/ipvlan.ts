// ipvlan, both modes. A veth pair stands in for eth0: up0 (10.99.0.1/24) in the "host" namespace,
// up1 (10.99.0.2/24) in the "wire" namespace, a router on the physical network.
//
// l2: every ipvlan shares its parent's MAC address; one subnet, ARP as usual.
//   ip link add iv0 link eth0 type ipvlan mode l2 netns c1; ip -n c1 addr add 192.168.1.11/24 dev iv0
// l3: the parent routes; no ARP, no broadcast. Each container in a subnet of its own, with
//   ip -n c3 route add default dev iv0
//   and the router outside reaches those subnets through a route via the host's address on eth0:
//   ip route add 192.168.214.0/24 via 10.99.0.1
//
// Needs a kernel with ipvlan: exits with status 2 ("kernel lacks ipvlan") when it has none.
// Run as root: node --import tsx examples/ipvlan.ts
import { needing, runExample, type Ns } from './scaffold.js';

runExample('ipvlan', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.links.set('up1', { up: true });
  await host.h.addresses.add('up0', '10.99.0.1/24');
  await wire.h.addresses.add('up1', '10.99.0.2/24');
  const parentMac = (await host.h.links.get('up0')).address;
  console.log(`${host.name}: up0 ${parentMac} 10.99.0.1/24 <-> up1 10.99.0.2/24 in ${wire.name}`);

  // ---- l2 ----
  console.log('\nipvlan l2: one subnet (10.99.0.0/24, the wire\'s own), all on up0\'s MAC');
  const l2: Ns[] = [];
  for (const [role, addr] of [['c1', '10.99.0.11'], ['c2', '10.99.0.12']] as const) {
    const c = await ex.netns(role);
    const iv = await needing('ipvlan', host.h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l2', netns: c.name }));
    await c.h.addresses.add('iv0', `${addr}/24`);
    await c.h.links.set('iv0', { up: true });
    ex.check(`${role}: iv0 ipvlan ${iv.ipvlan?.mode} ${iv.ipvlan?.flags}, MAC ${iv.address} (up0's: ${parentMac}), ${addr}/24`,
      iv.address === parentMac && iv.ipvlan?.mode === 'l2');
    l2.push(c);
  }
  await ex.ping('l2: c1', l2[0]!.name, '10.99.0.12', true);
  await ex.ping('l2: c1', l2[0]!.name, '10.99.0.2', true);
  await ex.ping('l2: wire', wire.name, '10.99.0.11', true);
  const arp = (await wire.h.neighbours.list({ link: 'up1', family: 4 })).find((n) => n.address === '10.99.0.11');
  ex.check(`l2: the wire's ARP entry for 10.99.0.11 is up0's MAC ${arp?.lladdr}`, arp?.lladdr === parentMac);

  // The kernel keeps one mode per parent: the l2 links go before l3 ones come.
  for (const c of l2) await c.h.links.delete('iv0');

  // ---- l3 ----
  console.log('\nipvlan l3: each container in a subnet of its own, `default dev iv0`; the wire routes via 10.99.0.1');
  const l3: Ns[] = [];
  for (const [role, net] of [['c3', '192.168.214'], ['c4', '10.1.100']] as const) {
    const c = await ex.netns(role);
    const iv = await host.h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l3', netns: c.name });
    await c.h.addresses.add('iv0', `${net}.10/24`);
    await c.h.links.set('iv0', { up: true });
    await c.h.routes.add({ dst: 'default', link: 'iv0' }); // ip route add default dev iv0
    // The router outside: ip route add NET.0/24 via 10.99.0.1 (the host's address on the parent).
    await wire.h.routes.add({ dst: `${net}.0/24`, gateway: '10.99.0.1' });
    const def = (await c.h.routes.list({ family: 4 })).find((r) => r.dst === 'default');
    ex.check(`${role}: iv0 ipvlan ${iv.ipvlan?.mode}, ${net}.10/24, default dev ${def?.link}${def?.gateway ? ` via ${def.gateway}` : ''}`,
      iv.ipvlan?.mode === 'l3' && def?.link === 'iv0' && def.gateway === undefined);
    l3.push(c);
  }
  await ex.ping('l3: c3', l3[0]!.name, '10.1.100.10', true); // another subnet, through the parent
  await ex.ping('l3: c4', l3[1]!.name, '192.168.214.10', true);
  await ex.ping('l3: c3', l3[0]!.name, '10.99.0.2', true); // the router outside
  await ex.ping('l3: wire', wire.name, '192.168.214.10', true); // through its route via 10.99.0.1
  await wire.h.routes.delete({ dst: '10.1.100.0/24', gateway: '10.99.0.1' });
  await ex.ping('l3: wire, route to 10.1.100.0/24 removed,', wire.name, '10.1.100.10', false);
});
