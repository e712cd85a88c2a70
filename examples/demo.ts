// The seed topology, built with rtnl in namespaces of its own: a veth pair stands in for the physical
// parent (eth0), two namespaces each hold a macvlan on it, and ping shows which macvlan modes let
// siblings reach each other. Everything is removed at the end, also on Ctrl-C. Run: npm run demo (as root)
import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// In your own code: import { netns, open, type Rtnl } from 'rtnl';
import { netns, open, type Rtnl } from '../src/index.js';

const run = promisify(execFile);
const id = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const WIRE = `rtnl-demo-${id}-wire`; // holds the veth pair up0 <-> up1, standing in for eth0 and its switch
const A = `rtnl-demo-${id}-a`;
const B = `rtnl-demo-${id}-b`;
const ADDR = { [A]: '192.0.2.1', [B]: '192.0.2.2' }; // TEST-NET-1: never a real network

const created: string[] = []; // namespaces this run made: the only things it removes
const handles: Rtnl[] = [];
let stopping = false;

async function newNetns(name: string): Promise<Rtnl> {
  if (stopping) throw new Error('interrupted');
  created.push(name);
  await netns.create(name);
  const h = await open({ netns: name });
  handles.push(h);
  return h;
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  stopping = true;
  return (cleaning ??= (async () => {
    for (const h of handles) h.close();
    for (const name of [...created].reverse()) {
      // Deleting a namespace takes its links with it: the veth pair, and the macvlans.
      await netns.delete(name).catch((e) => {
        if (e.code !== 'ENOENT') console.error(`could not delete namespace ${name}: ${e.message}`);
      });
    }
    if (created.length > 0) console.log(`\nremoved namespaces ${created.join(', ')}`);
  })());
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(128 + osConstants.signals[sig]));
  });
}
process.once('uncaughtException', (e) => {
  console.error(`demo failed: ${e.stack ?? e}`);
  void cleanup().finally(() => process.exit(1));
});

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => {
    try {
      accessSync(path.join(dir, cmd), fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** One ping from namespace `from` to the address in `to`: did it get an answer? */
async function reaches(from: string, to: string): Promise<boolean> {
  try {
    await run('ip', ['netns', 'exec', from, 'ping', '-c1', '-W1', '-q', ADDR[to]!]);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('the demo creates network namespaces: run it as root (or with CAP_SYS_ADMIN and CAP_NET_ADMIN)');
  const havePing = onPath('ping') && onPath('ip'); // ip netns exec NS ping

  const wire = await newNetns(WIRE);
  await wire.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1' } });
  await wire.links.set('up0', { up: true });
  await wire.links.set('up1', { up: true });
  console.log(`${WIRE}: veth up0 <-> up1, both up (up0 stands in for eth0; up1 for a switch port without hairpin)`);

  // Each macvlan is created directly inside its namespace (IFLA_NET_NS_FD), on the parent up0.
  for (const ns of [A, B]) {
    const h = await newNetns(ns);
    const mv = await wire.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge', netns: ns });
    await h.links.set('mv0', { up: true });
    await h.addresses.add('mv0', `${ADDR[ns]}/24`);
    console.log(`${ns}: mv0 (macvlan ${mv.macvlan?.mode}, parent up0 in ${WIRE}) ${mv.address} ${ADDR[ns]}/24, up`);
  }

  if (!havePing) {
    console.log('\nping or ip is not installed (Debian: apt-get install iputils-ping iproute2): connectivity was not checked.');
    return;
  }

  const rows: string[][] = [];
  const measure = async (label: string, expected: string): Promise<void> => {
    const [ab, ba] = await Promise.all([reaches(A, B), reaches(B, A)]);
    rows.push([label, `${ADDR[A]} (a)`, `${ADDR[B]} (b)`, ab ? 'reaches' : 'no reply', expected]);
    rows.push([label, `${ADDR[B]} (b)`, `${ADDR[A]} (a)`, ba ? 'reaches' : 'no reply', expected]);
  };
  const setMode = async (mode: 'bridge' | 'vepa' | 'private'): Promise<void> => {
    // ip link set mv0 type macvlan mode MODE, in both namespaces
    for (const h of handles.slice(1)) {
      await h.links.set('mv0', { macvlan: { mode } });
      // ip neigh flush dev mv0: each row starts from ARP (a MAC learned in an earlier row would let
      // unicast through where ARP cannot go)
      for (const n of await h.neighbours.list({ link: 'mv0' })) await h.neighbours.delete({ link: 'mv0', address: n.address }).catch(() => undefined);
    }
  };
  const expected = { bridge: 'reaches', vepa: 'no reply', private: 'no reply' } as const;
  for (const mode of ['bridge', 'vepa', 'private'] as const) {
    await setMode(mode);
    await measure(mode, expected[mode]);
  }
  // The switch port made to hairpin ("reflective relay"): up1 becomes a port of bridge sw0 with
  // hairpin on (ip link set up1 master sw0; ip link set up1 type bridge_slave hairpin on), and vepa
  // reaches the sibling through it.
  await wire.links.add({ kind: 'bridge', name: 'sw0', up: true });
  await wire.links.set('up1', { master: 'sw0', bridgePort: { hairpin: true } });
  await setMode('vepa');
  await measure('vepa + hairpin', 'reaches');
  console.log();
  table(['mode', 'from', 'to', 'result', 'expected'], rows);
  console.log(
    '\nbridge: the parent switches frames between its macvlans itself.\n' +
      'vepa: every frame leaves through the parent; a sibling is reached only if the switch sends it\n' +
      '  back out the port it came in on (hairpin, "reflective relay"). up1 does not, so no reply...\n' +
      'private: like vepa, and frames coming back from a hairpin switch are dropped too.\n' +
      'vepa + hairpin: ...until up1 is a bridge port in hairpin mode: then vepa siblings reach each other.',
  );
  if (rows.some((r) => r[3] !== r[4])) process.exitCode = 1;
}

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

void main()
  .catch((e: Error) => {
    if (stopping) return;
    console.error(`demo failed: ${e.message}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
