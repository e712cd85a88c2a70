// attach/detach: what Docker's macvlan/ipvlan drivers and the CNI macvlan/ipvlan/vlan plugins do by
// hand, as one call that either completes or leaves nothing behind.
import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { NetlinkError, rangeError, typeError } from './errors.js';
import type { Addresses } from './addr.js';
import type { IpvlanFlag, IpvlanMode, Link, Links, MacvlanMode } from './link.js';
import { list as listNetns, validateNetnsRef, type NetnsRef } from './netns.js';
import type { Routes, RouteSpec } from './route.js';
import * as v from './validate.js';

/** What attach needs of a handle: an `Rtnl` (not imported from handle.ts, which imports this module). */
interface Rtnl { readonly links: Links; readonly addresses: Addresses; readonly routes: Routes; close(): void }

/** The steps of an attach, as named by `AttachError.step`. */
export type AttachStep = 'parent' | 'create' | 'rename' | 'address' | 'up' | 'dad' | 'route';

export interface AttachOptions {
  /** Default 'macvlan'. */
  kind?: 'macvlan' | 'macvtap' | 'ipvlan' | 'ipvtap';
  /**
   * The parent link in the handle's namespace. `NAME.VID` that does not exist is created as an
   * 802.1Q sub-interface of NAME with id VID, and brought up (Docker's `-o parent=eth0.50`).
   */
  parent: string;
  /** The namespace to attach: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. */
  netns: NetnsRef;
  /** The interface's name inside the namespace. Default 'eth0'. */
  ifname?: string;
  /** macvlan: default 'bridge'; ipvlan: default 'l2' (as Docker). */
  mode?: MacvlanMode | IpvlanMode;
  /** ipvlan flags; default 'bridge'. */
  flags?: IpvlanFlag;
  /** At most the parent's MTU. */
  mtu?: number;
  /** MAC address (macvlan/macvtap). */
  address?: string;
  /** CIDRs to add, IPv4 and IPv6. */
  addresses?: string[];
  /** A default route via each gateway (at most one IPv4 and one IPv6). */
  gateway?: string | string[];
  /** Routes to add; `link` defaults to the attached interface. */
  routes?: RouteSpec[];
  /**
   * IPv6 duplicate address detection: 'wait' (default) waits until it settles, so routes over the
   * new addresses do not fail; 'skip' adds them with nodad.
   */
  dad?: 'wait' | 'skip';
  /** How long to wait for DAD, in ms. Default 10000. */
  dadTimeout?: number;
}

export interface AttachResult {
  /** The interface as read inside the target namespace. */
  link: Link;
  /** Whether this call created the `NAME.VID` parent. */
  parentCreated: boolean;
}

export interface DetachOptions {
  netns: NetnsRef;
  /** Default 'eth0'. */
  ifname?: string;
  /**
   * The parent in the handle's namespace. A `NAME.VID` parent created by attach is removed when no
   * other link uses it any more.
   */
  parent?: string;
}

/** An attach that failed: what was created has been removed. */
export class AttachError extends Error {
  readonly step: AttachStep;
  readonly code = 'ERR_RTNL_ATTACH';
  constructor(step: AttachStep, what: string, cause: unknown) {
    super(`attach failed at step '${step}' (${what}): ${cause instanceof Error ? cause.message : String(cause)}; everything it created was removed`, { cause });
    this.name = 'AttachError';
    this.step = step;
  }
}

/** Marks a `NAME.VID` parent created by attach, on the link itself, so it survives restarts. */
export const ATTACH_PARENT_ALIAS = 'rtnl:attach-parent';
const VLAN_PARENT = /^(.{1,10})\.(\d{1,4})$/;

const ATTACH_KEYS = ['kind', 'parent', 'netns', 'ifname', 'mode', 'flags', 'mtu', 'address', 'addresses', 'gateway', 'routes', 'dad', 'dadTimeout'];

// Parents being created by attaches of this process: concurrent attaches wait for the same one.
const creating = new Map<string, Promise<unknown>>();

function checkOptions(o: AttachOptions): Required<Pick<AttachOptions, 'kind' | 'ifname' | 'dad'>> & { gateways: string[] } {
  v.object('options', o);
  v.knownKeys('options', o, ATTACH_KEYS);
  const kind = o.kind ?? 'macvlan';
  if (!['macvlan', 'macvtap', 'ipvlan', 'ipvtap'].includes(kind)) throw rangeError('options.kind', "'macvlan', 'macvtap', 'ipvlan' or 'ipvtap'", kind);
  v.ifname('options.parent', o.parent);
  validateNetnsRef('options.netns', o.netns);
  const ifname = o.ifname === undefined ? 'eth0' : v.ifname('options.ifname', o.ifname);
  const dad = o.dad ?? 'wait';
  if (dad !== 'wait' && dad !== 'skip') throw rangeError('options.dad', "'wait' or 'skip'", dad);
  if (o.addresses !== undefined && !Array.isArray(o.addresses)) throw typeError('options.addresses', 'an array of CIDRs', o.addresses);
  if (o.routes !== undefined && !Array.isArray(o.routes)) throw typeError('options.routes', 'an array of routes', o.routes);
  const gateways = o.gateway === undefined ? [] : Array.isArray(o.gateway) ? o.gateway : [o.gateway];
  for (let i = 0; i < gateways.length; i++) v.string(`options.gateway[${i}]`, gateways[i]); // holes too, which forEach skips
  const v6 = gateways.filter((g) => isIPv6(g)).length;
  if (v6 > 1 || gateways.length - v6 > 1) throw rangeError('options.gateway', 'at most one IPv4 and one IPv6 address', o.gateway);
  if (o.dadTimeout !== undefined) v.integer('options.dadTimeout', o.dadTimeout, 0, 2 ** 31 - 1);
  return { kind, ifname, dad, gateways };
}

/** The parent, created as a VLAN sub-interface when it has the NAME.VID form and does not exist. */
async function ensureParent(host: Rtnl, name: string): Promise<{ link: Link; created: boolean }> {
  try {
    return { link: await host.links.get(name), created: false };
  } catch (e) {
    const m = VLAN_PARENT.exec(name);
    if (!(e instanceof NetlinkError && e.code === 'ENODEV') || !m) throw e;
    const pending = creating.get(name);
    if (pending) {
      await pending.catch(() => undefined);
      return { link: await host.links.get(name), created: false };
    }
    const make = (async () => {
      const link = await host.links.add({ kind: 'vlan', name, parent: m[1]!, id: Number(m[2]), alias: ATTACH_PARENT_ALIAS });
      await host.links.set(link.index, { up: true });
      return link;
    })();
    creating.set(name, make);
    try {
      return { link: await make, created: true };
    } catch (err) {
      // Made meanwhile by another process: use it, it is not ours.
      if (err instanceof NetlinkError && err.code === 'EEXIST') return { link: await host.links.get(name), created: false };
      throw err;
    } finally {
      creating.delete(name);
    }
  }
}

/**
 * Attaches a namespace to a macvlan/ipvlan network on `parent` in one call: the link is created
 * directly inside the namespace under a temporary name (it never appears in the parent's
 * namespace, so it cannot collide there), renamed to `ifname`, given its addresses, brought up,
 * and given its routes. If any step fails, everything this call created is removed in reverse order
 * and the call rejects with an {@link AttachError} naming the step.
 *
 * Equivalent to: `ip link add tmp link eth0.50 type macvlan mode bridge netns NS;
 * ip -n NS link set tmp name eth0; ip -n NS addr add 172.16.10.5/24 dev eth0;
 * ip -n NS link set eth0 up; ip -n NS route add default via 172.16.10.1`
 */
export async function attach(host: Rtnl, options: AttachOptions, open: (ns: NetnsRef) => Promise<Rtnl>): Promise<AttachResult> {
  const o = checkOptions(options);
  const undo: (() => Promise<unknown>)[] = [];
  let step: AttachStep = 'parent';
  let what = `parent '${options.parent}'`;
  let target: Rtnl | undefined;
  let parentCreated = false;
  try {
    const parent = await ensureParent(host, options.parent);
    parentCreated = parent.created;
    if (parentCreated) undo.push(() => removeParentIfUnused(host, parent.link.index, [options.netns], open));

    step = 'create';
    const tmp = `rtnl${randomBytes(5).toString('hex')}`;
    what = `${o.kind} on '${options.parent}'`;
    const isIpvlan = o.kind === 'ipvlan' || o.kind === 'ipvtap';
    const spec = isIpvlan
      ? { kind: o.kind as 'ipvlan', name: tmp, parent: parent.link.index, mode: (options.mode ?? 'l2') as IpvlanMode, flags: options.flags ?? 'bridge' }
      : { kind: o.kind as 'macvlan', name: tmp, parent: parent.link.index, mode: (options.mode ?? 'bridge') as MacvlanMode };
    if (options.flags !== undefined && !isIpvlan) throw typeError('options.flags', 'unset for macvlan (ipvlan flags only)', options.flags);
    const created = await host.links.add({
      ...spec, netns: options.netns,
      ...(options.mtu !== undefined && { mtu: options.mtu }),
      ...(options.address !== undefined && { address: options.address }),
    });
    target = await open(options.netns);
    const t = target;
    undo.push(() => t.links.delete(created.index));

    step = 'rename';
    what = `'${tmp}' to '${o.ifname}'`;
    await t.links.set(created.index, { name: o.ifname });

    step = 'address';
    const v6 = (options.addresses ?? []).some((a) => typeof a === 'string' && a.includes(':'));
    for (const cidr of options.addresses ?? []) {
      what = `address ${String(cidr)}`;
      await t.addresses.add(created.index, cidr, o.dad === 'skip' && isIPv6(String(cidr).split('/')[0]!) ? { nodad: true } : {});
    }

    step = 'up';
    what = `'${o.ifname}' up`;
    await t.links.set(created.index, { up: true });

    if (v6 && o.dad === 'wait') {
      step = 'dad';
      what = `duplicate address detection on '${o.ifname}'`;
      await t.addresses.waitSettled(created.index, { timeout: options.dadTimeout ?? 10000 });
    }

    step = 'route';
    const routes: RouteSpec[] = o.gateways.map((gateway) => ({ dst: 'default', gateway }));
    const l3 = isIpvlan && (spec.mode === 'l3' || spec.mode === 'l3s');
    if (l3 && o.gateways.length === 0 && options.routes === undefined) {
      // ipvlan l3: the parent routes; a connected default route per family, as Docker does.
      const fams = new Set((options.addresses ?? []).map((a) => (String(a).includes(':') ? 6 : 4)));
      for (const family of fams) routes.push({ dst: family === 6 ? '::/0' : 'default', link: created.index });
    }
    for (const r of options.routes ?? []) routes.push({ link: created.index, ...v.object<RouteSpec>('options.routes[]', r) });
    for (const r of routes) {
      what = `route ${r.dst}${r.gateway ? ` via ${r.gateway}` : ''}`;
      await t.routes.add(r);
    }
    return { link: await t.links.get(created.index), parentCreated };
  } catch (e) {
    for (const u of undo.reverse()) await u().catch(() => undefined);
    throw new AttachError(step, what, e);
  } finally {
    target?.close();
  }
}

/**
 * Removes an attached interface; removes its `NAME.VID` parent too when attach created it (its
 * alias says so) and no other link uses it any more.
 *
 * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was ours)
 */
export async function detach(host: Rtnl, options: DetachOptions, open: (ns: NetnsRef) => Promise<Rtnl>): Promise<{ parentRemoved: boolean }> {
  v.object('options', options);
  v.knownKeys('options', options, ['netns', 'ifname', 'parent']);
  const ns = validateNetnsRef('options.netns', options.netns);
  const ifname = options.ifname === undefined ? 'eth0' : v.ifname('options.ifname', options.ifname);
  if (options.parent !== undefined) v.ifname('options.parent', options.parent);
  const target = await open(ns);
  try {
    await target.links.delete(ifname);
  } finally {
    target.close();
  }
  if (options.parent === undefined || !VLAN_PARENT.test(options.parent)) return { parentRemoved: false };
  let parent: Link;
  try {
    parent = await host.links.get(options.parent);
  } catch {
    return { parentRemoved: false };
  }
  if (parent.alias !== ATTACH_PARENT_ALIAS) return { parentRemoved: false };
  return { parentRemoved: await removeParentIfUnused(host, parent.index, [ns], open) };
}

/**
 * Deletes the parent unless a link still uses it. Links in other namespaces are not visible from
 * the parent's, so the named namespaces (/run/netns) and `also` are searched for links whose
 * IFLA_LINK points at it from another namespace.
 */
async function removeParentIfUnused(
  host: Rtnl, index: number, also: NetnsRef[], open: (ns: NetnsRef) => Promise<Rtnl>,
): Promise<boolean> {
  const here = await host.links.list();
  if (here.some((l) => l.parentIndex === index && l.linkNetnsId === undefined)) return false;
  const seen = new Set<string>();
  for (const ref of [...also, ...(await listNetns())]) {
    const key = JSON.stringify(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    let h: Rtnl;
    try {
      h = await open(ref);
    } catch {
      continue;
    }
    try {
      if ((await h.links.list()).some((l) => l.parentIndex === index && l.linkNetnsId !== undefined)) return false;
    } finally {
      h.close();
    }
  }
  await host.links.delete(index);
  return true;
}
