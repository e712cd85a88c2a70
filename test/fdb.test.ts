// Bridge FDB entries (bridge fdb) against the kernel, with `bridge -j fdb show` as the oracle both
// ways: entries rtnl adds read back the same in bridge, entries bridge adds read back the same through
// rtnl, and watch reports them as type 'fdb'. Entries with a VLAN need bridge VLAN filtering, which
// the test kernel has (the host kernel here does not).
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { fdb, type FdbEntry, type NetlinkError, type WatchEvent } from '../src/index.js';
import { freshNetns, ip, ipLink, needsKind, needsRoot } from './helpers.js';

type View = Omit<FdbEntry, 'linkIndex' | 'masterIndex' | 'viaIndex'>;

/** `bridge -j fdb show` in NS, in rtnl's names. */
function bridgeFdbShow(ns: string): View[] {
  const out = execFileSync('bridge', ['-n', ns, '-j', 'fdb', 'show'], { encoding: 'utf8' }).trim();
  const rows: Record<string, any>[] = out ? JSON.parse(out) : [];
  return rows.map((r) => {
    const flags: string[] = r.flags ?? [];
    const e: View = {
      link: r.ifname, mac: r.mac, state: r.state === '' || r.state === undefined ? 'dynamic' : r.state, self: flags.includes('self'),
      extLearned: flags.includes('extern_learn'), offloaded: flags.includes('offload'), sticky: flags.includes('sticky'),
    };
    for (const k of ['vlan', 'master', 'dst', 'port', 'vni'] as const) if (r[k] !== undefined) (e as any)[k] = r[k];
    return e;
  });
}

const order = (e: View): string => `${e.link} ${e.mac} ${e.vlan ?? 0} ${e.self} ${e.dst ?? ''}`;
const sorted = (xs: View[]): View[] => [...xs].sort((a, b) => order(a).localeCompare(order(b)));
const view = (xs: FdbEntry[]): View[] => xs.map(({ linkIndex: _l, masterIndex: _m, viaIndex: _v, ...e }) => e);

// The bridge stays down: its ports do not learn, so no entry comes or goes between two reads (and
// the kernel takes no dynamic entry on a disabled port: EPERM).
t.test('FDB entries added by rtnl read back the same in bridge -j fdb show', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'bridge', name: 'br0' });
  await h.links.set('up0', { master: 'br0' });
  await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0a:01' });
  await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0a:02', master: true, state: 'permanent' });
  await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0a:03', sticky: true });
  await h.fdb.add({ link: 'up1', mac: '02:00:00:00:0a:04', self: true, state: 'permanent' });
  const oracle = bridgeFdbShow(ns);
  const got = await h.fdb.list();
  t.strictSame(sorted(view(got)), sorted(oracle), 'every entry agrees with bridge fdb show');
  const find = (mac: string) => oracle.find((e) => e.mac === mac);
  t.match(find('02:00:00:00:0a:01'), { link: 'up0', master: 'br0', state: 'static', self: false }, 'static, in the bridge (the default)');
  t.match(find('02:00:00:00:0a:02'), { link: 'up0', master: 'br0', state: 'permanent' }, 'permanent');
  t.match(find('02:00:00:00:0a:03'), { link: 'up0', state: 'static', sticky: true }, 'sticky');
  t.match(find('02:00:00:00:0a:04'), { link: 'up1', self: true, state: 'permanent' }, 'self: the device\'s own table');
  for (const e of got) t.equal(e.linkIndex, ipLink(ns, e.link!).ifindex, `${e.mac} on ${e.link}: its index`);
  t.strictSame(sorted(view(await h.fdb.list({ link: 'up1' }))), sorted(oracle.filter((e) => e.link === 'up1')), 'list({ link })');
  t.strictSame(sorted(view(await h.fdb.list({ master: 'br0' }))), sorted(oracle.filter((e) => e.master === 'br0')), 'list({ master })');
  // replace changes an entry; a second add is refused by the kernel.
  await h.fdb.replace({ link: 'up0', mac: '02:00:00:00:0a:01', state: 'permanent' });
  t.match(bridgeFdbShow(ns).find((e) => e.mac === '02:00:00:00:0a:01'), { state: 'permanent' }, 'replace');
  const dup = await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0a:02', state: 'permanent' }).catch((e: unknown) => e);
  t.match(dup, { name: 'NetlinkError', code: 'EEXIST', message: /02:00:00:00:0a:02 already exists on 'up0'/ }, 'add of an existing entry');
  await h.fdb.delete({ link: 'up0', mac: '02:00:00:00:0a:03' });
  await h.fdb.delete({ link: 'up1', mac: '02:00:00:00:0a:04', self: true });
  const after = bridgeFdbShow(ns);
  t.notOk(after.some((e) => e.mac === '02:00:00:00:0a:03' || e.mac === '02:00:00:00:0a:04'), 'deleted');
  t.strictSame(sorted(view(await h.fdb.list())), sorted(after), 'rtnl agrees after delete');
});

t.test('FDB entries added by bridge read back the same through rtnl', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'link', 'add', 'br0', 'type', 'bridge');
  ip(ns, 'link', 'set', 'up0', 'master', 'br0');
  const bridge = (...args: string[]): string => execFileSync('bridge', ['-n', ns, ...args], { encoding: 'utf8' });
  bridge('fdb', 'add', '02:00:00:00:0b:01', 'dev', 'up0', 'master', 'static');
  bridge('fdb', 'add', '02:00:00:00:0b:02', 'dev', 'up0', 'master', 'static', 'sticky');
  bridge('fdb', 'add', '02:00:00:00:0b:03', 'dev', 'up1', 'self', 'permanent');
  const got = await h.fdb.list();
  t.strictSame(sorted(view(got)), sorted(bridgeFdbShow(ns)), 'every entry agrees with bridge fdb show');
  t.match(got.find((e) => e.mac === '02:00:00:00:0b:01'), { link: 'up0', master: 'br0', state: 'static', self: false });
  t.match(got.find((e) => e.mac === '02:00:00:00:0b:02'), { state: 'static', sticky: true });
  t.match(got.find((e) => e.mac === '02:00:00:00:0b:03'), { link: 'up1', self: true, state: 'permanent' });
});

t.test('VXLAN remotes: FDB entries with dst, port and vni on a vxlan device (self)', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'addr', 'add', '10.9.0.1/24', 'dev', 'up0');
  ip(ns, 'link', 'add', 'vx0', 'type', 'vxlan', 'id', '42', 'dstport', '4789', 'local', '10.9.0.1', 'nolearning');
  await h.fdb.add({ link: 'vx0', mac: '00:00:00:00:00:00', self: true, state: 'permanent', dst: '10.9.0.2' });
  await h.fdb.add({ link: 'vx0', mac: '02:00:00:00:0c:01', self: true, state: 'permanent', dst: '10.9.0.3', port: 4790, vni: 43 });
  execFileSync('bridge', ['-n', ns, 'fdb', 'append', '00:00:00:00:00:00', 'dev', 'vx0', 'dst', '10.9.0.4', 'self', 'permanent']);
  const oracle = bridgeFdbShow(ns).filter((e) => e.link === 'vx0');
  const got = await h.fdb.list({ link: 'vx0' });
  t.strictSame(sorted(view(got)), sorted(oracle), 'every vx0 entry agrees with bridge fdb show');
  t.match(got.find((e) => e.dst === '10.9.0.2'), { mac: '00:00:00:00:00:00', self: true, state: 'permanent' }, 'the default remote');
  t.match(got.find((e) => e.dst === '10.9.0.3'), { mac: '02:00:00:00:0c:01', port: 4790, vni: 43 }, 'port and vni');
  t.ok(got.some((e) => e.mac === '00:00:00:00:00:00' && e.dst === '10.9.0.4'), 'a second remote appended by bridge');
  await h.fdb.delete({ link: 'vx0', mac: '00:00:00:00:00:00', self: true, dst: '10.9.0.2' });
  t.notOk(bridgeFdbShow(ns).some((e) => e.dst === '10.9.0.2'), 'one remote of the all-zeros entry deleted');
  t.ok(bridgeFdbShow(ns).some((e) => e.dst === '10.9.0.4'), 'the other stays');

  // rtnl appends a remote where add is refused (the entry exists), and bridge sees both.
  const again = await h.fdb.add({ link: 'vx0', mac: '00:00:00:00:00:00', self: true, state: 'permanent', dst: '10.9.0.5' })
    .then(() => undefined, (e: NetlinkError) => e);
  t.equal(again?.code, 'EEXIST', 'add of a second remote for the all-zeros entry is refused with EEXIST');
  await h.fdb.append({ link: 'vx0', mac: '00:00:00:00:00:00', self: true, state: 'permanent', dst: '10.9.0.5' });
  await h.fdb.append({ link: 'vx0', mac: '00:00:00:00:00:00', self: true, state: 'permanent', dst: '10.9.0.6', port: 4791, vni: 44 });
  const zeros = bridgeFdbShow(ns).filter((e) => e.link === 'vx0' && e.mac === '00:00:00:00:00:00').map((e) => e.dst).sort();
  t.strictSame(zeros, ['10.9.0.4', '10.9.0.5', '10.9.0.6'], 'bridge fdb show lists the appended remotes beside the one bridge appended');
  t.match((await h.fdb.list({ link: 'vx0' })).find((e) => e.dst === '10.9.0.6'), { port: 4791, vni: 44 }, 'an appended remote keeps its port and vni');
});

t.test('FDB entries with a VLAN (a VLAN-filtering bridge)', async (t) => {
  const skip = await needsKind('vlan_filtering');
  if (skip) return t.plan(0, skip);
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'bridge', name: 'br0', vlanFiltering: true });
  await h.links.set('up0', { master: 'br0' });
  await h.bridgeVlans.add({ link: 'up0', vid: 10 });
  await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0d:01', vlan: 10 });
  execFileSync('bridge', ['-n', ns, 'fdb', 'add', '02:00:00:00:0d:02', 'dev', 'up0', 'master', 'static', 'vlan', '1']);
  const got = await h.fdb.list({ link: 'up0' });
  t.strictSame(sorted(view(got)), sorted(bridgeFdbShow(ns).filter((e) => e.link === 'up0')), 'every up0 entry agrees with bridge fdb show');
  t.match(got.find((e) => e.mac === '02:00:00:00:0d:01'), { vlan: 10, state: 'static' }, 'vlan 10 (rtnl)');
  t.match(got.find((e) => e.mac === '02:00:00:00:0d:02'), { vlan: 1 }, 'vlan 1 (bridge)');
  const refused = await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0d:03', vlan: 99 }).catch((e: unknown) => e);
  t.match(refused, { name: 'NetlinkError', code: 'EINVAL' }, 'a VLAN the port does not carry: the kernel refuses');
  await h.fdb.delete({ link: 'up0', mac: '02:00:00:00:0d:01', vlan: 10 });
  t.notOk(bridgeFdbShow(ns).some((e) => e.mac === '02:00:00:00:0d:01'), 'deleted');
});

t.test('watch reports FDB entries as type fdb (listed, added, deleted), and not as neighbours', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'bridge', name: 'br0' });
  await h.links.set('up0', { master: 'br0' });
  await h.fdb.add({ link: 'up0', mac: '02:00:00:00:0e:01' });
  const w = h.watch(['fdb', 'neighbour'], { listExisting: true });
  const seen: WatchEvent[] = [];
  const until = async (pred: (e: WatchEvent) => boolean): Promise<void> => {
    for (;;) {
      const r = await w.next();
      if (r.done) throw new Error('the watch ended');
      seen.push(r.value);
      if (pred(r.value)) return;
    }
  };
  await until((e) => e.type === 'synced');
  const listed = seen.flatMap((e) => (e.type === 'fdb' && e.data.mac === '02:00:00:00:0e:01' ? [e] : []));
  // A kernel with bridge VLAN filtering adds the entry for each VLAN of the port too (vlan 1 here).
  const shown = bridgeFdbShow(ns).filter((e) => e.mac === '02:00:00:00:0e:01');
  t.ok(shown.length >= 1);
  t.equal(listed.length, shown.length, 'the existing entry listed as often as bridge fdb show lists it');
  t.strictSame(sorted(view(listed.map((e) => e.data))), sorted(shown), 'and the same');
  t.match(listed[0], { action: 'new', existing: true, data: { link: 'up0', master: 'br0', state: 'static' } });
  execFileSync('bridge', ['-n', ns, 'fdb', 'add', '02:00:00:00:0e:02', 'dev', 'up0', 'master', 'static']);
  await until((e) => e.type === 'fdb' && e.data.mac === '02:00:00:00:0e:02');
  t.match(seen.at(-1), { type: 'fdb', action: 'new', data: { link: 'up0', state: 'static' } }, 'an entry bridge adds');
  await h.fdb.delete({ link: 'up0', mac: '02:00:00:00:0e:02' });
  await until((e) => e.type === 'fdb' && e.action === 'delete' && e.data.mac === '02:00:00:00:0e:02');
  t.pass('its deletion');
  t.notOk(seen.some((e) => e.type === 'neighbour' && /^02:00:00:00:0e/.test(e.data.lladdr ?? '')), 'no FDB entry reported as a neighbour');
  await w.return?.();
});

t.test('FDB entries are checked before any syscall', async (t) => {
  const cases: [string, Promise<unknown>, string, RegExp][] = [
    ['a MAC with 5 octets', fdb.add({ link: 'p0', mac: '02:00:00:00:01' }), 'RangeError', /spec\.mac.*02:00:00:00:01/],
    ['vlan 4095', fdb.add({ link: 'p0', mac: '02:00:00:00:00:01', vlan: 4095 }), 'RangeError', /spec\.vlan.*4095/],
    ['state stale', fdb.add({ link: 'p0', mac: '02:00:00:00:00:01', state: 'stale' as never }), 'RangeError', /spec\.state.*stale/],
    ['dst not an IP', fdb.add({ link: 'p0', mac: '02:00:00:00:00:01', dst: '10.0.0.300' }), 'RangeError', /spec\.dst/],
    ['vni 2^24', fdb.add({ link: 'p0', mac: '02:00:00:00:00:01', vni: 2 ** 24 }), 'RangeError', /spec\.vni/],
    ['port 0', fdb.add({ link: 'p0', mac: '02:00:00:00:00:01', port: 0 }), 'RangeError', /spec\.port.*0/],
    ['state on delete', fdb.delete({ link: 'p0', mac: '02:00:00:00:00:01', state: 'static' } as never), 'TypeError', /spec\.state/],
    ['an unknown filter key', fdb.list({ br: 'br0' } as never), 'TypeError', /filter\.br/],
  ];
  for (const [what, p, name, message] of cases) t.match(await p.catch((x: unknown) => x), { name, message }, what);
});
