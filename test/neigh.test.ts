// Neighbours against the kernel, with iproute2 as the oracle both ways (rtnl sets, `ip -j neigh`
// reads; ip sets, rtnl reads), IPv4 and IPv6, proxy entries; bad input and refusals.
import t from 'tap';
import { NetlinkError, type Neighbour } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

interface NeighView { address: string; link: string; lladdr?: string; state: string; router: boolean }

function view(n: Neighbour): NeighView {
  const v: NeighView = { address: n.address, link: n.link!, state: n.state, router: n.router };
  if (n.lladdr !== undefined) v.lladdr = n.lladdr;
  return v;
}

/** `ip -j neigh show nud all` (or `proxy`) in NS, as the same view. */
function ipNeigh(ns: string, ...args: string[]): NeighView[] {
  return ipJson<any[]>(ns, 'neigh', 'show', ...args).map((o) => {
    const v: NeighView = {
      address: o.dst, link: o.dev, state: (o.state ?? ['NONE'])[0].toLowerCase(), router: 'router' in o,
    };
    if (o.lladdr !== undefined) v.lladdr = o.lladdr;
    return v;
  });
}

// The kernel adds multicast entries (ff02::/16 noarp) of its own while IPv6 joins groups on links
// that just came up, at any moment: they are left out of the comparisons, not to race with them.
const multicast = (a: string): boolean => /^ff/i.test(a) || /^(22[4-9]|23\d)\./.test(a);
const sorted = (ns: NeighView[]): NeighView[] =>
  ns.filter((n) => !multicast(n.address)).sort((a, b) => `${a.link} ${a.address}`.localeCompare(`${b.link} ${b.address}`));

t.test('neighbours set by rtnl read back the same in ip -j neigh, and the other way', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45' });
  await h.neighbours.add({ link: 'up0', address: '172.16.10.2', lladdr: '00:21:d7:c5:f2:46', state: 'reachable' });
  await h.neighbours.add({ link: 'up1', address: '172.16.10.3', lladdr: '00:21:d7:c5:f2:47', state: 'stale' });
  await h.neighbours.add({ link: 'up0', address: '2001:db8::1', lladdr: '00:21:d7:c5:f2:48', router: true });
  await h.neighbours.add({ link: 'up1', address: '2001:db8::2', lladdr: '00:21:d7:c5:f2:49', state: 'noarp' });
  ip(ns, 'neigh', 'add', '172.16.10.11', 'lladdr', '02:00:00:00:00:11', 'dev', 'up1', 'nud', 'permanent');
  ip(ns, 'neigh', 'add', '2001:db8::11', 'lladdr', '02:00:00:00:00:12', 'dev', 'up0', 'router', 'nud', 'stale');
  const mine = (await h.neighbours.list()).map(view);
  t.same(sorted(mine), sorted(ipNeigh(ns, 'nud', 'all')), 'every entry agrees with ip');
  const find = (a: string): NeighView | undefined => mine.find((n) => n.address === a);
  t.same(find('172.16.10.1'), { address: '172.16.10.1', link: 'up0', lladdr: '00:21:d7:c5:f2:45', state: 'permanent', router: false });
  t.match(find('172.16.10.2'), { state: 'reachable' });
  t.match(find('172.16.10.3'), { state: 'stale', link: 'up1' });
  t.match(find('2001:db8::1'), { router: true, state: 'permanent' });
  t.match(find('2001:db8::2'), { state: 'noarp' });
  t.match(find('172.16.10.11'), { lladdr: '02:00:00:00:00:11', state: 'permanent', link: 'up1' }, 'set by ip, read by rtnl');
  t.match(find('2001:db8::11'), { router: true, state: 'stale' });
  const full = (await h.neighbours.list()).find((n) => n.address === '2001:db8::1')!;
  t.match(full, { family: 6, proxy: false, linkIndex: ipJson<any[]>(ns, 'link', 'show', 'up0')[0].ifindex });

  // Filters: by link and family, in the kernel.
  t.same(sorted((await h.neighbours.list({ link: 'up1' })).map(view)), sorted(ipNeigh(ns, 'nud', 'all', 'dev', 'up1').map((n) => ({ ...n, link: 'up1' }))), 'by link');
  t.ok((await h.neighbours.list({ family: 6 })).every((n) => n.family === 6), 'by family');
  t.same((await h.neighbours.list({ link: 'up0', family: 4 })).map((n) => n.address).sort(), ['172.16.10.1', '172.16.10.2']);

  // replace and delete.
  await h.neighbours.replace({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:ff', state: 'stale' });
  t.match(ipNeigh(ns, 'nud', 'all').find((n) => n.address === '172.16.10.1'), { lladdr: '00:21:d7:c5:f2:ff', state: 'stale' }, 'replaced');
  await h.neighbours.replace({ link: 'up0', address: '172.16.10.20', lladdr: '00:21:d7:c5:f2:20' });
  t.match(ipNeigh(ns, 'nud', 'all').find((n) => n.address === '172.16.10.20'), { state: 'permanent' }, 'replace creates');
  await h.neighbours.delete({ link: 'up0', address: '172.16.10.1' });
  await h.neighbours.delete({ link: 'up0', address: '2001:db8::1' });
  const left = ipNeigh(ns, 'nud', 'all').map((n) => n.address);
  t.notOk(left.includes('172.16.10.1') || left.includes('2001:db8::1'), 'deleted');
});

t.test('proxy entries', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.neighbours.add({ link: 'up0', address: '172.16.10.9', proxy: true });
  await h.neighbours.add({ link: 'up1', address: '2001:db8::9', proxy: true });
  ip(ns, 'neigh', 'add', 'proxy', '172.16.10.10', 'dev', 'up1');
  const mine = await h.neighbours.list({ proxy: true });
  t.same(mine.map((n) => `${n.link} ${n.address}`).sort(), ipJson<any[]>(ns, 'neigh', 'show', 'proxy').map((o) => `${o.dev} ${o.dst}`).sort(), 'as ip neigh show proxy');
  t.ok(mine.every((n) => n.proxy), 'proxy flag');
  t.notOk((await h.neighbours.list()).some((n) => n.proxy), 'not in the neighbour cache listing');
  await h.neighbours.delete({ link: 'up0', address: '172.16.10.9', proxy: true });
  t.notOk(ipJson<any[]>(ns, 'neigh', 'show', 'proxy').some((o) => o.dst === '172.16.10.9'), 'deleted');
});

t.test('bad input is refused before any syscall; kernel refusals are NetlinkErrors; the handle stays usable', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const cases: [() => Promise<unknown>, RegExp, string][] = [
    [() => h.neighbours.add({ link: 'up0', address: '300.1.1.1', lladdr: '00:21:d7:c5:f2:45' }), /spec\.address must be .*"300\.1\.1\.1"/, 'RangeError'],
    [() => h.neighbours.add({ link: 'up0', address: '10.0.0.1', lladdr: '00:21:d7:c5:f2' }), /spec\.lladdr must be a MAC address of 6 octets/, 'RangeError'],
    [() => h.neighbours.add({ link: 'up0', address: '10.0.0.1', state: 'reachabel' as never }), /spec\.state must be one of .*"reachabel"/, 'RangeError'],
    [() => h.neighbours.add({ link: 'up0', address: '10.0.0.1', lladdr: '00:21:d7:c5:f2:45', proxy: true }), /spec\.lladdr must be unset for a proxy entry/, 'RangeError'],
    [() => h.neighbours.add({ link: 'up0', address: '10.0.0.1', mac: 'x' } as never), /spec\.mac must be one of the known options/, 'TypeError'],
    [() => h.neighbours.list({ family: 4, link: '' }), /filter\.link must be an interface name/, 'RangeError'],
  ];
  for (const [fn, message, name] of cases) {
    const before = h.pending;
    await t.rejects(fn(), { name, message }, String(message));
    t.equal(h.pending, before, 'nothing was sent');
  }
  await h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45' });
  const exists = await h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45' }).catch((e) => e);
  t.type(exists, NetlinkError);
  t.match(exists, { code: 'EEXIST', request: 'RTM_NEWNEIGH' });
  await t.rejects(h.neighbours.delete({ link: 'up0', address: '172.16.10.99' }), { name: 'NetlinkError', code: 'ENOENT', request: 'RTM_DELNEIGH' });
  await t.rejects(h.neighbours.add({ link: 'nosuch0', address: '172.16.10.1' }), { name: 'NetlinkError', code: 'ENODEV' });
  await h.neighbours.add({ link: 'up0', address: '172.16.10.2', lladdr: '00:21:d7:c5:f2:46' });
  t.ok(ipNeigh(ns, 'nud', 'all').some((n) => n.address === '172.16.10.2'), 'still usable');
});
