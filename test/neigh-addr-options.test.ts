// Neighbours listed by state, and the address options optimistic and protocol, against the kernel
// with iproute2 as the oracle where it can be (iproute2 6.1 neither sets nor prints an address's
// protocol: there the kernel's own protocols of the addresses it makes are the reference).
import t from 'tap';
import type { NeighbourState } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot, settled } from './helpers.js';

// The kernel adds multicast entries of its own at any moment: left out of the comparisons.
const multicast = (a: string): boolean => /^ff/i.test(a) || /^(22[4-9]|23\d)\./.test(a);

t.test('neighbours.list({ state }) lists what ip neigh show nud STATE lists, set by rtnl and by ip', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  // States the kernel keeps as they are while the test runs (reachable ones decay to stale with time).
  await h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45' });
  await h.neighbours.add({ link: 'up0', address: '172.16.10.2', lladdr: '00:21:d7:c5:f2:46', state: 'stale' });
  await h.neighbours.add({ link: 'up1', address: '2001:db8::2', lladdr: '00:21:d7:c5:f2:49', state: 'noarp' });
  ip(ns, 'neigh', 'add', '172.16.10.11', 'lladdr', '02:00:00:00:00:11', 'dev', 'up1', 'nud', 'stale');
  ip(ns, 'neigh', 'add', '2001:db8::11', 'lladdr', '02:00:00:00:00:12', 'dev', 'up0', 'nud', 'permanent');
  const key = (address: string, link: string): string => `${link} ${address}`;
  for (const state of ['permanent', 'stale', 'noarp'] as const) {
    const mine = (await h.neighbours.list({ state })).filter((n) => !multicast(n.address)).map((n) => key(n.address, n.link!)).sort();
    const theirs = ipJson<any[]>(ns, 'neigh', 'show', 'nud', state).filter((o) => !multicast(o.dst)).map((o) => key(o.dst, o.dev)).sort();
    t.same(mine, theirs, `${state}: ${mine.join(', ')}`);
    t.ok(mine.length > 0, `${state}: some entries`);
  }
  const several: NeighbourState[] = ['permanent', 'noarp'];
  const both = (await h.neighbours.list({ state: several, family: 4 })).map((n) => `${n.state} ${n.address}`).sort();
  t.same(both, ['permanent 172.16.10.1'], 'several states, with the family filter');
  t.same((await h.neighbours.list({ state: 'stale', link: 'up1' })).map((n) => n.address), ['172.16.10.11'], 'a state on one link');
});

t.test('addresses: optimistic DAD, set by rtnl and by ip, read by both', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  // The kernel keeps the optimistic flag only with optimistic_dad on, until DAD ends; with the peer
  // down (no carrier), DAD does not run and the flag stays.
  const missing = await h.sysctl.set('net.ipv6.conf.up0.optimistic_dad', 1).then(() => false, (e) => e.code === 'ENOENT');
  if (missing) {
    t.plan(0, 'this kernel is built without CONFIG_IPV6_OPTIMISTIC_DAD (no net.ipv6.conf.*.optimistic_dad): it keeps no optimistic addresses');
    return;
  }
  await h.links.set('up1', { up: false });
  await h.addresses.add('up0', '2001:db8:1::5/64', { optimistic: true });
  ip(ns, 'addr', 'add', '2001:db8:2::5/64', 'dev', 'up0', 'optimistic');
  const flags = (address: string): boolean | undefined => (ipJson<any[]>(ns, '-6', 'addr', 'show', 'dev', 'up0')[0].addr_info as any[])
    .find((a) => a.local === address)?.optimistic;
  for (const address of ['2001:db8:1::5', '2001:db8:2::5']) {
    const mine = (await h.addresses.list({ link: 'up0', family: 6 })).find((a) => a.address === address);
    t.equal(mine?.flags.optimistic, flags(address) === true, `${address}: optimistic as ip reads it (${mine?.flags.optimistic})`);
    t.equal(mine?.flags.optimistic, true, `${address}: optimistic`);
  }
  await h.addresses.add('up0', '2001:db8:3::5/64');
  t.equal((await h.addresses.list({ link: 'up0', family: 6 })).find((a) => a.address === '2001:db8:3::5')?.flags.optimistic, false, 'not without asking');
});

t.test('addresses: the protocol, as the kernel keeps and reports it', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await settled(ns, ['up0', 'up1']);
  const kernelMade = (await h.addresses.list({ link: 'up0', family: 6 })).find((a) => a.scope === 'link');
  // IFA_PROTO came with 6.1; the kernel marks the link-local addresses it makes since 6.3.
  if (kernelMade?.protocol !== undefined) t.equal(kernelMade.protocol, 'kernel_ll', 'the kernel\'s link-local address: kernel_ll');
  await h.addresses.add('up0', '10.9.0.5/24', { protocol: 42 });
  await h.addresses.add('up0', '10.9.1.5/24', { protocol: 'kernel_ra' });
  const v4 = await h.addresses.list({ link: 'up0', family: 4 });
  t.equal(v4.find((a) => a.address === '10.9.0.5')?.protocol, 42, 'a protocol number read back');
  t.equal(v4.find((a) => a.address === '10.9.1.5')?.protocol, 'kernel_ra', 'a protocol name read back');
  t.equal(ipJson<any[]>(ns, '-4', 'addr', 'show', 'dev', 'up0')[0].addr_info.length, 2, 'ip sees both addresses');
});
