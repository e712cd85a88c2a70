// Bulk deletion: links.delete([...]) deletes exactly the links named, in one kernel batch (a link
// group), and a name that does not exist rejects before anything is deleted.
import t from 'tap';
import { NetlinkError } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

/** Names of the links in namespace `ns`, asked of ip. */
function ipNames(ns: string): string[] {
  return ipJson<{ ifname: string }[]>(ns, 'link', 'show').map((l) => l.ifname).sort();
}
/** `ip -j link show dev NAME`'s group of one link ('default' for 0). */
function ipGroup(ns: string, name: string): string | number {
  return ipJson<{ group: string | number }[]>(ns, '-d', 'link', 'show', 'dev', name)[0]!.group;
}

t.test('links.delete([...]) deletes only the links named, by name or index', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  for (let i = 0; i < 8; i++) await h.links.add({ kind: 'macvlan', name: `mv${i}`, parent: 'up0', mode: 'bridge' });
  // Links that are not named survive, also those that were in the same group as named ones.
  ip(ns, 'link', 'set', 'mv6', 'group', '7');
  ip(ns, 'link', 'set', 'mv0', 'group', '7');
  const mv1 = await h.links.get('mv1');
  await h.links.delete(['mv0', mv1.index, 'mv2', 'mv3', 'mv2']);  // a link named twice is deleted once
  t.same(ipNames(ns), ['lo', 'mv4', 'mv5', 'mv6', 'mv7', 'up0', 'up1'], 'only mv0..mv3 are gone');
  t.equal(String(ipGroup(ns, 'mv6')), '7', 'mv6 keeps its group');
  t.equal(ipGroup(ns, 'mv4'), 'default', 'mv4 keeps its group');
  await h.links.delete([]);
  await h.links.delete(['mv4']);
  t.same(ipNames(ns), ['lo', 'mv5', 'mv6', 'mv7', 'up0', 'up1'], 'an array of one deletes that one');
});

t.test('links.delete([...]) with a missing name rejects, naming it, and deletes nothing', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  for (let i = 0; i < 3; i++) await h.links.add({ kind: 'macvlan', name: `mv${i}`, parent: 'up0' });
  const before = ipNames(ns);
  const e = await h.links.delete(['mv0', 'nosuch', 'mv2']).catch((x: unknown) => x);
  t.type(e, NetlinkError);
  t.equal((e as NetlinkError).code, 'ENODEV');
  t.match((e as Error).message, /links\[1\].*'nosuch'/, 'the error names the missing link');
  const e2 = await h.links.delete(['mv0', 99999]).catch((x: unknown) => x);
  t.match((e2 as Error).message, /links\[1\].*index 99999/);
  t.same(ipNames(ns), before, 'nothing was deleted');
  t.equal(ipGroup(ns, 'mv0'), 'default', 'and no group was changed');
  await t.rejects(h.links.delete(['mv0', 'a/b'] as string[]), RangeError, 'a bad name is refused before any syscall');
});

t.test('links.delete([...]) of a link without a delete operation puts the others back', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
  await h.links.add({ kind: 'macvlan', name: 'mv1', parent: 'up0' });
  // Loopback cannot be deleted (its device has no rtnl_link_ops): the kernel refuses the batch.
  await t.rejects(h.links.delete(['mv0', 'lo', 'mv1']), { code: 'EOPNOTSUPP' });
  t.same(ipNames(ns), ['lo', 'mv0', 'mv1', 'up0', 'up1'], 'nothing was deleted');
  for (const n of ['lo', 'mv0', 'mv1']) t.equal(ipGroup(ns, n), 'default', `${n} is back in its group`);
});
