import t from 'tap';
import { AttachError, ATTACH_PARENT_ALIAS, netns, type Rtnl } from '../src/index.js';
import { freshNetns, ip, ipJson, needsKind, needsRoot, pings } from './helpers.js';

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

  t.same(await h.detach({ netns: c.ns, ifname: 'eth0', parent: 'up0' }), { parentRemoved: false });
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
    { name: 'a name clash on ifname', opts: { ifname: 'taken0' }, step: 'rename', prep: (c) => ip(c, 'link', 'add', 'taken0', 'type', 'veth', 'peer', 'name', 'taken1'), code: 'EEXIST' },
    { name: 'an address given twice', opts: { addresses: ['172.16.10.7/24', '172.16.10.7/24'] }, step: 'address', code: 'EEXIST' },
    { name: 'an unreachable gateway', opts: { addresses: ['172.16.10.8/24'], gateway: '10.99.0.1' }, step: 'route', code: 'ENETUNREACH' },
    { name: 'a malformed route', opts: { addresses: ['172.16.10.9/24'], routes: [{ dst: '10.1.0.0/33' }] }, step: 'route' },
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
  t.same(await h.detach({ netns: c.ns, parent: 'up0.60' }), { parentRemoved: false });
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
