// Requests made in one synchronous run cross into the addon together (src/pack.ts: one native call
// per batch, outcomes reported per readable callback). What batching could break: each request
// keeps its own outcome (a kernel refusal, an encoder's refusal) while the others succeed, requests
// reach the kernel in the order they were made, close() with a batch not yet sent rejects it unsent,
// and two handles used in one run each get their own requests.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { C } from '../src/binding.js';
import { NetlinkError, open } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

/** What `ip -n NS CMD...` says on stderr when the kernel refuses CMD (its extended-ack text). */
function ipRefusal(ns: string, ...cmd: string[]): string {
  try {
    execFileSync('ip', ['-n', ns, ...cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return String((e as { stderr: string }).stderr).trim();
  }
  throw new Error(`ip ${cmd.join(' ')} was not refused`);
}

/** IPv4 routes of the main table by ip: dst -> gateway. */
function ipRoutes(ns: string): Map<string, string | undefined> {
  const routes = ipJson<{ dst: string; gateway?: string; protocol?: string }[]>(ns, '-4', 'route', 'show', 'table', 'main');
  return new Map(routes.filter((r) => r.protocol !== 'kernel').map((r) => [r.dst, r.gateway]));
}

t.test('10,000 route adds in one run: each refused one gets its own kernel error, the others are made', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'up0');
  const n = 10_000;
  const dst = (i: number): string => `10.${i >> 8}.${i & 255}.0/24`;
  // Every 97th via a gateway no link reaches (the kernel refuses it); the last adds the first again.
  const bad = (i: number): boolean => i % 97 === 5;
  const gateway = (i: number): string => (bad(i) ? '198.51.100.1' : '192.0.2.254');
  const calls = Array.from({ length: n }, (_, i) => h.routes.add({ dst: dst(i), gateway: gateway(i) }));
  calls.push(h.routes.add({ dst: dst(0), gateway: '192.0.2.254' }));
  t.equal(h.pending, n + 1, 'every request is pending, those not yet handed to the addon too');
  const results = await Promise.allSettled(calls);
  t.equal(h.pending, 0, 'nothing left pending');

  // The refusals, as ip reports the same ones.
  ip(ns, 'route', 'add', '10.200.0.0/24', 'via', '192.0.2.254');
  const unreachable = ipRefusal(ns, 'route', 'add', '10.201.0.0/24', 'via', '198.51.100.1');
  const exists = ipRefusal(ns, 'route', 'add', '10.200.0.0/24', 'via', '192.0.2.254');
  ip(ns, 'route', 'del', '10.200.0.0/24');
  const text = (s: string): string => s.replace(/^Error: /, '').replace(/\.$/, '');
  let wrong = 0;
  let refused = 0;
  results.forEach((r, i) => {
    if (i === n) return;
    if (!bad(i)) {
      if (r.status !== 'fulfilled') wrong++;
      return;
    }
    refused++;
    const e = (r as PromiseRejectedResult).reason as NetlinkError;
    if (!(e instanceof NetlinkError) || e.request !== 'RTM_NEWROUTE' || !e.message.includes(text(unreachable))) wrong++;
  });
  t.equal(wrong, 0, `each of the ${refused} refused adds rejected with the kernel's own text (${unreachable}), every other add resolved`);
  const dup = results[n]!;
  t.equal(dup.status, 'rejected', 'the repeated add is refused');
  const dupError = (dup as PromiseRejectedResult).reason as NetlinkError;
  t.equal(dupError.code, 'EEXIST', `with EEXIST (ip: ${exists})`);

  const routes = ipRoutes(ns);
  const want = new Map<string, string>();
  for (let i = 0; i < n; i++) if (!bad(i)) want.set(dst(i), '192.0.2.254');
  t.equal(routes.size, want.size, `ip shows ${want.size} routes`);
  t.ok([...want].every(([d, g]) => routes.get(d) === g), 'each good one, via its gateway, as ip shows it');
});

t.test('an encoder refusal among good requests of one run fails that request only', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const index = (await h.links.get('up0')).index;
  const addr = (i: number): Uint8Array => Uint8Array.of(10, 7, 0, i);
  const req = (i: number) => ({ family: C.AF_INET!, prefixLength: 32, index, local: addr(i), flags: 0, scope: 0 });
  // h.request is the internal path every family uses; 'family' as a string passes TS (a cast) and
  // is refused by the encoder, after packing.
  const calls = [1, 2, 3, 4, 5].map((i) =>
    h.request(C.RTM_NEWADDR!, C.NLM_F_CREATE! | C.NLM_F_EXCL!, i === 3 ? { ...req(i), family: 'inet' as unknown as number } : req(i)));
  const results = await Promise.allSettled(calls);
  t.same(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'], 'only the third failed');
  const e = (results[2] as PromiseRejectedResult).reason as Error;
  t.type(e, TypeError, 'as a TypeError');
  t.match(e.message, /'family' must be a number/, `naming the field (${e.message})`);
  t.same(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<unknown[]>).value), [[], [], [], []],
    'the others resolved with no replies');
  const have = ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'up0')[0]!.addr_info.map((a) => a.local);
  t.same(have.sort(), ['10.7.0.1', '10.7.0.2', '10.7.0.4', '10.7.0.5'], 'ip shows the four good addresses');
});

t.test('requests of one run reach the kernel in the order they were made', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'up0');
  // Each depends on the one before: add, delete, add again with another gateway, change the MTU 100 times.
  const calls: Promise<unknown>[] = [
    h.routes.add({ dst: '10.1.0.0/16', gateway: '192.0.2.10' }),
    h.routes.delete({ dst: '10.1.0.0/16' }),
    h.routes.add({ dst: '10.1.0.0/16', gateway: '192.0.2.20' }),
    h.addresses.add('up1', '10.2.0.1/24'),
    h.addresses.delete('up1', '10.2.0.1/24'),
    h.addresses.add('up1', '10.2.0.2/24'),
  ];
  for (let i = 0; i < 100; i++) calls.push(h.links.set('up1', { mtu: 1300 + i }));
  const results = await Promise.allSettled(calls);
  t.same(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), [],
    'every request succeeded (each found what the one before it left)');
  t.equal(ipRoutes(ns).get('10.1.0.0/16'), '192.0.2.20', 'ip: the route is the last one added');
  const addrs = ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'up1')[0]!.addr_info.map((a) => a.local);
  t.same(addrs, ['10.2.0.2'], 'ip: only the last address');
  t.equal(ipJson<{ mtu: number }[]>(ns, 'link', 'show', 'up1')[0]!.mtu, 1399, 'ip: the MTU the last set gave');
});

t.test('close() in the run that made the requests rejects them with ERR_RTNL_CLOSED, unsent', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t, { veth: true });
  ip(ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'up0');
  const h = await open({ netns: ns });
  const calls = Array.from({ length: 500 }, (_, i) => h.routes.add({ dst: `10.3.${i >> 8}.${i & 255}/32`, gateway: '192.0.2.254' }));
  calls.push(h.links.list() as Promise<never>);
  t.equal(h.pending, 501, 'all pending');
  h.close();
  t.equal(h.pending, 0, 'none pending once closed');
  const results = await Promise.allSettled(calls);
  t.equal(results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'ERR_RTNL_CLOSED').length, 501,
    'every one rejected with ERR_RTNL_CLOSED');
  t.same([...ipRoutes(ns).keys()].filter((d) => d.startsWith('10.3.')), [], 'ip: none of the routes was made');
  await t.rejects(h.routes.add({ dst: '10.4.0.0/16', gateway: '192.0.2.254' }), { code: 'ERR_RTNL_CLOSED' }, 'a later request too');
});

t.test('two handles used in one run each send their own requests', { skip: needsRoot }, async (t) => {
  const a = await freshNetns(t, { veth: true });
  const b = await freshNetns(t, { veth: true });
  const calls: Promise<unknown>[] = [];
  for (let i = 1; i <= 50; i++) {
    calls.push(a.h.addresses.add('up0', `10.5.0.${i}/32`));
    calls.push(b.h.addresses.add('up0', `10.6.0.${i}/32`));
  }
  await Promise.all(calls);
  const of = (ns: string): string[] =>
    ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'up0')[0]!.addr_info.map((x) => x.local);
  t.same(of(a.ns), Array.from({ length: 50 }, (_, i) => `10.5.0.${i + 1}`), 'the first namespace has its 50, in order');
  t.same(of(b.ns), Array.from({ length: 50 }, (_, i) => `10.6.0.${i + 1}`), 'the second has its 50');
});
