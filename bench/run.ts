// The benchmark runner (npm run bench): rtnl against iproute2 in one run. For each workload and each
// repetition it makes a fresh namespace holding a veth pair bp0/bp1 (both up, 192.0.2.1/24 on bp0),
// runs the rtnl client (bench/client.ts) inside it, then `ip -batch` and `ip` once per operation in
// fresh namespaces of their own, checks from outside (`ip -n NS -j ...`) that each really did the
// work, and prints a table of medians, ops/s and the ratio rtnl / ip-batch.
//
// Usage: npm run bench [-- [w1] [w2] [w3] [w4] [mem] [--reps N]]     (root; removes what it makes)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PKG = path.resolve(__dirname, '..');
const GW = '192.0.2.254';
const TMP = mkdtempSync(path.join(os.tmpdir(), 'rtnl-bench-'));

// ---- namespaces, removed at the end, also on failure or Ctrl-C ----------------------------------

const live = new Set<string>();
let seq = 0;

function cleanup(): void {
  for (const ns of live) {
    spawnSync('ip', ['netns', 'delete', ns], { stdio: 'ignore' });
    live.delete(ns);
  }
  rmSync(TMP, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    cleanup();
    process.exit(128 + (os.constants.signals[sig] ?? 1));
  });
}

function ip(ns: string | undefined, ...args: string[]): string {
  return execFileSync('ip', ns === undefined ? args : ['-n', ns, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
}
function ipJson<T>(ns: string, ...args: string[]): T {
  const out = ip(ns, '-j', ...args).trim();
  return (out === '' ? [] : JSON.parse(out)) as T;
}

/** A fresh namespace with bp0/bp1 up and 192.0.2.1/24 on bp0. */
function freshNetns(tag: string): string {
  const ns = `rtnl-bench-${process.pid}-${++seq}-${tag}`;
  ip(undefined, 'netns', 'add', ns);
  live.add(ns);
  ip(ns, 'link', 'add', 'bp0', 'type', 'veth', 'peer', 'name', 'bp1');
  ip(ns, 'link', 'set', 'bp0', 'up');
  ip(ns, 'link', 'set', 'bp1', 'up');
  ip(ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'bp0');
  ip(ns, 'link', 'set', 'lo', 'up');
  return ns;
}
function dropNetns(ns: string): void {
  ip(undefined, 'netns', 'delete', ns);
  live.delete(ns);
}

// ---- clients ------------------------------------------------------------------------------------

const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/** Runs `ip -n NS -batch FILE` with these lines; seconds, wall clock (process start included). */
function ipBatch(ns: string, lines: string[], capture = false, opts: string[] = []): { s: number; out: string } {
  const file = path.join(TMP, `batch-${++seq}`);
  writeFileSync(file, lines.join('\n') + '\n');
  const t0 = now();
  const r = spawnSync('ip', ['-n', ns, ...opts, '-batch', file], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'] });
  const s = now() - t0;
  if (r.status !== 0) throw new Error(`ip -batch failed (${r.status}): ${r.stderr}`);
  return { s, out: r.stdout ?? '' };
}

/** Runs `ip -n NS ARGS` once per line; seconds for all. */
function ipEach(ns: string, lines: string[]): number {
  const t0 = now();
  for (const l of lines) {
    const r = spawnSync('ip', ['-n', ns, ...l.split(' ')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ip ${l} failed: ${r.stderr}`);
  }
  return now() - t0;
}

interface ClientResult { phases: Record<string, number>; extra: Record<string, string> }

/** Runs the rtnl client inside `ns`, the way any other client would be run. */
function rtnlClient(ns: string, workload: string, n: number, env: Record<string, string> = {}): ClientResult {
  const r = spawnSync('ip', ['netns', 'exec', ns, 'npm', '--prefix', PKG, 'run', '--silent', 'bench:client', '--', workload, String(n)], {
    encoding: 'utf8', maxBuffer: 1 << 26,
    env: { ...process.env, BENCH_PARENT: 'bp0', BENCH_ADDR_DEV: 'bp1', BENCH_GW: GW, ...env },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line || !line.includes('ok=1')) {
    throw new Error(`rtnl client ${workload} failed (exit ${r.status}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  const kv = Object.fromEntries(line.slice(7).split(' ').map((p) => p.split('=') as [string, string]));
  if (Number(kv.count) !== n) throw new Error(`rtnl client ${workload}: count=${kv.count}, expected ${n}`);
  const phases: Record<string, number> = {};
  const extra: Record<string, string> = {};
  const PHASES = new Set(['create', 'delete', 'list', 'add', 'dump', 'requests']);
  for (const [k, v] of Object.entries(kv)) {
    if (PHASES.has(k)) phases[k] = Number(v);
    else if (!['ok', 'count', 'total'].includes(k)) extra[k] = v;
  }
  return { phases, extra };
}

// ---- checks from outside ------------------------------------------------------------------------

const bmvCount = (ns: string): number =>
  ipJson<{ ifname: string }[]>(ns, 'link', 'show', 'type', 'macvlan').filter((l) => /^bmv\d+$/.test(l.ifname)).length;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`verification from outside failed: ${what}`);
}

/** ifindexes in a namespace only grow: a probe link made now shows that at least `n` links were made. */
function checkMade(ns: string, n: number, who: string): void {
  ip(ns, 'link', 'add', 'bprobe', 'link', 'bp0', 'type', 'macvlan');
  const idx = ipJson<{ ifindex: number }[]>(ns, 'link', 'show', 'dev', 'bprobe')[0]!.ifindex;
  ip(ns, 'link', 'delete', 'bprobe');
  check(idx > n + 3, `${who}: the next ifindex is ${idx}, so fewer than ${n} links were made`);
}

// ---- workloads ----------------------------------------------------------------------------------

interface Sample { phase: string; client: 'rtnl' | 'ip-batch' | 'ip'; n: number; s: number }
interface Workload {
  name: string;
  title: string;
  n: number;
  run(rep: number, notes: Map<string, string[]>): Sample[];
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const macvlanAdds = (n: number): string[] => range(n).map((i) => `link add bmv${i} link bp0 type macvlan mode bridge`);
const linkDels = (n: number): string[] => range(n).map((i) => `link delete bmv${i}`);
const routeAdds = (n: number): string[] => range(n).map((i) => `route add 10.${i >> 8}.${i & 255}.0/24 via ${GW}`);
const addrAdds = (n: number): string[] => range(n).map((i) => `addr add 10.128.${Math.floor(i / 250)}.${(i % 250) + 1}/32 dev bp1`);

function note(notes: Map<string, string[]>, key: string, v: string): void {
  notes.set(key, [...(notes.get(key) ?? []), v]);
}

const W1: Workload = {
  name: 'w1', title: 'W1 macvlan (bridge)', n: 1000,
  run(rep, notes) {
    const n = this.n;
    const out: Sample[] = [];
    let ns = freshNetns(`w1r${rep}`);
    const r = rtnlClient(ns, 'w1', n);
    check(bmvCount(ns) === 0, 'rtnl w1: bmv links left after delete');
    checkMade(ns, n, 'rtnl w1');
    out.push({ phase: 'create', client: 'rtnl', n, s: r.phases.create! }, { phase: 'delete', client: 'rtnl', n, s: r.phases.delete! });
    dropNetns(ns);

    ns = freshNetns(`w1b${rep}`);
    const c = ipBatch(ns, macvlanAdds(n));
    check(bmvCount(ns) === n, 'ip -batch w1: not all bmv links made');
    const d = ipBatch(ns, linkDels(n));
    check(bmvCount(ns) === 0, 'ip -batch w1: bmv links left');
    out.push({ phase: 'create', client: 'ip-batch', n, s: c.s }, { phase: 'delete', client: 'ip-batch', n, s: d.s });
    dropNetns(ns);

    if (rep === 0) {  // ip once per operation: a smaller N, scaled to ops/s
      const small = 100;
      ns = freshNetns(`w1e${rep}`);
      out.push({ phase: 'create', client: 'ip', n: small, s: ipEach(ns, macvlanAdds(small)) });
      check(bmvCount(ns) === small, 'ip w1: not all made');
      out.push({ phase: 'delete', client: 'ip', n: small, s: ipEach(ns, linkDels(small)) });
      check(bmvCount(ns) === 0, 'ip w1: links left');
      dropNetns(ns);
    }
    void notes;
    return out;
  },
};

const W2: Workload = {
  name: 'w2', title: 'W2 dump 5000 links', n: 5000,
  run(rep, notes) {
    const n = this.n;
    const ns = freshNetns(`w2r${rep}`);
    ipBatch(ns, macvlanAdds(n));
    const links = ipJson<{ ifname: string; ifindex: number }[]>(ns, 'link', 'show', 'type', 'macvlan').filter((l) => /^bmv\d+$/.test(l.ifname));
    check(links.length === n, 'w2 setup: not all bmv links made');
    const ifsum = links.reduce((s, l) => s + l.ifindex, 0);
    const r = rtnlClient(ns, 'w2', n);
    check(Number(r.extra.ifsum) === ifsum, `rtnl w2: ifsum ${r.extra.ifsum}, ip says ${ifsum}`);
    note(notes, 'w2 event loop during dumps (p99/max ms)', `${r.extra.el_p99_ms}/${r.extra.el_max_ms}`);
    // ip -batch: one command; its output is read (through a pipe) and checked.
    const b = ipBatch(ns, ['link show'], true, ['-d']);
    const listed = b.out.split('\n').filter((l) => /^\d+: bmv\d+@bp0: /.test(l)).length;
    check(listed === n, `ip -batch w2: listed ${listed} bmv links`);
    dropNetns(ns);
    return [{ phase: 'list', client: 'rtnl', n, s: r.phases.list! }, { phase: 'list', client: 'ip-batch', n, s: b.s }];
  },
};

/**
 * W3 and W4: add N objects, then read them back. `count` counts them from outside; `adds` are the
 * `ip -batch` lines; `read` is what `ip -batch` lists and how a listed line is recognized.
 */
interface AddThenRead {
  tag: string;
  n: number;
  readPhase: 'dump' | 'list';
  count: (ns: string) => number;
  adds: (n: number) => string[];
  read: { line: string; opts: string[]; matches: (l: string) => boolean };
}

function addThenRead(w: AddThenRead, rep: number): Sample[] {
  const out: Sample[] = [];
  let ns = freshNetns(`${w.tag}r${rep}`);
  const r = rtnlClient(ns, w.tag, w.n);
  check(w.count(ns) === w.n, `rtnl ${w.tag}: not all made`);
  out.push({ phase: 'add', client: 'rtnl', n: w.n, s: r.phases.add! }, { phase: w.readPhase, client: 'rtnl', n: w.n, s: r.phases[w.readPhase]! });
  dropNetns(ns);
  ns = freshNetns(`${w.tag}b${rep}`);
  const a = ipBatch(ns, w.adds(w.n));
  check(w.count(ns) === w.n, `ip -batch ${w.tag}: not all made`);
  const l = ipBatch(ns, [w.read.line], true, w.read.opts);
  check(l.out.split('\n').filter(w.read.matches).length === w.n, `ip -batch ${w.tag}: ${w.readPhase} short`);
  out.push({ phase: 'add', client: 'ip-batch', n: w.n, s: a.s }, { phase: w.readPhase, client: 'ip-batch', n: w.n, s: l.s });
  dropNetns(ns);
  if (rep === 0) {  // ip once per operation: a smaller N, scaled to ops/s
    const small = 200;
    ns = freshNetns(`${w.tag}e${rep}`);
    out.push({ phase: 'add', client: 'ip', n: small, s: ipEach(ns, w.adds(small)) });
    check(w.count(ns) === small, `ip ${w.tag}: not all made`);
    dropNetns(ns);
  }
  return out;
}

const W3: Workload = {
  name: 'w3', title: 'W3 IPv4 routes via a gateway', n: 10000,
  run(rep) {
    return addThenRead({
      tag: 'w3', n: this.n, readPhase: 'dump', adds: routeAdds,
      count: (ns) => ipJson<{ gateway?: string }[]>(ns, '-4', 'route', 'show').filter((r) => r.gateway === GW).length,
      read: { line: 'route show', opts: ['-4'], matches: (l) => l.includes(`via ${GW}`) },
    }, rep);
  },
};

const W4: Workload = {
  name: 'w4', title: 'W4 addresses on one link', n: 1000,
  run(rep) {
    return addThenRead({
      tag: 'w4', n: this.n, readPhase: 'list', adds: addrAdds,
      count: (ns) => (ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'bp1')[0]?.addr_info ?? [])
        .filter((a) => a.local.startsWith('10.128.')).length,
      read: { line: 'addr show dev bp1', opts: ['-4'], matches: (l) => l.includes('inet 10.128.') },
    }, rep);
  },
};

// ---- main ---------------------------------------------------------------------------------------

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const secs = (s: number | undefined): string => (s === undefined ? '-' : s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const rate = (n: number, s: number | undefined): string => (s === undefined ? '-' : `${Math.round(n / s).toLocaleString('en-US')}/s`);

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function memoryCheck(): string {
  const ns = freshNetns('mem');
  try {
    const r = rtnlClient(ns, 'mem', 100_000, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() });
    const x = r.extra;
    return `memory over 100,000 requests on one handle (1000 in flight at a time, forced GC before each reading, ` +
      `readings every 10,000): RSS ${x.rss_start_mb} MB after warm-up, at most ${x.rss_max_mb} MB, ${x.rss_end_mb} MB at the end; ` +
      `V8 heap used ${x.heap_start_mb} -> ${x.heap_end_mb} MB (${secs(r.phases.requests)}, ${rate(100_000, r.phases.requests)})`;
  } finally {
    dropNetns(ns);
  }
}

function main(): void {
  if (process.getuid?.() !== 0) throw new Error('the benchmark needs root: it creates network namespaces');
  const args = process.argv.slice(2);
  const repsAt = args.indexOf('--reps');
  const reps = repsAt >= 0 ? Number(args.splice(repsAt, 2)[1]) : 3;
  const all = [W1, W2, W3, W4];
  const wanted = args.filter((a) => a !== 'mem');
  const chosen = wanted.length ? all.filter((w) => wanted.includes(w.name)) : args.includes('mem') ? [] : all;
  const doMem = args.length === 0 || args.includes('mem');

  console.log(`rtnl benchmark: ${new Date().toISOString()}, ${os.cpus().length} cpus (nproc), kernel ${os.release()}, ` +
    `node ${process.version}, ${ip(undefined, '-V').trim()}; median of ${reps} runs, each in fresh namespaces`);
  const rows = [['workload', 'phase', 'N', 'rtnl', 'ip -batch', 'rtnl / ip-batch', 'rtnl ops/s', 'ip-batch ops/s', 'ip per call ops/s']];
  const notes = new Map<string, string[]>();
  for (const w of chosen) {
    const samples: Sample[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const s = w.run(rep, notes);
      samples.push(...s);
      console.log(`${w.name} run ${rep + 1}: ${s.map((x) => `${x.client} ${x.phase} ${secs(x.s)}${x.n !== w.n ? ` (N=${x.n})` : ''}`).join(', ')}`);
    }
    for (const phase of [...new Set(samples.map((s) => s.phase))]) {
      const of = (c: Sample['client']): Sample[] => samples.filter((s) => s.phase === phase && s.client === c);
      const m = (c: Sample['client']): number | undefined => (of(c).length ? median(of(c).map((s) => s.s)) : undefined);
      const r = m('rtnl');
      const b = m('ip-batch');
      const each = of('ip')[0];
      const label = w.name === 'w1' && phase === 'delete' ? 'delete (rtnl bulk; ip one by one)' : phase;
      rows.push([w.title, label, String(w.n), secs(r), secs(b), r !== undefined && b ? `${(r / b).toFixed(2)}x` : '-',
        rate(w.n, r), rate(w.n, b), each ? rate(each.n, each.s) : '-']);
    }
  }
  console.log();
  console.log(table(rows));
  for (const [k, v] of notes) console.log(`${k}: ${v.join(', ')}`);
  if (doMem) console.log(memoryCheck());
}

try {
  main();
} catch (e) {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
