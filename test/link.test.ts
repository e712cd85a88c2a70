// Links against the kernel, with iproute2 as the oracle: what rtnl creates and changes reads back the
// same in `ip -d -j link show`, and what `ip` creates reads back the same through rtnl.
import t from 'tap';
import { type Link, type MacvlanMode, type MacvlanSpec } from '../src/index.js';
import { freshNetns, ip, ipLink, ipView, linkView, needsRoot, netnsFd, processInNetns } from './helpers.js';

const MODES: MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru', 'source'];
const SOURCE_MACS = ['02:00:00:00:01:01', '02:00:00:00:01:02'];

/** Whether namespace `ns` holds a link named `name`, asked of ip. */
function ipHas(ns: string, name: string): boolean {
  return ip(ns, '-j', 'link', 'show').includes(`"ifname":"${name}"`);
}

for (const kind of ['macvlan', 'macvtap'] as const) {
  for (const mode of MODES) {
    t.test(`${kind} mode ${mode} made by rtnl reads back the same in ip -d -j link`, { skip: needsRoot }, async (t) => {
      const { ns, h } = await freshNetns(t, { veth: true });
      const spec: MacvlanSpec = {
        kind, name: 'mv0', parent: 'up0', mode, mtu: 1400, txQueueLen: 321, alias: `an ${kind} in ${mode} mode`, up: true,
      };
      // A passthru link takes its parent's MAC address (the kernel overrides one given).
      const mac = mode === 'passthru' ? ipLink(ns, 'up0').address as string : '02:42:0a:00:00:05';
      if (mode !== 'passthru') spec.address = mac;
      if (mode === 'source') spec.macs = SOURCE_MACS;
      if (mode === 'passthru') spec.nopromisc = true;
      if (mode !== 'passthru') spec.bcQueueLen = 77;
      const made = await h.links.add(spec);
      const o = ipLink(ns, 'mv0');
      t.same(linkView(made), ipView(o), 'the link add resolved to is the one ip shows');
      t.same(linkView(await h.links.get('mv0')), ipView(o), 'links.get agrees with ip');
      // And the values asked for are what both report.
      t.equal(o.linkinfo.info_kind, kind);
      t.equal(o.linkinfo.info_data.mode, mode);
      t.equal(o.link, 'up0');
      t.equal(o.mtu, 1400);
      t.equal(o.address, mac);
      t.equal(o.txqlen, 321);
      t.equal(o.ifalias, `an ${kind} in ${mode} mode`);
      t.ok(o.flags.includes('UP'), 'up');
      t.equal(made.parent, 'up0');
      t.equal(made.parentIndex, ipLink(ns, 'up0').ifindex);
      if (mode === 'source') t.same([...o.linkinfo.info_data.macaddr_data].sort(), SOURCE_MACS, 'source MAC list');
      if (mode === 'passthru') {
        t.equal(o.linkinfo.info_data.nopromisc, true, 'nopromisc flag');
        t.equal(ipLink(ns, 'up0').promiscuity, 0, 'nopromisc leaves the parent out of promiscuous mode');
      } else {
        t.equal(o.linkinfo.info_data.bcqueuelen, 77, 'bcqueuelen');
      }
    });

    t.test(`${kind} mode ${mode} made by ip reads back the same through rtnl`, { skip: needsRoot }, async (t) => {
      const { ns, h } = await freshNetns(t, { veth: true });
      const args = ['link', 'add', 'mv0', 'link', 'up0', 'mtu', '1280', 'address', '02:42:0a:00:00:06', 'txqueuelen', '99',
        'type', kind, 'mode', mode];
      if (mode === 'source') args.push('macaddr', 'add', SOURCE_MACS[0]!);
      if (mode === 'passthru') args.push('nopromisc');
      ip(ns, ...args);
      ip(ns, 'link', 'set', 'mv0', 'alias', 'made by ip', 'up');
      const o = ipLink(ns, 'mv0');
      const got = await h.links.get('mv0');
      t.same(linkView(got), ipView(o), 'links.get agrees with ip');
      t.same(linkView((await h.links.list()).find((l) => l.name === 'mv0')!), ipView(o), 'links.list agrees with ip');
      t.equal(got.kind, kind);
      t.equal(got[kind]?.mode, mode);
      t.equal(got.alias, 'made by ip');
      if (mode === 'source') t.same(got[kind]?.macs, [SOURCE_MACS[0]]);
      if (mode === 'passthru') t.equal(got[kind]?.nopromisc, true);
    });
  }
}

t.test('veth with a peer name, made by rtnl and by ip, agrees with ip', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const v0 = await h.links.add({ kind: 'veth', name: 'v0', mtu: 9000, peer: { name: 'v1', mtu: 9000, address: '02:00:00:00:00:11' } });
  const v1 = await h.links.get('v1');
  t.same(linkView(v0), ipView(ipLink(ns, 'v0')));
  t.same(linkView(v1), ipView(ipLink(ns, 'v1')));
  t.equal(v0.parent, 'v1', 'a veth names its peer as parent');
  t.equal(v1.parent, 'v0');
  t.equal(v0.veth?.peerIndex, v1.index);
  t.equal(v1.address, '02:00:00:00:00:11');

  ip(ns, 'link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1');
  t.same(linkView(await h.links.get('w0')), ipView(ipLink(ns, 'w0')));
  t.same(linkView(await h.links.get('w1')), ipView(ipLink(ns, 'w1')));
});

t.test('veth with its peer in another namespace', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const other = await freshNetns(t);
  const v0 = await h.links.add({ kind: 'veth', name: 'v0', alias: 'near end', peer: { name: 'v1', netns: other.ns, alias: 'far end' } });
  t.notOk(ipHas(ns, 'v1'), 'the peer is not in the first namespace');
  t.ok(ipHas(other.ns, 'v1'), 'the peer is in the other namespace');
  const o0 = ipLink(ns, 'v0');
  const o1 = ipLink(other.ns, 'v1');
  const v1 = await other.h.links.get('v1');
  t.same(linkView(v0), ipView(o0));
  t.same(linkView(v1), ipView(o1));
  t.equal(v0.parentIndex, v1.index, 'the peer index, from the other namespace');
  t.equal(v0.parent, undefined, 'no parent name across namespaces');
  t.type(v0.linkNetnsId, 'number', 'link netns id set');
  t.equal(o0.ifalias, 'near end', 'alias given on creation');
  t.equal(o1.ifalias, 'far end', 'peer alias given on creation, in the peer\'s namespace');

  // And a veth made by ip across namespaces.
  ip(ns, 'link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1', 'netns', other.ns);
  t.same(linkView(await h.links.get('w0')), ipView(ipLink(ns, 'w0')));
  t.same(linkView(await other.h.links.get('w1')), ipView(ipLink(other.ns, 'w1')));
});

t.test('bridge with a port enslaved via master agrees with ip, both ways', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const br = await h.links.add({ kind: 'bridge', name: 'br0', up: true });
  t.same(linkView(br), ipView(ipLink(ns, 'br0')), 'the bridge add resolved to');
  // A bridge without an address of its own takes its ports' lowest MAC: read it again after.
  const port = await h.links.add({ kind: 'veth', name: 'p0', master: 'br0', peer: { name: 'p1' } });
  t.same(linkView(await h.links.get('br0')), ipView(ipLink(ns, 'br0')));
  t.same(linkView(await h.links.get('p0')), ipView(ipLink(ns, 'p0')));
  t.equal(ipLink(ns, 'p0').master, 'br0', 'ip sees the port in the bridge');
  const p0 = await h.links.get('p0');
  t.equal(p0.master, 'br0');
  t.equal(p0.masterIndex, br.index);
  t.equal(p0.slaveKind, 'bridge');
  t.equal(port.index, p0.index);

  ip(ns, 'link', 'add', 'br1', 'type', 'bridge');
  ip(ns, 'link', 'set', 'p1', 'master', 'br1');
  t.same(linkView(await h.links.get('br1')), ipView(ipLink(ns, 'br1')));
  const p1 = await h.links.get('p1');
  t.same(linkView(p1), ipView(ipLink(ns, 'p1')));
  t.equal(p1.master, 'br1');
});

t.test('links.set: up/down, mtu, address, rename, promisc, allmulti, txQueueLen, alias', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' });
  const check = async (name: string, what: string): Promise<Link> => {
    const l = await h.links.get(name);
    t.same(linkView(l), ipView(ipLink(ns, name)), `${what}: rtnl and ip agree`);
    return l;
  };

  await h.links.set('mv0', { up: true });
  t.ok(ipLink(ns, 'mv0').flags.includes('UP'), 'up');
  t.ok((await check('mv0', 'up')).flags.up);
  await h.links.set('mv0', { up: false });
  t.notOk(ipLink(ns, 'mv0').flags.includes('UP'), 'down');
  t.notOk((await check('mv0', 'down')).flags.up);

  await h.links.set('mv0', { mtu: 1400 });
  t.equal(ipLink(ns, 'mv0').mtu, 1400, 'mtu');
  await h.links.set('mv0', { address: '02:42:0a:00:00:05' });
  t.equal(ipLink(ns, 'mv0').address, '02:42:0a:00:00:05', 'address');
  await h.links.set('mv0', { txQueueLen: 42 });
  t.equal(ipLink(ns, 'mv0').txqlen, 42, 'txqueuelen');
  await check('mv0', 'mtu, address, txqueuelen');

  await h.links.set('mv0', { promisc: true });
  t.ok(ipLink(ns, 'mv0').flags.includes('PROMISC'), 'promisc on');
  t.equal(ipLink(ns, 'mv0').promiscuity, 1, 'promiscuity counts it');
  t.ok((await check('mv0', 'promisc on')).flags.promisc);
  await h.links.set('mv0', { promisc: false });
  t.notOk(ipLink(ns, 'mv0').flags.includes('PROMISC'), 'promisc off');
  t.equal((await check('mv0', 'promisc off')).promiscuity, 0);

  await h.links.set('mv0', { allmulti: true });
  t.ok(ipLink(ns, 'mv0').flags.includes('ALLMULTI'), 'allmulti on');
  t.ok((await check('mv0', 'allmulti on')).flags.allmulti);
  await h.links.set('mv0', { allmulti: false });
  t.notOk(ipLink(ns, 'mv0').flags.includes('ALLMULTI'), 'allmulti off');

  await h.links.set('mv0', { alias: 'uplink to the fabric' });
  t.equal(ipLink(ns, 'mv0').ifalias, 'uplink to the fabric', 'alias set');
  t.equal((await check('mv0', 'alias set')).alias, 'uplink to the fabric');
  await h.links.set('mv0', { alias: '' });
  t.equal(ipLink(ns, 'mv0').ifalias, undefined, 'alias cleared');
  t.equal((await check('mv0', 'alias cleared')).alias, undefined);

  const before = await h.links.get('mv0');
  await h.links.set('mv0', { name: 'mv-renamed' });
  t.notOk(ipHas(ns, 'mv0'), 'the old name is gone');
  t.equal(ipLink(ns, 'mv-renamed').ifindex, before.index, 'same link, new name');
  t.equal((await check('mv-renamed', 'renamed')).index, before.index);
  // By index, with several changes in one call.
  await h.links.set(before.index, { name: 'mv0', up: true, mtu: 1300 });
  const o = ipLink(ns, 'mv0');
  t.equal(o.ifindex, before.index);
  t.equal(o.mtu, 1300);
  t.ok(o.flags.includes('UP'));
});

t.test('links.set: master and nomaster', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const br = await h.links.add({ kind: 'bridge', name: 'br0' });
  await h.links.set('up1', { master: 'br0' });
  t.equal(ipLink(ns, 'up1').master, 'br0', 'enslaved by name');
  const port = await h.links.get('up1');
  t.equal(port.master, 'br0');
  t.same(linkView(port), ipView(ipLink(ns, 'up1')));
  t.same((await h.links.list({ master: 'br0' })).map((l) => l.name), ['up1']);
  await h.links.set('up1', { master: null });
  t.equal(ipLink(ns, 'up1').master, undefined, 'released');
  t.equal((await h.links.get('up1')).master, undefined);
  await h.links.set('up1', { master: br.index });
  t.equal(ipLink(ns, 'up1').master, 'br0', 'enslaved by index');
});

t.test('links.set: macvlan mode change', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' });
  await h.links.add({ kind: 'macvtap', name: 'mt0', parent: 'up0', mode: 'bridge' });
  for (const mode of ['vepa', 'private', 'source', 'bridge'] as const) {
    await h.links.set('mv0', { macvlan: { mode } });
    t.equal(ipLink(ns, 'mv0').linkinfo.info_data.mode, mode, `ip sees macvlan mode ${mode}`);
    t.equal((await h.links.get('mv0')).macvlan?.mode, mode);
    await h.links.set('mt0', { macvtap: { mode } });
    t.equal(ipLink(ns, 'mt0').linkinfo.info_data.mode, mode, `ip sees macvtap mode ${mode}`);
  }
});

t.test('links.set: source-mode MAC list set, addMacs, delMacs, flush', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'source', macs: ['02:00:00:00:00:01'] });
  const ipMacs = (): string[] => [...(ipLink(ns, 'mv0').linkinfo.info_data.macaddr_data ?? [])].sort();
  const rtMacs = async (): Promise<string[]> => [...((await h.links.get('mv0')).macvlan?.macs ?? [])].sort();
  t.same(ipMacs(), ['02:00:00:00:00:01'], 'made with one');

  await h.links.set('mv0', { macvlan: { macs: ['02:00:00:00:00:02', '02:00:00:00:00:03'] } });
  t.same(ipMacs(), ['02:00:00:00:00:02', '02:00:00:00:00:03'], 'set replaces the list');
  t.same(await rtMacs(), ipMacs());

  await h.links.set('mv0', { macvlan: { addMacs: ['02:00:00:00:00:04', '02:00:00:00:00:05'] } });
  t.same(ipMacs(), ['02:00:00:00:00:02', '02:00:00:00:00:03', '02:00:00:00:00:04', '02:00:00:00:00:05'], 'addMacs adds');
  t.same(await rtMacs(), ipMacs());

  await h.links.set('mv0', { macvlan: { delMacs: ['02:00:00:00:00:02', '02:00:00:00:00:05'] } });
  t.same(ipMacs(), ['02:00:00:00:00:03', '02:00:00:00:00:04'], 'delMacs removes');
  t.same(await rtMacs(), ipMacs());

  await h.links.set('mv0', { macvlan: { macs: [] } });
  t.same(ipMacs(), [], '[] flushes');
  t.same(await rtMacs(), []);
  t.equal(ipLink(ns, 'mv0').linkinfo.info_data.macaddr_count, 0, 'ip counts none');

  // And a list made by ip reads back through rtnl.
  ip(ns, 'link', 'set', 'mv0', 'type', 'macvlan', 'macaddr', 'set', '02:00:00:00:00:0a', '02:00:00:00:00:0b');
  t.same(await rtMacs(), ['02:00:00:00:00:0a', '02:00:00:00:00:0b']);

  // A change that also moves the link: the edit reaches it before it leaves.
  const other = await freshNetns(t);
  await h.links.set('mv0', { netns: other.ns, macvlan: { addMacs: ['02:00:00:00:00:0c'] } });
  t.same([...((await other.h.links.get('mv0')).macvlan?.macs ?? [])].sort(),
    ['02:00:00:00:00:0a', '02:00:00:00:00:0b', '02:00:00:00:00:0c'], 'addMacs with netns: the edit made it, and moved with the link');
});

t.test('links.set: move to another namespace by name, path, pid and fd', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const dst = await freshNetns(t);
  const pid = await processInNetns(t, dst.ns);
  const fd = netnsFd(t, dst.ns);
  const refs = [
    ['name', dst.ns],
    ['path', { path: `/run/netns/${dst.ns}` }],
    ['pid', { pid }],
    ['fd', { fd }],
  ] as const;
  for (const [how, netns] of refs) {
    const name = `m-${how}`;
    await h.links.add({ kind: 'veth', name, peer: { name: `${name}p` } });
    await h.links.set(name, { netns });
    t.notOk(ipHas(ns, name), `by ${how}: gone from the first namespace`);
    t.ok(ipHas(dst.ns, name), `by ${how}: ip sees it in the target namespace`);
    const moved = await dst.h.links.get(name);
    t.same(linkView(moved), ipView(ipLink(dst.ns, name)), `by ${how}: rtnl and ip agree there`);
    t.type(moved.linkNetnsId, 'number', `by ${how}: its peer is now in another namespace`);
    await t.rejects(h.links.get(name), { code: 'ENODEV' }, `by ${how}: rtnl no longer finds it in the first namespace`);
  }
  t.ok(fd >= 0, 'the caller\'s fd is still open');
  t.doesNotThrow(() => ip(undefined, 'netns', 'pids', dst.ns), 'the target namespace is intact');
});

t.test('links.add directly into another namespace with netns:', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const dst = await freshNetns(t);
  const mv = await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', netns: dst.ns, mtu: 1400 });
  t.notOk(ipHas(ns, 'mv0'), 'not in the parent\'s namespace');
  const o = ipLink(dst.ns, 'mv0');
  t.same(linkView(mv), ipView(o), 'what add resolved to is what ip shows in the target namespace');
  t.equal(o.linkinfo.info_data.mode, 'bridge');
  t.equal(o.mtu, 1400);
  t.equal(mv.parentIndex, ipLink(ns, 'up0').ifindex, 'the parent index, in the parent\'s namespace');
  t.type(mv.linkNetnsId, 'number');
  t.equal(mv.parent, undefined, 'no parent name across namespaces');

  const pid = await processInNetns(t, dst.ns);
  const byPid = await h.links.add({ kind: 'macvtap', name: 'mt0', parent: 'up0', mode: 'bridge', netns: { pid } });
  t.same(linkView(byPid), ipView(ipLink(dst.ns, 'mt0')), 'by pid');
  const byFd = await h.links.add({ kind: 'veth', name: 'v0', peer: { name: 'v1' }, netns: { fd: netnsFd(t, dst.ns) } });
  t.same(linkView(byFd), ipView(ipLink(dst.ns, 'v0')), 'by fd');
  t.ok(ipHas(ns, 'v1'), 'the peer stays here');
});

t.test('links.list with filter { kind } and { master }', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
  await h.links.add({ kind: 'macvlan', name: 'mv1', parent: 'up0' });
  await h.links.add({ kind: 'macvtap', name: 'mt0', parent: 'up0' });
  await h.links.add({ kind: 'bridge', name: 'br0' });
  await h.links.add({ kind: 'veth', name: 'p0', master: 'br0', peer: { name: 'p1' } });

  const names = (ls: Link[]): string[] => ls.map((l) => l.name).sort();
  const ipNames = (...args: string[]): string[] =>
    (JSON.parse(ip(ns, '-j', 'link', 'show', ...args)) as { ifname: string }[]).map((l) => l.ifname).sort();
  t.same(names(await h.links.list({ kind: 'macvlan' })), ['mv0', 'mv1'], 'kind macvlan');
  t.same(names(await h.links.list({ kind: 'macvlan' })), ipNames('type', 'macvlan'), 'as ip lists them');
  t.same(names(await h.links.list({ kind: 'veth' })), ipNames('type', 'veth'), 'kind veth, as ip lists them');
  t.same(names(await h.links.list({ kind: 'bridge' })), ['br0']);
  t.same(names(await h.links.list({ master: 'br0' })), ['p0'], 'master br0');
  t.same(names(await h.links.list({ master: 'br0' })), ipNames('master', 'br0'), 'as ip lists them');
  const ports = await h.links.list({ master: 'br0' });
  t.equal(ports[0]?.master, 'br0', 'filtered lists still name the master');
  const mvs = await h.links.list({ kind: 'macvlan' });
  t.equal(mvs[0]?.parent, 'up0', 'filtered lists still name the parent');
  t.same(names(await h.links.list({ kind: 'ipvlan' })), [], 'a kind this kernel may not know lists nothing, not everything');
  t.same(names(await h.links.list({ kind: 'macvlan', master: 'br0' })), [], 'both filters apply');
  const all = await h.links.list();
  t.same(names(all), ipNames(), 'unfiltered: every link, as ip lists them');
  for (const l of all) t.same(linkView(l), ipView(ipLink(ns, l.name)), `list entry ${l.name} agrees with ip`);
});

t.test('links.delete by name and by index', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
  const mv1 = await h.links.add({ kind: 'macvlan', name: 'mv1', parent: 'up0' });
  await h.links.delete('mv0');
  t.notOk(ipHas(ns, 'mv0'), 'deleted by name');
  t.ok(ipHas(ns, 'mv1'), 'the other stays');
  await h.links.delete(mv1.index);
  t.notOk(ipHas(ns, 'mv1'), 'deleted by index');
  await h.links.delete('up0');
  t.notOk(ipHas(ns, 'up1'), 'a veth takes its peer with it');
  await t.rejects(h.links.delete('mv0'), { name: 'NetlinkError', code: 'ENODEV' }, 'deleting what is gone is ENODEV');
});
