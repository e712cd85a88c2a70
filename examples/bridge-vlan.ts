// A Linux bridge as a VLAN switch: a trunk port carrying VLANs 10 and 20 tagged, access ports with
// one PVID untagged, and frames of VLAN 10 reaching only VLAN 10's ports.
//
//   ip link add br0 type bridge vlan_filtering 1; ip link set br0 up
//   ip link set p-a10 master br0; bridge vlan del dev p-a10 vid 1
//   bridge vlan add dev p-a10 vid 10 pvid untagged             (p-b10 likewise; p-c20 with vid 20)
//   ip link set p-trunk master br0; bridge vlan del dev p-trunk vid 1
//   bridge vlan add dev p-trunk vid 10; bridge vlan add dev p-trunk vid 20
//
// The switch lives in namespace "sw"; each host (a10, b10, c20) in its own namespace behind a veth
// pair; the far end of the trunk in namespace "router", where tr0.10 and tr0.20 take the tags off.
// c20 also holds an address in VLAN 10's subnet: it would answer if VLAN 10's frames reached it.
//
// Needs bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING) and 8021q: exits with status 2 ("kernel
// lacks vlan_filtering" or "kernel lacks vlan") where the kernel has none.
// Run as root: node --import tsx examples/bridge-vlan.ts
import { needing, runExample, type Ns } from './scaffold.js';

const HOSTS = { a10: { vid: 10, addr: '192.0.2.1' }, b10: { vid: 10, addr: '192.0.2.2' }, c20: { vid: 20, addr: '198.51.100.3' } };
const INTRUDER = '192.0.2.3'; // on c20, in VLAN 10's subnet

runExample('bridge-vlan', async (ex) => {
  const sw = await ex.netns('sw');
  await needing('vlan_filtering', sw.h.links.add({ kind: 'bridge', name: 'br0', vlanFiltering: true, up: true }));
  console.log(`${sw.name}: br0, a bridge with VLAN filtering`);

  const hosts: Record<string, Ns> = {};
  for (const [name, { vid, addr }] of Object.entries(HOSTS)) {
    const n = await ex.netns(name);
    hosts[name] = n;
    await sw.h.links.add({ kind: 'veth', name: `p-${name}`, master: 'br0', up: true, peer: { name: 'eth0', netns: n.name } });
    // An access port: its one VLAN as PVID, untagged both ways, and the default VLAN 1 gone.
    await sw.h.bridgeVlans.delete({ link: `p-${name}`, vid: 1 });
    await sw.h.bridgeVlans.add({ link: `p-${name}`, vid, pvid: true, untagged: true });
    await n.h.links.set('eth0', { up: true });
    await n.h.addresses.add('eth0', `${addr}/24`);
    console.log(`${n.name}: eth0 ${addr}/24 on access port p-${name} (VLAN ${vid} untagged)`);
  }
  await hosts.c20!.h.addresses.add('eth0', `${INTRUDER}/24`);

  const router = await ex.netns('router');
  await sw.h.links.add({ kind: 'veth', name: 'p-trunk', master: 'br0', up: true, peer: { name: 'tr0', netns: router.name } });
  await sw.h.bridgeVlans.delete({ link: 'p-trunk', vid: 1 });
  for (const vid of [10, 20]) await sw.h.bridgeVlans.add({ link: 'p-trunk', vid });
  await router.h.links.set('tr0', { up: true });
  for (const [vid, addr] of [[10, '192.0.2.254/24'], [20, '198.51.100.254/24']] as const) {
    await needing('vlan', router.h.links.add({ kind: 'vlan', name: `tr0.${vid}`, parent: 'tr0', id: vid, up: true }));
    await router.h.addresses.add(`tr0.${vid}`, addr);
  }
  console.log(`${router.name}: tr0 on trunk port p-trunk (VLANs 10 and 20 tagged): tr0.10 192.0.2.254, tr0.20 198.51.100.254`);

  // bridge vlan show, read back
  const table = await sw.h.bridgeVlans.list();
  const show = (link: string): string => table.filter((e) => e.link === link)
    .map((e) => `${e.vid}${e.pvid ? ' pvid' : ''}${e.untagged ? ' untagged' : ''}`).join(', ');
  console.log('\nbridge vlan show:');
  ex.check(`p-trunk: ${show('p-trunk')}`, show('p-trunk') === '10, 20', '10, 20');
  ex.check(`p-a10: ${show('p-a10')}`, show('p-a10') === '10 pvid untagged', '10 pvid untagged');
  ex.check(`p-c20: ${show('p-c20')}`, show('p-c20') === '20 pvid untagged', '20 pvid untagged');

  console.log('\ntraffic:');
  await ex.ping('VLAN 10 access to access: a10', hosts.a10!.name, HOSTS.b10.addr, true);
  await ex.ping('VLAN 10 access to trunk: a10', hosts.a10!.name, '192.0.2.254', true);
  await ex.ping('VLAN 20 trunk to access: router', router.name, HOSTS.c20.addr, true);
  await ex.ping('VLAN 10 to a VLAN 20 port: a10', hosts.a10!.name, INTRUDER, false);
  await ex.ping('VLAN 10 to a VLAN 20 port: router (tr0.10)', router.name, INTRUDER, false);
});
