// Bridges and bridge ports against the kernel, with iproute2 as the oracle: the options rtnl sets
// read back the same in `ip -d -j link show` (info_data / info_slave_data), field by field, and the
// options ip sets read back the same through rtnl.
import t from 'tap';
import { links, type BridgeInfo, type BridgePortInfo } from '../src/index.js';
import { freshNetns, ip, ipLink, needsKind, needsRoot, pings } from './helpers.js';

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
// ip's JSON keys that are not rtnl's name in camelCase.
const RENAMED: Record<string, string> = { vlan_default_pvid: 'defaultPvid', fastleave: 'fastLeave' };
// Timers run (ip and rtnl read them at two moments); group_fwd_mask_str repeats group_fwd_mask.
const SKIPPED = new Set(['hello_timer', 'tcn_timer', 'topology_change_timer', 'gc_timer', 'hold_timer',
  'message_age_timer', 'forward_delay_timer', 'group_fwd_mask_str']);

/**
 * ip's info_data / info_slave_data in rtnl's names and types: 0/1 where rtnl has a boolean, hex
 * strings ("0x8001", group_fwd_mask "0x8") as numbers. Every key ip prints is kept, so a key rtnl
 * lacks shows up as a difference.
 */
function fromIp(d: Record<string, unknown>, ours: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(d)) {
    if (SKIPPED.has(k)) continue;
    const key = RENAMED[k] ?? camel(k);
    if (typeof ours[key] === 'boolean' && typeof value === 'number') out[key] = value !== 0;
    else if (typeof value === 'string' && /^(0x[0-9a-f]+|[0-9]+)$/.test(value) && typeof ours[key] === 'number') out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

/** rtnl's details restricted to the keys ip printed (timers aside). */
function pick(ours: object, ipData: Record<string, unknown>): Record<string, unknown> {
  const o = ours as Record<string, unknown>;
  return Object.fromEntries(Object.keys(ipData).filter((k) => !SKIPPED.has(k)).map((k) => {
    const key = RENAMED[k] ?? camel(k);
    return [key, o[key]];
  }));
}

type Asserts = Pick<typeof t, 'ok' | 'strictSame'>;

function sameAsIp(t: Asserts, ours: BridgeInfo | BridgePortInfo | undefined, ipData: Record<string, unknown>, what: string): void {
  t.ok(ours, `${what}: rtnl reports details`);
  t.strictSame(pick(ours!, ipData), fromIp(ipData, ours as Record<string, unknown>), `${what}: every field ip prints agrees`);
}

// Every option changed from the kernel's default (those this kernel has; VLAN ones need
// CONFIG_BRIDGE_VLAN_FILTERING, and are tested where the kernel has it, below).
const OPTIONS = {
  forwardDelay: 400, helloTime: 300, maxAge: 1200, ageingTime: 12340, stpState: 1, priority: 4096,
  groupFwdMask: 8, groupAddr: '01:80:c2:00:00:0e',
  mcastSnooping: false, mcastRouter: 2, mcastQueryUseIfaddr: true, mcastQuerier: true, mcastHashMax: 1024,
  mcastLastMemberCnt: 3, mcastStartupQueryCnt: 4, mcastLastMemberIntvl: 150, mcastMembershipIntvl: 27000,
  mcastQuerierIntvl: 26000, mcastQueryIntvl: 13000, mcastQueryResponseIntvl: 900, mcastStartupQueryIntvl: 3000,
  mcastStatsEnabled: true, mcastIgmpVersion: 3, mcastMldVersion: 2, noLinklocalLearn: true, mcastVlanSnooping: false,
} as const;
const IP_ARGS = ['forward_delay', '400', 'hello_time', '300', 'max_age', '1200', 'ageing_time', '12340', 'stp_state', '1',
  'priority', '4096', 'group_fwd_mask', '8', 'group_address', '01:80:c2:00:00:0e', 'mcast_snooping', '0', 'mcast_router', '2',
  'mcast_query_use_ifaddr', '1', 'mcast_querier', '1', 'mcast_hash_max', '1024', 'mcast_last_member_count', '3',
  'mcast_startup_query_count', '4', 'mcast_last_member_interval', '150', 'mcast_membership_interval', '27000',
  'mcast_querier_interval', '26000', 'mcast_query_interval', '13000', 'mcast_query_response_interval', '900',
  'mcast_startup_query_interval', '3000', 'mcast_stats_enabled', '1', 'mcast_igmp_version', '3', 'mcast_mld_version', '2',
  'no_linklocal_learn', '1'];

t.test('a bridge made by rtnl with every option reads back the same in ip -d -j link', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const made = await h.links.add({ kind: 'bridge', name: 'br0', ...OPTIONS });
  const d = ipLink(ns, 'br0').linkinfo.info_data;
  sameAsIp(t, made.bridge, d, 'the link add resolved to');
  sameAsIp(t, (await h.links.get('br0')).bridge, d, 'links.get');
  // The values asked for are what ip reports (units: centiseconds, as ip prints them).
  const mine = fromIp(d, made.bridge as Record<string, unknown>);
  for (const [k, value] of Object.entries(OPTIONS)) {
    if (k === 'mcastVlanSnooping' && d.mcast_vlan_snooping === undefined) continue;
    t.same(mine[k], value, `ip reads ${k} = ${value}`);
  }
  t.match(made.bridge?.bridgeId, /^1000\.[0-9a-f:]+$/, 'priority 4096 shows in the bridge id');
});

t.test('a bridge made by ip with options reads back the same through rtnl', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  ip(ns, 'link', 'add', 'br0', 'type', 'bridge', ...IP_ARGS);
  const d = ipLink(ns, 'br0').linkinfo.info_data;
  const got = await h.links.get('br0');
  t.equal(got.kind, 'bridge');
  sameAsIp(t, got.bridge, d, 'links.get');
  sameAsIp(t, (await h.links.list({ kind: 'bridge' }))[0]!.bridge, d, 'links.list');
  for (const [k, value] of Object.entries(OPTIONS)) {
    if (k === 'mcastVlanSnooping') continue;
    t.same((got.bridge as Record<string, unknown>)[k], value, `rtnl reads ${k} = ${value}`);
  }
});

t.test('links.set changes a bridge\'s options (ip link set NAME type bridge ...); the others stay', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  await h.links.add({ kind: 'bridge', name: 'br0', ageingTime: 500 });
  await h.links.set('br0', { bridge: { helloTime: 150, mcastQuerier: true, priority: 100 } });
  const d = ipLink(ns, 'br0').linkinfo.info_data;
  t.equal(d.hello_time, 150);
  t.equal(d.mcast_querier, 1);
  t.equal(d.priority, 100);
  t.equal(d.ageing_time, 500, 'an option not named keeps its value');
  sameAsIp(t, (await h.links.get('br0')).bridge, d, 'after the change');
  ip(ns, 'link', 'set', 'br0', 'type', 'bridge', 'mcast_querier', '0', 'ageing_time', '700');
  const b = (await h.links.get('br0')).bridge!;
  t.equal(b.mcastQuerier, false, 'a change made by ip reads back');
  t.equal(b.ageingTime, 700);
});

t.test('bridge VLAN options: vlanFiltering, vlanProtocol, defaultPvid, VLAN statistics', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  if (await needsKind('vlan_filtering')) {
    await h.links.add({ kind: 'bridge', name: 'br0' });
    const e = await h.links.set('br0', { bridge: { vlanFiltering: true } }).catch((x: unknown) => x);
    t.match(e, { name: 'NetlinkError', code: 'EOPNOTSUPP' }, 'a kernel without VLAN filtering refuses it with the kernel\'s error');
    return;
  }
  const made = await h.links.add({
    kind: 'bridge', name: 'br0', vlanFiltering: true, vlanProtocol: '802.1ad', defaultPvid: 20, vlanStatsEnabled: true,
  });
  let d = ipLink(ns, 'br0').linkinfo.info_data;
  t.equal(d.vlan_filtering, 1);
  t.equal(d.vlan_protocol, '802.1ad');
  t.equal(d.vlan_default_pvid, 20);
  t.equal(d.vlan_stats_enabled, 1);
  sameAsIp(t, made.bridge, d, 'made by rtnl');
  ip(ns, 'link', 'set', 'br0', 'type', 'bridge', 'vlan_protocol', '802.1Q', 'vlan_default_pvid', '0', 'vlan_stats_per_port', '1');
  d = ipLink(ns, 'br0').linkinfo.info_data;
  const got = (await h.links.get('br0')).bridge!;
  sameAsIp(t, got, d, 'changed by ip');
  t.equal(got.vlanProtocol, '802.1Q');
  t.equal(got.defaultPvid, 0);
  t.equal(got.vlanStatsPerPort, true);
});

const PORT = {
  hairpin: true, learning: false, flood: false, mcastFlood: false, bcastFlood: false, neighSuppress: true, isolated: true,
  guard: true, fastLeave: true, cost: 77, priority: 5, rootBlock: true, proxyArp: true, multicastRouter: 2,
  mcastToUnicast: true, groupFwdMask: 8, vlanTunnel: false,
} as const;

t.test('bridge port options set by rtnl read back the same in ip (bridge_slave)', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'bridge', name: 'br0' });
  // Enslaving and the port's options in one call: the options follow the enslaving.
  await h.links.set('up0', { master: 'br0', bridgePort: { hairpin: true, cost: 9 } });
  let o = ipLink(ns, 'up0').linkinfo;
  t.equal(o.info_slave_kind, 'bridge');
  t.equal(o.info_slave_data.hairpin, true);
  t.equal(o.info_slave_data.cost, 9);
  await h.links.set('up0', { bridgePort: PORT });
  o = ipLink(ns, 'up0').linkinfo;
  const port = (await h.links.get('up0')).bridgePort;
  sameAsIp(t, port, o.info_slave_data, 'links.get');
  const mine = fromIp(o.info_slave_data, port as Record<string, unknown>);
  for (const [k, value] of Object.entries(PORT)) t.same(mine[k], value, `ip reads ${k} = ${value}`);
  t.equal((await h.links.get('up1')).bridgePort, undefined, 'a link that is no port has no bridgePort');
  // STP off: the port's state can be set by hand (to 'learning': the kernel's port state selection
  // makes a designated port forwarding again right after 'disabled' or 'blocking').
  await h.links.set('br0', { up: true });
  await h.links.set('up0', { bridgePort: { state: 'learning' } });
  t.equal(ipLink(ns, 'up0').linkinfo.info_slave_data.state, 'learning');
  t.equal((await h.links.get('up0')).bridgePort?.state, 'learning');
});

t.test('bridge port options set by ip read back the same through rtnl', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'link', 'add', 'br0', 'type', 'bridge');
  ip(ns, 'link', 'set', 'up0', 'master', 'br0');
  ip(ns, 'link', 'set', 'up0', 'type', 'bridge_slave', 'hairpin', 'on', 'learning', 'off', 'flood', 'off', 'mcast_flood', 'off',
    'bcast_flood', 'off', 'neigh_suppress', 'on', 'isolated', 'on', 'guard', 'on', 'fastleave', 'on', 'cost', '77', 'priority', '5',
    'root_block', 'on', 'proxy_arp', 'on', 'mcast_router', '2', 'mcast_to_unicast', 'on', 'group_fwd_mask', '8');
  const o = ipLink(ns, 'up0').linkinfo;
  const l = await h.links.get('up0');
  t.equal(l.slaveKind, 'bridge');
  t.equal(l.master, 'br0');
  sameAsIp(t, l.bridgePort, o.info_slave_data, 'links.get');
  for (const [k, value] of Object.entries(PORT)) t.same((l.bridgePort as Record<string, unknown>)[k], value, `rtnl reads ${k} = ${value}`);
});

t.test('bridge and port options are checked before any syscall', async (t) => {
  const cases: [string, Promise<unknown>, string, RegExp][] = [
    ['a misspelled bridge option', links.add({ kind: 'bridge', name: 'br0', vlanFiltring: true } as never), 'TypeError', /spec\.vlanFiltring/],
    ['vlanFiltering not a boolean', links.add({ kind: 'bridge', name: 'br0', vlanFiltering: 1 } as never), 'TypeError', /spec\.vlanFiltering.*1/],
    ['defaultPvid 4095', links.set('br0', { bridge: { defaultPvid: 4095 } }), 'RangeError', /changes\.bridge\.defaultPvid.*4095/],
    ['vlanProtocol 802.1x', links.set('br0', { bridge: { vlanProtocol: '802.1x' as never } }), 'RangeError', /changes\.bridge\.vlanProtocol.*802\.1x/],
    ['groupAddr not a MAC', links.add({ kind: 'bridge', name: 'br0', groupAddr: '01:80:c2' }), 'RangeError', /spec\.groupAddr/],
    ['stpState 5', links.add({ kind: 'bridge', name: 'br0', stpState: 5 }), 'RangeError', /spec\.stpState.*5/],
    ['a read-only option', links.set('br0', { bridge: { rootPort: 1 } as never }), 'TypeError', /changes\.bridge\.rootPort/],
    ['port state bogus', links.set('p0', { bridgePort: { state: 'forward' as never } }), 'RangeError', /changes\.bridgePort\.state.*forward/],
    ['port priority 64', links.set('p0', { bridgePort: { priority: 64 } }), 'RangeError', /changes\.bridgePort\.priority.*64/],
    ['port cost 0', links.set('p0', { bridgePort: { cost: 0 } }), 'RangeError', /changes\.bridgePort\.cost/],
    ['hairpin "on"', links.set('p0', { bridgePort: { hairpin: 'on' as never } }), 'TypeError', /changes\.bridgePort\.hairpin.*on/],
    ['bridge and vlan changes at once', links.set('br0', { bridge: {}, vlan: {} }), 'TypeError', /changes/],
  ];
  for (const [what, p, name, message] of cases) {
    const e = await p.catch((x: unknown) => x);
    t.match(e, { name, message }, what);
  }
});

t.test('VEPA: two vepa macvlans reach each other only through a bridge port in hairpin mode', { skip: needsRoot }, async (t) => {
  const wire = await freshNetns(t, { veth: true });
  const a = await freshNetns(t);
  const b = await freshNetns(t);
  const addr = { a: '192.0.2.21', b: '192.0.2.22' };
  for (const [n, x] of [[a, addr.a], [b, addr.b]] as const) {
    await wire.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'vepa', netns: n.ns });
    await n.h.links.set('mv0', { up: true });
    await n.h.addresses.add('mv0', `${x}/24`);
  }
  const flush = async (): Promise<void> => {
    // Each check starts from ARP: a MAC learned before would let unicast through where ARP cannot go.
    for (const n of [a, b]) for (const e of await n.h.neighbours.list({ link: 'mv0' })) await n.h.neighbours.delete({ link: 'mv0', address: e.address });
  };
  t.notOk(pings(a.ns, addr.b, 1), 'vepa, up1 a plain link: no reply');
  await wire.h.links.add({ kind: 'bridge', name: 'sw0', up: true });
  await wire.h.links.set('up1', { master: 'sw0', bridgePort: { hairpin: true } });
  t.equal(ipLink(wire.ns, 'up1').linkinfo.info_slave_data.hairpin, true, 'ip reads up1 in hairpin mode');
  await flush();
  t.ok(pings(a.ns, addr.b), 'vepa, up1 a bridge port in hairpin mode: a -> b reaches');
  t.ok(pings(b.ns, addr.a), 'b -> a reaches');
  // The control: the same port without hairpin sends nothing back.
  await wire.h.links.set('up1', { bridgePort: { hairpin: false } });
  t.equal(ipLink(wire.ns, 'up1').linkinfo.info_slave_data.hairpin, false, 'ip reads hairpin off');
  await flush();
  t.notOk(pings(a.ns, addr.b, 1), 'hairpin off again: no reply');
});
