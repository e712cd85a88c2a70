// Named network namespaces interoperate with `ip netns`; handles open inside a namespace by name,
// path, pid and fd; names that could escape /run/netns are refused before any syscall.
import { existsSync } from 'node:fs';
import t from 'tap';
import { netns, open } from '../src/index.js';
import { freshNetns, ip, ipLink, needsRoot, netnsFd, processInNetns, uniqueName } from './helpers.js';

const ipNetnsList = (): string[] => ip(undefined, 'netns', 'list').split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);

t.test('a namespace rtnl creates is one ip sees, uses and deletes; and back', { skip: needsRoot }, async (t) => {
  const name = uniqueName();
  t.teardown(() => {
    if (existsSync(`/run/netns/${name}`)) ip(undefined, 'netns', 'delete', name);
  });
  await netns.create(name);
  t.ok(ipNetnsList().includes(name), 'ip netns list shows it');
  t.ok(await netns.exists(name), 'netns.exists');
  t.ok((await netns.list()).includes(name), 'netns.list');
  ip(name, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  const h = await open({ netns: name });
  t.equal((await h.links.get('v0')).name, 'v0', 'a link ip made in it is seen by a handle opened there');
  await h.links.add({ kind: 'bridge', name: 'br0' });
  t.equal(ipLink(name, 'br0').ifname, 'br0', 'a link rtnl made there is seen by ip -n');
  h.close();
  await netns.delete(name);
  t.notOk(ipNetnsList().includes(name), 'gone from ip netns list');
  t.notOk(await netns.exists(name), 'netns.exists is false');
  t.notOk(existsSync(`/run/netns/${name}`), 'the file is gone');

  const other = uniqueName();
  t.teardown(() => {
    if (existsSync(`/run/netns/${other}`)) ip(undefined, 'netns', 'delete', other);
  });
  ip(undefined, 'netns', 'add', other);
  t.ok(await netns.exists(other), 'a namespace ip made: netns.exists');
  t.ok((await netns.list()).includes(other), 'netns.list');
  const h2 = await open({ netns: other });
  t.same((await h2.links.list()).map((l) => l.name), ['lo'], 'opened: a fresh namespace holds lo only');
  h2.close();
  await netns.delete(other);
  t.notOk(ipNetnsList().includes(other), 'rtnl deleted what ip made');
});

t.test('creating an existing name fails with EEXIST and leaves it as it was', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  await h.links.add({ kind: 'bridge', name: 'br0' });
  await t.rejects(netns.create(ns), { code: 'EEXIST' });
  t.equal(ipLink(ns, 'br0').ifname, 'br0', 'the namespace still holds its links');
  await t.rejects(netns.delete(uniqueName('rtnl-none')), { code: 'ENOENT' }, 'deleting a missing name: ENOENT');
  t.notOk(await netns.exists(uniqueName('rtnl-none')), 'exists is false for a missing name');
});

t.test('open({ netns }) by name, path, pid and fd: each handle works in that namespace', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  await h.links.add({ kind: 'bridge', name: 'marker0' });
  const host = await open();
  t.teardown(() => host.close());
  const pid = await processInNetns(t, ns);
  const fd = netnsFd(t, ns);
  for (const ref of [ns, { path: `/run/netns/${ns}` }, { pid }, { fd }]) {
    const what = JSON.stringify(ref);
    const x = await open({ netns: ref });
    t.same(x.netns, ref, `${what}: the handle says where it works`);
    t.equal((await x.links.get('marker0')).name, 'marker0', `${what}: sees the namespace's links`);
    await x.links.add({ kind: 'bridge', name: 'made0' });
    t.equal(ipLink(ns, 'made0').ifname, 'made0', `${what}: what it makes is there, as ip sees`);
    await x.links.delete('made0');
    x.close();
  }
  t.ok((await host.links.list()).every((l) => l.name !== 'marker0'), 'the current namespace is not touched');
  const again = await open({ netns: { fd } });
  again.close();
  t.ok(await h.links.get('marker0'), 'a caller\'s fd stays open after the handle closes (still usable)');
  await t.rejects(open({ netns: { path: '/etc/hostname' } }), { code: 'EINVAL' }, 'a path that is no namespace file');
  await t.rejects(open({ netns: uniqueName('rtnl-none') }), { code: 'ENOENT' }, 'a name that does not exist');
});

t.test('namespace names that could escape /run/netns are refused before any syscall', async (t) => {
  const hadRunX = existsSync('/run/x');
  const bad = ['../x', 'a/b', '.', '..', '', 'x'.repeat(256), 'nul\0byte'];
  for (const name of bad) {
    const shown = JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}... (${name.length} bytes)` : name);
    for (const [what, call] of <[string, () => Promise<unknown>][]>[
      ['netns.create', () => netns.create(name)],
      ['netns.delete', () => netns.delete(name)],
      ['netns.exists', () => netns.exists(name)],
    ]) {
      await t.rejects(call(), { name: 'RangeError', message: /^name must be a namespace name/ }, `${what}(${shown})`);
    }
    await t.rejects(open({ netns: name }), { name: 'RangeError', message: /^options\.netns must be/ }, `open({ netns: ${shown} })`);
  }
  t.equal(existsSync('/run/x'), hadRunX, "'../x' made nothing at /run/x");
  await t.rejects(netns.create(42 as unknown as string), { name: 'TypeError', message: /name must be a string, got 42/ });
  await t.rejects(open({ netns: { pid: -1 } }), { name: 'RangeError', message: /options\.netns\.pid/ });
  await t.rejects(open({ netns: { fd: 1.5 } }), { name: 'RangeError', message: /options\.netns\.fd/ });
  await t.rejects(open({ netns: { path: '' } }), { name: 'RangeError', message: /options\.netns\.path/ });
  await t.rejects(open({ netns: { nsname: 'x' } as never }), { name: 'TypeError', message: /options\.netns/ });
  // 255 bytes is the longest name iproute2 allows: accepted by validation (ENOENT from the kernel
  // side when it does not exist, not a RangeError).
  if (!needsRoot) await t.rejects(open({ netns: 'y'.repeat(255) }), { code: 'ENOENT' });
});
