// The seed recipes with real traffic: ipvlan l3 across two namespaces with `default dev` routes,
// ipvlan l2 links sharing their parent's MAC address, two VLANs on the ends of a veth pair (the same
// id talks, different ids do not), and a macvlan on a VLAN sub-interface (Docker's parent=eth0.50).
import t from 'tap';
import { freshNetns, ipJson, ipLink, pings } from './helpers.js';
import { skipUnless } from './kinds-oracle.js';


t.test('ipvlan l3: two namespaces with `default dev` routes reach each other through the parent', async (t) => {
  if (await skipUnless(t, 'ipvlan')) return;
  const { h } = await freshNetns(t, { veth: true });
  const a = await freshNetns(t);
  const b = await freshNetns(t);
  // Docker's ipvlan l3: each container in a subnet of its own, routed by the parent.
  await h.links.add({ kind: 'ipvlan', name: 'iv-a', parent: 'up0', mode: 'l3', netns: a.ns });
  await h.links.add({ kind: 'ipvlan', name: 'iv-b', parent: 'up0', netns: b.ns });
  for (const [c, name, addr] of [[a, 'iv-a', '10.10.1.2/24'], [b, 'iv-b', '10.10.2.2/24']] as const) {
    const l = await c.h.links.get(name);
    t.strictSame(l.ipvlan, { mode: 'l3', flags: 'bridge' }, `${name}: l3 bridge`);
    await c.h.links.set(name, { up: true });
    await c.h.addresses.add(name, addr);
    await c.h.routes.add({ dst: 'default', link: name });
  }
  t.match(ipJson<any[]>(a.ns, 'route', 'show', 'default'), [{ dst: 'default', dev: 'iv-a' }], 'a: default dev iv-a');
  t.ok(pings(a.ns, '10.10.2.2'), 'a reaches b across subnets');
  t.ok(pings(b.ns, '10.10.1.2'), 'b reaches a');
  t.notOk(pings(a.ns, '10.10.3.2', 1), 'an address no ipvlan holds does not answer');
});

t.test('ipvlan l2: the links share their parent\'s MAC address, and talk over ARP', async (t) => {
  if (await skipUnless(t, 'ipvlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  const parentMac = (await h.links.get('up0')).address!;
  const a = await freshNetns(t);
  const b = await freshNetns(t);
  await h.links.add({ kind: 'ipvlan', name: 'iv-a', parent: 'up0', mode: 'l2', netns: a.ns });
  await h.links.add({ kind: 'ipvlan', name: 'iv-b', parent: 'up0', mode: 'l2', netns: b.ns });
  for (const [c, name, addr] of [[a, 'iv-a', '10.20.0.2/24'], [b, 'iv-b', '10.20.0.3/24']] as const) {
    const l = await c.h.links.get(name);
    t.equal(l.address, parentMac, `${name} has the parent's MAC (rtnl)`);
    t.equal(ipLink(c.ns, name).address, parentMac, `${name} has the parent's MAC (ip)`);
    t.ok(l.linkNetnsId !== undefined, `${name}: its parent lives in another namespace`);
    await c.h.links.set(name, { up: true });
    await c.h.addresses.add(name, addr);
  }
  t.equal(ipLink(ns, 'up0').address, parentMac, 'the parent keeps its MAC');
  t.ok(pings(a.ns, '10.20.0.3'), 'a reaches b');
  t.ok(pings(b.ns, '10.20.0.2'), 'b reaches a');
  const n = ipJson<any[]>(a.ns, 'neigh', 'show', '10.20.0.3', 'dev', 'iv-a');
  t.equal(n[0]?.lladdr, parentMac, 'a learnt b\'s address with the shared MAC');
});

t.test('vlan: sub-interfaces on the two ends of a veth pair talk on the same id, not across ids', async (t) => {
  if (await skipUnless(t, 'vlan')) return;
  const a = await freshNetns(t);
  const b = await freshNetns(t);
  // A "wire": a veth pair with one end in each namespace.
  await a.h.links.add({ kind: 'veth', name: 'wire', peer: { name: 'wire', netns: b.ns } });
  await a.h.links.set('wire', { up: true });
  await b.h.links.set('wire', { up: true });
  const vlans: [string, number, '802.1Q' | '802.1ad', string, string][] = [
    // name, id, protocol, address in a, address in b
    ['v10', 10, '802.1Q', '10.30.10.1/24', '10.30.10.2/24'], // same id: talks
    ['v20', 20, '802.1Q', '10.30.20.1/24', ''],
    ['v30', 30, '802.1Q', '', '10.30.20.2/24'], //               ids 20 and 30, one subnet: silent
    ['q40', 40, '802.1ad', '10.30.40.1/24', '10.30.40.2/24'], // 802.1ad, same id: talks
  ];
  for (const [name, id, protocol, addrA, addrB] of vlans) {
    for (const [c, addr] of [[a, addrA], [b, addrB]] as const) {
      if (!addr) continue;
      const l = await c.h.links.add({ kind: 'vlan', name, parent: 'wire', id, protocol, up: true });
      t.match(l.vlan, { id, protocol }, `${name} in ${c === a ? 'a' : 'b'}`);
      await c.h.addresses.add(name, addr);
    }
  }
  // id 50 in a, the same id in b but 802.1ad: the tags differ (0x8100 vs 0x88a8).
  await a.h.links.add({ kind: 'vlan', name: 'p50', parent: 'wire', id: 50, protocol: '802.1Q', up: true });
  await b.h.links.add({ kind: 'vlan', name: 'p50', parent: 'wire', id: 50, protocol: '802.1ad', up: true });
  await a.h.addresses.add('p50', '10.30.50.1/24');
  await b.h.addresses.add('p50', '10.30.50.2/24');

  t.ok(pings(a.ns, '10.30.10.2'), 'id 10 <-> id 10 (802.1Q)');
  t.ok(pings(b.ns, '10.30.40.1'), 'id 40 <-> id 40 (802.1ad)');
  t.notOk(pings(a.ns, '10.30.20.2', 2), 'id 20 does not reach id 30');
  t.notOk(pings(a.ns, '10.30.50.2', 2), '802.1Q id 50 does not reach 802.1ad id 50');
});

t.test('macvlan on a vlan sub-interface (Docker\'s parent=eth0.50) carries traffic in a container', async (t) => {
  if (await skipUnless(t, 'vlan', 'macvlan')) return;
  const { h } = await freshNetns(t); // the "host", with eth0
  const peer = await freshNetns(t); // the switch's side of the wire, on VLAN 50
  const c = await freshNetns(t); // the container
  await h.links.add({ kind: 'veth', name: 'eth0', peer: { name: 'sw0', netns: peer.ns } });
  await h.links.set('eth0', { up: true });
  await peer.h.links.set('sw0', { up: true });
  const vlan = await h.links.add({ kind: 'vlan', name: 'eth0.50', parent: 'eth0', id: 50, up: true });
  const mv = await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'eth0.50', mode: 'bridge', netns: c.ns });
  t.equal(mv.kind, 'macvlan');
  t.equal(mv.parentIndex, vlan.index, 'the macvlan\'s parent is the vlan sub-interface');
  t.ok(mv.linkNetnsId !== undefined, 'and lives in another namespace than the container');
  await peer.h.links.add({ kind: 'vlan', name: 'sw0.50', parent: 'sw0', id: 50, up: true });
  await peer.h.addresses.add('sw0.50', '10.50.0.1/24');
  await c.h.links.set('mv0', { up: true, address: '02:42:0a:32:00:05' });
  await c.h.addresses.add('mv0', '10.50.0.5/24');
  await c.h.routes.add({ dst: 'default', gateway: '10.50.0.1' });
  t.ok(pings(c.ns, '10.50.0.1'), 'the container reaches the far end of VLAN 50');
  const n = ipJson<any[]>(peer.ns, 'neigh', 'show', '10.50.0.5', 'dev', 'sw0.50');
  t.equal(n[0]?.lladdr, '02:42:0a:32:00:05', 'the far end saw the macvlan\'s own MAC, tagged on VLAN 50');
});
