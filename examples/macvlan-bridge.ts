// macvlan in bridge mode between two namespaces, and why vepa and private do not talk without a
// hairpin switch. A veth pair stands in for eth0 (up0, in the "host" namespace) and for the switch
// port behind it (up1, in the "wire" namespace, 10.40.0.1).
//
//   ip link add mv0 link eth0 type macvlan mode bridge netns a     (likewise for b)
//   ip -n a addr add 10.40.0.11/24 dev mv0; ip -n a link set mv0 up
//   ip -n a link set mv0 type macvlan mode vepa                    (then private)
//
// Run as root: node --import tsx examples/macvlan-bridge.ts
import type { MacvlanMode } from 'rtnl';
import { runExample, type Ns } from './scaffold.js';

const WIRE = '10.40.0.1';
const ADDR = { a: '10.40.0.11', b: '10.40.0.12' };

runExample('macvlan-bridge', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.links.set('up1', { up: true });
  await wire.h.addresses.add('up1', `${WIRE}/24`);
  console.log(`${host.name}: up0 (stands in for eth0) <-> up1 in ${wire.name} (${WIRE}/24, a switch port)`);

  const c: Record<'a' | 'b', Ns> = { a: await ex.netns('a'), b: await ex.netns('b') };
  for (const k of ['a', 'b'] as const) {
    // Created directly inside the container's namespace, on the parent up0.
    const mv = await host.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', netns: c[k].name });
    await c[k].h.addresses.add('mv0', `${ADDR[k]}/24`);
    await c[k].h.links.set('mv0', { up: true });
    console.log(`${c[k].name}: mv0 macvlan ${mv.macvlan?.mode} on up0, ${mv.address}, ${ADDR[k]}/24`);
  }

  const modes = async (mode: MacvlanMode): Promise<void> => {
    for (const k of ['a', 'b'] as const) {
      // ip link set mv0 type macvlan mode MODE
      await c[k].h.links.set('mv0', { macvlan: { mode } });
      // ip neigh flush dev mv0: each mode starts from ARP, as a new container would; an address
      // learned in an earlier mode would let unicast through where ARP cannot go (private mode
      // drops the hairpinned broadcasts, that is ARP, and not unicast).
      for (const n of await c[k].h.neighbours.list({ link: 'mv0' })) {
        await c[k].h.neighbours.delete({ link: 'mv0', address: n.address }).catch(() => undefined);
      }
    }
    const now = (await c.a.h.links.get('mv0')).macvlan?.mode;
    ex.check(`a: mv0 reads back as mode ${now}`, now === mode, mode);
  };

  console.log('\nbridge: the parent switches frames between its own macvlans');
  await modes('bridge');
  await ex.ping('bridge: a', c.a.name, ADDR.b, true);
  await ex.ping('bridge: b', c.b.name, ADDR.a, true);
  await ex.ping('bridge: a', c.a.name, WIRE, true);

  console.log('\nvepa: every frame leaves through up0; up1 does not send it back out the port it came in on');
  await modes('vepa');
  await ex.ping('vepa: a', c.a.name, ADDR.b, false);
  await ex.ping('vepa: a', c.a.name, WIRE, true); // the link works: only sibling traffic is lost

  console.log('\nprivate: like vepa, and what a hairpin switch sends back is dropped too (below)');
  await modes('private');
  await ex.ping('private: a', c.a.name, ADDR.b, false);
  await ex.ping('private: a', c.a.name, WIRE, true);

  // The proof: a switch that hairpins ("reflective relay"). up1 becomes a port of bridge sw0, the
  // wire's address moves onto sw0, and the port gets hairpin on:
  //   ip link set up1 master sw0; ip link set up1 type bridge_slave hairpin on
  await wire.h.addresses.delete('up1', `${WIRE}/24`);
  await wire.h.links.add({ kind: 'bridge', name: 'sw0', up: true });
  await wire.h.links.set('up1', { master: 'sw0', bridgePort: { hairpin: true } });
  await wire.h.addresses.add('sw0', `${WIRE}/24`);
  const port = (await wire.h.links.get('up1')).bridgePort;
  ex.check(`up1 reads back as a port of sw0 with hairpin ${port?.hairpin ? 'on' : 'off'}`, port?.hairpin === true, 'hairpin on');
  console.log(`\nwith a hairpin switch: up1 is now a port of bridge sw0 (${WIRE}) in ${wire.name}, hairpin on`);
  await modes('vepa');
  await ex.ping('vepa + hairpin: a', c.a.name, ADDR.b, true);
  await ex.ping('vepa + hairpin: a', c.a.name, WIRE, true);
  await modes('private');
  await ex.ping('private + hairpin: a', c.a.name, ADDR.b, false); // hairpinned broadcasts are dropped: ARP never completes
});
