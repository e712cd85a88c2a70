// A VRF per tenant: two tenants use the same subnet (10.0.0.0/24, even the same addresses) on one
// router, kept apart by their routing tables.
//
//   ip link add red type vrf table 10; ip link add blue type vrf table 20
//   ip link set r-red master red; ip link set r-blue master blue
//   ip route add 10.9.0.0/24 via 10.1.0.2 table 10
//
// Each tenant has a client (10.0.0.2) and a server; the red server is 10.1.0.2, the blue one
// 10.1.0.3, and only red's table routes 10.9.0.0/24 (a service behind the red server).
//
// Needs a kernel with vrf: exits with status 2 ("kernel lacks vrf") otherwise.
// Run as root: node --import tsx examples/vrf-tenants.ts
import { needing, runExample } from './scaffold.js';

runExample('vrf-tenants', async (ex) => {
  const router = await ex.netns('router');
  await router.h.sysctl.set('net.ipv4.ip_forward', 1);
  const tenants = [
    { name: 'red', table: 10, server: '10.1.0.2' },
    { name: 'blue', table: 20, server: '10.1.0.3' },
  ] as const;
  const ns: Record<string, string> = {};
  const handles: Record<string, import('rtnl').Rtnl> = {};
  for (const t of tenants) {
    await needing('vrf', router.h.links.add({ kind: 'vrf', name: t.name, table: t.table, up: true }));
    for (const [role, subnet, address] of [['client', '10.0.0', '10.0.0.2'], ['server', '10.1.0', t.server]] as const) {
      const other = await ex.netns(`${t.name}-${role}`);
      ns[`${t.name}-${role}`] = other.name;
      handles[`${t.name}-${role}`] = other.h;
      const r = `${t.name[0]}-${role}`;
      await router.h.links.add({ kind: 'veth', name: r, peer: { name: 'eth0', netns: other.name }, master: t.name, up: true });
      await router.h.addresses.add(r, `${subnet}.1/24`);
      await other.h.links.set('eth0', { up: true });
      await other.h.addresses.add('eth0', `${address}/24`);
      await other.h.routes.add({ dst: 'default', gateway: `${subnet}.1` });
    }
    const vrf = await router.h.links.get(t.name);
    console.log(`${t.name}: vrf table ${vrf.vrf?.table}, client 10.0.0.2 on ${t.name[0]}-client, server ${t.server} on ${t.name[0]}-server`);
  }
  // A service behind the red server, routed in red's table only.
  await router.h.routes.add({ dst: '10.9.0.0/24', gateway: '10.1.0.2', table: 10 });
  await handles['red-server']!.links.set('lo', { up: true });
  await handles['red-server']!.addresses.add('lo', '10.9.0.1/32');
  const routes = await router.h.routes.list({ family: 4, table: 10 });
  ex.check(`table 10 routes: ${routes.map((r) => r.dst).join(', ')}`, routes.some((r) => r.dst === '10.9.0.0/24') && routes.some((r) => r.dst === '10.0.0.0/24'));

  console.log('\nred');
  await ex.ping('red client', ns['red-client']!, '10.1.0.2', true);
  await ex.ping('red client', ns['red-client']!, '10.1.0.3', false);
  await ex.ping('red client (via table 10)', ns['red-client']!, '10.9.0.1', true);
  console.log('blue');
  await ex.ping('blue client', ns['blue-client']!, '10.1.0.3', true);
  await ex.ping('blue client', ns['blue-client']!, '10.1.0.2', false);
  await ex.ping('blue client (table 20 has no route)', ns['blue-client']!, '10.9.0.1', false);
});
