// Namespace ids (`ip netns set`, `ip netns list-id`) with iproute2 as the oracle both ways, and the
// ids that links whose peer lives in another namespace report.
import t from 'tap';
import { netns, NetlinkError } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

const ipIds = (ns: string): { nsid: number; name?: string }[] =>
  ipJson<any[]>(ns, 'netns', 'list-id').map((o) => (o.name === undefined ? { nsid: o.nsid } : { nsid: o.nsid, name: o.name }));

t.test('netns.setId and netns.listIds agree with ip netns set / list-id, both ways', { skip: needsRoot }, async (t) => {
  const a = await freshNetns(t);
  const b = await freshNetns(t);
  const c = await freshNetns(t);
  const d = await freshNetns(t);
  t.same(await netns.listIds({ netns: a.ns }), [], 'a new namespace has given no ids');
  await netns.setId(b.ns, 7, { netns: a.ns });
  t.same(ipIds(a.ns), [{ nsid: 7, name: b.ns }], 'ip reads the id rtnl gave');
  ip(a.ns, 'netns', 'set', c.ns, '9');
  await netns.setId(d.ns, 'auto', { netns: a.ns });
  const mine = await netns.listIds({ netns: a.ns });
  t.same(mine, ipIds(a.ns), 'rtnl lists what ip lists (the id ip gave, and an automatic one)');
  t.same(mine.map((x) => x.name).sort(), [b.ns, c.ns, d.ns].sort(), 'all three, by name');
  t.ok(mine.some((x) => x.nsid === 9 && x.name === c.ns), 'the id ip gave');

  const again = await netns.setId(b.ns, 8, { netns: a.ns }).catch((e) => e);
  t.ok(again instanceof NetlinkError && again.code === 'EEXIST', `a second id is refused by the kernel: ${again.message}`);

  // A veth from a to b: its end in a reports b by the id a gave b.
  await a.h.links.add({ kind: 'veth', name: 'v0', peer: { name: 'v1', netns: b.ns } });
  t.equal((await a.h.links.get('v0')).linkNetnsId, 7, 'the link reports the peer namespace by that id');
  t.equal(ipJson<any[]>(a.ns, 'link', 'show', 'v0')[0].link_netnsid, 7, 'as ip does');
});
