import t from 'tap';
import { freshNetns, ipLink, needsRoot } from './helpers.js';

t.test('a macvlan made by rtnl reads back the same in ip -d -j link', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const mv = await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' });
  const o = ipLink(ns, 'mv0');
  t.equal(mv.index, o.ifindex);
  t.equal(o.linkinfo.info_kind, 'macvlan');
  t.equal(o.linkinfo.info_data.mode, 'bridge');
  t.equal(mv.parent, 'up0');
});
