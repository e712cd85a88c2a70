// Namespace safety: names and paths that try to escape /run/netns are refused before any syscall;
// a symlink planted under /run/netns is followed only to a network namespace file; `{ path }` of a
// file that is no network namespace is a clear error; deleting a planted symlink unmounts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import t from 'tap';
import { netns, open } from '../src/index.js';
import { freshNetns, needsRoot, uniqueName } from './helpers.js';

const ESCAPES = ['..', '.', '../netns', '../../etc/hostname', '/etc/hostname', '/run/netns/x', 'a/b', 'x/..', '', 'a\0b', 'n'.repeat(256)];

t.test('names that try to leave /run/netns are refused by every namespace function', async (t) => {
  for (const name of ESCAPES) {
    const shown = JSON.stringify(name.length > 20 ? `${name.slice(0, 20)}...` : name);
    await t.rejects(open({ netns: name }), RangeError, `open({ netns: ${shown} })`);
    await t.rejects(netns.create(name), RangeError, `netns.create(${shown})`);
    await t.rejects(netns.delete(name), RangeError, `netns.delete(${shown})`);
    await t.rejects(netns.exists(name), RangeError, `netns.exists(${shown})`);
  }
  t.ok(existsSync('/etc/hostname'), '/etc/hostname is still there');
});

/** A symlink /run/netns/NAME -> target, removed in teardown whatever happens. */
function plant(t: { teardown(fn: () => void): void }, target: string): string {
  const name = uniqueName('rtnl-t-planted');
  const p = `/run/netns/${name}`;
  mkdirSync('/run/netns', { recursive: true });
  symlinkSync(target, p);
  t.teardown(() => {
    try {
      unlinkSync(p);
    } catch { /* removed by the test */ }
  });
  return name;
}

t.test('a symlink under /run/netns to a regular file is refused: it is no namespace', { skip: needsRoot }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rtnl-safety-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'not-a-namespace');
  writeFileSync(file, 'plain file\n');
  for (const target of [file, '/etc/hostname', '/proc/self/ns/mnt']) {
    const name = plant(t, target);
    await t.rejects(open({ netns: name }), { code: 'EINVAL', message: /is not a network namespace file/ }, `open({ netns }) -> ${target}`);
    t.equal(await netns.exists(name), false, `netns.exists says no for a link to ${target}`);
    const h = await freshNetns(t, { veth: true });
    await t.rejects(h.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', netns: name }), { code: 'EINVAL' },
      `links.add({ netns }) -> ${target}`);
    await t.rejects(h.h.links.get('mv0'), { code: 'ENODEV' }, 'and nothing was created');
  }
  t.equal(readFileSync(file, 'utf8'), 'plain file\n', 'the file is untouched');
});

t.test('a symlink under /run/netns to a network namespace file is followed (ln -s /proc/PID/ns/net)', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const name = plant(t, `/run/netns/${ns}`);
  const via = await open({ netns: name });
  t.teardown(() => via.close());
  t.same((await via.links.list()).map((l) => l.name).sort(), (await h.links.list()).map((l) => l.name).sort(), 'the same namespace');
});

t.test('{ path } of a file that is no network namespace is a clear error', { skip: needsRoot }, async (t) => {
  await t.rejects(open({ netns: { path: '/etc/hostname' } }), { code: 'EINVAL', message: /'\/etc\/hostname' is not a network namespace file: it is not on nsfs/ });
  await t.rejects(open({ netns: { path: '/proc/self/ns/mnt' } }), { code: 'EINVAL', message: /namespace of another type/ });
  await t.rejects(open({ netns: { path: '/proc/self/ns/user' } }), { code: 'EINVAL' });
  await t.rejects(open({ netns: { path: '/nonexistent/netns' } }), { code: 'ENOENT' });
  await t.rejects(open({ netns: { path: '/run/netns' } }), { code: 'EINVAL' }, 'a directory');
  await t.rejects(open({ netns: { pid: 2 ** 31 - 1 } }), { code: 'ENOENT' }, 'a pid that does not exist');
  const h = await open({ netns: { path: '/proc/self/ns/net' } });
  t.ok((await h.links.list()).length > 0, 'a real namespace file opens');
  h.close();
});

t.test('netns.delete of a planted symlink unlinks it and unmounts nothing it points at', { skip: needsRoot }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rtnl-safety-mnt-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'rtnl-safety', dir]);
  t.teardown(() => {
    try {
      execFileSync('umount', [dir]);
    } catch { /* the test failed: it was unmounted already */ }
    rmSync(dir, { recursive: true, force: true });
  });
  writeFileSync(path.join(dir, 'canary'), 'still mounted\n');
  const name = plant(t, dir);
  await netns.delete(name);
  t.notOk(existsSync(`/run/netns/${name}`), 'the symlink is gone');
  t.ok(readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === dir), 'the tmpfs it pointed at is still mounted');
  t.equal(readFileSync(path.join(dir, 'canary'), 'utf8'), 'still mounted\n', 'and its files are there');
});

t.test('netns.create refuses a name that exists as a planted symlink, and leaves the target alone', { skip: needsRoot }, async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rtnl-safety-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'target');
  writeFileSync(file, 'target\n');
  const name = plant(t, file);
  await t.rejects(netns.create(name), { code: 'EEXIST' });
  const dangling = plant(t, path.join(dir, 'does-not-exist'));
  await t.rejects(netns.create(dangling), { code: 'EEXIST' }, 'a dangling symlink is not followed to create its target');
  t.notOk(existsSync(path.join(dir, 'does-not-exist')), 'nothing was created where it points');
  t.equal(readFileSync(file, 'utf8'), 'target\n');
});
