// Several macvlans of one host on one subnet (seed recipe 004): without care, every interface answers
// ARP for every address of the namespace ("ARP flux"), and strict reverse-path filtering drops
// replies that arrive on the interface the route does not prefer. The recipe's settings, written
// through rtnl's sysctl (the namespace helper thread, no child process):
//
//   ip netns exec NS sysctl -w net.ipv4.conf.all.arp_ignore=1     answer only for addresses of the interface asked
//   ip netns exec NS sysctl -w net.ipv4.conf.all.arp_announce=2   announce only the best local address of the interface
//   ip netns exec NS sysctl -w net.ipv4.conf.all.rp_filter=2      loose reverse-path filter
//
// A veth pair stands in for eth0 (up0, in "host") and the switch port behind it (up1, in "wire",
// 10.60.0.1, the peer). The macvlan host is namespace "multi" with mv0 (10.60.0.11) and mv1
// (10.60.0.12) on up0. The peer must learn each address with its own interface's MAC.
//
// Run as root: node --import tsx examples/macvlan-arp.ts
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runExample } from './scaffold.js';

const run = promisify(execFile);
const PEER = '10.60.0.1';
const ADDR = { mv0: '10.60.0.11', mv1: '10.60.0.12' } as const;

runExample('macvlan-arp', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  const multi = await ex.netns('multi');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.addresses.add('up1', `${PEER}/24`);
  await wire.h.links.set('up1', { up: true });

  // The recipe's settings, before the interfaces exist (so `default` would do as well as `all`).
  const settings = { 'net.ipv4.conf.all.arp_ignore': 1, 'net.ipv4.conf.all.arp_announce': 2, 'net.ipv4.conf.all.rp_filter': 2 } as const;
  for (const [name, value] of Object.entries(settings)) await multi.h.sysctl.set(name as keyof typeof settings, value);
  for (const [name, value] of Object.entries(settings)) {
    const got = await multi.h.sysctl.getInt(name as keyof typeof settings);
    ex.check(`${multi.name}: ${name} = ${got}`, got === value, String(value));
  }

  const mac: Record<string, string> = {};
  for (const name of ['mv0', 'mv1'] as const) {
    const l = await host.h.links.add({ kind: 'macvlan', name, parent: 'up0', mode: 'bridge', netns: multi.name });
    await multi.h.addresses.add(name, `${ADDR[name]}/24`);
    await multi.h.links.set(name, { up: true });
    mac[name] = l.address!;
    console.log(`${multi.name}: ${name} macvlan bridge on up0, ${l.address}, ${ADDR[name]}/24`);
  }

  // The request for mv1's address arrives on mv1, though the route back to the peer prefers mv0:
  // the loose reverse-path filter lets it through.
  for (const name of ['mv0', 'mv1'] as const) {
    await ex.ping(`${wire.name}`, wire.name, ADDR[name], true);
    const { stdout } = await run('ip', ['-n', wire.name, '-j', 'neigh', 'show', 'dev', 'up1', 'to', ADDR[name]]);
    const lladdr = (JSON.parse(stdout || '[]') as { lladdr?: string }[])[0]?.lladdr;
    ex.check(`${wire.name}: ${ADDR[name]} is at ${lladdr}, ${name}'s own MAC`, lladdr === mac[name], mac[name]);
  }
});
