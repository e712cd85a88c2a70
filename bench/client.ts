// The rtnl benchmark client: runs one workload inside a namespace prepared by someone else (the
// runner, bench/run.ts, calls it with `ip netns exec NS`), checks its own result, and prints
//   RESULT ok=1 count=<N> total=<s> <phase>=<s>...
// The clock covers only the workload's requests, replies and decoding: not start-up, not checks.
// It runs the compiled package (lib/, built by `npm ci`/`npm run build`), as users do.
//
// Usage: npm --prefix <package dir> run --silent bench:client -- <w1|w2|w3|w4|w5-seq|w5-all|w5-detach|mem> <N>
// Env: BENCH_PARENT (bp0), BENCH_ADDR_DEV (bp1), BENCH_GW (192.0.2.254),
//      BENCH_DELETE=bulk|each (W1: links.delete([...names]) or one request per link; default bulk),
//      BENCH_NS_PREFIX (W5: the namespaces to attach are PREFIX0 .. PREFIX<N-1>, made by the runner).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { open, type Rtnl } from '../lib/index.js';

const PARENT = process.env.BENCH_PARENT ?? 'bp0';
const ADDR_DEV = process.env.BENCH_ADDR_DEV ?? 'bp1';
const GW = process.env.BENCH_GW ?? '192.0.2.254';

const now = (): number => Number(process.hrtime.bigint()) / 1e9;
const fmt = (s: number): string => s.toFixed(6);

function fail(msg: string): never {
  throw new Error(`verification failed: ${msg}`);
}

type Phases = [string, number][];

async function timed(phases: Phases, name: string, fn: () => Promise<unknown>): Promise<void> {
  const t0 = now();
  await fn();
  phases.push([name, now() - t0]);
}

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `bmv${i}`);

async function countBmv(h: Rtnl): Promise<number> {
  return (await h.links.list({ kind: 'macvlan' })).filter((l) => l.name.startsWith('bmv')).length;
}

async function w1(h: Rtnl, n: number, phases: Phases): Promise<string> {
  const all = names(n);
  await timed(phases, 'create', () =>
    Promise.all(all.map((name) => h.links.add({ kind: 'macvlan', name, parent: PARENT, mode: 'bridge' }))));
  const made = (await h.links.list({ kind: 'macvlan' })).filter((l) => l.name.startsWith('bmv'));
  if (made.length !== n) fail(`${made.length} bmv macvlans after create, expected ${n}`);
  if (made.some((l) => l.macvlan?.mode !== 'bridge' || l.parent !== PARENT)) fail('a bmv macvlan is not mode bridge on the parent');
  const each = process.env.BENCH_DELETE === 'each';
  await timed(phases, 'delete', () =>
    each ? Promise.all(all.map((name) => h.links.delete(name))) : h.links.delete(all));
  const left = await countBmv(h);
  if (left !== 0) fail(`${left} bmv macvlans left after delete`);
  // Warm: the same creates again in this process (JIT compiled, heap grown), then a delete untimed.
  await timed(phases, 'create_warm', () =>
    Promise.all(all.map((name) => h.links.add({ kind: 'macvlan', name, parent: PARENT, mode: 'bridge' }))));
  if (await countBmv(h) !== n) fail('not every bmv macvlan made again');
  await h.links.delete(all);
  if (await countBmv(h) !== 0) fail('bmv macvlans left after the second delete');
  return `delete_path=${each ? 'each' : 'bulk'}`;
}

async function w2(h: Rtnl, n: number, phases: Phases): Promise<string> {
  let count = 0;
  let ifsum = 0;
  for (const phase of ['list', 'list_warm']) {
    count = 0;
    ifsum = 0;
    await timed(phases, phase, async () => {
      const links = await h.links.list();
      for (const l of links) {
        if (l.kind === 'macvlan' && l.name.startsWith('bmv')) {
          count++;
          ifsum += l.index;
        }
      }
    });
    if (count !== n) fail(`${count} bmv macvlans listed, expected ${n}`);
  }
  // Event-loop responsiveness while dumps run (not timed): a 1 ms timer keeps ticking, and the
  // histogram records how late it came back each time.
  const hist = monitorEventLoopDelay({ resolution: 1 });
  const tick = setInterval(() => {}, 1);
  hist.enable();
  const t0 = now();
  let dumps = 0;
  while (now() - t0 < 1.0) {
    const links = await h.links.list();
    if (links.length < n) fail('short dump');
    dumps++;
  }
  hist.disable();
  clearInterval(tick);
  const ms = (ns: number): string => (ns / 1e6).toFixed(1);
  return `ifsum=${ifsum} el_dumps=${dumps} el_p50_ms=${ms(hist.percentile(50))} el_p99_ms=${ms(hist.percentile(99))} el_max_ms=${ms(hist.max)}`;
}

async function w3(h: Rtnl, n: number, phases: Phases): Promise<string> {
  const dsts = Array.from({ length: n }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
  const count = async (): Promise<number> => (await h.routes.list({ family: 4 })).filter((r) => r.gateway === GW).length;
  for (const warm of ['', '_warm']) {  // warm: the same again in this process, after an untimed delete
    if (warm) {
      await Promise.all(dsts.map((dst) => h.routes.delete({ dst, gateway: GW })));
      if (await count() !== 0) fail(`routes via ${GW} left after delete`);
    }
    await timed(phases, `add${warm}`, () => Promise.all(dsts.map((dst) => h.routes.add({ dst, gateway: GW }))));
    let listed = 0;
    await timed(phases, `dump${warm}`, async () => { listed = await count(); });
    if (listed !== n) fail(`${listed} routes via ${GW} listed, expected ${n}`);
  }
  return '';
}

async function w4(h: Rtnl, n: number, phases: Phases): Promise<string> {
  const addrs = Array.from({ length: n }, (_, i) => `10.128.${Math.floor(i / 250)}.${(i % 250) + 1}/32`);
  const count = async (): Promise<number> =>
    (await h.addresses.list({ link: ADDR_DEV, family: 4 })).filter((a) => a.address.startsWith('10.128.')).length;
  for (const warm of ['', '_warm']) {  // warm: the same again in this process, after an untimed delete
    if (warm) {
      await Promise.all(addrs.map((a) => h.addresses.delete(ADDR_DEV, a)));
      if (await count() !== 0) fail(`10.128.* addresses left on ${ADDR_DEV} after delete`);
    }
    await timed(phases, `add${warm}`, () => Promise.all(addrs.map((a) => h.addresses.add(ADDR_DEV, a))));
    let listed = 0;
    await timed(phases, `list${warm}`, async () => { listed = await count(); });
    if (listed !== n) fail(`${listed} 10.128.* addresses listed on ${ADDR_DEV}, expected ${n}`);
  }
  return '';
}

// W5: attach N namespaces to the parent, one after another (w5-seq) or all at once (w5-all), with
// one IPv4 address and a default route each; w5-detach removes them all at once. The namespaces
// are made (and checked) by the runner; per-attach times are reported for w5-seq.
const W5_PREFIX = process.env.BENCH_NS_PREFIX ?? 'rtnl-bench-w5-';
const w5Address = (i: number): string => `10.200.${i >> 8}.${(i & 255) + 2}/16`;
const W5_GW = '10.200.0.1';

function w5Attach(all: boolean) {
  return async (h: Rtnl, n: number, phases: Phases): Promise<string> => {
    const one = (i: number): Promise<unknown> =>
      h.attach({ parent: PARENT, netns: `${W5_PREFIX}${i}`, addresses: [w5Address(i)], gateway: W5_GW });
    if (all) {
      await timed(phases, 'attach', () => Promise.all(Array.from({ length: n }, (_, i) => one(i))));
      return '';
    }
    const each: number[] = [];
    await timed(phases, 'attach', async () => {
      for (let i = 0; i < n; i++) {
        const t0 = now();
        await one(i);
        each.push(now() - t0);
      }
    });
    each.sort((a, b) => a - b);
    return `per_attach_median=${fmt(each[Math.floor(n / 2)]!)} per_attach_max=${fmt(each[n - 1]!)}`;
  };
}

async function w5Detach(h: Rtnl, n: number, phases: Phases): Promise<string> {
  await timed(phases, 'detach', () => Promise.all(Array.from({ length: n }, (_, i) =>
    h.detach({ netns: `${W5_PREFIX}${i}`, parent: PARENT }).then((r) => {
      if (!r.linkRemoved) fail(`detach of ${W5_PREFIX}${i} found no eth0`);
    }))));
  return '';
}

// Memory: n requests on one handle (route lookups, `ip route get`, 1000 at a time; links.get would
// share one answer among concurrent lookups of one link). RSS and V8's heap are read after a warm-up
// and every tenth of the way (after a forced GC when node runs with --expose-gc).
async function mem(h: Rtnl, n: number, phases: Phases): Promise<string> {
  const batch = 1000;
  const round = (): Promise<unknown> => Promise.all(Array.from({ length: batch }, () => h.routes.get(GW)));
  for (let i = 0; i < 10; i++) await round();  // warm up: JIT, pools
  const gc = (globalThis as { gc?: () => void }).gc;
  const rss: number[] = [];
  const heap: number[] = [];
  const read = (): void => {
    gc?.();
    const m = process.memoryUsage();
    rss.push(m.rss / 2 ** 20);
    heap.push(m.heapUsed / 2 ** 20);
  };
  read();
  let t = 0;
  const every = Math.max(batch, Math.floor(n / 10 / batch) * batch);
  for (let done = 0; done < n; done += batch) {
    const t0 = now();
    await round();
    t += now() - t0;
    if ((done + batch) % every === 0) read();
  }
  phases.push(['requests', t]);
  const mb = (x: number): string => x.toFixed(1);
  return `rss_start_mb=${mb(rss[0]!)} rss_max_mb=${mb(Math.max(...rss))} rss_end_mb=${mb(rss.at(-1)!)} ` +
    `heap_start_mb=${mb(heap[0]!)} heap_end_mb=${mb(heap.at(-1)!)} gc=${gc ? 'forced' : 'none'}`;
}

const WORKLOADS: Record<string, (h: Rtnl, n: number, phases: Phases) => Promise<string>> = {
  w1, w2, w3, w4, 'w5-seq': w5Attach(false), 'w5-all': w5Attach(true), 'w5-detach': w5Detach, mem,
};

async function main(): Promise<void> {
  const [w, nArg] = process.argv.slice(2);
  const n = Number(nArg);
  const run = w === undefined ? undefined : WORKLOADS[w];
  if (!run || !Number.isInteger(n) || n < 1) {
    throw new Error(`usage: bench:client -- <${Object.keys(WORKLOADS).join('|')}> <N>`);
  }
  const h = await open();
  try {
    const phases: Phases = [];
    const extra = await run(h, n, phases);
    const total = phases.reduce((s, [, t]) => s + t, 0);
    console.log(`RESULT ok=1 count=${n} total=${fmt(total)} ${phases.map(([k, t]) => `${k}=${fmt(t)}`).join(' ')}${extra ? ` ${extra}` : ''}`);
  } finally {
    h.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench client: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  console.log('RESULT ok=0');
  process.exitCode = 1;
});
