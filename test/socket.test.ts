// The native socket: pipelined requests matched to their replies, dumps queued one at a time,
// close() rejecting what is pending, an idle handle not holding the process, no fd leaks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { open, type Link } from '../src/index.js';
import { fdCount, freshNetns, ipJson, ipLink, ipView, linkView, needsRoot, settled } from './helpers.js';

/** Makes `n` veth pairs v0/v0p .. in the handle's namespace. */
async function makeVeths(h: Awaited<ReturnType<typeof open>>, n: number): Promise<Link[]> {
  const made: Link[] = [];
  for (let i = 0; i < n; i++) made.push(await h.links.add({ kind: 'veth', name: `v${i}`, peer: { name: `v${i}p` } }));
  return made;
}

t.test('1,000 concurrent requests on one handle each resolve with their own reply', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t);
  const made = await makeVeths(h, 50);
  const byIndex = new Map(made.map((l) => [l.index, l.name]));
  const indexes = Array.from({ length: 1000 }, (_, i) => made[(i * 7) % made.length]!.index);
  const replies = await Promise.all(indexes.map((i) => h.links.get(i)));
  let right = 0;
  replies.forEach((l, i) => {
    if (l.index === indexes[i] && l.name === byIndex.get(indexes[i]!)) right++;
  });
  t.equal(right, 1000, 'every get returned the link it asked for');
  t.equal(h.pending, 0, 'nothing left pending');
  // Names too, and a mix of sets and gets in flight together.
  const work = made.map((l, i) => (i % 2 ? h.links.set(l.name, { mtu: 1000 + i }) : h.links.get(l.name)));
  const out = await Promise.all(work);
  out.forEach((r, i) => {
    if (i % 2 === 0) t.equal((r as Link).name, made[i]!.name, `get ${made[i]!.name} in a mixed batch`);
  });
  const mtus = await Promise.all(made.filter((_, i) => i % 2).map((l) => h.links.get(l.index)));
  t.ok(mtus.every((l) => l.mtu === 1000 + Number(l.name.slice(1))), 'every set in the batch took effect');
});

t.test('concurrent dumps on one handle each complete with the full, correct list', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  await makeVeths(h, 40);
  const want = ipJson<{ ifname: string }[]>(ns, 'link', 'show').map((l) => l.ifname).sort();
  t.equal(want.length, 81, 'lo and 40 pairs');
  const [a, b, c] = await Promise.all([h.links.list(), h.links.list(), h.links.list({ kind: 'veth' })]);
  t.same(a.map((l) => l.name).sort(), want, 'first dump: every link');
  t.same(b.map((l) => l.name).sort(), want, 'second dump: every link');
  t.same(c.map((l) => l.name).sort(), want.filter((n) => n !== 'lo'), 'third (filtered) dump');
  for (const l of a.slice(0, 10)) t.same(linkView(l), ipView(ipLink(ns, l.name)), `${l.name} as ip shows it`);
  // Dumps interleaved with ordinary requests.
  const mixed = await Promise.all([h.links.list(), h.links.get('v3'), h.links.list(), h.links.get('v4p')]);
  t.equal((mixed[0] as Link[]).length, 81);
  t.equal((mixed[1] as Link).name, 'v3');
  t.equal((mixed[2] as Link[]).length, 81);
  t.equal((mixed[3] as Link).name, 'v4p');
});

t.test('close() rejects pending requests and new ones with ERR_RTNL_CLOSED', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t);
  const h = await open({ netns: ns });
  const pending = [
    ...Array.from({ length: 300 }, () => h.links.get('lo')),
    h.links.list(),
    h.links.list(),
  ];
  const settled = Promise.allSettled(pending);
  t.ok(h.pending > 0, 'requests are in flight');
  h.close();
  const results = await settled;
  t.ok(results.every((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'ERR_RTNL_CLOSED'),
    'every pending request rejected with ERR_RTNL_CLOSED');
  t.equal(h.pending, 0);
  t.equal(h.closed, true);
  await t.rejects(h.links.get('lo'), { code: 'ERR_RTNL_CLOSED' }, 'a new request rejects');
  await t.rejects(h.links.list(), { code: 'ERR_RTNL_CLOSED' }, 'a new dump rejects');
  t.doesNotThrow(() => h.close(), 'closing twice is harmless');
  const h2 = await open({ netns: ns });
  t.equal((await h2.links.get('lo')).name, 'lo', 'another handle on the namespace works');
  h2.close();
});

t.test('an idle handle does not keep the process alive', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t);
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-idle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, 'idle.mts');
  const index = path.resolve(__dirname, '../src/index.js');
  writeFileSync(script, `
    import { open } from ${JSON.stringify(index)};
    const h = await open({ netns: ${JSON.stringify(ns)} });
    const l = await h.links.get('lo');
    const all = await h.links.list();
    console.log(l.name, all.length);
    // h is not closed: an idle handle must let the process end by itself.
  `);
  // A handle that kept the loop alive would never let the child end: it would be killed. The limit
  // is only a backstop (start-up alone takes seconds in the test kernel), not a timing assertion.
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(__dirname, '..'), encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL',
  });
  t.equal(r.signal, null, `the child exits by itself${r.signal ? ' (killed after 120 s)' : ''}`);
  t.equal(r.status, 0, `exit status 0 (stderr: ${r.stderr.trim().slice(0, 300)})`);
  t.equal(r.stdout.trim(), 'lo 1', 'and its requests were answered');
});

t.test('opening and closing 1,000 handles leaves the fd count where it was', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t);
  const warm = await open({ netns: ns });
  await warm.links.get('lo');
  warm.close();
  const before = fdCount();
  for (let i = 0; i < 1000; i++) {
    const h = await open(i % 2 ? { netns: ns } : { netns: { path: `/run/netns/${ns}` } });
    if (i % 10 === 0) await h.links.get('lo');
    if (i % 100 === 0) await h.links.list();
    h.close();
  }
  // Handles with requests pending when closed.
  for (let i = 0; i < 50; i++) {
    const h = await open({ netns: ns });
    const p = h.links.list().catch(() => undefined);
    h.close();
    await p;
  }
  t.equal(fdCount(), before, 'no fd left open');
});

// The addon makes decoded objects with small functions compiled once per shape, and the settings
// decoder with `new Function`; where code generation from strings is disallowed, both fall back to
// building the same objects field by field.
t.test('node --disallow-code-generation-from-strings decodes the same links, addresses and routes', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '198.51.100.1/24');
  await settled(ns, ['up0', 'up1']);
  const dir = mkdtempSync(path.join(tmpdir(), 'rtnl-nocodegen-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const script = path.join(dir, 'dump.cjs');
  writeFileSync(script, `
    const { open } = require(${JSON.stringify(path.resolve(__dirname, '../lib/index.js'))});
    (async () => {
      const h = await open({ netns: ${JSON.stringify(ns)} });
      const links = await h.links.list();
      const addresses = await h.addresses.list({ family: 4 });
      const routes = await h.routes.list({ family: 4 });
      h.close();
      console.log(JSON.stringify({ links, addresses, routes }));
    })();
  `);
  const run = (flags: string[]): { links: Link[]; addresses: unknown[]; routes: unknown[] } => {
    const r = spawnSync(process.execPath, [...flags, script], { encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL' });
    t.equal(r.status, 0, `node ${flags.join(' ')}: exit status 0 (stderr: ${r.stderr.trim().slice(0, 300)})`);
    return JSON.parse(r.stdout);
  };
  const hardened = run(['--disallow-code-generation-from-strings']);
  const plain = run([]);
  t.same(hardened.links.map((l) => l.name).sort(), ['lo', 'up0', 'up1'], 'every link listed');
  t.ok(hardened.links.every((l) => typeof l.inet?.forwarding === 'number' && typeof l.inet6?.conf.forwarding === 'number'), 'IPv4 and IPv6 settings decoded');
  t.same(hardened.links, plain.links, 'links as without the flag');
  t.same(hardened.addresses, plain.addresses, 'addresses as without the flag');
  t.same(hardened.routes, plain.routes, 'routes as without the flag');
  t.same(hardened.routes.map((r) => (r as { dst: string }).dst), ipJson<{ dst: string }[]>(ns, '-4', 'route', 'show').map((r) => r.dst), 'routes as ip shows them');
});
