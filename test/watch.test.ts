import { spawn, spawnSync } from 'node:child_process';
import t from 'tap';
import { type Link, type WatchEvent } from '../src/index.js';
import { fdCount, freshNetns, ip, needsRoot } from './helpers.js';

type LinkEvent = Extract<WatchEvent, { type: 'link' }>;

/** Collects events until `until` says stop (or the timeout passes). */
async function collect(
  w: AsyncIterableIterator<WatchEvent>, until: (ev: WatchEvent, all: WatchEvent[]) => boolean, ms = 5000, keepOpen = false,
): Promise<WatchEvent[]> {
  // next() by hand: stopping here leaves the watch open for more (a `break` would close it).
  const all: WatchEvent[] = [];
  const timer = setTimeout(() => void w.return?.(), ms);
  try {
    for (;;) {
      const r = await w.next();
      if (r.done) break;
      all.push(r.value);
      if (until(r.value, all)) break;
    }
  } finally {
    clearTimeout(timer);
    if (!keepOpen) await w.return?.();
  }
  return all;
}

const linkEvents = (evs: WatchEvent[]): LinkEvent[] => evs.filter((e): e is LinkEvent => e.type === 'link');

t.test('link events from ip, in order: new, down/up, deleted, moved away', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const other = await freshNetns(t);
  const w = h.watch(['link']);
  ip(ns, 'link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1');
  ip(ns, 'link', 'set', 'w0', 'up');
  ip(ns, 'link', 'set', 'w0', 'down');
  ip(ns, 'link', 'set', 'w1', 'netns', other.ns);
  ip(ns, 'link', 'del', 'w0');
  const evs = linkEvents(await collect(w, (ev) => ev.type === 'link' && ev.action === 'delete' && ev.data.name === 'w0'));
  const w0 = evs.filter((e) => e.data.name === 'w0');
  t.equal(w0[0]?.action, 'new', 'w0 appears first');
  t.ok(w0.some((e) => e.action === 'new' && e.data.flags.up), 'w0 reported up');
  const upAt = w0.findIndex((e) => e.data.flags.up);
  t.ok(w0.slice(upAt).some((e) => e.action === 'new' && !e.data.flags.up), 'then reported down');
  t.equal(w0.at(-1)?.action, 'delete', 'w0 deleted last');
  t.ok(evs.some((e) => e.data.name === 'w1' && e.action === 'delete'), 'w1 moved away is a delete in this namespace');
  t.notOk(evs.some((e) => e.existing), 'no listing without listExisting');
});

t.test('listExisting yields current links, then synced, then live events with no gap', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t);
  for (let i = 0; i < 20; i++) await h.links.add({ kind: 'veth', name: `pre${i}`, peer: { name: `pre${i}p` } });
  const w = h.watch('link', { listExisting: true });
  // Created while the listing may be under way: must show up, as listed or as an event.
  const during = h.links.add({ kind: 'veth', name: 'during0', peer: { name: 'during1' } });
  const evs = await collect(w, (_ev, all) => all.some((e) => e.type === 'synced') &&
    linkEvents(all).some((e) => e.data.name === 'during0'));
  await during;
  const synced = evs.findIndex((e) => e.type === 'synced');
  t.ok(synced > 0, 'synced follows the listing');
  const listed = linkEvents(evs.slice(0, synced));
  t.ok(listed.every((e) => e.existing === true && e.action === 'new'), 'listed objects are marked existing');
  for (let i = 0; i < 20; i++) t.ok(listed.some((e) => e.data.name === `pre${i}`), `pre${i} listed`);
  t.ok(linkEvents(evs).some((e) => e.data.name === 'during0'), 'the link made during the listing is not lost');
  const names = new Set(listed.map((e) => e.data.name));
  t.equal(names.size, listed.length, 'no link listed twice');
});

t.test('overrun: a tiny receive buffer and a burst is reported, and resync gives ip\'s view', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const w = h.watch('link', { resync: true, receiveBufferSize: 4096 });
  // A burst of 2000 changes made by ip while this process does not read (execution is synchronous).
  const batch = [];
  for (let i = 0; i < 500; i++) batch.push(`link add o${i} type veth peer name o${i}p`, `link set o${i} up`);
  for (let i = 0; i < 250; i++) batch.push(`link del o${i}`);
  const r = spawnSync('ip', ['-n', ns, '-batch', '-'], { input: batch.join('\n') + '\n' });
  t.equal(r.status, 0, 'ip -batch ran');
  // Apply the events as a consumer would: a map of name -> link, rebuilt between overrun and synced.
  const view = new Map<string, Link>();
  let overruns = 0;
  let rebuilding = false;
  let rebuilt: Map<string, Link> | undefined;
  const evs = await collect(w, (ev) => ev.type === 'synced', 10000);
  for (const ev of evs) {
    if (ev.type === 'overrun') {
      overruns++;
      rebuilding = true;
      rebuilt = new Map();
    } else if (ev.type === 'synced') {
      rebuilding = false;
      view.clear();
      for (const [k, l] of rebuilt!) view.set(k, l);
    } else if (ev.type === 'link') {
      const target = rebuilding && ev.existing ? rebuilt! : view;
      if (ev.action === 'new') target.set(ev.data.name, ev.data);
      else target.delete(ev.data.name);
    }
  }
  t.ok(overruns >= 1, `the overrun was reported (${overruns})`);
  const ipNames = (JSON.parse(ip(ns, '-j', 'link', 'show')) as { ifname: string }[]).map((l) => l.ifname).sort();
  t.same([...view.keys()].sort(), ipNames, 'after resync the consumer\'s view equals ip\'s');
});

t.test('abort and break end the watch, close the socket, and let the process exit', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  const before = fdCount();
  const ac = new AbortController();
  const w = h.watch(['link'], { signal: ac.signal });
  t.equal(fdCount(), before + 1, 'a watch has a socket of its own');
  setTimeout(() => ac.abort(), 20);
  const evs = await collect(w, () => false);
  t.same(evs, [], 'the iteration ends cleanly on abort');
  t.equal(fdCount(), before, 'abort closed the socket');

  const w2 = h.watch(['link'], { listExisting: true });
  for await (const ev of w2) if (ev.type === 'synced') break;
  t.equal(fdCount(), before, 'break closed the socket');

  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
    const { open } = require(${JSON.stringify(require.resolve('../src/index.ts'))});
    (async () => {
      const h = await open({ netns: ${JSON.stringify(ns)} });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      for await (const ev of h.watch(['link'], { signal: ac.signal })) {}
      const w = h.watch(['link'], { listExisting: true });
      for await (const ev of w) if (ev.type === 'synced') break;
      console.log('done');
    })();
  `], { encoding: 'utf8', timeout: 120_000 });  // a backstop: a watch that kept the loop alive never ends
  t.equal(child.status, 0, `the process exits by itself (${child.stderr.trim().slice(0, 300)})`);
  t.match(child.stdout, /done/);
});

t.test('bad watch arguments are refused naming the field', async (t) => {
  const { open } = await import('../src/index.js');
  const h = await open();
  t.teardown(() => h.close());
  t.throws(() => h.watch([] as never), { name: 'TypeError', message: /groups/ });
  t.throws(() => h.watch(['links' as never]), { name: 'RangeError', message: /groups\[0\].*"links"/ });
  t.throws(() => h.watch(['link'], { listexisting: true } as never), { name: 'TypeError', message: /options\.listexisting/ });
  t.throws(() => h.watch(['link'], { receiveBufferSize: -1 }), { name: 'RangeError', message: /receiveBufferSize/ });
});

t.test('address, route and neighbour events from ip, in order, with link names', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const w = h.watch(['address', 'route', 'neighbour']);
  ip(ns, 'addr', 'add', '192.0.2.10/24', 'dev', 'up0');
  ip(ns, 'addr', 'add', '2001:db8:5::10/64', 'dev', 'up0', 'nodad');
  ip(ns, 'route', 'add', '198.51.100.0/24', 'via', '192.0.2.1');
  ip(ns, 'route', 'del', '198.51.100.0/24');
  ip(ns, 'neigh', 'add', '192.0.2.1', 'lladdr', '00:21:d7:c5:f2:45', 'dev', 'up0', 'nud', 'permanent');
  ip(ns, 'neigh', 'del', '192.0.2.1', 'dev', 'up0');
  ip(ns, 'addr', 'del', '192.0.2.10/24', 'dev', 'up0');
  const evs = await collect(w, (ev) => ev.type === 'address' && ev.action === 'delete' && ev.data.address === '192.0.2.10');
  const find = (type: string, action: string, pred: (d: any) => boolean): number =>
    evs.findIndex((e) => e.type === type && 'action' in e && e.action === action && pred(e.data));
  const a4 = find('address', 'new', (d) => d.cidr === '192.0.2.10/24');
  const a6 = find('address', 'new', (d) => d.cidr === '2001:db8:5::10/64');
  const rNew = find('route', 'new', (d) => d.dst === '198.51.100.0/24' && d.gateway === '192.0.2.1');
  const rDel = find('route', 'delete', (d) => d.dst === '198.51.100.0/24');
  const nNew = find('neighbour', 'new', (d) => d.address === '192.0.2.1' && d.lladdr === '00:21:d7:c5:f2:45' && d.state === 'permanent');
  const nDel = find('neighbour', 'delete', (d) => d.address === '192.0.2.1');
  const aDel = find('address', 'delete', (d) => d.cidr === '192.0.2.10/24');
  t.ok(a4 >= 0 && a6 > a4, 'IPv4 then IPv6 address added');
  t.ok(rNew > a6 && rDel > rNew, 'route added, then removed');
  t.ok(nNew > rDel && nDel > nNew, 'neighbour added, then removed');
  t.ok(aDel > nDel, 'address removed last');
  t.equal((evs[a4] as Extract<WatchEvent, { type: 'address' }>).data.link, 'up0', 'events name the link');
  t.notOk(evs.some((e) => e.type === 'link'), 'link events are not reported unless watched');
});

t.test('per-family groups and listExisting of addresses and routes', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '192.0.2.20/24');
  await h.addresses.add('up0', '2001:db8:6::20/64', { nodad: true });
  const w = h.watch(['ipv6-address', 'ipv4-route'], { listExisting: true });
  const evs = await collect(w, (ev) => ev.type === 'synced', 5000, true);
  const addrs = evs.filter((e): e is Extract<WatchEvent, { type: 'address' }> => e.type === 'address');
  t.ok(addrs.length > 0 && addrs.every((e) => e.data.family === 6 && e.existing), 'only IPv6 addresses listed');
  t.ok(addrs.some((e) => e.data.cidr === '2001:db8:6::20/64'));
  const routes = evs.filter((e): e is Extract<WatchEvent, { type: 'route' }> => e.type === 'route');
  t.ok(routes.some((e) => e.data.dst === '192.0.2.0/24' && e.data.link === 'up0'), 'the connected IPv4 route listed, named');
  t.ok(routes.every((e) => e.data.family === 4), 'only IPv4 routes');
  ip(ns, 'addr', 'add', '192.0.2.21/24', 'dev', 'up0');
  ip(ns, 'addr', 'add', '2001:db8:6::21/64', 'dev', 'up0', 'nodad');
  const live = await collect(w, (ev) => ev.type === 'address' && ev.data.cidr === '2001:db8:6::21/64');
  t.notOk(live.some((e) => e.type === 'address' && e.data.family === 4), 'no IPv4 address events');
  t.ok(live.some((e) => e.type === 'address' && e.action === 'new' && !e.existing));
});

/**
 * A consumer that follows the README's contract: 'new' (live or `existing`) sets, 'delete' removes;
 * at 'overrun' it starts a fresh view from the listed (`existing`) objects that follow, and at
 * 'synced' that fresh view replaces its own. Links are keyed by index.
 */
class LinkView {
  view = new Map<number, Link>();
  rebuilding: Map<number, Link> | undefined;
  overruns = 0;
  /** Live events seen while a resync was under way: the contract says there are none. */
  liveDuringResync = 0;
  /** lo's alias as the last live event (not a listed object) about lo gave it. */
  lastLiveAlias: string | undefined;
  #waiters: (() => void)[] = [];
  ended: unknown;
  constructor(w: AsyncIterableIterator<WatchEvent>) {
    void (async () => {
      try {
        for await (const ev of w) this.apply(ev);
        this.ended = 'ended';
      } catch (e) {
        this.ended = e;
      }
      for (const f of this.#waiters.splice(0)) f();
    })();
  }
  apply(ev: WatchEvent): void {
    if (ev.type === 'overrun') {
      this.overruns++;
      this.rebuilding = new Map();
    } else if (ev.type === 'synced') {
      if (this.rebuilding) this.view = this.rebuilding;
      this.rebuilding = undefined;
    } else if (ev.type === 'link') {
      if (this.rebuilding && !ev.existing) this.liveDuringResync++;
      if (!this.rebuilding && !ev.existing && ev.data.index === 1) this.lastLiveAlias = ev.data.alias;
      const target = this.rebuilding ?? this.view;
      if (ev.action === 'new') target.set(ev.data.index, ev.data);
      else target.delete(ev.data.index);
    }
    for (const f of this.#waiters.splice(0)) f();
  }
  /** Resolves once `pred` holds after an event (bounded by `ms`; false on timeout or end). */
  async until(pred: () => boolean, ms = 30_000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!pred()) {
      if (this.ended !== undefined || Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.#waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return true;
  }
}

/**
 * Waits until the consumer has applied everything the kernel reported so far: sets a fresh alias on
 * lo (which is up: the kernel reports a change of a down link's alias to nobody) and waits until it
 * arrives as a live event outside a resync (a live event comes after every
 * notification queued before it). When an overrun turned it into a listed object, once more.
 */
async function settle(c: LinkView, ns: string, tag: string): Promise<boolean> {
  for (let k = 0; k < 20; k++) {
    const alias = `${tag}-${k}`;
    const seen = c.until(() => c.rebuilding === undefined && c.view.get(1)?.alias === alias);
    ip(ns, 'link', 'set', 'dev', 'lo', 'alias', alias);
    if (!(await seen)) return false;
    if (c.lastLiveAlias === alias) return true;
  }
  return false;
}

const ipLinks = (ns: string): string[] =>
  (JSON.parse(ip(ns, '-j', 'link', 'show')) as { ifindex: number; ifname: string }[]).map((l) => `${l.ifindex}:${l.ifname}`).sort();
const viewLinks = (c: LinkView): string[] => [...c.view.values()].map((l) => `${l.index}:${l.name}`).sort();

t.test('overrun, many times over: after each burst the consumer\'s view equals ip\'s once quiet', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t);
  ip(ns, 'link', 'set', 'lo', 'up');
  const ac = new AbortController();
  t.teardown(() => ac.abort());
  const c = new LinkView(h.watch('link', { listExisting: true, receiveBufferSize: 4096, signal: ac.signal }));
  t.ok(await c.until(() => c.view.size > 0 && c.rebuilding === undefined), 'listed');
  // Fewer in the test kernel, where each round takes several seconds.
  const rounds = process.env.RTNL_UML === '1' ? 10 : 20;
  let bad = 0;
  for (let r = 0; r < rounds; r++) {
    // Links made early in the burst are deleted late in it: their 'new' is what stays queued when
    // the kernel drops the rest, and their 'delete' is among what it drops.
    const batch: string[] = [];
    for (let i = 0; i < 40; i++) batch.push(`link add r${r}a${i} type veth peer name r${r}b${i}`);
    for (let i = 0; i < 40; i += 2) batch.push(`link set r${r}a${i} up`);
    for (let i = 0; i < 30; i++) batch.push(`link del r${r}a${i}`);
    if (r > 0) for (let i = 30; i < 40; i++) batch.push(`link del r${r - 1}a${i}`);
    const input = batch.join('\n') + '\n';
    if (r % 2 === 0) {
      // This process reads nothing while ip runs: the receive buffer overflows for sure.
      const res = spawnSync('ip', ['-n', ns, '-batch', '-'], { input });
      if (res.status !== 0) throw new Error(`ip -batch: ${res.stderr}`);
    } else {
      // ip runs while the watch reads: overruns land anywhere, a listing under way included.
      await new Promise<void>((resolve, reject) => {
        const p = spawn('ip', ['-n', ns, '-batch', '-'], { stdio: ['pipe', 'ignore', 'inherit'] });
        p.on('error', reject);
        p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ip -batch exited ${code}`))));
        p.stdin.end(input);
      });
    }
    if (!(await settle(c, ns, `q${r}`))) {
      t.fail(`round ${r}: the watch did not settle (${String(c.ended ?? 'still running')})`);
      return;
    }
    const want = ipLinks(ns);
    const got = viewLinks(c);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      bad++;
      t.same(got, want, `round ${r}: the consumer's view equals ip's`);
    }
  }
  t.equal(bad, 0, `the view equalled ip's after each of ${rounds} bursts`);
  t.ok(c.overruns >= rounds / 2, `overruns were reported (${c.overruns})`);
  t.equal(c.liveDuringResync, 0, 'no live event between an overrun and its synced');
});

t.test('listExisting under churn (3000 links, bursts of 1000 link changes): the watch keeps going and converges', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'link', 'set', 'lo', 'up');
  // A third of it in the test kernel, where making links is ten times slower (its dumps are too).
  const scale = process.env.RTNL_UML === '1' ? 3 : 1;
  const setup: string[] = [];
  for (let i = 0; i < 3000 / scale - 3; i++) setup.push(`link add m${i} link up0 type macvlan mode bridge`);
  const res = spawnSync('ip', ['-n', ns, '-batch', '-'], { input: setup.join('\n') + '\n' });
  t.equal(res.status, 0, `${3000 / scale} links made (${String(res.stderr).trim()})`);
  // Bursts of 1000 changes (500 links made, then deleted at once as a group) by ip, one after the
  // other: every link made or deleted changes the table a link dump walks, and marks it interrupted.
  const burst: string[] = [];
  for (let i = 0; i < 500 / scale; i++) burst.push(`link add c${i} link up0 group 7 type macvlan mode bridge`);
  burst.push('link del group 7');
  const bursts = 3;
  const script = `for i in $(seq ${bursts}); do ip -n '${ns}' -batch - <<'EOF'\n${burst.join('\n')}\nEOF\ndone`;
  const ac = new AbortController();
  t.teardown(() => ac.abort());
  // Listing starts once the churn has: the first change it makes is seen by a watch of its own.
  const started = h.watch('link', { signal: ac.signal });
  const churn = spawn('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  const churned = new Promise<number | null>((resolve) => churn.on('exit', resolve));
  t.teardown(() => churn.kill('SIGKILL'));
  for await (const ev of started) if (ev.type === 'link') break;
  const began = Date.now();
  const c = new LinkView(h.watch('link', { listExisting: true, signal: ac.signal }));
  const synced = await c.until(() => c.view.size > 0 && c.rebuilding === undefined, 120_000);
  t.ok(synced, `the listing completed (${String(c.ended ?? 'still running')}) after ${Date.now() - began} ms`);
  t.equal(await churned, 0, 'the churn ran to its end');
  t.ok(await settle(c, ns, 'quiet'), `the watch kept going (${String(c.ended ?? 'still running')})`);
  t.same(viewLinks(c), ipLinks(ns), 'once quiet, the consumer\'s view equals ip\'s');
});
