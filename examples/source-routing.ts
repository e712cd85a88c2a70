// Source-based routing for a host with two macvlan networks: each network has its own router, and
// a reply must leave by the network its source address belongs to. The main table's one default
// route sends everything through the first router, which knows nothing of the second network:
// traffic from the second network's address gets no answer. A policy rule per network fixes that:
//
//   ip route add default via 10.61.2.1 dev mv1 table 20
//   ip rule add from 10.61.2.0/24 lookup 20 pref 1000
//
// Two veth pairs stand in for two uplinks: up0 (in "host") to router1 (10.61.1.1) and up2 to
// router2 (10.61.2.1). Namespace "multi" holds mv0 (macvlan on up0, 10.61.1.10) and mv1 (macvlan
// on up2, 10.61.2.10). Both routers answer for 203.0.113.1 (a far address, on their lo); each
// routes back only to its own network.
//
// Run as root: node --import tsx examples/source-routing.ts
import { runExample } from './scaffold.js';

const FAR = '203.0.113.1';
const NETS = [
  { router: 'router1', up: 'up0', peer: 'up1', mv: 'mv0', gateway: '10.61.1.1', addr: '10.61.1.10', subnet: '10.61.1.0/24', table: 10 },
  { router: 'router2', up: 'up2', peer: 'up3', mv: 'mv1', gateway: '10.61.2.1', addr: '10.61.2.10', subnet: '10.61.2.0/24', table: 20 },
] as const;

runExample('source-routing', async (ex) => {
  const host = await ex.netns('host');
  const multi = await ex.netns('multi');
  for (const n of NETS) {
    const r = await ex.netns(n.router);
    await host.h.links.add({ kind: 'veth', name: n.up, peer: { name: n.peer, netns: r.name } });
    await host.h.links.set(n.up, { up: true });
    await r.h.addresses.add(n.peer, `${n.gateway}/24`);
    await r.h.addresses.add('lo', `${FAR}/32`);
    await r.h.links.set(n.peer, { up: true });
    await r.h.links.set('lo', { up: true });
    await host.h.links.add({ kind: 'macvlan', name: n.mv, parent: n.up, mode: 'bridge', netns: multi.name });
    await multi.h.addresses.add(n.mv, `${n.addr}/24`);
    await multi.h.links.set(n.mv, { up: true });
    console.log(`${multi.name}: ${n.mv} macvlan on ${n.up}, ${n.addr}/24, router ${n.gateway} (${r.name})`);
  }
  await multi.h.routes.add({ dst: 'default', gateway: NETS[0].gateway });
  console.log(`${multi.name}: default via ${NETS[0].gateway} (main table)`);

  console.log('without rules:');
  await ex.ping(`${multi.name} from ${NETS[0].addr}`, multi.name, FAR, true, NETS[0].addr);
  await ex.ping(`${multi.name} from ${NETS[1].addr}`, multi.name, FAR, false, NETS[1].addr);

  // A table per network, and a rule sending each network's source addresses to it.
  for (const [i, n] of NETS.entries()) {
    await multi.h.routes.add({ dst: 'default', gateway: n.gateway, link: n.mv, table: n.table });
    await multi.h.rules.add({ from: n.subnet, table: n.table, priority: 1000 + i });
  }
  for (const r of await multi.h.rules.list({ family: 4 })) {
    if (r.from !== undefined) console.log(`${multi.name}: rule ${r.priority}: from ${r.from} lookup ${r.table}`);
  }
  const ours = (await multi.h.rules.list({ family: 4 })).filter((r) => r.from !== undefined);
  ex.check(`${multi.name}: rules.list shows the two rules`, ours.length === 2 && ours.every((r, i) => r.from === NETS[i]!.subnet && r.table === NETS[i]!.table), '2 rules');

  console.log('with a rule per network:');
  for (const n of NETS) await ex.ping(`${multi.name} from ${n.addr}`, multi.name, FAR, true, n.addr);

  // Without the second rule, the second network is cut off again.
  await multi.h.rules.delete({ priority: 1001 });
  console.log(`${multi.name}: rule 1001 deleted`);
  await ex.ping(`${multi.name} from ${NETS[1].addr}`, multi.name, FAR, false, NETS[1].addr);
});
