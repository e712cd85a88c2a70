// The examples run as users run them (`node --import tsx examples/X.ts`, importing 'rtnl' from lib/),
// so they cannot rot: each must exit 0, print its connectivity results, and leave no namespace of
// its own behind. An example that exits 2 ("kernel lacks KIND") is skipped only when this kernel
// really lacks KIND; in the test kernel (RTNL_UML=1), and wherever the kind exists, that is a failure.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { netns } from '../src/index.js';
import { needsKind, needsRoot } from './helpers.js';

const root = path.resolve(__dirname, '..');
const uml = process.env.RTNL_UML === '1';
// Everything is slower under UML (a syscall is a ptrace round trip).
const TIMEOUT = (uml ? 300 : 60) * 1000;

type Kind = Parameters<typeof needsKind>[0];
const EXAMPLES: { name: string; mayLack: Kind[] }[] = [
  { name: 'macvlan-bridge', mayLack: [] },
  { name: 'docker-macvlan-network', mayLack: [] },
  { name: 'ipvlan', mayLack: ['ipvlan'] },
  { name: 'vlan-tagging', mayLack: ['vlan'] },
  { name: 'move-by-pid', mayLack: [] },
  { name: 'macvlan-arp', mayLack: [] },
  { name: 'bridge-vlan', mayLack: ['vlan_filtering', 'vlan'] },
  { name: 'bond-macvlan', mayLack: ['bond', 'vlan'] },
  { name: 'vrf-tenants', mayLack: ['vrf'] },
  { name: 'source-routing', mayLack: [] },
];

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; pid: number; timedOut: boolean }

/** Runs one example to its end; past the timeout it gets SIGTERM (it cleans up), then SIGKILL. */
function runExample(name: string): Promise<Run> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // tap's own hooks stay in the test process
  const child = spawn(process.execPath, ['--import', 'tsx', `examples/${name}.ts`], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  const term = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
    kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
  }, TIMEOUT);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, signal, stdout, stderr, pid: child.pid!, timedOut });
    });
  });
}

t.test('the examples import rtnl from lib/: it is built', { skip: needsRoot }, async (t) => {
  const index = path.join(root, 'lib/index.js');
  if (!existsSync(index)) {
    t.fail('lib/index.js is missing: run `npm run build:ts` (the examples import \'rtnl\', which is lib/)');
    return;
  }
  t.pass('lib/index.js exists');
  const built = statSync(index).mtimeMs;
  const newer = readdirSync(path.join(root, 'src')).filter((f) => f.endsWith('.ts') && statSync(path.join(root, 'src', f)).mtimeMs > built);
  if (newer.length > 0) t.comment(`lib/ is older than src/${newer.join(', src/')}: the examples run the last build (npm run build:ts)`);
});

for (const ex of EXAMPLES) {
  t.test(`examples/${ex.name}.ts`, { skip: needsRoot, timeout: TIMEOUT + 60_000 }, async (t) => {
    const r = await runExample(ex.name);
    const output = `--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
    if (r.code === 2) {
      // No assertion before this point: t.plan(0, why) turns the test into a skip with that reason.
      const lacks = /^kernel lacks (\w+)$/m.exec(r.stdout)?.[1] as Kind | undefined;
      const why = lacks !== undefined && ex.mayLack.includes(lacks) ? await needsKind(lacks) : false;
      if (why) {
        t.plan(0, `${ex.name} exited 2 (kernel lacks ${lacks}): ${why}`);
        return;
      }
      t.fail(lacks === undefined
        ? 'exited 2 without saying which kind the kernel lacks'
        : `exited 2 saying "kernel lacks ${lacks}", but this kernel has ${lacks} links`, { output });
    } else {
      t.equal(r.code, 0, `exits 0${r.timedOut ? ` (timed out after ${TIMEOUT / 1000} s)` : ''}${r.signal ? ` (killed by ${r.signal})` : ''}`, { output });
    }
    const summary = /^connectivity: (\d+)\/(\d+) as expected$/m.exec(r.stdout);
    t.ok(summary && Number(summary[2]) > 0 && summary[1] === summary[2], `printed its connectivity results: ${summary?.[0] ?? 'none'}`, { output });
    t.match(r.stdout, /^ {2}ok {3}.* -> \S+: reaches$/m, 'printed at least one ping that got an answer');
    t.notMatch(r.stdout, /^ {2}FAIL /m, 'no line marked FAIL');

    const prefix = `ex-${ex.name}-${r.pid}`;
    const left = (await netns.list()).filter((n) => n.startsWith(`${prefix}-`));
    t.strictSame(left, [], `no namespace ${prefix}-* is left`);
    if (left.length > 0) await Promise.all(left.map((n) => netns.delete(n).catch(() => undefined)));
  });
}
