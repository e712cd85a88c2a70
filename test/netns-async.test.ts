// Namespace work off Node's thread: opening a handle in a namespace, its sysctls and namespace ids
// are done by helper threads while Node's thread goes on; fds are not leaked on any path, errors
// still name the namespace, and what they do matches iproute2 / sysctl(8) read from outside.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import t from 'tap';
import { netns, NetnsError, open } from '../src/index.js';
import { fdCount, freshNetns, ip, needsRoot } from './helpers.js';

const sysctlIn = (ns: string, name: string): string =>
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-n', name], { encoding: 'utf8' }).trim();

/**
 * Whether `p` is still pending after `turns` microtask turns. Work done off Node's thread is
 * delivered by the event loop, which cannot run during these turns: a call that makes Node's thread
 * do it (and wait) has settled by then.
 */
async function pendingAfterMicrotasks(p: Promise<unknown>, turns = 50): Promise<boolean> {
  let settled = false;
  p.then(() => { settled = true; }, () => { settled = true; });
  for (let i = 0; i < turns; i++) await null;
  return !settled;
}

t.test('open({ netns }) makes its socket off Node\'s thread, in that namespace', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const p = open({ netns: ns });
  t.ok(await pendingAfterMicrotasks(p), 'still pending after 50 microtask turns: not done on Node\'s thread');
  const h2 = await p;
  t.teardown(() => h2.close());
  // The socket is in that namespace: it sees the namespace's links, as ip does.
  const names = (await h2.links.list()).map((l) => l.name).sort();
  const ipNames = JSON.parse(ip(ns, '-j', 'link', 'show')).map((l: { ifname: string }) => l.ifname).sort();
  t.same(names, ipNames, 'the handle sees the namespace\'s links (ip -j link show)');
  t.same(names, (await h.links.list()).map((l) => l.name).sort(), 'the same as a handle opened earlier');
});

t.test('many opens at once: each in its own namespace, no fd left after close', { skip: needsRoot }, async (t) => {
  const spaces = await Promise.all(Array.from({ length: 8 }, () => freshNetns(t)));
  // Tell the namespaces apart: a link named after each.
  await Promise.all(spaces.map(({ h }, i) => h.links.add({ kind: 'veth', name: `nsa${i}`, peer: { name: `nsb${i}` } })));
  const before = fdCount();
  for (let round = 0; round < 3; round++) {
    const handles = await Promise.all(spaces.flatMap(({ ns }) => [open({ netns: ns }), open({ netns: ns })]));
    for (const [j, h] of handles.entries()) {
      const i = Math.floor(j / 2);
      const names = (await h.links.list()).map((l) => l.name);
      t.ok(names.includes(`nsa${i}`) && !names.includes(`nsa${(i + 1) % spaces.length}`), `round ${round}, handle ${j}: in namespace ${i}`);
      h.close();
    }
  }
  t.equal(fdCount(), before, 'as many fds open as before');
});

t.test('open of a namespace that cannot be entered: NetnsError naming it, no fd leaked', { skip: needsRoot }, async (t) => {
  // An fd of a namespace file of another type: setns(CLONE_NEWNET) refuses it on the helper thread.
  const uts = openSync('/proc/self/ns/uts', 'r');
  t.teardown(() => closeSync(uts));
  const before = fdCount();
  for (let i = 0; i < 5; i++) {
    const err = await open({ netns: { fd: uts } }).then(() => undefined, (e: unknown) => e);
    t.ok(err instanceof NetnsError, `rejects with NetnsError (${(err as Error)?.message})`);
    t.match((err as Error).message, new RegExp(`fd ${uts}`), 'the message names the namespace');
    t.equal((err as NodeJS.ErrnoException).code, 'EINVAL', 'code EINVAL (setns)');
  }
  const gone = `rtnl-t-gone-${process.pid}`;
  await t.rejects(open({ netns: gone }), { code: 'ENOENT' }, 'a namespace that does not exist: ENOENT');
  t.equal(fdCount(), before, 'as many fds open as before');
});

t.test('sysctl get/set off Node\'s thread, many namespaces at once, as sysctl(8) reads them', { skip: needsRoot }, async (t) => {
  const spaces = await Promise.all(Array.from({ length: 6 }, () => freshNetns(t)));
  const before = fdCount();
  const set = spaces[0]!.h.sysctl.set('net.ipv4.conf.default.arp_notify', 1);
  t.ok(await pendingAfterMicrotasks(set), 'set still pending after 50 microtask turns');
  await set;
  await Promise.all(spaces.map(({ h }, i) => h.sysctl.set('net.ipv4.conf.default.arp_announce', i % 3)));
  for (const [i, { ns }] of spaces.entries()) {
    t.equal(sysctlIn(ns, 'net.ipv4.conf.default.arp_announce'), String(i % 3), `namespace ${i}: sysctl -n reads what was set`);
  }
  execFileSync('ip', ['netns', 'exec', spaces[1]!.ns, 'sysctl', '-qw', 'net.ipv4.conf.default.arp_ignore=2']);
  const got = await Promise.all(spaces.map(({ h }) => h.sysctl.getInt('net.ipv4.conf.default.arp_ignore')));
  t.same(got, spaces.map((_, i) => (i === 1 ? 2 : 0)), 'what sysctl -w set in one namespace is read there only');
  await t.rejects(spaces[0]!.h.sysctl.get('net.ipv4.no_such_setting'), { code: 'ENOENT' }, 'a missing sysctl: ENOENT');
  t.equal(fdCount(), before, 'as many fds open as before');
});

t.test('a namespace deleted while opens are in flight: each open settles, no fd leaked', { skip: needsRoot }, async (t) => {
  const name = `rtnl-t-del-${process.pid}`;
  await netns.create(name);
  t.teardown(() => netns.delete(name).catch(() => undefined));
  const before = fdCount();
  const opens = Array.from({ length: 20 }, () => open({ netns: name }));
  await netns.delete(name);
  // The namespace file was open (or not yet) when each open began: it opens there, or is ENOENT.
  const results = await Promise.allSettled(opens);
  for (const r of results) {
    if (r.status === 'fulfilled') r.value.close();
    else t.equal((r.reason as NodeJS.ErrnoException).code, 'ENOENT', 'a rejection is ENOENT');
  }
  t.equal(results.length, 20, 'every open settled');
  t.equal(fdCount(), before, 'as many fds open as before');
});
