// Policy routing rules against the kernel, with iproute2 as the oracle both ways (rtnl adds, `ip -d -j
// rule show` reads; ip adds, rtnl reads; each deletes what the other added), IPv4 and IPv6; kernel
// refusals as NetlinkError; rule events in watch.
import t from 'tap';
import { NetlinkError, type Rule, type RuleSpec } from '../src/index.js';
import { dsfield, freshNetns, ip, ipJson, needsRoot } from './helpers.js';

/** The fields both report, normalized: ip leaves out what is unset, prints marks and tos in hex. */
interface RuleView {
  priority: number; from?: string; to?: string; iif?: string; iifDetached?: boolean; oif?: string; oifDetached?: boolean;
  fwmark?: number; fwmask?: number; tos: number; uidStart?: number; uidEnd?: number; suppressPrefixLength?: number;
  action: string | number; table?: number; goto?: number; not: boolean; protocol: string | number;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function view(r: Rule): RuleView {
  return defined<RuleView>({
    priority: r.priority, from: r.from, to: r.to, iif: r.iif, iifDetached: r.iif === undefined ? undefined : r.iifDetached,
    oif: r.oif, oifDetached: r.oif === undefined ? undefined : r.oifDetached,
    fwmark: r.fwmark ?? (r.fwmask === undefined ? undefined : 0),
    // ip prints the mask only when it is not all ones (the kernel's default for a mark alone).
    fwmask: r.fwmask === 0xffffffff ? undefined : r.fwmask,
    tos: r.tos, uidStart: r.uidRange?.start, uidEnd: r.uidRange?.end, suppressPrefixLength: r.suppressPrefixLength,
    action: r.action, table: r.table, goto: r.goto, not: r.not, protocol: r.protocol,
  });
}

const TABLES: Record<string, number> = { main: 254, local: 255, default: 253 };
const ACTIONS = ['blackhole', 'unreachable', 'prohibit'];

/** `ip -d -j -4|-6 rule show` in NS, normalized to the same view. */
function ipRules(ns: string, family: 4 | 6): RuleView[] {
  const host = family === 4 ? 32 : 128;
  const prefix = (addr: string | undefined, len: number | undefined): string | undefined =>
    addr === undefined || addr === 'all' ? undefined : `${addr}/${len ?? host}`;
  return ipJson<any[]>(ns, '-d', `-${family}`, 'rule', 'show').map((o) => defined<RuleView>({
    priority: o.priority, from: prefix(o.src, o.srclen), to: prefix(o.dst, o.dstlen),
    iif: o.iif, iifDetached: o.iif === undefined ? undefined : 'iif_detached' in o,
    oif: o.oif, oifDetached: o.oif === undefined ? undefined : 'oif_detached' in o,
    fwmark: o.fwmark === undefined ? undefined : Number(o.fwmark), fwmask: o.fwmask === undefined ? undefined : Number(o.fwmask),
    tos: dsfield(o.tos), uidStart: o.uid_start, uidEnd: o.uid_end, suppressPrefixLength: o.suppress_prefixlen,
    action: o.goto !== undefined ? 'goto' : 'nop' in o ? 'nop' : ACTIONS.includes(o.action) ? o.action : 'lookup',
    table: o.table === undefined ? undefined : (TABLES[o.table] ?? Number(o.table)), goto: o.goto, not: 'not' in o,
    protocol: /^\d+$/.test(o.protocol) ? Number(o.protocol) : o.protocol,
  }));
}

const key = (r: RuleView): string => `${String(r.priority).padStart(10)} ${r.from ?? ''} ${r.to ?? ''} ${r.table ?? ''}`;
const sorted = (rs: RuleView[]): RuleView[] => [...rs].sort((a, b) => key(a).localeCompare(key(b)));

const V4_SPECS: RuleSpec[] = [
  { from: '172.16.10.0/24', table: 10, priority: 100 },
  { from: '172.16.20.0/24', to: '10.0.0.0/8', iif: 'up0', oif: 'up1', fwmark: 0x10, fwmask: 0xff, tos: 0x10,
    uidRange: { start: 1000, end: 2000 }, protocol: 'static', table: 70000, priority: 110 },
  { fwmark: 5, table: 'default', priority: 120 },
  { to: '192.0.2.1', not: true, goto: 200, priority: 130 },
  { iif: 'nosuch0', table: 'main', suppressPrefixLength: 0, priority: 140 },
  { action: 'unreachable', priority: 150 },
  { action: 'prohibit', priority: 160, protocol: 99 },
  { action: 'blackhole', priority: 170 },
  { action: 'nop', priority: 200 },
];
const V6_SPECS: RuleSpec[] = [
  { from: '2001:db8:10::/48', table: 10, priority: 100 },
  { from: '2001:db8:20::/48', to: '2001:db8:1::1', tos: 0x20, fwmark: 7, oif: 'up1', table: 100000, priority: 110 },
  { family: 6, action: 'unreachable', priority: 150 },
  { family: 6, uidRange: { start: 0, end: 0 }, table: 'local', priority: 160, protocol: 'kernel' },
];
// ip's words for the same rules, in the same order.
const V4_IP = [
  'from 172.16.10.0/24 table 10 pref 100',
  'from 172.16.20.0/24 to 10.0.0.0/8 iif up0 oif up1 fwmark 0x10/0xff tos 0x10 uidrange 1000-2000 protocol static table 70000 pref 110',
  'fwmark 5 table default pref 120',
  'not to 192.0.2.1 goto 200 pref 130',
  'iif nosuch0 table main suppress_prefixlength 0 pref 140',
  'unreachable pref 150',
  'prohibit pref 160 protocol 99',
  'blackhole pref 170',
  'nop pref 200',
];
const V6_IP = [
  'from 2001:db8:10::/48 table 10 pref 100',
  'from 2001:db8:20::/48 to 2001:db8:1::1 tos 0x20 fwmark 7 oif up1 table 100000 pref 110',
  'unreachable pref 150',
  'uidrange 0-0 table local pref 160 protocol kernel',
];

t.test('rules added by rtnl read back by ip identically, and the other way round', { skip: needsRoot }, async (t) => {
  const a = await freshNetns(t, { veth: true });
  for (const spec of [...V4_SPECS, ...V6_SPECS]) await a.h.rules.add(spec);
  const mine = await a.h.rules.list();
  for (const family of [4, 6] as const) {
    t.same(sorted(mine.filter((r) => r.family === family).map(view)), sorted(ipRules(a.ns, family)), `IPv${family}: rtnl added, ip reads the same`);
    t.same(sorted((await a.h.rules.list({ family })).map(view)), sorted(ipRules(a.ns, family)), `IPv${family}: list({ family }) the same`);
  }
  const r110 = mine.find((r) => r.family === 4 && r.priority === 110)!;
  t.same(r110, {
    family: 4, priority: 110, from: '172.16.20.0/24', to: '10.0.0.0/8', iif: 'up0', iifDetached: false, oif: 'up1', oifDetached: false,
    fwmark: 0x10, fwmask: 0xff, tos: 0x10, uidRange: { start: 1000, end: 2000 }, action: 'lookup', table: 70000, not: false, protocol: 'static',
  }, 'the rule with every match reads back whole');
  t.same(mine.find((r) => r.family === 4 && r.priority === 140)?.iifDetached, true, 'an iif that does not exist is detached');

  const b = await freshNetns(t, { veth: true });
  for (const args of V4_IP) ip(b.ns, '-4', 'rule', 'add', ...args.split(' '));
  for (const args of V6_IP) ip(b.ns, '-6', 'rule', 'add', ...args.split(' '));
  const theirs = await b.h.rules.list();
  for (const family of [4, 6] as const) {
    t.same(sorted(theirs.filter((r) => r.family === family).map(view)), sorted(ipRules(b.ns, family)), `IPv${family}: ip added, rtnl reads the same`);
  }
  // The same rules said both ways are the same rules.
  const strip = (rs: Rule[]): RuleView[] => sorted(rs.map(view));
  t.same(strip(theirs), strip(mine), "ip's words and rtnl's specs make the same rules");
  t.same((await b.h.rules.list({ table: 10 })).map((r) => `${r.family} ${r.priority}`).sort(), ['4 100', '6 100'], 'list({ table }) keeps the rules of that table');

  // Deleting: rtnl deletes what ip added (by priority alone, by match), ip deletes what rtnl added.
  await b.h.rules.delete({ priority: 110 });
  await b.h.rules.delete({ family: 6, from: '2001:db8:10::/48', table: 10 });
  await b.h.rules.delete({ action: 'nop' });
  t.same(ipRules(b.ns, 4).map((r) => r.priority).filter((p) => p === 110 || p === 200), [], 'IPv4 rules 110 and 200 gone (ip reads)');
  t.same(ipRules(b.ns, 6).map((r) => r.priority).filter((p) => p === 100), [], 'IPv6 rule 100 gone (ip reads)');
  t.ok(ipRules(b.ns, 6).some((r) => r.priority === 110), 'the IPv6 rule of the same priority stays');
  ip(a.ns, '-4', 'rule', 'del', 'pref', '100');
  ip(a.ns, '-6', 'rule', 'del', 'pref', '150');
  const left = await a.h.rules.list();
  t.notOk(left.some((r) => r.family === 4 && r.priority === 100), 'rtnl sees the IPv4 rule ip deleted gone');
  t.notOk(left.some((r) => r.family === 6 && r.priority === 150), 'rtnl sees the IPv6 rule ip deleted gone');
  t.same(sorted(left.filter((r) => r.family === 4).map(view)), sorted(ipRules(a.ns, 4)), 'and the rest agree');
});

t.test('defaults as iproute2: lookup main, a priority the kernel picks, no protocol', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  await h.rules.add({ from: '10.1.0.0/16' });
  ip(ns, 'rule', 'add', 'from', '10.2.0.0/16');
  const [mine, theirs] = [(await h.rules.list()).find((r) => r.from === '10.1.0.0/16')!, (await h.rules.list()).find((r) => r.from === '10.2.0.0/16')!];
  t.same({ ...view(mine), priority: 0, from: '' }, { ...view(theirs), priority: 0, from: '' }, 'the same rule but for its source and priority');
  t.equal(mine.action, 'lookup');
  t.equal(mine.table, 254, 'table main');
  t.equal(mine.protocol, 'unspec');
  t.ok(mine.priority > 0 && mine.priority < 32766, `the kernel picked priority ${mine.priority}`);
});

t.test('what the kernel refuses is a NetlinkError with its text; the handle goes on', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t);
  await h.rules.add({ from: '10.1.0.0/16', table: 10, priority: 100 });
  const exists = await h.rules.add({ from: '10.1.0.0/16', table: 10, priority: 100 }).catch((e) => e);
  t.ok(exists instanceof NetlinkError, 'a NetlinkError');
  t.equal(exists.code, 'EEXIST');
  t.match(exists.message, /identical rule already exists/);
  const back = await h.rules.add({ goto: 50, priority: 100 }).catch((e) => e);
  t.ok(back instanceof NetlinkError, 'a backward goto is refused by the kernel');
  t.equal(back.code, 'EINVAL');
  t.match(back.kernelMessage ?? back.message, /goto/i, `the kernel's text: ${back.message}`);
  const tos = await h.rules.add({ tos: 0x20, table: 10 }).catch((e) => e);
  t.ok(tos instanceof NetlinkError, 'an IPv4 TOS outside the TOS bits is refused by the kernel');
  t.match(tos.message, /Invalid tos/, `the kernel's text: ${tos.message}`);
  const none = await h.rules.delete({ priority: 4242 }).catch((e) => e);
  t.ok(none instanceof NetlinkError, 'deleting a rule that is not there');
  t.equal(none.code, 'ENOENT');
  t.equal((await h.rules.list({ family: 4 })).filter((r) => r.priority === 100).length, 1, 'the handle still works');
});

t.test("watch('rule') reports rules added and deleted, by rtnl and by ip", { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const seen: string[] = [];
  const watch = h.watch(['rule'], { listExisting: true });
  const done = (async () => {
    for await (const ev of watch) {
      if (ev.type === 'synced') {
        await h.rules.add({ from: '10.1.0.0/16', table: 10, priority: 100 });
        ip(ns, '-6', 'rule', 'add', 'from', '2001:db8::/32', 'table', '20', 'pref', '200');
        await h.rules.delete({ priority: 100 });
        continue;
      }
      if (ev.type !== 'rule') continue;
      seen.push(`${ev.existing ? 'existing ' : ''}${ev.action} ${ev.data.family} ${ev.data.priority} ${ev.data.from ?? 'all'} ${ev.data.table ?? ''}`);
      if (ev.action === 'delete') break;
    }
  })();
  await done;
  t.same(seen, [
    'existing new 4 0 all 255', 'existing new 4 32766 all 254', 'existing new 4 32767 all 253',
    'existing new 6 0 all 255', 'existing new 6 32766 all 254',
    'new 4 100 10.1.0.0/16 10', 'new 6 200 2001:db8::/32 20', 'delete 4 100 10.1.0.0/16 10',
  ], 'the existing rules, then each change in order');
});
