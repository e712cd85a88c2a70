// A macvlan on a VLAN on a bond: eth0 + eth1 in bond0 (active-backup), bond0.50 on it, and a
// container's macvlan on bond0.50, whose traffic survives the active port losing its link.
//
//   ip link add bond0 type bond mode active-backup miimon 100
//   ip link set eth0 master bond0; ip link set eth1 master bond0
//   ip link add bond0.50 link bond0 type vlan id 50
//   ip link add mv0 link bond0.50 type macvlan mode bridge; ip link set mv0 netns CONTAINER
//
// Two veth pairs stand in for eth0 and eth1: their far ends are ports of a bridge in the "switch"
// namespace, where br0.50 holds the gateway 10.50.0.1/24 on VLAN 50.
//
// Needs a kernel with bonding and 8021q: exits with status 2 ("kernel lacks bond"/"vlan") otherwise.
// Run as root: node --import tsx examples/bond-macvlan.ts
import { needing, runExample } from './scaffold.js';

runExample('bond-macvlan', async (ex) => {
  const host = await ex.netns('host');
  const sw = await ex.netns('switch');
  const c = await ex.netns('c1');
  // The switch: a bridge with the two ports, and the gateway on VLAN 50.
  await sw.h.links.add({ kind: 'bridge', name: 'br0', up: true });
  for (const i of [0, 1]) {
    await host.h.links.add({ kind: 'veth', name: `eth${i}`, peer: { name: `sw${i}`, netns: sw.name } });
    await sw.h.links.set(`sw${i}`, { master: 'br0', up: true });
  }
  await needing('vlan', sw.h.links.add({ kind: 'vlan', name: 'br0.50', parent: 'br0', id: 50, up: true }));
  await sw.h.addresses.add('br0.50', '10.50.0.1/24');

  // The host: bond0 over eth0 and eth1, which join with master (down: the bond brings them up).
  await needing('bond', host.h.links.add({ kind: 'bond', name: 'bond0', mode: 'active-backup', miimon: 100 }));
  for (const i of [0, 1]) await host.h.links.set(`eth${i}`, { master: 'bond0' });
  await host.h.links.set('bond0', { up: true, bond: { primary: 'eth0' } });
  await needing('vlan', host.h.links.add({ kind: 'vlan', name: 'bond0.50', parent: 'bond0', id: 50, up: true }));
  const bond = await host.h.links.get('bond0');
  console.log(`${host.name}: bond0 mode ${bond.bond?.mode} miimon ${bond.bond?.miimon} primary ${bond.bond?.primary}, bond0.50 on it`);

  // The container: a macvlan on bond0.50, moved into its namespace.
  await host.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'bond0.50', mode: 'bridge', netns: c.name });
  await c.h.links.set('mv0', { name: 'eth0', up: true });
  await c.h.addresses.add('eth0', '10.50.0.10/24');

  const active = async (port: string): Promise<boolean> =>
    (await host.h.links.waitFor(port, (l) => l.bondPort?.state === 'ACTIVE', { timeout: 20_000 }).then(() => true, () => false));
  ex.check('eth0 is the active port', await active('eth0'));
  await ex.ping('c1 (macvlan on bond0.50, eth0 active)', c.name, '10.50.0.1', true);

  // eth0's cable is pulled: the switch port goes down, eth0 loses carrier, miimon fails over to eth1.
  await sw.h.links.set('sw0', { up: false });
  ex.check('after eth0 lost its link, eth1 is the active port', await active('eth1'));
  const eth0 = await host.h.links.get('eth0');
  console.log(`  eth0: bond port ${eth0.bondPort?.state}, mii ${eth0.bondPort?.miiStatus}, link failures ${eth0.bondPort?.linkFailureCount}`);
  ex.check('eth0 counts one link failure', (eth0.bondPort?.linkFailureCount ?? 0) >= 1);
  await ex.ping('c1 (macvlan on bond0.50, eth1 active)', c.name, '10.50.0.1', true);
});
