// 802.1Q tagging: Docker macvlan networks on eth0.19 and eth0.20, and traffic staying inside its VLAN.
//
//   docker network create -d macvlan --subnet=192.168.19.0/24 --gateway=192.168.19.1 -o parent=eth0.19 vlan19
//   docker network create -d macvlan --subnet=192.168.20.0/24 --gateway=192.168.20.1 -o parent=eth0.20 vlan20
//
// A veth pair stands in for eth0: up0 in the "host" namespace, up1 in the "wire" namespace, where a
// trunk port ends in up1.19 and up1.20 holding the two gateways. attach() with parent 'up0.19'
// creates the VLAN sub-interface itself when it is missing (as Docker does), and detach() removes
// it again once its last macvlan is gone.
//
// Needs a kernel with 8021q: exits with status 2 ("kernel lacks vlan") when it has none.
// Run as root: node --import tsx examples/vlan-tagging.ts
import { needing, runExample } from './scaffold.js';

runExample('vlan-tagging', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.links.set('up1', { up: true });
  // The far end of the trunk: ip link add up1.19 link up1 type vlan id 19 (and 20), with the gateways.
  for (const id of [19, 20]) {
    await needing('vlan', wire.h.links.add({ kind: 'vlan', name: `up1.${id}`, parent: 'up1', id, up: true }));
    await wire.h.addresses.add(`up1.${id}`, `192.168.${id}.1/24`);
  }
  console.log(`${host.name}: up0 (eth0) <-> up1 in ${wire.name}, trunk: up1.19 192.168.19.1/24, up1.20 192.168.20.1/24`);

  // Containers: two on VLAN 19, one on VLAN 20, and an "intruder" on VLAN 20 that claims an
  // address of VLAN 19's subnet: only the tag keeps it out.
  const plan = [
    ['a19', 'up0.19', '192.168.19.10/24', '192.168.19.1'],
    ['b19', 'up0.19', '192.168.19.11/24', '192.168.19.1'],
    ['c20', 'up0.20', '192.168.20.10/24', '192.168.20.1'],
    ['x20', 'up0.20', '192.168.19.99/24', undefined],
  ] as const;
  const ns: Record<string, string> = {};
  const attached: { netns: string; parent: string }[] = [];
  ex.defer(async () => {
    for (const a of attached.reverse()) await host.h.detach({ netns: a.netns, ifname: 'eth0', parent: a.parent });
  });
  for (const [role, parent, address, gateway] of plan) {
    const c = await ex.netns(role);
    ns[role] = c.name;
    const r = await host.h.attach({
      kind: 'macvlan', parent, netns: c.name, addresses: [address], ...(gateway !== undefined && { gateway }),
    });
    attached.push({ netns: c.name, parent });
    console.log(`${role}: eth0 macvlan ${r.link.macvlan?.mode} on ${parent}, ${address}${gateway ? ` via ${gateway}` : ''}` +
      `${r.parentCreated ? ` (attach created ${parent})` : ''}`);
  }
  for (const id of [19, 20]) {
    const v = await host.h.links.get(`up0.${id}`);
    ex.check(`up0.${id}: vlan id ${v.vlan?.id} ${v.vlan?.protocol} on ${v.parent}, alias ${JSON.stringify(v.alias)}, ${v.flags.up ? 'up' : 'down'}`,
      v.vlan?.id === id && v.vlan.protocol === '802.1Q' && v.parent === 'up0' && v.flags.up);
  }

  console.log('\nsame VLAN');
  await ex.ping('a19', ns.a19!, '192.168.19.1', true);
  await ex.ping('a19', ns.a19!, '192.168.19.11', true);
  await ex.ping('c20', ns.c20!, '192.168.20.1', true);
  console.log('across VLANs');
  await ex.ping('c20 (no router between the VLANs)', ns.c20!, '192.168.19.10', false);
  await ex.ping('x20 (VLAN 20, VLAN 19\'s subnet)', ns.x20!, '192.168.19.10', false);
  await ex.ping('x20 (VLAN 20, VLAN 19\'s subnet)', ns.x20!, '192.168.19.11', false);

  // docker network rm: detach every container; the last one on a VLAN takes the VLAN link along.
  for (const a of attached.splice(0).reverse()) {
    const { parentRemoved } = await host.h.detach({ netns: a.netns, ifname: 'eth0', parent: a.parent });
    if (parentRemoved) console.log(`detached the last container on ${a.parent}: ${a.parent} removed`);
  }
  const left = (await host.h.links.list()).filter((l) => l.kind === 'vlan').map((l) => l.name);
  ex.check(`after detach, VLAN links left in ${host.name}: ${left.length === 0 ? 'none' : left.join(', ')}`, left.length === 0);
});
