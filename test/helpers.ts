// Test helpers: fresh namespaces that tear themselves down, and iproute2 as the oracle.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { netns, open, type Rtnl } from '../src/index.js';

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

/** Runs `ip -j -n NS ARGS...` (JSON output) and parses it. */
export function ipJson<T = any>(ns: string | undefined, ...args: string[]): T {
  const out = ip(ns, '-j', ...args).trim();
  return (out === '' ? [] : JSON.parse(out)) as T;
}

/** `ip -d -j link show dev NAME` in NS: one link with details. */
export function ipLink(ns: string, name: string): any {
  return ipJson<any[]>(ns, '-d', 'link', 'show', 'dev', name)[0];
}

/** Open fds of this process. */
export function fdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

const kinds = new Map<string, boolean>();
/** Whether the running kernel can create links of this kind (tried once, in a scratch namespace). */
export async function kernelHas(kind: 'ipvlan' | 'ipvtap' | 'vlan' | 'dummy' | 'macvlan' | 'macvtap' | 'bridge' | 'veth'): Promise<boolean> {
  const known = kinds.get(kind);
  if (known !== undefined) return known;
  const ns = uniqueName('rtnl-probe');
  await netns.create(ns);
  try {
    const h = await open({ netns: ns });
    try {
      await h.links.add({ kind: 'veth', name: 'p0', peer: { name: 'p1' } });
      const spec: any = { kind, name: 'k0' };
      if (['ipvlan', 'ipvtap', 'macvlan', 'macvtap', 'vlan'].includes(kind)) spec.parent = 'p0';
      if (kind === 'vlan') spec.id = 1;
      if (kind === 'veth') spec.peer = { name: 'k1' };
      await h.links.add(spec);
      kinds.set(kind, true);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EOPNOTSUPP') throw e;
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
  return (await kernelHas(kind)) ? false : `this kernel has no ${kind} links ("Unknown device type"); the test kernel (npm run test:uml) runs it`;
}
