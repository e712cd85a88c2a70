// Crash safety of attach: processes attaching are killed (SIGKILL) at random moments over the whole
// attach (uniform over its duration, measured undisturbed first); afterwards detach must leave nothing behind (no link in the target, no auto-created parent
// without users), and a re-attach must work and reach the gateway. In the test kernel the parent is
// an auto-created NAME.VID (up0.50); on a host kernel without 8021q it is up0 itself.
import { spawn } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { type Rtnl } from '../src/index.js';
import { freshNetns, ipJson, kernelHas, needsRoot, pings } from './helpers.js';

type Test = { teardown(fn: () => unknown): void };
// Kills go on until this many landed inside an attach (the child had not finished), at most MAX_RUNS.
// 30 on the host kernel; 10 in the test kernel, where each kill costs about 50 s (its run adds the
// VLAN parent, which the host kernel lacks, and keeps CI within its time).
const KILLS = process.env.RTNL_UML === '1' ? 10 : 30;
const MAX_RUNS = 150;
const root = path.resolve(__dirname, '..');
const linksIn = (ns: string): string[] => ipJson<{ ifname: string }[]>(ns, 'link', 'show').map((l) => l.ifname).filter((n) => n !== 'lo');

/** Runs the attaching child to its end (or its SIGKILL): whether it finished, and how long its attach took. */
function attachChild(args: string[]): Promise<{ done: boolean; ms?: number; signal: NodeJS.Signals | null; stderr: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['test/fixtures/attach-child.cjs', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      const m = /done ([\d.]+)/.exec(out);
      resolve({ done: m !== null, ...(m && { ms: Number(m[1]) }), signal, stderr });
    });
  });
}

async function wire(t: Test, vlan: boolean): Promise<{ ns: string; h: Rtnl; net: string }> {
  const { ns, h } = await freshNetns(t, { veth: true });
  const g = await freshNetns(t);
  await h.links.set('up1', { netns: g.ns });
  await g.h.links.set('up1', { up: true });
  let gwLink = 'up1';
  if (vlan) {
    await g.h.links.add({ kind: 'vlan', name: 'up1.50', parent: 'up1', id: 50, up: true });
    gwLink = 'up1.50';
  }
  await g.h.addresses.add(gwLink, '172.16.50.1/24');
  return { ns, h, net: '172.16.50' };
}

t.test(`attaching processes killed at random moments (${KILLS} kills inside an attach): detach leaves nothing, every re-attach works`, { skip: needsRoot }, async (t) => {
  const vlan = process.env.RTNL_UML === '1' || (await kernelHas('vlan'));
  const parent = vlan ? 'up0.50' : 'up0';
  const { ns, h, net } = await wire(t, vlan);
  const vlanLeft = (): boolean => linksIn(ns).includes('up0.50');

  // The window: the longest of three undisturbed attaches, as the child measured them.
  let window = 0;
  for (let i = 0; i < 3; i++) {
    const c = await freshNetns(t);
    const r = await attachChild([ns, c.ns, parent, `${net}.${200 + i}/24`, `${net}.1`, '-1']);
    t.ok(r.done, `calibration ${i}: the child attached (${r.stderr.trim().slice(0, 200)})`);
    window = Math.max(window, r.ms ?? 0);
    await h.detach({ netns: c.ns, parent });
  }
  t.comment(`kill window: ${window.toFixed(0)} ms (the longest undisturbed attach)`);

  let during = 0;
  let after = 0;
  const leftovers: string[] = [];
  for (let i = 0; i < MAX_RUNS && during < KILLS; i++) {
    const c = await freshNetns(t);
    const addr = `${net}.${10 + i}`;
    // SIGKILL at a moment uniform over the attach (and a little past it): raised by the child's own
    // timer, so the moment is measured from the attach's start, not from a pipe's delivery.
    const r = await attachChild([ns, c.ns, parent, `${addr}/24`, `${net}.1`, (Math.random() * window * 1.1).toFixed(1)]);
    t.equal(r.signal, 'SIGKILL', `kill ${i}: the child was killed${r.stderr ? ` (${r.stderr.trim().slice(0, 200)})` : ''}`);
    // A kill that came after the attach finished: the machine got faster (or slower before); the
    // window follows the attach's duration as just measured, so kills keep landing inside it.
    if (r.done) {
      after++;
      window = r.ms ?? window;
    } else {
      during++;
    }
    const left = linksIn(c.ns);
    if (left.length > 0 || (vlan && vlanLeft())) leftovers.push(`kill ${i}: ${left.join(',') || '-'}${vlan && vlanLeft() ? ' +up0.50' : ''}`);

    const d = await h.detach({ netns: c.ns, parent });
    t.same(linksIn(c.ns), [], `kill ${i} (${r.done ? 'after' : 'during'} attach): nothing left in the target after detach (${JSON.stringify(d)})`);
    if (vlan) t.notOk(vlanLeft(), `kill ${i}: the auto-created parent without users is gone`);

    const again = await h.attach({ parent, netns: c.ns, addresses: [`${addr}/24`], gateway: `${net}.1` }).then(() => true, (e: Error) => e.message);
    t.equal(again, true, `kill ${i}: re-attach works`);
    t.ok(pings(c.ns, `${net}.1`), `kill ${i}: the re-attached container reaches its gateway`);
    await h.detach({ netns: c.ns, parent });
  }
  t.comment(`${during + after} kills: ${during} during attach, ${after} after it finished; ${leftovers.length} left something for detach to clean: ${leftovers.slice(0, 8).join('; ')}`);
  t.ok(during >= KILLS, `${KILLS} kills landed inside an attach (${during} of ${during + after}; the window follows the machine's speed)`);
});
