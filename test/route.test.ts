// Routes against the kernel, with iproute2 as the oracle both ways (rtnl sets, `ip -j route` reads;
// ip sets, rtnl reads), IPv4 and IPv6; the seed recipe end to end; bad input and refusals.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { C } from '../src/binding.js';
import { NetlinkError, type Route, type RouteSpec, type Rtnl } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot, settled } from './helpers.js';

/** The fields both report, normalized: ip leaves out defaults (main table, boot, unicast, universe). */
interface RouteView {
  dst: string; gateway?: string; dev?: string; table: number; scope: string | number; protocol: string | number;
  type: string | number; metric?: number; prefsrc?: string; mtu?: number; advmss?: number; onlink: boolean;
  nexthops?: { gateway?: string; dev?: string; weight: number }[];
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function view(r: Route): RouteView {
  return defined<RouteView>({
    dst: r.dst, gateway: r.gateway, dev: r.link, table: r.table, scope: r.family === 6 ? 'universe' : r.scope,
    protocol: r.protocol, type: r.type, metric: r.metric, prefsrc: r.src, mtu: r.mtu, advmss: r.advmss, onlink: r.onlink,
    nexthops: r.multipath?.map((h) => defined({ gateway: h.gateway, dev: h.link, weight: h.weight })),
  });
}

const TABLES: Record<string, number> = { main: 254, local: 255, default: 253 };
const num = (s: string | number): string | number => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s);

/** `ip -j -4|-6 route show ...` in NS, normalized to the same view. */
function ipRoutes(ns: string, family: 4 | 6, ...args: string[]): RouteView[] {
  return ipJson<any[]>(ns, `-${family}`, 'route', 'show', ...args).map((o) => {
    const host = family === 4 ? 32 : 128;
    const metrics = (o.metrics ?? [])[0] ?? {};
    return defined<RouteView>({
      dst: o.dst === 'default' || o.dst.includes('/') ? o.dst : `${o.dst}/${host}`,
      gateway: o.gateway, dev: o.dev, table: o.table === undefined ? 254 : (TABLES[o.table] ?? Number(o.table)),
      scope: o.scope === undefined || o.scope === 'global' ? 'universe' : num(o.scope),
      protocol: o.protocol === undefined ? 'boot' : num(o.protocol), type: o.type === undefined ? 'unicast' : num(o.type),
      metric: o.metric, prefsrc: o.prefsrc, mtu: metrics.mtu, advmss: metrics.advmss, onlink: (o.flags ?? []).includes('onlink'),
      nexthops: o.nexthops?.map((h: any) => defined({ gateway: h.gateway, dev: h.dev, weight: h.weight })),
    });
  });
}

const key = (r: RouteView): string => `${r.table} ${r.type} ${r.dst} ${r.metric ?? ''} ${r.dev ?? ''}`;
const sorted = (rs: RouteView[]): RouteView[] => [...rs].sort((a, b) => key(a).localeCompare(key(b)));

/**
 * A namespace with up0/up1, addresses on up0 (and a second subnet on up1), DAD off for speed. The
 * tests compare every route of every table, the kernel's own included: the link-local routes that
 * the kernel adds when the links get carrier and DAD ends are in place before it returns.
 */
async function routedNetns(t: Parameters<typeof freshNetns>[0]): Promise<{ ns: string; h: Rtnl }> {
  const f = await freshNetns(t, { veth: true });
  await f.h.addresses.add('up0', '172.16.10.5/24');
  await f.h.addresses.add('up1', '172.16.20.5/24');
  await f.h.addresses.add('up0', '2001:db8:babe:cafe::5/64', { nodad: true });
  await f.h.addresses.add('up1', '2001:db8:20::5/64', { nodad: true });
  await settled(f.ns, ['up0', 'up1']);
  return f;
}

const V4_SPECS: RouteSpec[] = [
  { dst: 'default', gateway: '172.16.10.1' },
  { dst: 'default', link: 'up1', table: 100 },
  { dst: '10.10.40.0/24', gateway: '172.16.10.3' },
  { dst: '10.10.41.0/24', gateway: '172.16.10.3', src: '172.16.10.5', metric: 7, mtu: 1400, advmss: 1360, protocol: 'static' },
  { dst: '10.10.42.0/24', multipath: [{ gateway: '172.16.10.3', weight: 2 }, { gateway: '172.16.20.4', link: 'up1', weight: 5 }] },
  { dst: '10.10.43.0/24', gateway: '192.0.2.1', link: 'up0', onlink: true, protocol: 200 },
  { dst: '10.10.44.0/24', type: 'blackhole' },
  { dst: '10.10.45.0/24', type: 'unreachable', table: 100 },
  { dst: '10.10.46.0/24', type: 'prohibit', table: 'default' },
  { dst: '10.10.47.0/24', type: 'throw', table: 100 },
  { dst: '10.10.48.1', link: 'up0', scope: 'host', table: 70000 },
  { dst: '10.10.49.0/24', link: 'up0', type: 'local' },
];
const V6_SPECS: RouteSpec[] = [
  { dst: 'default', gateway: '2001:db8:babe:cafe::1' },
  { dst: '::/0', link: 'up1', table: 100 },
  { dst: '2001:db8:40::/64', gateway: '2001:db8:babe:cafe::3', metric: 10, mtu: 1400, advmss: 1340 },
  { dst: '2001:db8:42::/64', multipath: [{ gateway: '2001:db8:babe:cafe::3', weight: 3 }, { gateway: '2001:db8:20::4', link: 'up1' }] },
  { dst: '2001:db8:44::/64', type: 'blackhole', table: 70000 },
  { dst: '2001:db8:45::/64', type: 'prohibit', protocol: 'static' },
  { dst: '2001:db8:46::/64', family: 6, link: 'up1' },
];

t.test('routes set by rtnl read back the same in ip -j route, field by field (IPv4 and IPv6)', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  for (const spec of [...V4_SPECS, ...V6_SPECS]) await h.routes.add(spec);
  for (const family of [4, 6] as const) {
    const mine = (await h.routes.list({ family, table: 'all' })).map(view);
    t.same(sorted(mine), sorted(ipRoutes(ns, family, 'table', 'all')), `IPv${family}: every route agrees with ip`);
  }
  // And the values asked for are what ip shows.
  const v4 = ipRoutes(ns, 4, 'table', 'all');
  const find = (rs: RouteView[], dst: string, table = 254): RouteView | undefined => rs.find((r) => r.dst === dst && r.table === table);
  t.match(find(v4, 'default'), { gateway: '172.16.10.1', dev: 'up0', scope: 'universe', protocol: 'boot' }, 'default via 172.16.10.1');
  t.match(find(v4, 'default', 100), { dev: 'up1', scope: 'link', gateway: undefined }, 'default dev up1: scope link');
  t.match(find(v4, '10.10.40.0/24'), { gateway: '172.16.10.3' });
  t.match(find(v4, '10.10.41.0/24'), { prefsrc: '172.16.10.5', metric: 7, mtu: 1400, advmss: 1360, protocol: 'static' });
  t.same(find(v4, '10.10.42.0/24')!.nexthops, [{ gateway: '172.16.10.3', dev: 'up0', weight: 2 }, { gateway: '172.16.20.4', dev: 'up1', weight: 5 }]);
  t.match(find(v4, '10.10.43.0/24'), { onlink: true, gateway: '192.0.2.1', protocol: 200 }, 'onlink, protocol by number');
  t.match(find(v4, '10.10.44.0/24'), { type: 'blackhole' });
  t.match(find(v4, '10.10.45.0/24', 100), { type: 'unreachable' });
  t.match(find(v4, '10.10.46.0/24', 253), { type: 'prohibit' });
  t.match(find(v4, '10.10.47.0/24', 100), { type: 'throw' });
  t.match(find(v4, '10.10.48.1/32', 70000), { scope: 'host' }, 'a table id above 255 (RTA_TABLE)');
  t.match(find(v4, '10.10.49.0/24', 255), { type: 'local', scope: 'host' }, 'local goes to the local table');
  const v6 = ipRoutes(ns, 6, 'table', 'all');
  t.match(find(v6, 'default'), { gateway: '2001:db8:babe:cafe::1', dev: 'up0' });
  t.match(find(v6, 'default', 100), { dev: 'up1' });
  t.match(find(v6, '2001:db8:40::/64'), { metric: 10, mtu: 1400, advmss: 1340 });
  t.same(find(v6, '2001:db8:42::/64')!.nexthops, [{ gateway: '2001:db8:babe:cafe::3', dev: 'up0', weight: 3 }, { gateway: '2001:db8:20::4', dev: 'up1', weight: 1 }]);
  t.match(find(v6, '2001:db8:44::/64', 70000), { type: 'blackhole' });
  t.match(find(v6, '2001:db8:45::/64'), { type: 'prohibit', protocol: 'static' });
  t.match(find(v6, '2001:db8:46::/64'), { dev: 'up1' });

  // The public Route, as DESIGN shapes it.
  const [d] = (await h.routes.list({ family: 4 })).filter((r) => r.dst === 'default');
  t.match(d, { family: 4, dst: 'default', gateway: '172.16.10.1', link: 'up0', table: 254, scope: 'universe', protocol: 'boot', type: 'unicast' });
  t.equal(d!.linkIndex, ipJson<any[]>(ns, 'link', 'show', 'up0')[0].ifindex);
});

t.test('routes set by ip read back the same through rtnl', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  const cmds = [
    'route add default via 172.16.10.1',
    'route add default dev up1 table 100',
    'route add 10.10.40.0/24 via 172.16.10.3',
    'route add 10.10.41.0/24 via 172.16.10.3 src 172.16.10.5 metric 7 mtu 1400 advmss 1360 proto static',
    'route add 10.10.42.0/24 nexthop via 172.16.10.3 weight 2 nexthop via 172.16.20.4 dev up1 weight 5',
    'route add 10.10.43.0/24 via 192.0.2.1 dev up0 onlink proto 200',
    'route add blackhole 10.10.44.0/24',
    'route add unreachable 10.10.45.0/24 table 100',
    'route add throw 10.10.47.0/24 table 100',
    'route add 10.10.48.1 dev up0 scope host table 70000',
    'route add 10.10.50.0/24 dev up0 proto kernel scope link',
    '-6 route add default via 2001:db8:babe:cafe::1',
    '-6 route add default dev up1 table 100',
    '-6 route add 2001:db8:40::/64 via 2001:db8:babe:cafe::3 metric 10 mtu 1400 advmss 1340',
    '-6 route add 2001:db8:42::/64 nexthop via 2001:db8:babe:cafe::3 weight 3 nexthop via 2001:db8:20::4 dev up1',
    '-6 route add blackhole 2001:db8:44::/64 table 70000',
    '-6 route add prohibit 2001:db8:45::/64 proto static',
  ];
  for (const c of cmds) ip(ns, ...c.split(' '));
  for (const family of [4, 6] as const) {
    const mine = (await h.routes.list({ family, table: 'all' })).map(view);
    t.same(sorted(mine), sorted(ipRoutes(ns, family, 'table', 'all')), `IPv${family}: every route agrees with ip`);
  }
  const r = (await h.routes.list({ family: 4, table: 100 })).find((x) => x.dst === '10.10.45.0/24');
  t.match(r, { type: 'unreachable', table: 100, family: 4 });
  const mp = (await h.routes.list({ family: 6 })).find((x) => x.dst === '2001:db8:42::/64')!;
  t.match(mp.multipath, [{ gateway: '2001:db8:babe:cafe::3', link: 'up0', weight: 3 }, { gateway: '2001:db8:20::4', link: 'up1', weight: 1 }]);
});

t.test('routes.list filters like ip route show, in the kernel', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  for (const spec of [...V4_SPECS, ...V6_SPECS]) await h.routes.add(spec);
  const same = async (filter: Parameters<Rtnl['routes']['list']>[0], family: 4 | 6, ...args: string[]): Promise<void> => {
    // ip leaves out of each route what the filter already says (the table, dev, protocol).
    const arg = (k: string): string | undefined => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
    const table = arg('table');
    const theirs = ipRoutes(ns, family, ...args).map((r) => ({
      ...r,
      ...(table !== undefined && table !== 'all' ? { table: TABLES[table] ?? Number(table) } : {}),
      ...(arg('dev') !== undefined ? { dev: arg('dev') } : {}),
      ...(arg('proto') !== undefined ? { protocol: num(arg('proto')!) } : {}),
    }));
    // The kernel's link filter also matches multipath routes with a next hop on the link; ip's own
    // filter (RTA_OIF only) drops them.
    const mine = (await h.routes.list({ ...filter, family })).filter((r) => filter?.link === undefined || !r.multipath);
    t.same(sorted(mine.map(view)), sorted(theirs), `${JSON.stringify(filter)} as ip -${family} route show ${args.join(' ')}`);
  };
  await same({}, 4);
  await same({}, 6);
  await same({ table: 100 }, 4, 'table', '100');
  await same({ table: 70000 }, 6, 'table', '70000');
  await same({ table: 'local' }, 4, 'table', 'local');
  await same({ link: 'up1', table: 'all' }, 4, 'table', 'all', 'dev', 'up1');
  await same({ protocol: 'static' }, 4, 'proto', 'static');
  await same({ type: 'blackhole', table: 'all' }, 6, 'table', 'all', 'type', 'blackhole');
  t.same(await h.routes.list({ table: 4242, family: 4 }), [], 'a table that does not exist lists nothing');
  // Both families by default, main table only.
  const main = await h.routes.list();
  t.ok(main.some((r) => r.family === 4) && main.some((r) => r.family === 6) && main.every((r) => r.table === 254), 'main table of both families');
  // The kernel filters: a table-100 dump sends only that table's routes.
  const all = await h.request(C.RTM_GETROUTE!, C.NLM_F_DUMP!, { family: C.AF_INET! });
  const t100 = await h.request(C.RTM_GETROUTE!, C.NLM_F_DUMP!, { family: C.AF_INET!, table: 100 });
  t.equal(t100.length, 3, `the kernel sent the 3 routes of table 100 (of ${all.length})`);
});

t.test('routes.get asks the kernel which route it takes, as ip route get', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  await h.routes.add({ dst: '10.10.40.0/24', gateway: '172.16.10.3', mtu: 1400 });
  const r = await h.routes.get('10.10.40.7');
  const o = ipJson<any[]>(ns, 'route', 'get', '10.10.40.7')[0];
  t.match(r, { family: 4, dst: '10.10.40.7/32', gateway: o.gateway, link: o.dev, src: o.prefsrc, mtu: 1400 });
  const r6 = await h.routes.get('2001:db8:babe:cafe::9');
  const o6 = ipJson<any[]>(ns, '-6', 'route', 'get', '2001:db8:babe:cafe::9')[0];
  t.match(r6, { family: 6, dst: '2001:db8:babe:cafe::9/128', link: o6.dev });
  await t.rejects(h.routes.get('10.99.0.1'), { name: 'NetlinkError', code: 'ENETUNREACH', request: 'RTM_GETROUTE' });
});

t.test('replace, append and delete', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  await h.routes.add({ dst: '10.10.40.0/24', gateway: '172.16.10.3' });
  await h.routes.replace({ dst: '10.10.40.0/24', gateway: '172.16.10.4' });
  t.same(ipRoutes(ns, 4).filter((r) => r.dst === '10.10.40.0/24').map((r) => r.gateway), ['172.16.10.4'], 'replaced');
  await h.routes.append({ dst: '10.10.40.0/24', gateway: '172.16.20.9', type: 'unicast', metric: 0, table: 'main' });
  t.equal(ipRoutes(ns, 4).filter((r) => r.dst === '10.10.40.0/24').length, 2, 'appended');
  await h.routes.delete({ dst: '10.10.40.0/24', gateway: '172.16.20.9' });
  t.same(ipRoutes(ns, 4).filter((r) => r.dst === '10.10.40.0/24').map((r) => r.gateway), ['172.16.10.4'], 'deleted the one named');
  await h.routes.delete({ dst: '10.10.40.0/24' });
  t.same(ipRoutes(ns, 4).filter((r) => r.dst === '10.10.40.0/24'), [], 'deleted');
  await h.routes.append({ dst: '2001:db8:40::/64', gateway: '2001:db8:babe:cafe::3' });
  await h.routes.append({ dst: '2001:db8:40::/64', gateway: '2001:db8:babe:cafe::4' });
  const mp = (await h.routes.list({ family: 6 })).find((r) => r.dst === '2001:db8:40::/64')!;
  t.same(mp.multipath?.map((x) => x.gateway), ['2001:db8:babe:cafe::3', '2001:db8:babe:cafe::4'], 'IPv6 append makes next hops');
  await h.routes.delete({ dst: '2001:db8:40::/64' });
  await h.routes.add({ dst: '10.10.70.0/24', type: 'blackhole', table: 70000 });
  await h.routes.delete({ dst: '10.10.70.0/24', table: 70000 });
  t.same(ipRoutes(ns, 4, 'table', '70000'), [], 'deleted from a table above 255');
});

t.test('the seed recipe: macvlans in two namespaces reach the gateway on the parent side', { skip: needsRoot }, async (t) => {
  const host = await freshNetns(t, { veth: true });
  const blue = await freshNetns(t);
  const red = await freshNetns(t);
  // up1 is the parent side: it holds the gateway addresses; up0 is the macvlans' parent.
  await host.h.addresses.add('up1', '172.16.10.1/24');
  await host.h.addresses.add('up1', '2001:db8:babe:cafe::1/64', { nodad: true });
  await host.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', netns: blue.ns });
  await host.h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', netns: red.ns });
  for (const [{ ns, h }, n] of [[blue, 5], [red, 6]] as const) {
    await h.links.set('mv0', { up: true });
    await h.addresses.add('mv0', `172.16.10.${n}/24`);
    await h.addresses.add('mv0', `2001:db8:babe:cafe::${n}/64`);
    await h.addresses.waitSettled('mv0', { timeout: 10000 });
    await h.routes.add({ dst: 'default', gateway: '172.16.10.1' });
    await h.routes.add({ dst: 'default', gateway: '2001:db8:babe:cafe::1' });
    t.match(ipRoutes(ns, 4).find((r) => r.dst === 'default'), { gateway: '172.16.10.1', dev: 'mv0' }, `${ns}: default via 172.16.10.1`);
    t.match(ipRoutes(ns, 6).find((r) => r.dst === 'default'), { gateway: '2001:db8:babe:cafe::1', dev: 'mv0' });
    for (const target of ['172.16.10.1', '2001:db8:babe:cafe::1']) {
      const out = execFileSync('ip', ['netns', 'exec', ns, 'ping', '-c1', '-W1', target], { encoding: 'utf8' });
      t.match(out, /1 received/, `${ns}: ping ${target}`);
    }
  }
  // A route through the gateway: the gateway's namespace answers for an address behind it.
  await host.h.addresses.add('up1', '10.10.40.1/32');
  execFileSync('ip', ['netns', 'exec', blue.ns, 'ping', '-c1', '-W1', '10.10.40.1']);
  t.pass('blue reaches 10.10.40.1 via the default route');
  t.match(await blue.h.routes.get('10.10.40.1'), { gateway: '172.16.10.1', link: 'mv0' });
  // default dev: a device route, scope link (as ipvlan l3 uses it).
  await red.h.routes.delete({ dst: 'default' });
  await red.h.routes.add({ dst: 'default', link: 'mv0' });
  t.match(ipRoutes(red.ns, 4).find((r) => r.dst === 'default'), { dev: 'mv0', scope: 'link', gateway: undefined });
});

t.test('bad route specs are refused before any syscall, naming the field and the value', { skip: needsRoot }, async (t) => {
  const { h } = await routedNetns(t);
  const cases: [() => Promise<unknown>, RegExp, string][] = [
    [() => h.routes.add({ dst: '300.1.1.1/24' }), /spec\.dst must be .*"300\.1\.1\.1\/24"/, 'RangeError'],
    [() => h.routes.add({ dst: '10.0.0.0/33' }), /spec\.dst must be a CIDR with a prefix length from 0 to 32, got "10\.0\.0\.0\/33"/, 'RangeError'],
    [() => h.routes.add({ dst: '2001:db8::/64', gateway: '10.0.0.1' }), /spec\.gateway must be an IPv6 address.*"10\.0\.0\.1"/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', src: '::1' }), /spec\.src must be an IPv4 address/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', table: 'mian' as never }), /spec\.table must be one of 'main', 'local', 'default', got "mian"/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', table: 0 }), /spec\.table must be an integer from 1/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', type: 'blackhold' as never }), /spec\.type must be one of .*"blackhold"/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', scope: 'galaxy' as never }), /spec\.scope must be one of .*"galaxy"/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', protocol: 'ospff' }), /spec\.protocol must be one of .*"ospff"/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', gateway: '10.0.0.1', via: '10.0.0.1' } as never), /spec\.via must be one of the known options/, 'TypeError'],
    [() => h.routes.add({ dst: 'default', multipath: [{ gateway: '10.0.0.1', weight: 0 }] }), /spec\.multipath\[0\]\.weight must be an integer from 1 to 256, got 0/, 'RangeError'],
    [() => h.routes.add({ dst: '10.0.0.0/8', multipath: [{ gateway: '10.0.0.1' }, { gateway: 'fe80::1' }] }), /spec\.multipath\[1\]\.gateway must be an IPv4 address/, 'RangeError'],
    [() => h.routes.add({ dst: 'default', family: 6, gateway: '10.0.0.1' }), /spec\.gateway must be an IPv6 address, as spec\.family is IPv6/, 'RangeError'],
    [() => h.routes.list({ table: 'everything' as never }), /filter\.table must be one of 'main', 'local', 'default', got "everything"/, 'RangeError'],
    [() => h.routes.get('10.0.0.0/8'), /destination must be an IPv4 or IPv6 address/, 'RangeError'],
  ];
  for (const [fn, message, name] of cases) {
    const before = h.pending;
    await t.rejects(fn(), { name, message }, String(message));
    t.equal(h.pending, before, 'nothing was sent');
  }
});

t.test('kernel refusals reject with NetlinkError carrying the kernel text; the handle stays usable', { skip: needsRoot }, async (t) => {
  const { ns, h } = await routedNetns(t);
  await h.routes.add({ dst: '10.10.40.0/24', gateway: '172.16.10.3' });
  const exists = await h.routes.add({ dst: '10.10.40.0/24', gateway: '172.16.10.3' }).catch((e) => e);
  t.type(exists, NetlinkError);
  t.match(exists, { code: 'EEXIST', request: 'RTM_NEWROUTE' });
  const unreachable = await h.routes.add({ dst: '10.10.41.0/24', gateway: '10.99.0.1' }).catch((e) => e);
  t.match(unreachable, { name: 'NetlinkError', code: 'ENETUNREACH', request: 'RTM_NEWROUTE', kernelMessage: /gateway/i });
  t.match(unreachable.message, /gateway/i, 'the kernel\'s text is in the message');
  await t.rejects(h.routes.delete({ dst: '10.10.99.0/24' }), { name: 'NetlinkError', code: 'ESRCH', request: 'RTM_DELROUTE' });
  await t.rejects(h.routes.add({ dst: '10.10.41.0/24', link: 'nosuch0' }), { name: 'NetlinkError', code: 'ENODEV', message: /spec\.link: no link named 'nosuch0'/ });
  await t.rejects(h.routes.add({ dst: '10.10.41.5/24', link: 'up0' }), { name: 'NetlinkError', code: 'EINVAL', kernelMessage: /prefix/i });
  await h.routes.add({ dst: '10.10.41.0/24', gateway: '172.16.10.3' });
  t.ok(ipRoutes(ns, 4).some((r) => r.dst === '10.10.41.0/24'), 'still usable');
});
