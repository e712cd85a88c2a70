import { execFileSync } from 'node:child_process';
import t from 'tap';
import { AttachError, ATTACH_PARENT_ALIAS, ATTACH_PARENT_GROUP, netns, open, type MacvlanAttachOptions, type Rtnl } from '../src/index.js';
import { freshNetns, ip, ipJson, needsKind, needsRoot, pings, uniqueName } from './helpers.js';

type Test = { teardown(fn: () => unknown): void };

/**
 * The wire: namespace `ns` holds up0 (the parent, standing in for eth0); its veth peer up1 lives in a
 * gateway namespace `gw` with 172.16.10.1/24 and 2001:db8:10::1/64 (the network's gateway).
 */
async function wire(t: Test): Promise<{ ns: string; h: Rtnl; gw: string }> {
  const { ns, h } = await freshNetns(t, { veth: true });
  const g = await freshNetns(t);
  await h.links.set('up1', { netns: g.ns });
  await g.h.addresses.add('up1', '172.16.10.1/24');
  await g.h.addresses.add('up1', '2001:db8:10::1/64', { nodad: true });
  await g.h.links.set('up1', { up: true });
  return { ns, h, gw: g.ns };
}

/** Names of the links in `ns` other than lo. */
const linksIn = (ns: string): string[] => ipJson<{ ifname: string }[]>(ns, 'link', 'show').map((l) => l.ifname).filter((n) => n !== 'lo');

t.test('attach a macvlan: created in the namespace, renamed, addressed, up, routed; traffic to the gateway', { skip: needsRoot }, async (t) => {
  const { ns, h } = await wire(t);
  const c = await freshNetns(t);
  const before = linksIn(ns);
  const r = await h.attach({
    parent: 'up0', netns: c.ns, ifname: 'eth0', mtu: 1400, address: '02:42:ac:10:0a:05',
    addresses: ['172.16.10.5/24', '2001:db8:10::5/64'], gateway: ['172.16.10.1', '2001:db8:10::1'],
  });
  t.equal(r.parentCreated, false);
  t.equal(r.link.name, 'eth0');
  t.equal(r.link.kind, 'macvlan');
  t.equal(r.link.macvlan?.mode, 'bridge', 'default mode bridge, as Docker');
  t.ok(r.link.flags.up);
  const l = ipJson(c.ns, '-d', 'link', 'show', 'dev', 'eth0')[0];
  t.equal(l.ifindex, r.link.index);
  t.equal(l.mtu, 1400);
  t.equal(l.address, '02:42:ac:10:0a:05');
  t.equal(l.linkinfo.info_data.mode, 'bridge');
  const addrs = ipJson(c.ns, 'addr', 'show', 'dev', 'eth0')[0].addr_info.map((a: { local: string; prefixlen: number }) => `${a.local}/${a.prefixlen}`);
  t.ok(addrs.includes('172.16.10.5/24') && addrs.includes('2001:db8:10::5/64'), `addresses ${addrs}`);
  const v6 = ipJson(c.ns, 'addr', 'show', 'dev', 'eth0')[0].addr_info.find((a: { local: string }) => a.local === '2001:db8:10::5');
  t.notOk(v6.tentative, 'DAD settled before the routes were added');
  t.same(ipJson(c.ns, 'route', 'show', 'default').map((x: { gateway: string; dev: string }) => [x.gateway, x.dev]), [['172.16.10.1', 'eth0']]);
  t.same(ipJson(c.ns, '-6', 'route', 'show', 'default').map((x: { gateway: string }) => x.gateway), ['2001:db8:10::1']);
  t.same(linksIn(ns), before, 'nothing appeared in the parent\'s namespace');
  t.ok(pings(c.ns, '172.16.10.1'), 'IPv4 traffic reaches the gateway');
  t.ok(pings(c.ns, '2001:db8:10::1'), 'IPv6 traffic reaches the gateway');

  t.same(await h.detach({ netns: c.ns, ifname: 'eth0', parent: 'up0' }), { linkRemoved: true, parentRemoved: false });
  t.same(linksIn(c.ns), [], 'detach removed the link');
  t.ok(linksIn(ns).includes('up0'), 'the parent it did not create stays');
});

t.test('attach an ipvlan l3: connected default routes, as Docker', async (t) => {
  const skip = await needsKind('ipvlan');
  if (skip) return t.plan(0, skip);
  const { h } = await wire(t);
  const c = await freshNetns(t);
  const r = await h.attach({ kind: 'ipvlan', mode: 'l3', parent: 'up0', netns: c.ns, addresses: ['10.10.40.5/24', '2001:db8:40::5/64'], dad: 'skip' });
  t.equal(r.link.ipvlan?.mode, 'l3');
  t.equal(r.link.ipvlan?.flags, 'bridge');
  const d4 = ipJson(c.ns, 'route', 'show', 'default');
  t.same(d4.map((x: { dev: string; gateway?: string }) => [x.dev, x.gateway]), [['eth0', undefined]], 'default dev eth0');
  t.same(ipJson(c.ns, '-6', 'route', 'show', 'default').map((x: { dev: string }) => x.dev), ['eth0']);
});

t.test('rollback: a failure at each step leaves nothing behind and names the step', { skip: needsRoot }, async (t) => {
  const { ns, h } = await wire(t);
  const before = linksIn(ns);
  const cases: { name: string; opts: Record<string, unknown>; step: string; prep?: (c: string) => void; code?: string }[] = [
    { name: 'an MTU above the parent\'s', opts: { mtu: 9000 }, step: 'create' },
    { name: 'a name clash on ifname', opts: { ifname: 'taken0' }, step: 'create', prep: (c) => ip(c, 'link', 'add', 'taken0', 'type', 'veth', 'peer', 'name', 'taken1'), code: 'EEXIST' },
    { name: 'an address given twice', opts: { addresses: ['172.16.10.7/24', '172.16.10.7/24'] }, step: 'address', code: 'EEXIST' },
    { name: 'an unreachable gateway', opts: { addresses: ['172.16.10.8/24'], gateway: '10.99.0.1' }, step: 'route', code: 'ENETUNREACH' },
    { name: 'a route the kernel refuses', opts: { addresses: ['172.16.10.9/24'], routes: [{ dst: '10.1.0.0/16', gateway: '10.98.0.1' }] }, step: 'route', code: 'ENETUNREACH' },
    { name: 'a VLAN parent on a link that does not exist', opts: { parent: 'nope0.50' }, step: 'parent' },
    // The gateway holds this address: duplicate address detection fails on the new link.
    { name: 'an IPv6 address the network already uses', opts: { addresses: ['2001:db8:10::1/64'] }, step: 'dad', code: 'ERR_DAD_FAILED' },
  ];
  for (const k of cases) {
    const c = await freshNetns(t);
    k.prep?.(c.ns);
    const pre = linksIn(c.ns);
    const e = await h.attach({ parent: 'up0', netns: c.ns, ...k.opts } as never).then(() => undefined, (x: unknown) => x);
    t.type(e, AttachError, `${k.name}: rejects with AttachError`);
    t.equal((e as AttachError).step, k.step, `${k.name}: step '${k.step}'`);
    t.match((e as AttachError).message, new RegExp(`step '${k.step}'`));
    t.ok((e as AttachError).cause instanceof Error, `${k.name}: the original error is the cause`);
    if (k.code) t.equal(((e as AttachError).cause as { code?: string }).code, k.code, `${k.name}: cause code ${k.code}`);
    t.same(linksIn(c.ns), pre, `${k.name}: nothing left in the target namespace`);
    t.same(ipJson(c.ns, 'addr', 'show').flatMap((l: { addr_info: { local: string }[] }) => l.addr_info.map((a) => a.local)).filter((a: string) => a.startsWith('172.16') || a.startsWith('2001:db8')), [], `${k.name}: no address left`);
    t.same(linksIn(ns), before, `${k.name}: nothing left in the parent's namespace`);
  }
  // A namespace that is gone: the fd cannot be opened, nothing is created anywhere.
  const gone = `rtnl-gone-${process.pid}`;
  const e = await h.attach({ parent: 'up0', netns: gone }).then(() => undefined, (x: unknown) => x);
  t.equal((e as AttachError).step, 'create');
  t.equal(((e as AttachError).cause as { code?: string }).code, 'ENOENT');
  t.same(linksIn(ns), before);
  t.notOk(await netns.exists(gone));
});

t.test('bad attach options are refused before anything is done', { skip: needsRoot }, async (t) => {
  const { ns, h } = await wire(t);
  const c = await freshNetns(t);
  await t.rejects(h.attach({ parent: 'up0', netns: c.ns, kind: 'bond' as never }), { name: 'RangeError', message: /options\.kind/ });
  await t.rejects(h.attach({ parent: 'up0', netns: c.ns, gateway: ['172.16.10.1', '172.16.10.2'] }), { name: 'RangeError', message: /options\.gateway/ });
  await t.rejects(h.attach({ parent: 'up0', netns: '../etc' }), { name: 'RangeError', message: /options\.netns/ });
  await t.rejects(h.attach({ parent: 'up0', netns: c.ns, ifnmae: 'x' } as never), { name: 'TypeError', message: /options\.ifnmae/ });
  t.same(linksIn(c.ns), []);
  t.ok(linksIn(ns).includes('up0'));
});

t.test('a NAME.VID parent is created once for parallel attaches, marked, and removed by the last detach only', async (t) => {
  const skip = await needsKind('vlan');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await wire(t);
  // An existing VLAN parent, not made by attach: it must survive detach.
  await h.links.add({ kind: 'vlan', name: 'up0.60', parent: 'up0', id: 60, up: true });
  const targets = await Promise.all(Array.from({ length: 50 }, () => freshNetns(t)));
  const results = await Promise.all(targets.map((c, i) => h.attach({
    parent: i % 2 ? 'up0.50' : 'up0', netns: c.ns, addresses: [`172.16.${i % 2 ? 50 : 10}.${10 + i}/24`],
  })));
  t.equal(results.length, 50, 'all 50 attaches succeeded');
  t.equal(results.filter((r) => r.parentCreated).length, 1, 'one of them created up0.50');
  const vlan = ipJson(ns, '-d', 'link', 'show', 'dev', 'up0.50')[0];
  t.equal(vlan.linkinfo.info_data.id, 50);
  t.equal(vlan.ifalias, ATTACH_PARENT_ALIAS, 'the parent is marked as attach\'s, on the link itself');
  t.equal(ipJson(ns, 'link', 'show', 'type', 'vlan').filter((l: { ifname: string }) => l.ifname === 'up0.50').length, 1);

  const users = targets.filter((_c, i) => i % 2);
  for (const [i, c] of users.entries()) {
    const r = await h.detach({ netns: c.ns, parent: 'up0.50' });
    t.equal(r.parentRemoved, i === users.length - 1, `detach ${i}: parent removed only when unused`);
  }
  t.notOk(linksIn(ns).includes('up0.50'), 'the last detach removed the parent attach created');

  const c = await freshNetns(t);
  const r = await h.attach({ parent: 'up0.60', netns: c.ns });
  t.equal(r.parentCreated, false);
  t.same(await h.detach({ netns: c.ns, parent: 'up0.60' }), { linkRemoved: true, parentRemoved: false });
  t.ok(linksIn(ns).includes('up0.60'), 'a VLAN parent that existed before attach survives detach');
});

t.test('a NAME.VID parent created by a failed attach is removed in the rollback', async (t) => {
  const skip = await needsKind('vlan');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await wire(t);
  const c = await freshNetns(t);
  const e = await h.attach({ parent: 'up0.70', netns: c.ns, addresses: ['172.16.70.5/24'], gateway: '10.99.0.1' }).then(() => undefined, (x: unknown) => x);
  t.equal((e as AttachError).step, 'route');
  t.notOk(linksIn(ns).includes('up0.70'), 'the VLAN parent it created is gone');
  t.same(linksIn(c.ns), []);
});

/** A namespace the test itself deletes midway (the container exited); removed in teardown if still there. */
async function doomedNetns(t: Test): Promise<string> {
  const name = uniqueName();
  await netns.create(name);
  t.teardown(async () => {
    if (await netns.exists(name)) await netns.delete(name);
  });
  return name;
}

/** `sysctl -n NAME` run inside `ns` (the oracle for settings). */
const sysctlIn = (ns: string, name: string): string =>
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-n', name], { encoding: 'utf8' }).trim();
const lladdrOf = (ns: string, dev: string, addr: string): string | undefined =>
  ipJson<{ dst: string; lladdr?: string }[]>(ns, 'neigh', 'show', 'dev', dev).find((n) => n.dst === addr)?.lladdr;

t.test('detach is idempotent: a second detach, and one after the namespace is gone, succeed and say what they removed', { skip: needsRoot }, async (t) => {
  const { h } = await wire(t);
  const c = await freshNetns(t);
  await h.attach({ parent: 'up0', netns: c.ns, addresses: ['172.16.10.20/24'] });
  t.same(await h.detach({ netns: c.ns, parent: 'up0' }), { linkRemoved: true, parentRemoved: false });
  t.same(await h.detach({ netns: c.ns, parent: 'up0' }), { linkRemoved: false, parentRemoved: false }, 'nothing left to remove is success');
  t.same(linksIn(c.ns), []);

  // The usual teardown order: the container exits, its namespace goes, then the network is torn down.
  const gone = await doomedNetns(t);
  await h.attach({ parent: 'up0', netns: gone });
  await netns.delete(gone);
  t.same(await h.detach({ netns: gone }), { linkRemoved: false, parentRemoved: false }, 'a namespace that is gone is success');
  t.same(await h.detach({ netns: { pid: 2 ** 22 + 1 } }), { linkRemoved: false, parentRemoved: false }, 'a process that is gone too');
});

t.test('an auto-created NAME.VID parent: detach with the namespace gone still removes it; concurrent detaches and attaches never fail and the last user removes it', async (t) => {
  const skip = await needsKind('vlan');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await wire(t);
  const vlan = (): string[] => linksIn(ns).filter((n) => n === 'up0.50');

  // Namespace gone: the parent step still runs.
  const a = await doomedNetns(t);
  t.equal((await h.attach({ parent: 'up0.50', netns: a })).parentCreated, true);
  const made = ipJson(ns, '-d', 'link', 'show', 'dev', 'up0.50')[0];
  t.equal(made.group, String(ATTACH_PARENT_GROUP), 'born in the attach group (a mark the creating request itself sets)');
  t.ok(made.flags.includes('UP'), 'and up');
  await netns.delete(a);
  t.same(await h.detach({ netns: a, parent: 'up0.50' }), { linkRemoved: false, parentRemoved: true });
  t.same(vlan(), [], 'the parent of a namespace that is gone is removed');
  t.same(await h.detach({ netns: a, parent: 'up0.50' }), { linkRemoved: false, parentRemoved: false }, 'and again: nothing to do');

  // Ten users; ten detaches at once, each twice: none rejects, exactly one removes the parent.
  const users = await Promise.all(Array.from({ length: 10 }, () => freshNetns(t)));
  await Promise.all(users.map((c) => h.attach({ parent: 'up0.50', netns: c.ns })));
  const results = await Promise.all([...users, ...users].map((c) => h.detach({ netns: c.ns, parent: 'up0.50' })));
  t.equal(results.filter((r) => r.linkRemoved).length, 10, 'each link removed once');
  t.equal(results.filter((r) => r.parentRemoved).length, 1, 'the parent removed by exactly one detach');
  t.same(vlan(), []);

  // Detaches and attaches at once on the same parent: all succeed; the parent stays while it has users.
  const first = await Promise.all(Array.from({ length: 5 }, () => freshNetns(t)));
  const second = await Promise.all(Array.from({ length: 5 }, () => freshNetns(t)));
  await Promise.all(first.map((c) => h.attach({ parent: 'up0.50', netns: c.ns })));
  const mixed = await Promise.all([
    ...first.map((c) => h.detach({ netns: c.ns, parent: 'up0.50' })),
    ...second.map((c) => h.attach({ parent: 'up0.50', netns: c.ns })),
  ]);
  t.equal(mixed.length, 10, 'every detach and attach succeeded');
  t.same(vlan(), ['up0.50'], 'the parent stays: the new attaches use it');
  for (const c of second) t.same(linksIn(c.ns), ['eth0'], `${c.ns}: attached`);
  const last = await Promise.all(second.map((c) => h.detach({ netns: c.ns, parent: 'up0.50' })));
  t.equal(last.filter((r) => r.parentRemoved).length, 1);
  t.same(vlan(), [], 'removed when its last user went');

  // A parent of attach's left down by a crash (made, not yet up) is brought up by the next attach.
  await h.links.add({ kind: 'vlan', name: 'up0.50', parent: 'up0', id: 50, group: ATTACH_PARENT_GROUP });
  const b = await freshNetns(t);
  const r = await h.attach({ parent: 'up0.50', netns: b.ns });
  t.equal(r.parentCreated, false);
  const fixed = ipJson(ns, '-d', 'link', 'show', 'dev', 'up0.50')[0];
  t.ok(fixed.flags.includes('UP'), 'a marked parent found down is brought up');
  t.equal(fixed.ifalias, ATTACH_PARENT_ALIAS);
  t.same(await h.detach({ netns: b.ns, parent: 'up0.50' }), { linkRemoved: true, parentRemoved: true });
});

t.test('"in use" is a link on this parent in this namespace: an equal index in another namespace does not keep it', async (t) => {
  const skip = await needsKind('vlan');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await wire(t);
  const c = await freshNetns(t);
  await h.attach({ parent: 'up0.50', netns: c.ns });
  const index = String(ipJson(ns, 'link', 'show', 'dev', 'up0.50')[0].ifindex);
  // A veth whose end in namespace q has the parent's index; its peer, in the named namespace x,
  // reports that index as its parent (with q's link namespace id).
  const q = await freshNetns(t);
  const x = await freshNetns(t);
  ip(q.ns, 'link', 'add', 'decoy0', 'index', index, 'type', 'veth', 'peer', 'name', 'decoy1', 'netns', x.ns);
  const decoy = ipJson(x.ns, 'link', 'show', 'dev', 'decoy1')[0];
  t.equal(String(decoy.link_index), index, 'the decoy reports the same parent index from another namespace');
  t.same(await h.detach({ netns: c.ns, parent: 'up0.50' }), { linkRemoved: true, parentRemoved: true }, 'the parent is removed all the same');
  t.notOk(linksIn(ns).includes('up0.50'));
  t.same(linksIn(x.ns), ['decoy1'], 'the unrelated veth is untouched');

  // And a real user in a named namespace keeps it.
  const u1 = await freshNetns(t);
  const u2 = await freshNetns(t);
  await h.attach({ parent: 'up0.50', netns: u1.ns });
  await h.attach({ parent: 'up0.50', netns: u2.ns });
  t.same(await h.detach({ netns: u1.ns, parent: 'up0.50' }), { linkRemoved: true, parentRemoved: false }, 'u2 still uses it');
  t.same(await h.detach({ netns: u2.ns, parent: 'up0.50' }), { linkRemoved: true, parentRemoved: true });
});

t.test('gateway routes go out of the attached interface: a link-local IPv6 gateway, the subnet on another interface, a metric', { skip: needsRoot }, async (t) => {
  const { h, gw } = await wire(t);
  const g = await open({ netns: gw });
  t.teardown(() => g.close());
  await g.addresses.add('up1', 'fe80::1/64', { nodad: true });
  await g.addresses.add('up1', '2001:db8:99::1/64', { nodad: true }); // reachable only through the default route
  const c = await freshNetns(t);
  // The same subnet on another interface that is down: the issue's `default via 172.16.10.1 dev pre0 linkdown`.
  await c.h.links.add({ kind: 'veth', name: 'pre0', peer: { name: 'pre1' } });
  await c.h.addresses.add('pre0', '172.16.10.77/24');
  await h.attach({
    parent: 'up0', netns: c.ns, addresses: ['172.16.10.21/24', '2001:db8:10::21/64'], gateway: ['172.16.10.1', 'fe80::1'], metric: 100,
  });
  t.same(ipJson(c.ns, 'route', 'show', 'default').map((r: { gateway: string; dev: string; metric?: number }) => [r.gateway, r.dev, r.metric]),
    [['172.16.10.1', 'eth0', 100]], 'IPv4 default route via eth0, metric 100');
  t.same(ipJson(c.ns, '-6', 'route', 'show', 'default').map((r: { gateway: string; dev: string; metric?: number }) => [r.gateway, r.dev, r.metric]),
    [['fe80::1', 'eth0', 100]], 'IPv6 default route via the link-local gateway on eth0');
  t.ok(pings(c.ns, '2001:db8:99::1'), 'traffic through the link-local gateway');
  t.ok(pings(c.ns, '172.16.10.1'), 'IPv4 traffic to the gateway');
});

t.test('an existing default route: refused before anything is created; added beside it with another metric', { skip: needsRoot }, async (t) => {
  const { h } = await wire(t);
  const c = await freshNetns(t);
  await c.h.links.add({ kind: 'veth', name: 'pre0', peer: { name: 'pre1' }, up: true });
  await c.h.addresses.add('pre0', '10.77.0.2/24');
  await c.h.routes.add({ dst: 'default', gateway: '10.77.0.1' });
  const e = await h.attach({ parent: 'up0', netns: c.ns, addresses: ['172.16.10.22/24'], gateway: '172.16.10.1' }).then(() => undefined, (x: unknown) => x);
  t.type(e, AttachError);
  t.equal((e as AttachError).step, 'route');
  t.equal(((e as AttachError).cause as { code?: string }).code, 'ERR_DEFAULT_ROUTE_EXISTS');
  t.match((e as Error).message, /already has a default route \(default via 10\.77\.0\.1 dev pre0 metric 0\)/);
  t.same(linksIn(c.ns).sort(), ['pre0', 'pre1'], 'nothing was created');
  await h.attach({ parent: 'up0', netns: c.ns, addresses: ['172.16.10.22/24'], gateway: '172.16.10.1', metric: 10 });
  t.same(ipJson(c.ns, 'route', 'show', 'default').map((r: { gateway: string; dev: string; metric?: number }) => [r.gateway, r.dev, r.metric ?? 0]),
    [['10.77.0.1', 'pre0', 0], ['172.16.10.1', 'eth0', 10]], 'both default routes, each on its interface');
});

t.test('IPv6 disabled in the namespace: enabled again on the new interface only, as the CNI plugins do', { skip: needsRoot }, async (t) => {
  const { h } = await wire(t);
  const c = await freshNetns(t);
  await c.h.sysctl.set('net.ipv6.conf.all.disable_ipv6', 1);
  await c.h.sysctl.set('net.ipv6.conf.default.disable_ipv6', 1);
  await h.attach({ parent: 'up0', netns: c.ns, addresses: ['172.16.10.23/24', '2001:db8:10::23/64'], gateway: '2001:db8:10::1' });
  t.equal(sysctlIn(c.ns, 'net.ipv6.conf.eth0.disable_ipv6'), '0', 'on eth0');
  t.equal(sysctlIn(c.ns, 'net.ipv6.conf.default.disable_ipv6'), '1', 'the namespace\'s default is left as it was');
  t.equal(sysctlIn(c.ns, 'net.ipv6.conf.lo.disable_ipv6'), '1', 'and lo');
  t.ok(pings(c.ns, '2001:db8:10::1'), 'IPv6 traffic');
  // An IPv4-only attach leaves IPv6 off.
  const d = await freshNetns(t);
  await d.h.sysctl.set('net.ipv6.conf.default.disable_ipv6', 1);
  await h.attach({ parent: 'up0', netns: d.ns, addresses: ['172.16.10.24/24'] });
  t.equal(sysctlIn(d.ns, 'net.ipv6.conf.eth0.disable_ipv6'), '1');
});

t.test('announce: arp_notify and ndisc_notify set before up; a reused IPv4 address is reached on the first ping', { skip: needsRoot }, async (t) => {
  const { h, gw } = await wire(t);
  const ip4 = '172.16.10.30';
  const old = await freshNetns(t);
  await h.attach({ parent: 'up0', netns: old.ns, address: '02:42:ac:10:0a:1e', addresses: [`${ip4}/24`], announce: false });
  t.equal(sysctlIn(old.ns, 'net.ipv4.conf.eth0.arp_notify'), '0', 'announce: false leaves arp_notify off');
  t.ok(pings(gw, ip4), 'the peer reaches the first container');
  t.equal(lladdrOf(gw, 'up1', ip4), '02:42:ac:10:0a:1e', 'and has cached its MAC');
  await h.detach({ netns: old.ns });

  const next = await freshNetns(t);
  await h.attach({ parent: 'up0', netns: next.ns, address: '02:42:ac:10:0a:1f', addresses: [`${ip4}/24`] });
  t.equal(sysctlIn(next.ns, 'net.ipv4.conf.eth0.arp_notify'), '1', 'arp_notify on by default');
  t.equal(sysctlIn(next.ns, 'net.ipv6.conf.eth0.ndisc_notify'), '1', 'ndisc_notify too');
  t.ok(pings(gw, ip4, 1), 'the peer reaches the new container on its first ping');
  t.equal(lladdrOf(gw, 'up1', ip4), '02:42:ac:10:0a:1f', 'the peer has the new MAC');

  // Without announcing, the same reuse: reported, not asserted (the peer's cache expiry is the kernel's timing).
  await h.detach({ netns: next.ns });
  const quiet = await freshNetns(t);
  await h.attach({ parent: 'up0', netns: quiet.ns, address: '02:42:ac:10:0a:20', addresses: [`${ip4}/24`], announce: false });
  t.comment(`announce: false: first ping ${pings(gw, ip4, 1) ? 'answered' : 'not answered'} (the peer still had ${lladdrOf(gw, 'up1', ip4)})`);
});

t.test('lo: brought up by default; lo: false leaves it as it is', { skip: needsRoot }, async (t) => {
  const { h } = await wire(t);
  const loUp = (ns: string): boolean => ipJson(ns, 'link', 'show', 'dev', 'lo')[0].flags.includes('UP');
  const c = await freshNetns(t);
  t.notOk(loUp(c.ns), 'a fresh namespace\'s lo is down');
  await h.attach({ parent: 'up0', netns: c.ns });
  t.ok(loUp(c.ns), 'up after attach');
  const d = await freshNetns(t);
  await h.attach({ parent: 'up0', netns: d.ns, lo: false });
  t.notOk(loUp(d.ns), 'left down with lo: false');
  // A failed attach puts lo back down.
  const e = await freshNetns(t);
  await t.rejects(h.attach({ parent: 'up0', netns: e.ns, addresses: ['172.16.10.25/24'], gateway: '10.99.0.1' }), AttachError);
  t.notOk(loUp(e.ns), 'rolled back');
});

// AttachOptions is a union on `kind`: tsc refuses what attach would refuse at run time. The checks
// are the `@ts-expect-error` lines (npm run typecheck fails when one of them compiles); the function
// is never called.
export function attachTypeChecks(h: Rtnl): void {
  const base = { parent: 'up0', netns: 'x' } as const;
  // @ts-expect-error macvlan has no mode 'l2'
  void h.attach({ ...base, kind: 'macvlan', mode: 'l2' });
  // @ts-expect-error the default kind is macvlan: no mode 'l3'
  void h.attach({ ...base, mode: 'l3' });
  // @ts-expect-error ipvlan has no mode 'bridge'
  void h.attach({ ...base, kind: 'ipvlan', mode: 'bridge' });
  // @ts-expect-error ipvlan flags are not macvlan's
  void h.attach({ ...base, kind: 'macvtap', flags: 'private' });
  // @ts-expect-error an ipvlan has its parent's MAC
  void h.attach({ ...base, kind: 'ipvtap', address: '02:00:00:00:00:01' });
  void h.attach({ ...base, kind: 'macvlan', mode: 'bridge', address: '02:00:00:00:00:01' });
  void h.attach({ ...base, kind: 'ipvlan', mode: 'l3s', flags: 'private' });
  void h.attach({ ...base, mode: 'private', metric: 10, announce: false, lo: false });
}

t.test('check: empty when the interface is as attach made it; each difference named after its option', { skip: needsRoot }, async (t) => {
  const { h } = await wire(t);
  const c = await freshNetns(t);
  const options: MacvlanAttachOptions = {
    parent: 'up0', netns: c.ns, mtu: 1400, address: '02:42:ac:10:0a:28', addresses: ['172.16.10.40/24', '2001:db8:10::40/64'],
    gateway: ['172.16.10.1', '2001:db8:10::1'], routes: [{ dst: '10.10.40.0/24', gateway: '172.16.10.3' }], dad: 'skip',
  };
  await h.attach(options);
  t.same(await h.check(options), [], 'as attached: no difference');
  t.same(await h.check({ ...options, addresses: ['172.16.10.40/24', '2001:db8:10:0::40/64'] }), [], 'the same address written another way');

  // Changed behind attach's back with iproute2.
  ip(c.ns, 'link', 'set', 'eth0', 'down');
  ip(c.ns, 'link', 'set', 'eth0', 'mtu', '1300', 'type', 'macvlan', 'mode', 'vepa');
  ip(c.ns, 'addr', 'del', '172.16.10.40/24', 'dev', 'eth0');
  ip(c.ns, 'addr', 'add', '172.16.10.41/24', 'dev', 'eth0');
  ip(c.ns, 'link', 'set', 'lo', 'down');
  const fields = (await h.check(options)).map((d) => `${d.field}:${JSON.stringify(d.want)}:${JSON.stringify(d.got)}`).sort();
  t.same(fields, [
    'addresses:"172.16.10.40/24":undefined',
    'addresses:undefined:"172.16.10.41/24"',
    'addresses:"2001:db8:10::40/64":undefined',
    'lo:"up":"down"',
    'mode:"bridge":"vepa"',
    'mtu:1400:1300',
    'routes:{"dst":"10.10.40.0/24","gateway":"172.16.10.3"}:undefined',
    'routes:{"dst":"default","family":4,"gateway":"172.16.10.1"}:undefined',
    'routes:{"dst":"default","family":6,"gateway":"2001:db8:10::1"}:undefined',
    'up:true:false',
  ].sort(), 'each change reported (the IPv6 address and the routes went with the link going down)');
  t.ok((await h.check({ ...options, parent: 'up1' })).some((d) => d.field === 'parent' && d.want === 'up1'), 'another parent');
  t.same(await h.check({ ...options, ifname: 'eth9' }), [{ field: 'link', want: 'eth9', got: undefined }]);
  t.same(await h.check({ ...options, kind: 'macvtap' }), [{ field: 'kind', want: 'macvtap', got: 'macvlan' }]);
  await t.rejects(h.check({ ...options, mode: 'l2' } as never), { name: 'RangeError', message: /options\.mode/ }, 'options checked as attach checks them');
  const gone = `rtnl-gone-${process.pid}`;
  t.same(await h.check({ ...options, netns: gone }), [{ field: 'netns', want: gone, got: undefined }]);
});
