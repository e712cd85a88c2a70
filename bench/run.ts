// The benchmark runner (npm run bench): rtnl against iproute2 in one run. For each workload and each
// repetition it makes a fresh namespace holding a veth pair bp0/bp1 (both up, 192.0.2.1/24 on bp0),
// runs the rtnl client (bench/client.ts) inside it, then `ip -batch` and `ip` once per operation in
// fresh namespaces of their own, checks from outside (`ip -n NS -j ...`) that each really did the
// work, and prints a table of medians, ops/s and the ratio rtnl / ip-batch.
//
// A third client, bench/rawc.c (built here with `cc -O2`), is the floor: the same requests from C
// with 64 to a sendmsg and replies parsed but no objects built.
//
// Usage: npm run bench [-- [w1] [w2] [w3] [w4] [w5] [mem] [--reps N]]     (root; removes what it makes)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  return client('rtnl', ['npm', '--prefix', PKG, 'run', '--silent', 'bench:client', '--'], ns, workload, n, env);
}

/** The raw C client (bench/rawc.c), built once per run into the scratch folder. */
const RAWC = path.join(TMP, 'rawc');
function buildRawC(): void {
  execFileSync('cc', ['-O2', '-o', RAWC, path.join(PKG, 'bench', 'rawc.c')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
function rawClient(ns: string, workload: string, n: number): ClientResult {
  return client('raw C', [RAWC], ns, workload, n);
}

/** Runs a client (`cmd ... WORKLOAD N`) inside `ns` and reads its RESULT line. */
function client(who: string, cmd: string[], ns: string, workload: string, n: number, env: Record<string, string> = {}): ClientResult {
  const r = spawnSync('ip', ['netns', 'exec', ns, ...cmd, workload, String(n)], {
    encoding: 'utf8', maxBuffer: 1 << 26,
    env: { ...process.env, BENCH_PARENT: 'bp0', BENCH_ADDR_DEV: 'bp1', BENCH_GW: GW, ...env },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line || !line.includes('ok=1')) {
    throw new Error(`${who} client ${workload} failed (exit ${r.status}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  const kv = Object.fromEntries(line.slice(7).split(' ').map((p) => p.split('=') as [string, string]));
  if (Number(kv.count) !== n) throw new Error(`${who} client ${workload}: count=${kv.count}, expected ${n}`);
  const phases: Record<string, number> = {};
  const extra: Record<string, string> = {};
  const PHASES = new Set(['create', 'delete', 'list', 'add', 'dump', 'requests', 'attach', 'detach']);
  for (const [k, v] of Object.entries(kv)) {
    if (PHASES.has(k.replace(/_warm$/, ''))) phases[k] = Number(v);
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

interface Sample { phase: string; client: 'rtnl' | 'ip-batch' | 'ip' | 'raw C'; n: number; s: number }
/**
 * rtnl's phases run a second time in the same process (`PHASE_warm`: JIT compiled, heap grown, as in
 * a long-running service) are rows of their own, `PHASE (warm)`, compared with the same others.
 */
const WARM = ' (warm)';
function rtnlSamples(r: ClientResult, n: number, phases: string[]): Sample[] {
  return phases.flatMap((p) => [{ phase: p, client: 'rtnl' as const, n, s: r.phases[p]! },
    ...(r.phases[`${p}_warm`] === undefined ? [] : [{ phase: `${p}${WARM}`, client: 'rtnl' as const, n, s: r.phases[`${p}_warm`]! }])]);
}
/** A phase's targets: rtnl's time at most this many times ip -batch's, and raw C's. */
interface Target { batch?: number; raw?: number }
interface Workload {
  name: string;
  title: string;
  n: number;
  targets: Record<string, Target>;
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
  targets: { create: { batch: 1.0, raw: 1.3 }, delete: { batch: 0.05 } },
  run(rep, notes) {
    const n = this.n;
    const out: Sample[] = [];
    let ns = freshNetns(`w1r${rep}`);
    const r = rtnlClient(ns, 'w1', n);
    check(bmvCount(ns) === 0, 'rtnl w1: bmv links left after delete');
    checkMade(ns, n, 'rtnl w1');
    out.push(...rtnlSamples(r, n, ['create', 'delete']));
    dropNetns(ns);

    ns = freshNetns(`w1b${rep}`);
    const c = ipBatch(ns, macvlanAdds(n));
    check(bmvCount(ns) === n, 'ip -batch w1: not all bmv links made');
    const d = ipBatch(ns, linkDels(n));
    check(bmvCount(ns) === 0, 'ip -batch w1: bmv links left');
    out.push({ phase: 'create', client: 'ip-batch', n, s: c.s }, { phase: 'delete', client: 'ip-batch', n, s: d.s });
    dropNetns(ns);

    ns = freshNetns(`w1c${rep}`);  // raw C creates only: its namespace goes, links and all
    const raw = rawClient(ns, 'w1', n);
    check(bmvCount(ns) === n, 'raw C w1: not all bmv links made');
    out.push({ phase: 'create', client: 'raw C', n, s: raw.phases.create! });
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

const EVENT_LOOP_NOTE = 'w2 event loop during dumps (p99/max ms)';
const W2: Workload = {
  name: 'w2', title: 'W2 dump 5000 links', n: 5000,
  targets: { list: { batch: 0.6, raw: 1.5 } },
  run(rep, notes) {
    const n = this.n;
    const ns = freshNetns(`w2r${rep}`);
    ipBatch(ns, macvlanAdds(n));
    const links = ipJson<{ ifname: string; ifindex: number }[]>(ns, 'link', 'show', 'type', 'macvlan').filter((l) => /^bmv\d+$/.test(l.ifname));
    check(links.length === n, 'w2 setup: not all bmv links made');
    const ifsum = links.reduce((s, l) => s + l.ifindex, 0);
    const r = rtnlClient(ns, 'w2', n);
    check(Number(r.extra.ifsum) === ifsum, `rtnl w2: ifsum ${r.extra.ifsum}, ip says ${ifsum}`);
    note(notes, EVENT_LOOP_NOTE, `${r.extra.el_p99_ms}/${r.extra.el_max_ms}`);
    // ip -batch: one command; its output is read (through a pipe) and checked.
    const b = ipBatch(ns, ['link show'], true, ['-d']);
    const listed = b.out.split('\n').filter((l) => /^\d+: bmv\d+@bp0: /.test(l)).length;
    check(listed === n, `ip -batch w2: listed ${listed} bmv links`);
    const raw = rawClient(ns, 'w2', n);
    check(Number(raw.extra.ifsum) === ifsum, `raw C w2: ifsum ${raw.extra.ifsum}, ip says ${ifsum}`);
    dropNetns(ns);
    return [...rtnlSamples(r, n, ['list']), { phase: 'list', client: 'ip-batch', n, s: b.s },
      { phase: 'list', client: 'raw C', n, s: raw.phases.list! }];
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
  out.push(...rtnlSamples(r, w.n, ['add', w.readPhase]));
  dropNetns(ns);
  ns = freshNetns(`${w.tag}b${rep}`);
  const a = ipBatch(ns, w.adds(w.n));
  check(w.count(ns) === w.n, `ip -batch ${w.tag}: not all made`);
  const l = ipBatch(ns, [w.read.line], true, w.read.opts);
  check(l.out.split('\n').filter(w.read.matches).length === w.n, `ip -batch ${w.tag}: ${w.readPhase} short`);
  out.push({ phase: 'add', client: 'ip-batch', n: w.n, s: a.s }, { phase: w.readPhase, client: 'ip-batch', n: w.n, s: l.s });
  dropNetns(ns);
  ns = freshNetns(`${w.tag}c${rep}`);
  const raw = rawClient(ns, w.tag, w.n);
  check(w.count(ns) === w.n, `raw C ${w.tag}: not all made`);
  out.push({ phase: 'add', client: 'raw C', n: w.n, s: raw.phases.add! }, { phase: w.readPhase, client: 'raw C', n: w.n, s: raw.phases[w.readPhase]! });
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
  targets: { add: { batch: 0.6, raw: 1.3 }, dump: { batch: 0.6 } },
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
  targets: { add: { batch: 0.6, raw: 1.3 }, list: { batch: 0.6 } },
  run(rep) {
    return addThenRead({
      tag: 'w4', n: this.n, readPhase: 'list', adds: addrAdds,
      count: (ns) => (ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'bp1')[0]?.addr_info ?? [])
        .filter((a) => a.local.startsWith('10.128.')).length,
      read: { line: 'addr show dev bp1', opts: ['-4'], matches: (l) => l.includes('inet 10.128.') },
    }, rep);
  },
};

// ---- W5: attach throughput, rtnl against the CNI macvlan plugin ---------------------------------

const CNI_DIR = '/usr/lib/cni';
const W5_N = 100;

/** Every namespace PREFIX<i> holds eth0 with an address in 10.200.0.0/16 and a default route via .0.1, or (attached false) no eth0. */
function w5Check(prefix: string, n: number, attached: boolean, who: string): void {
  for (let i = 0; i < n; i++) {
    const ns = `${prefix}${i}`;
    const links = ipJson<{ ifname: string }[]>(ns, 'link', 'show');
    const has = links.some((l) => l.ifname === 'eth0');
    check(has === attached, `${who}: ${ns} ${has ? 'still has' : 'has no'} eth0`);
    if (!attached) continue;
    const addrs = ipJson<{ addr_info: { local: string; prefixlen: number }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'eth0')[0]?.addr_info ?? [];
    check(addrs.some((a) => a.local.startsWith('10.200.') && a.prefixlen === 16), `${who}: ${ns}'s eth0 has no 10.200.0.0/16 address`);
    const routes = ipJson<{ dst: string; gateway?: string }[]>(ns, '-4', 'route', 'show', 'default');
    check(routes.some((r) => r.gateway === '10.200.0.1'), `${who}: ${ns} has no default route via 10.200.0.1`);
  }
}

/** One CNI plugin call (`ip netns exec PARENT macvlan` with CNI_COMMAND), timed; rejects on failure. */
function cniCall(parentNs: string, command: 'ADD' | 'DEL', ns: string, id: string, dataDir: string): Promise<number> {
  const config = JSON.stringify({
    cniVersion: '0.4.0', name: `rtnl-bench-${process.pid}`, type: 'macvlan', master: 'bp0', mode: 'bridge',
    ipam: { type: 'host-local', subnet: '10.200.0.0/16', gateway: '10.200.0.1', routes: [{ dst: '0.0.0.0/0' }], dataDir },
  });
  const t0 = now();
  return new Promise((resolve, reject) => {
    const p = spawn('ip', ['netns', 'exec', parentNs, path.join(CNI_DIR, 'macvlan')], {
      env: { ...process.env, CNI_COMMAND: command, CNI_CONTAINERID: id, CNI_NETNS: `/run/netns/${ns}`, CNI_IFNAME: 'eth0', CNI_PATH: CNI_DIR },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d; });
    p.stderr.on('data', (d: Buffer) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(now() - t0) : reject(new Error(`CNI macvlan ${command} ${ns} failed (${code}): ${out.trim()}`))));
    p.stdin.end(config);
  });
}

interface W5Run { seq: number; seqMedian: number; seqDetach: number; all: number; allDetach: number }

async function w5Rep(rep: number): Promise<{ rtnl: W5Run; cni?: W5Run }> {
  const parent = freshNetns(`w5r${rep}`);
  const prefix = `${parent}-c`;
  const nss = range(W5_N).map((i) => `${prefix}${i}`);
  for (const ns of nss) {
    ip(undefined, 'netns', 'add', ns);
    live.add(ns);
  }
  try {
    const env = { BENCH_NS_PREFIX: prefix };
    const seq = rtnlClient(parent, 'w5-seq', W5_N, env);
    w5Check(prefix, W5_N, true, 'rtnl w5 one after another');
    const d1 = rtnlClient(parent, 'w5-detach', W5_N, env);
    w5Check(prefix, W5_N, false, 'rtnl w5 detach');
    const all = rtnlClient(parent, 'w5-all', W5_N, env);
    w5Check(prefix, W5_N, true, 'rtnl w5 all at once');
    const d2 = rtnlClient(parent, 'w5-detach', W5_N, env);
    w5Check(prefix, W5_N, false, 'rtnl w5 detach');
    const rtnl = { seq: seq.phases.attach!, seqMedian: Number(seq.extra.per_attach_median), seqDetach: d1.phases.detach!, all: all.phases.attach!, allDetach: d2.phases.detach! };
    if (!existsSync(path.join(CNI_DIR, 'macvlan'))) return { rtnl };

    const dataDir = path.join(TMP, `cni-${rep}`);
    const each: number[] = [];
    const t0 = now();
    for (let i = 0; i < W5_N; i++) each.push(await cniCall(parent, 'ADD', nss[i]!, `c${i}`, dataDir));
    const cniSeq = now() - t0;
    w5Check(prefix, W5_N, true, 'CNI w5 one after another');
    const t1 = now();
    for (let i = 0; i < W5_N; i++) await cniCall(parent, 'DEL', nss[i]!, `c${i}`, dataDir);
    const cniSeqDel = now() - t1;
    w5Check(prefix, W5_N, false, 'CNI w5 DEL');
    const t2 = now();
    await Promise.all(nss.map((ns, i) => cniCall(parent, 'ADD', ns, `c${i}`, dataDir)));
    const cniAll = now() - t2;
    w5Check(prefix, W5_N, true, 'CNI w5 all at once');
    const t3 = now();
    await Promise.all(nss.map((ns, i) => cniCall(parent, 'DEL', ns, `c${i}`, dataDir)));
    const cniAllDel = now() - t3;
    w5Check(prefix, W5_N, false, 'CNI w5 DEL');
    return { rtnl, cni: { seq: cniSeq, seqMedian: median(each), seqDetach: cniSeqDel, all: cniAll, allDetach: cniAllDel } };
  } finally {
    for (const ns of [...nss, parent]) dropNetns(ns);
  }
}

async function w5(reps: number): Promise<string> {
  const runs: { rtnl: W5Run; cni?: W5Run }[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const r = await w5Rep(rep);
    runs.push(r);
    const show = (x: W5Run | undefined): string => (x ? `attach ${secs(x.seq)} (median ${secs(x.seqMedian)}), detach ${secs(x.seqDetach)}, all at once ${secs(x.all)}, detach ${secs(x.allDetach)}` : 'not installed');
    console.log(`w5 run ${rep + 1}: rtnl ${show(r.rtnl)}; CNI ${show(r.cni)}`);
  }
  const m = (who: 'rtnl' | 'cni', k: keyof W5Run): number | undefined => {
    const xs = runs.flatMap((r) => (r[who] ? [r[who]![k]] : []));
    return xs.length ? median(xs) : undefined;
  };
  const rows = [['W5 attach, N=100 namespaces', 'rtnl', 'CNI macvlan + host-local', 'rtnl / CNI']];
  const row = (label: string, k: keyof W5Run): void => {
    const r = m('rtnl', k);
    const c = m('cni', k);
    rows.push([label, secs(r), secs(c), ratio(r, c, undefined)]);
  };
  row('one after another: total', 'seq');
  row('one after another: per attach (median)', 'seqMedian');
  row('detach (rtnl all at once; CNI one after another)', 'seqDetach');
  row('all at once: total', 'all');
  row('detach after all at once (both all at once)', 'allDetach');
  return table(rows);
}

// ---- main ---------------------------------------------------------------------------------------

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const secs = (s: number | undefined): string => (s === undefined ? '-' : s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const rate = (n: number, s: number | undefined): string => (s === undefined ? '-' : `${Math.round(n / s).toLocaleString('en-US')}/s`);

/** `1.21x (<= 1.0x: missed)`: a ratio beside its target, and whether it was met. */
function ratio(x: number | undefined, of: number | undefined, target: number | undefined): string {
  if (x === undefined || !of) return '-';
  const r = x / of;
  return target === undefined ? `${r.toFixed(2)}x` : `${r.toFixed(2)}x (<= ${target}x: ${r <= target ? 'met' : 'missed'})`;
}

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

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the benchmark needs root: it creates network namespaces');
  const args = process.argv.slice(2);
  const repsAt = args.indexOf('--reps');
  const reps = repsAt >= 0 ? Number(args.splice(repsAt, 2)[1]) : 3;
  const all = [W1, W2, W3, W4];
  const extras = ['mem', 'w5'];
  const wanted = args.filter((a) => !extras.includes(a));
  const chosen = wanted.length ? all.filter((w) => wanted.includes(w.name)) : args.some((a) => extras.includes(a)) ? [] : all;
  const doMem = args.length === 0 || args.includes('mem');
  const doW5 = args.length === 0 || args.includes('w5');

  console.log(`rtnl benchmark: ${new Date().toISOString()}, ${os.cpus().length} cpus (nproc), kernel ${os.release()}, ` +
    `node ${process.version}, ${ip(undefined, '-V').trim()}; median of ${reps} runs, each in fresh namespaces`);
  buildRawC();
  const rows = [['workload', 'phase', 'N', 'rtnl', 'ip -batch', 'raw C', 'rtnl / ip-batch (target)', 'rtnl / raw C (target)', 'rtnl ops/s', 'ip per call ops/s']];
  const notes = new Map<string, string[]>();
  for (const w of chosen) {
    const samples: Sample[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const s = w.run(rep, notes);
      samples.push(...s);
      console.log(`${w.name} run ${rep + 1}: ${s.map((x) => `${x.client} ${x.phase} ${secs(x.s)}${x.n !== w.n ? ` (N=${x.n})` : ''}`).join(', ')}`);
    }
    const order = (p: string): string => (p.endsWith(WARM) ? `${p.slice(0, -WARM.length)} 1` : `${p} 0`);
    for (const phase of [...new Set(samples.map((s) => s.phase))].sort((a, b) => (order(a) < order(b) ? -1 : 1))) {
      const base = phase.endsWith(WARM) ? phase.slice(0, -WARM.length) : phase;  // the others ran once
      const of = (c: Sample['client']): Sample[] => samples.filter((s) => s.phase === (c === 'rtnl' ? phase : base) && s.client === c);
      const m = (c: Sample['client']): number | undefined => (of(c).length ? median(of(c).map((s) => s.s)) : undefined);
      const r = m('rtnl');
      const b = m('ip-batch');
      const c = m('raw C');
      const each = phase === base ? of('ip')[0] : undefined;
      const label = w.name === 'w1' && phase === 'delete' ? 'delete (rtnl bulk; ip one by one)' : phase;
      const t = w.targets[base] ?? {};
      rows.push([w.title, label, String(w.n), secs(r), secs(b), secs(c), ratio(r, b, t.batch), ratio(r, c, t.raw),
        rate(w.n, r), each ? rate(each.n, each.s) : '-']);
    }
  }
  const w5Table = doW5 ? await w5(reps) : undefined;
  console.log();
  if (chosen.length) console.log(table(rows));
  for (const [k, v] of notes) console.log(`${k}: ${v.join(', ')}`);
  const loop = notes.get(EVENT_LOOP_NOTE);
  if (loop) {
    const met = loop.every((x) => { const [p99, max] = x.split('/').map(Number); return p99! <= 10 && max! <= 20; });
    console.log(`event-loop target (p99 <= 10 ms and max <= 20 ms in every run): ${met ? 'met' : 'missed'}`);
  }
  if (w5Table) console.log(`\n${w5Table}`);
  if (doMem) console.log(memoryCheck());
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
