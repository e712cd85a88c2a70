// Link options against the kernel, with iproute2 as the oracle both ways: the noarp and multicast
// flags, the ifindex and queue counts chosen on create, GSO/GRO limits, alternative names,
// counters on request (`ip -s -s -j link`), and the macvlan broadcast queue length in use.
import t from 'tap';
import { NetlinkError, type Link } from '../src/index.js';
import { freshNetns, ip, ipJson, ipLink, needsRoot, pings } from './helpers.js';

/** The option fields both report, as rtnl names them. */
interface OptionsView {
  index: number; noarp: boolean; multicast: boolean; numTxQueues?: number; numRxQueues?: number;
  gsoMaxSize?: number; gsoMaxSegs?: number; groMaxSize?: number; tsoMaxSize?: number; tsoMaxSegs?: number; altNames: string[];
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const view = (l: Link): OptionsView => defined<OptionsView>({
  index: l.index, noarp: l.flags.noarp, multicast: l.flags.multicast, numTxQueues: l.numTxQueues, numRxQueues: l.numRxQueues,
  gsoMaxSize: l.gsoMaxSize, gsoMaxSegs: l.gsoMaxSegs, groMaxSize: l.groMaxSize, tsoMaxSize: l.tsoMaxSize, tsoMaxSegs: l.tsoMaxSegs,
  altNames: l.altNames,
});

const ipOptions = (o: any): OptionsView => defined<OptionsView>({
  index: o.ifindex, noarp: o.flags.includes('NOARP'), multicast: o.flags.includes('MULTICAST'),
  numTxQueues: o.num_tx_queues, numRxQueues: o.num_rx_queues, gsoMaxSize: o.gso_max_size, gsoMaxSegs: o.gso_max_segs,
  groMaxSize: o.gro_max_size, tsoMaxSize: o.tso_max_size, tsoMaxSegs: o.tso_max_segs, altNames: o.altnames ?? [],
});

/** `want` without numRxQueues where the kernel reports none (built without CONFIG_RPS, as the test kernel). */
const rx = <T extends { numRxQueues?: number }>(o: any, want: T): T => {
  if (o.num_rx_queues === undefined) delete want.numRxQueues;
  return want;
};

t.test('flags, index, queues and GSO/GRO limits: rtnl sets, ip reads; ip sets, rtnl reads', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const made = await h.links.add({
    kind: 'veth', name: 'up0', index: 77, numTxQueues: 3, numRxQueues: 2, noarp: true, multicast: false,
    gsoMaxSize: 30000, gsoMaxSegs: 50, groMaxSize: 40000, peer: { name: 'up1', index: 78, numTxQueues: 4, noarp: true },
  });
  t.same(view(made), ipOptions(ipLink(ns, 'up0')), 'the link add resolved to: as ip reads it');
  t.match(view(made), rx(ipLink(ns, 'up0'), { index: 77, numTxQueues: 3, numRxQueues: 2, noarp: true, multicast: false, gsoMaxSize: 30000, gsoMaxSegs: 50, groMaxSize: 40000 }));
  const peer = await h.links.get('up1');
  t.same(view(peer), ipOptions(ipLink(ns, 'up1')), 'the peer as ip reads it');
  t.match(view(peer), { index: 78, numTxQueues: 4, noarp: true, multicast: true });

  await h.links.set('up0', { noarp: false, multicast: true, gsoMaxSize: 20000, gsoMaxSegs: 40, groMaxSize: 50000 });
  t.same(ipOptions(ipLink(ns, 'up0')), view(await h.links.get('up0')), 'changed by rtnl, read by ip');
  t.match(ipOptions(ipLink(ns, 'up0')), { noarp: false, multicast: true, gsoMaxSize: 20000, gsoMaxSegs: 40, groMaxSize: 50000 });

  ip(ns, 'link', 'add', 'up2', 'index', '90', 'numtxqueues', '5', 'numrxqueues', '3', 'type', 'veth', 'peer', 'name', 'up3');
  ip(ns, 'link', 'set', 'up2', 'arp', 'off', 'multicast', 'off', 'gso_max_size', '25000', 'gso_max_segs', '30', 'gro_max_size', '45000');
  const theirs = await h.links.get('up2');
  t.same(view(theirs), ipOptions(ipLink(ns, 'up2')), 'made and changed by ip, read by rtnl');
  t.match(view(theirs), rx(ipLink(ns, 'up2'), { index: 90, numTxQueues: 5, numRxQueues: 3, noarp: true, multicast: false, gsoMaxSize: 25000, gsoMaxSegs: 30, groMaxSize: 45000 }));
  for (const l of await h.links.list()) t.same(view(l), ipOptions(ipLink(ns, l.name)), `list(): ${l.name} as ip reads it`);

  const taken = await h.links.add({ kind: 'veth', name: 'up4', index: 77 }).catch((e) => e);
  t.ok(taken instanceof NetlinkError && ['EEXIST', 'EBUSY'].includes(taken.code), `an index in use is refused by the kernel: ${taken.message}`);
  const tooBig = await h.links.set('up0', { gsoMaxSize: 2 ** 31 }).catch((e) => e);
  t.ok(tooBig instanceof NetlinkError && tooBig.code === 'EINVAL', `a GSO size above the kernel's limit is refused: ${tooBig.message}`);
});

t.test('alternative names: added and deleted both ways, links.get finds them', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const long = 'upstream-zero-a-long-alternative-name';
  await h.links.addAltNames('up0', [long, 'uz0']);
  t.same(ipLink(ns, 'up0').altnames, [long, 'uz0'], 'ip reads the names rtnl added');
  t.same((await h.links.get('up0')).altNames, [long, 'uz0'], 'rtnl reads them back');
  t.equal(ipJson<any[]>(ns, 'link', 'show', 'dev', long)[0].ifname, 'up0', 'ip finds the link by the long name');
  t.equal((await h.links.get(long)).name, 'up0', 'links.get by the long name');
  t.equal((await h.links.get('uz0')).name, 'up0', 'links.get by a short one');
  t.same((await h.links.list()).find((l) => l.name === 'up0')?.altNames, [long, 'uz0'], 'list() carries them');
  t.same((await h.links.get('up1')).altNames, [], 'a link without any: []');

  ip(ns, 'link', 'property', 'add', 'dev', 'up1', 'altname', 'peer-of-upstream-zero');
  t.same((await h.links.get('up1')).altNames, ['peer-of-upstream-zero'], 'rtnl reads a name ip added');
  t.equal((await h.links.get('peer-of-upstream-zero')).index, ipLink(ns, 'up1').ifindex, 'and finds the link by it');
  await h.links.deleteAltNames('up1', ['peer-of-upstream-zero']);
  t.equal(ipLink(ns, 'up1').altnames, undefined, 'ip sees it deleted');
  ip(ns, 'link', 'property', 'del', 'dev', 'up0', 'altname', 'uz0');
  t.same((await h.links.get('up0')).altNames, [long], 'rtnl sees the name ip deleted gone');

  const dup = await h.links.addAltNames('up1', ['up0']).catch((e) => e);
  t.ok(dup instanceof NetlinkError && dup.code === 'EEXIST', 'a name in use is refused');
  t.match(dup.message, /'up0' is already a link's name/);
  const gone = await h.links.get('no-such-alternative-name').catch((e) => e);
  t.ok(gone instanceof NetlinkError && gone.code === 'ENODEV', 'an unknown long name: ENODEV');
  t.match(gone.message, /no link named 'no-such-alternative-name'/);
});

/** `ip -s -s -j link show` counters of one link, keys in camelCase as rtnl names them. */
function ipStats(ns: string, name: string): Record<'rx' | 'tx', Record<string, number>> {
  const s = ipJson<any[]>(ns, '-s', '-s', 'link', 'show', 'dev', name)[0].stats64;
  const camel = (o: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  return { rx: camel(s.rx), tx: camel(s.tx) };
}

t.test('statistics: only when asked, equal to ip -s -s', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const far = await freshNetns(t);
  await h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1' } });
  await h.links.add({ kind: 'veth', name: 'out0', peer: { name: 'in0', netns: far.ns } });
  await h.addresses.add('out0', '10.70.0.1/24');
  await far.h.addresses.add('in0', '10.70.0.2/24');
  await h.links.set('out0', { up: true });
  await far.h.links.set('in0', { up: true });
  t.ok(pings(ns, '10.70.0.2'), 'traffic over the pair');
  // Down, the counters stand still: rtnl and ip read the same numbers whenever they read.
  await h.links.set('out0', { up: false });
  t.equal((await h.links.get('up0')).stats, undefined, 'get() without stats: none');
  t.notOk((await h.links.list()).some((l) => l.stats !== undefined), 'list() without stats: none');
  for (const name of ['out0', 'up0', 'up1', 'lo']) {
    const mine = (await h.links.get(name, { stats: true })).stats!;
    const theirs = ipStats(ns, name);
    for (const dir of ['rx', 'tx'] as const) {
      // Every counter ip prints, rtnl reports equal; rtnl's others are those ip leaves out when 0.
      t.same(Object.fromEntries(Object.keys(theirs[dir]).map((k) => [k, (mine[dir] as Record<string, number>)[k]])), theirs[dir], `${name} ${dir}: as ip -s -s reads`);
      const extra = Object.keys(mine[dir]).filter((k) => !(k in theirs[dir]));
      t.same(extra.filter((k) => (mine[dir] as Record<string, number>)[k] !== 0), [], `${name} ${dir}: the counters ip leaves out are 0 (${extra.join(', ')})`);
    }
  }
  const listed = await h.links.list({ stats: true });
  t.same(listed.find((l) => l.name === 'out0')?.stats, (await h.links.get('out0', { stats: true })).stats, 'list({ stats: true }) the same');
  const out0 = listed.find((l) => l.name === 'out0')!.stats!;
  t.ok(out0.tx.packets >= 1 && out0.rx.packets >= 1 && out0.tx.bytes > 0, `packets went both ways (tx ${out0.tx.packets}, rx ${out0.rx.packets})`);
  t.equal(out0.tx.carrierChanges, ipStats(ns, 'out0').tx.carrierChanges, 'carrier changes as ip reads');
});

t.test('macvlan: the broadcast queue length in use, both ways', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', bcQueueLen: 2000 });
  ip(ns, 'link', 'add', 'mv1', 'link', 'up0', 'type', 'macvlan', 'mode', 'bridge', 'bcqueuelen', '3000');
  for (const name of ['mv0', 'mv1']) {
    const d = ipLink(ns, name).linkinfo.info_data;
    const mine = (await h.links.get(name)).macvlan!;
    if (d.usedbcqueuelen === undefined) {
      t.equal(mine.bcQueueLenUsed, undefined, `${name}: this kernel reports no used length (older than 5.13)`);
      continue;
    }
    t.same({ bcQueueLen: mine.bcQueueLen, bcQueueLenUsed: mine.bcQueueLenUsed }, { bcQueueLen: d.bcqueuelen, bcQueueLenUsed: d.usedbcqueuelen }, `${name}: as ip reads`);
    t.equal(mine.bcQueueLenUsed, 3000, `${name}: the parent's queue takes the largest asked for`);
  }
});
