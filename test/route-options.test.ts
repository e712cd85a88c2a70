// Route options against the kernel, with iproute2 as the oracle both ways: tos, hop limit, realms,
// MTU lock, rto_min, congestion control, an IPv4 route via an IPv6 next hop; `routes.change`;
// `routes.get` with from/iif/oif/mark/uid/tos/fibmatch; `routes.list` by destination.
import t from 'tap';
import { NetlinkError, type Route, type RouteSpec, type Rtnl } from '../src/index.js';
import { dsfield, freshNetns, ip, ipJson, needsRoot, settled } from './helpers.js';

/** The option fields both report. */
interface OptionsView {
  dst: string; gateway?: string; dev?: string; metric?: number; tos: number; hopLimit?: number; realm?: number; realmFrom?: number;
  mtu?: number; mtuLock?: boolean; rtoMin?: number; congestionControl?: string;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const view = (r: Route): OptionsView => defined<OptionsView>({
  dst: r.dst, gateway: r.gateway, dev: r.link, metric: r.metric, tos: r.tos, hopLimit: r.hopLimit, realm: r.realm, realmFrom: r.realmFrom,
  mtu: r.mtu, mtuLock: r.mtuLock, rtoMin: r.rtoMin, congestionControl: r.congestionControl,
});

const realm = (s: string | undefined): number | undefined => (s === undefined ? undefined : s === 'cosmos' ? 0 : Number(s));

/** `ip -d -j route show` (and the text form, where alone ip shows a lock) of a family's main table. */
function ipRoutes(ns: string, family: 4 | 6): OptionsView[] {
  const host = family === 4 ? 32 : 128;
  const text = ip(ns, `-${family}`, 'route', 'show').split('\n');
  return ipJson<any[]>(ns, '-d', `-${family}`, 'route', 'show').map((o) => {
    const m = (o.metrics ?? [])[0] ?? {};
    const dst = o.dst === 'default' || o.dst.includes('/') ? o.dst : `${o.dst}/${host}`;
    const line = text.find((l) => l.startsWith(`${o.dst} `) || l.startsWith(`${dst} `)) ?? '';
    return defined<OptionsView>({
      dst, gateway: o.gateway ?? o.via?.host, dev: o.dev, metric: o.metric, tos: dsfield(o.tos), hopLimit: m.hoplimit,
      realm: o.flow?.to === undefined ? undefined : realm(o.flow.to) || undefined, realmFrom: realm(o.flow?.from) || undefined,
      mtu: m.mtu, mtuLock: m.mtu === undefined ? undefined : / mtu lock /.test(line), rtoMin: m.rto_min, congestionControl: m.congestion,
    });
  });
}

const key = (r: OptionsView): string => `${r.dst} ${r.tos} ${r.dev ?? ''} ${r.metric ?? 0} ${r.gateway ?? ''}`;
const sorted = (rs: OptionsView[]): OptionsView[] => [...rs].sort((a, b) => key(a).localeCompare(key(b)));

async function routed(t: Parameters<typeof freshNetns>[0]): Promise<{ ns: string; h: Rtnl }> {
  const f = await freshNetns(t, { veth: true });
  await f.h.addresses.add('up0', '172.16.10.5/24');
  await f.h.addresses.add('up0', '2001:db8:babe:cafe::5/64', { nodad: true });
  await settled(f.ns, ['up0', 'up1']);
  return f;
}

const SPECS: RouteSpec[] = [
  { dst: '10.1.0.0/24', gateway: '172.16.10.1', tos: 0x10, hopLimit: 10, realm: 5, mtu: 1400, mtuLock: true, rtoMin: 300, congestionControl: 'reno' },
  { dst: '10.1.0.0/24', gateway: '172.16.10.2', tos: 0x08 },
  { dst: '10.2.0.0/24', link: 'up0', realm: 4, realmFrom: 3, mtu: 1300 },
  { dst: '10.3.0.0/24', gateway: 'fe80::1', link: 'up0' },
  { dst: '2001:db8:1::/48', gateway: '2001:db8:babe:cafe::1', hopLimit: 7, mtu: 1280, mtuLock: true, congestionControl: 'reno' },
];
const IP_WORDS = [
  '-4 route add 10.1.0.0/24 via 172.16.10.1 tos 0x10 hoplimit 10 realm 5 mtu lock 1400 rto_min 300ms congctl reno',
  '-4 route add 10.1.0.0/24 via 172.16.10.2 tos 0x08',
  '-4 route add 10.2.0.0/24 dev up0 realms 3/4 mtu 1300',
  '-4 route add 10.3.0.0/24 via inet6 fe80::1 dev up0',
  '-6 route add 2001:db8:1::/48 via 2001:db8:babe:cafe::1 hoplimit 7 mtu lock 1280 congctl reno',
];

t.test('route options: rtnl adds, ip reads; ip adds, rtnl reads; the same both ways', { skip: needsRoot }, async (t) => {
  const a = await routed(t);
  for (const spec of SPECS) await a.h.routes.add(spec);
  const b = await routed(t);
  for (const words of IP_WORDS) ip(b.ns, ...words.split(' '));
  for (const family of [4, 6] as const) {
    const mine = sorted((await a.h.routes.list({ family })).map(view));
    t.same(mine, sorted(ipRoutes(a.ns, family)), `IPv${family}: rtnl added, ip reads the same`);
    const theirs = sorted((await b.h.routes.list({ family })).map(view));
    t.same(theirs, sorted(ipRoutes(b.ns, family)), `IPv${family}: ip added, rtnl reads the same`);
    t.same(mine, theirs, `IPv${family}: rtnl's specs and ip's words make the same routes`);
  }
  const [r] = await a.h.routes.list({ dst: '10.1.0.0/24' }).then((rs) => rs.filter((x) => x.tos === 0x10));
  t.match(r, { tos: 0x10, hopLimit: 10, realm: 5, mtu: 1400, mtuLock: true, rtoMin: 300, congestionControl: 'reno' }, 'every option read back');
  const [via] = await a.h.routes.list({ dst: '10.3.0.0/24' });
  t.match(via, { family: 4, gateway: 'fe80::1', link: 'up0' }, 'an IPv4 route via an IPv6 next hop');

  const bad = await a.h.routes.add({ dst: '10.4.0.0/24', link: 'up0', congestionControl: 'nosuchalgo' }).catch((e) => e);
  t.ok(bad instanceof NetlinkError, `an unknown congestion control is refused by the kernel: ${bad.message}`);
});

t.test('routes.change: changes a route ip made, ip changes one rtnl made; creates nothing', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routed(t);
  ip(ns, 'route', 'add', '10.5.0.0/24', 'via', '172.16.10.1', 'hoplimit', '5');
  await h.routes.change({ dst: '10.5.0.0/24', gateway: '172.16.10.2', hopLimit: 9 });
  t.same(ipRoutes(ns, 4).filter((r) => r.dst === '10.5.0.0/24'), [{ dst: '10.5.0.0/24', gateway: '172.16.10.2', dev: 'up0', tos: 0, hopLimit: 9 }], 'ip reads the change');
  await h.routes.add({ dst: '10.6.0.0/24', gateway: '172.16.10.1' });
  ip(ns, 'route', 'change', '10.6.0.0/24', 'via', '172.16.10.3', 'mtu', 'lock', '1200');
  t.same((await h.routes.list({ dst: '10.6.0.0/24' })).map(view), [{ dst: '10.6.0.0/24', gateway: '172.16.10.3', dev: 'up0', tos: 0, mtu: 1200, mtuLock: true }], 'rtnl reads the change ip made');
  const none = await h.routes.change({ dst: '10.7.0.0/24', gateway: '172.16.10.1' }).catch((e) => e);
  t.ok(none instanceof NetlinkError && none.code === 'ENOENT', 'a route that is not there: ENOENT');
  t.match(none.message, /no route 10\.7\.0\.0\/24 to change in table main/);
  t.same(await h.routes.list({ dst: '10.7.0.0/24' }), [], 'and none was created');
  t.same(ipJson(ns, 'route', 'show', '10.7.0.0/24'), [], 'ip agrees');
});

t.test('routes.get with from, iif, oif, mark, uid, tos and fibmatch agrees with ip route get', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routed(t);
  await h.addresses.add('up1', '172.16.20.5/24');
  await h.routes.add({ dst: 'default', gateway: '172.16.10.1' });
  await h.routes.add({ dst: '10.1.0.0/24', gateway: '172.16.10.2', tos: 0x10 });
  await h.routes.add({ dst: 'default', gateway: '172.16.10.3', table: 50 });
  await h.routes.add({ dst: 'default', gateway: '172.16.10.4', table: 60 });
  await h.routes.add({ dst: 'default', gateway: '172.16.20.1', table: 70 });
  await h.rules.add({ fwmark: 5, table: 50, priority: 100 });
  await h.rules.add({ uidRange: { start: 1000, end: 1999 }, table: 60, priority: 110 });
  await h.rules.add({ from: '172.16.20.0/24', table: 70, priority: 120 });
  await h.sysctl.set('net.ipv4.ip_forward', 1);

  const cases: [string, Parameters<Rtnl['routes']['get']>[1], string[]][] = [
    ['plain', {}, []],
    ['tos', { tos: 0x10 }, ['tos', '0x10']],
    ['mark', { mark: 5 }, ['mark', '5']],
    ['uid', { uid: 1500 }, ['uid', '1500']],
    ['from', { from: '172.16.20.5' }, ['from', '172.16.20.5']],
    ['oif', { oif: 'up1' }, ['oif', 'up1']],
    ['iif', { from: '172.16.20.9', iif: 'up1' }, ['from', '172.16.20.9', 'iif', 'up1']],
  ];
  for (const [what, options, words] of cases) {
    const mine = await h.routes.get('10.1.0.7', options);
    const [theirs] = ipJson<any[]>(ns, 'route', 'get', '10.1.0.7', ...words);
    t.same({ gateway: mine.gateway, dev: mine.link }, { gateway: theirs.gateway, dev: theirs.dev }, `${what}: via ${mine.gateway} dev ${mine.link}, as ip route get`);
  }
  t.equal((await h.routes.get('10.1.0.7', { mark: 5 })).gateway, '172.16.10.3', 'the mark chose table 50');
  t.equal((await h.routes.get('10.1.0.7', { uid: 1500 })).gateway, '172.16.10.4', 'the uid chose table 60');
  t.equal((await h.routes.get('10.1.0.7', { tos: 0x10 })).gateway, '172.16.10.2', 'the tos chose the tos route');

  const fib = await h.routes.get('10.1.0.7', { tos: 0x10, fibmatch: true });
  const [ipFib] = ipJson<any[]>(ns, 'route', 'get', '10.1.0.7', 'tos', '0x10', 'fibmatch');
  t.same({ dst: fib.dst, gateway: fib.gateway, tos: fib.tos }, { dst: ipFib.dst, gateway: ipFib.gateway, tos: dsfield(ipFib.tos) }, 'fibmatch: the route entry, as ip shows it');
  t.equal(fib.dst, '10.1.0.0/24');
  const v6 = await h.routes.get('2001:db8:babe:cafe::9', { from: '2001:db8:babe:cafe::5', fibmatch: true });
  t.equal(v6.dst, ipJson<any[]>(ns, 'route', 'get', '2001:db8:babe:cafe::9', 'from', '2001:db8:babe:cafe::5', 'fibmatch')[0].dst, 'IPv6 fibmatch as ip');
});

t.test('routes.list({ dst }): only that exact prefix, as ip route show PREFIX', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routed(t);
  await h.routes.add({ dst: '10.8.0.0/16', gateway: '172.16.10.1' });
  await h.routes.add({ dst: '10.8.0.0/24', gateway: '172.16.10.2' });
  await h.routes.add({ dst: '10.8.0.0/24', gateway: '172.16.10.3', metric: 50 });
  await h.routes.add({ dst: '2001:db8:8::/48', gateway: '2001:db8:babe:cafe::1' });
  for (const [dst, family] of [['10.8.0.0/24', 4], ['10.8.0.0/16', 4], ['10.8.0.9/24', 4], ['2001:db8:8::/48', 6], ['10.9.0.0/24', 4]] as const) {
    const mine = (await h.routes.list({ dst })).map((r) => `${r.dst} ${r.gateway} ${r.metric ?? 0}`).sort();
    const theirs = ipJson<any[]>(ns, `-${family}`, 'route', 'show', dst).map((o) => `${o.dst} ${o.gateway} ${o.metric ?? 0}`).sort();
    t.same(mine, theirs, `${dst}: ${mine.length} route(s), as ip route show ${dst}`);
  }
});
