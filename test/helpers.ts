// Test helpers: fresh namespaces that tear themselves down, and iproute2 as the oracle.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { netns, open, type LinkKind, type Rtnl } from '../src/index.js';

type Test = { teardown(fn: () => unknown): void };

/** Kernel tests need root: they create namespaces. Pass to tap's `skip` option. */
export const needsRoot: string | false =
  process.getuid?.() === 0 ? false : 'not root: kernel tests create network namespaces (CAP_SYS_ADMIN, CAP_NET_ADMIN)';

let counter = 0;
/** A namespace name no other test (or concurrent test process) uses. */
export function uniqueName(prefix = 'rtnl-t'): string {
  return `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface Fresh {
  /** The namespace's name under /run/netns. */
  ns: string;
  /** A handle opened inside it. */
  h: Rtnl;
}

/**
 * A fresh namespace with a handle in it, removed in teardown (also when the test fails).
 * With `veth: true` it holds a veth pair up0/up1, both up: the stand-in for a physical parent.
 */
export async function freshNetns(t: Test, options: { veth?: boolean } = {}): Promise<Fresh> {
  const ns = uniqueName();
  await netns.create(ns);
  let h: Rtnl | undefined;
  t.teardown(async () => {
    h?.close();
    await netns.delete(ns);
  });
  h = await open({ netns: ns });
  if (options.veth) {
    await h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1' } });
    await h.links.set('up0', { up: true });
    await h.links.set('up1', { up: true });
  }
  return { ns, h };
}

/** Runs `ip -n NS ARGS...` and returns its output. */
export function ip(ns: string | undefined, ...args: string[]): string {
  const full = ns === undefined ? args : ['-n', ns, ...args];
  return execFileSync('ip', full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Whether `ping -c1 -W1 addr` from inside `ns` gets an answer, trying up to `tries` times. */
export function pings(ns: string, addr: string, tries = 3): boolean {
  for (let i = 0; i < tries; i++) {
    const r = spawnSync('ip', ['netns', 'exec', ns, 'ping', '-n', '-c1', '-W1', addr], { stdio: 'ignore' });
    if (r.status === 0) return true;
  }
  return false;
}

/** Runs `ip -j -n NS ARGS...` (JSON output) and parses it. */
export function ipJson<T = any>(ns: string | undefined, ...args: string[]): T {
  const out = ip(ns, '-j', ...args).trim();
  return (out === '' ? [] : JSON.parse(out)) as T;
}

/** `ip -d -j link show dev NAME` in NS: one link with details. */
export function ipLink(ns: string, name: string): any {
  return ipJson<any[]>(ns, '-d', 'link', 'show', 'dev', name)[0];
}

/**
 * Open fds of this process of the kinds rtnl opens: sockets, namespace files (`net:[...]`,
 * /run/netns/NAME, /proc/PID/ns/net) and /dev/net/tun. Others (the test runner's and tsx's files,
 * Node's own event fds) come and go on their own schedule and are not counted.
 */
export function fdCount(): number {
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;  // closed meanwhile (the directory listing's own fd among them)
    }
    if (/^(socket:|net:|\/run\/netns\/|\/proc\/|\/dev\/net\/tun)/.test(target)) n++;
  }
  return n;
}

const kinds = new Map<string, boolean>();
/** What each kind needs to be created in a scratch namespace, beyond kind and name. */
const PROBE_OPTIONS: Partial<Record<LinkKind, object>> = {
  vxlan: { id: 1 }, geneve: { id: 1, remote: '192.0.2.1' }, vrf: { table: 10 }, tun: { type: 'tun' },
  // Tunnels without endpoints would clash with the namespace's fallback device (gre0, ...).
  gre: { remote: '192.0.2.1' }, gretap: { remote: '192.0.2.1' }, ipip: { remote: '192.0.2.1' }, sit: { remote: '192.0.2.1' },
  ip6gre: { remote: '2001:db8::1' }, ip6gretap: { remote: '2001:db8::1' }, ip6tnl: { remote: '2001:db8::1' },
};
/**
 * Whether the running kernel can create links of this kind (tried once, in a scratch namespace);
 * 'vlan_filtering' is a bridge with VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING).
 */
export async function kernelHas(kind: LinkKind | 'vlan_filtering'): Promise<boolean> {
  const known = kinds.get(kind);
  if (known !== undefined) return known;
  const ns = uniqueName('rtnl-probe');
  await netns.create(ns);
  try {
    const h = await open({ netns: ns });
    try {
      await h.links.add({ kind: 'veth', name: 'p0', peer: { name: 'p1' } });
      const spec: any = kind === 'vlan_filtering' ? { kind: 'bridge', name: 'k0', vlanFiltering: true } : { kind, name: 'k0' };
      if (['ipvlan', 'ipvtap', 'macvlan', 'macvtap', 'vlan'].includes(kind)) spec.parent = 'p0';
      if (kind === 'vlan') spec.id = 1;
      if (kind === 'veth') spec.peer = { name: 'k1' };
      if (kind !== 'vlan_filtering') Object.assign(spec, PROBE_OPTIONS[kind]);
      await h.links.add(spec);
      kinds.set(kind, true);
    } catch (e) {
      // tun/tap: no /dev/net/tun (ENOENT) or no tun driver behind it (ENODEV)
      const missing = kind === 'tun' ? ['ENOENT', 'ENODEV', 'EOPNOTSUPP'] : ['EOPNOTSUPP'];
      if (!missing.includes((e as { code?: string }).code!)) throw e;
      kinds.set(kind, false);
    } finally {
      h.close();
    }
  } finally {
    await netns.delete(ns);
  }
  return kinds.get(kind)!;
}

/** The reason to skip a test that needs `kind`, or false when this kernel has it. */
export async function needsKind(kind: Parameters<typeof kernelHas>[0]): Promise<string | false> {
  if (needsRoot) return needsRoot;
  // In the test kernel (test/kernel/uml.sh) nothing is skipped: a missing kind fails loudly.
  if (process.env.RTNL_UML === '1') return false;
  if (await kernelHas(kind)) return false;
  if (kind === 'vlan_filtering') return 'this kernel has no bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING); the test kernel (npm run test:uml) runs it';
  return `this kernel has no ${kind} links ("Unknown device type"); the test kernel (npm run test:uml) runs it`;
}

/**
 * The fields that rtnl's Link and `ip -d -j link show` both report, as rtnl names them, so the two
 * can be compared with one `t.same(linkView(link), ipView(ipLink(ns, name)))` that names each field
 * that differs. Kind details are compared where ip prints them.
 */
export interface LinkView {
  index: number; name: string; kind?: string; mtu: number; address?: string;
  up: boolean; promisc: boolean; allmulti: boolean; promiscuity: number; txQueueLen: number;
  alias?: string; master?: string; parent?: string; parentIndex?: number; linkNetnsId?: number; slaveKind?: string;
  macvlan?: { mode: string; nopromisc: boolean; macs: string[]; bcQueueLen?: number };
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** rtnl's Link, projected onto the fields ip prints. */
export function linkView(l: import('../src/index.js').Link, bcQueueLen = true): LinkView {
  const m = l.macvlan ?? l.macvtap;
  return defined<LinkView>({
    index: l.index, name: l.name, kind: l.kind, mtu: l.mtu, address: l.address,
    up: l.flags.up, promisc: l.flags.promisc, allmulti: l.flags.allmulti, promiscuity: l.promiscuity,
    txQueueLen: l.txQueueLen, alias: l.alias, master: l.master,
    parent: l.linkNetnsId === undefined ? l.parent : undefined,
    parentIndex: l.linkNetnsId === undefined ? undefined : l.parentIndex,
    linkNetnsId: l.linkNetnsId, slaveKind: l.slaveKind,
    macvlan: m && defined({ mode: m.mode, nopromisc: m.nopromisc, macs: [...m.macs].sort(), bcQueueLen: bcQueueLen ? m.bcQueueLen : undefined }),
  });
}

/** `ip -d -j link show` output (one link), projected onto the same fields. */
export function ipView(o: any, bcQueueLen = true): LinkView {
  const flags: string[] = o.flags ?? [];
  const info = o.linkinfo ?? {};
  const kind: string | undefined = info.info_kind;
  const d = info.info_data ?? {};
  return defined<LinkView>({
    index: o.ifindex, name: o.ifname, kind, mtu: o.mtu, address: o.address,
    up: flags.includes('UP'), promisc: flags.includes('PROMISC'), allmulti: flags.includes('ALLMULTI'),
    promiscuity: o.promiscuity, txQueueLen: o.txqlen, alias: o.ifalias, master: o.master,
    parent: o.link_netnsid === undefined ? (o.link ?? undefined) : undefined,
    parentIndex: o.link_netnsid === undefined ? undefined : o.link_index,
    linkNetnsId: o.link_netnsid, slaveKind: info.info_slave_kind,
    macvlan: kind === 'macvlan' || kind === 'macvtap'
      ? defined({ mode: d.mode, nopromisc: d.nopromisc === true, macs: [...(d.macaddr_data ?? [])].sort(), bcQueueLen: bcQueueLen ? d.bcqueuelen : undefined })
      : undefined,
  });
}

/**
 * A process living inside namespace `ns` (`ip netns exec NS sleep 30`), killed in teardown; resolves
 * to its pid once it has entered the namespace.
 */
export async function processInNetns(t: Test, ns: string): Promise<number> {
  const child = spawn('ip', ['netns', 'exec', ns, 'sleep', '30'], { stdio: 'ignore' });
  t.teardown(() => {
    child.kill('SIGKILL');
  });
  const want = statSync(`/run/netns/${ns}`).ino;
  for (let i = 0; i < 200; i++) {
    try {
      if (statSync(`/proc/${child.pid}/ns/net`).ino === want) return child.pid!;
    } catch { /* not started yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the child process did not enter namespace ${ns}`);
}

/** An fd open on namespace `ns`'s file, closed in teardown. */
export function netnsFd(t: Test, ns: string): number {
  const fd = openSync(`/run/netns/${ns}`, 'r');
  t.teardown(() => closeSync(fd));
  return fd;
}

/**
 * Waits until the kernel has finished what it does by itself, some time after a link comes up with
 * carrier, on `links` in `ns`: operstate up (the link watcher ran), the IPv6 link-local address
 * made, no address tentative any more (duplicate address detection over), and each IPv6 address's
 * local route in place. A test that compares state read at two moments (ip, then rtnl) calls it
 * first, so that neither read catches the kernel half-way. Bounded: throws after `timeout` ms,
 * naming what is still missing.
 */
export async function settled(ns: string, links: string[], timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const missing = links.flatMap((dev) => {
      const l = ipJson<any[]>(ns, 'link', 'show', 'dev', dev)[0];
      if (l?.operstate !== 'UP') return [`${dev}: operstate ${l?.operstate}`];
      const addrs: any[] = ipJson<any[]>(ns, '-6', 'addr', 'show', 'dev', dev)[0]?.addr_info ?? [];
      const local = new Set(ipJson<any[]>(ns, '-6', 'route', 'show', 'table', 'local', 'dev', dev).map((r) => r.dst));
      const out: string[] = [];
      if (!addrs.some((a) => a.scope === 'link')) out.push(`${dev}: no link-local address yet`);
      for (const a of addrs) {
        if (a.tentative) out.push(`${dev}: ${a.local} tentative`);
        else if (!local.has(a.local)) out.push(`${dev}: no local route for ${a.local} yet`);
      }
      return out;
    });
    if (missing.length === 0) return;
    if (Date.now() > until) throw new Error(`the links did not settle within ${timeout} ms: ${missing.join('; ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let dsfields: Map<string, number> | undefined;
/** A TOS / DS field as `ip -j` prints it ('0x10', or a name from /etc/iproute2/rt_dsfield such as 'CS1'), as a number; 0 when absent. */
export function dsfield(text: string | undefined): number {
  if (text === undefined) return 0;
  dsfields ??= new Map(readFileSync('/etc/iproute2/rt_dsfield', 'utf8').split('\n').flatMap((line) => {
    const [n, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    return n && name ? [[name, Number(n)] as const] : [];
  }));
  return dsfields.get(text) ?? Number(text);
}
