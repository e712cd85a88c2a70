// The handle: one netlink socket in one namespace, and the object families that use it.
import util from 'node:util';
import { randomInt } from 'node:crypto';
import { constants as osConstants } from 'node:os';
import { C, native, type NativeLink, type NativeLinkRequest, type NativeRequest, type NativeSocket } from './binding.js';
import { NetlinkError, setRequestNames } from './errors.js';
import {
  linkAddRequest, linkFilterRequest, linkRefRequest, linkSetRequest, macEditRequests, noSuchLink, toLink,
  type Link, type LinkChanges, type LinkContext, type LinkFilter, type LinkRef, type LinkSpec,
} from './link.js';
import { openNetnsFd, validateNetnsRef, type NetnsRef } from './netns.js';
import { ifnameOrIndex, integer, knownKeys, object } from './validate.js';
import { typeError } from './errors.js';
import { Watch, watchArgs, type WatchEvent, type WatchGroup, type WatchOptions } from './watch.js';
import { Addresses } from './addr.js';
import { Routes } from './route.js';
import { Neighbours } from './neigh.js';
import { attach, check, detach, type AttachDifference, type AttachOptions, type AttachResult, type DetachOptions, type DetachResult } from './attach.js';
import { Sysctl } from './sysctl.js';

setRequestNames(C);
const osErrno = osConstants.errno as Record<string, number>;
const debug = util.debuglog('rtnl');

export interface WaitOptions {
  /** Milliseconds to wait at most. */
  timeout?: number;
  signal?: AbortSignal;
}

export interface OpenOptions {
  /** The namespace to work in: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. Default: the current one. */
  netns?: NetnsRef;
}

const GET_FLAGS = { extMask: C.RTEXT_FILTER_SKIP_STATS! };

/** A netlink handle: one socket, bound to one network namespace for its whole life. */
export class Rtnl {
  /** Links in this handle's namespace (`ip link`). */
  readonly links: Links;
  /** Addresses in this handle's namespace (`ip addr`). */
  readonly addresses: Addresses;
  /** Routes in this handle's namespace (`ip route`). */
  readonly routes: Routes;
  /** Neighbour (ARP/NDP) entries in this handle's namespace (`ip neigh`). */
  readonly neighbours: Neighbours;
  /** The namespace this handle works in, as given to `open()`; undefined for the current one. */
  readonly netns: NetnsRef | undefined;
  /** `net.*` sysctls of this handle's namespace (`ip netns exec NS sysctl ...`, without a child process). */
  readonly sysctl: Sysctl;
  readonly #sock: NativeSocket;
  #closed = false;

  /** @internal Use `open()`. */
  constructor(sock: NativeSocket, netns: NetnsRef | undefined) {
    this.#sock = sock;
    this.netns = netns;
    this.links = new Links(this);
    this.addresses = new Addresses(this);
    this.routes = new Routes(this);
    this.neighbours = new Neighbours(this);
    this.sysctl = new Sysctl(() => this.netns);
  }

  /** @internal Sends one request on this handle's socket. */
  request(type: number, flags: number, req: NativeRequest): Promise<unknown[]> {
    // The native promise itself, with no async wrapper around it: one layer less on every request.
    if (!debug.enabled) {
      try {
        return this.#sock.request(type, flags, req);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.#debugRequest(type, flags, req);
  }

  async #debugRequest(type: number, flags: number, req: NativeRequest): Promise<unknown[]> {
    const t0 = process.hrtime.bigint();
    try {
      const r = await this.#sock.request(type, flags, req);
      debug('%s flags=0x%s -> %d replies in %dus', type, flags.toString(16), r.length, Number(process.hrtime.bigint() - t0) / 1000);
      return r;
    } catch (e) {
      debug('%s flags=0x%s -> %s', type, flags.toString(16), (e as Error).message);
      throw e;
    }
  }

  /**
   * Watches for changes in this handle's namespace, on a subscription socket of its own.
   *
   * Equivalent to: `ip monitor link address route neigh` (with `listExisting`: a listing first)
   *
   * @example
   * ```ts
   * for await (const ev of h.watch(['link'], { listExisting: true })) {
   *   if (ev.type === 'link' && ev.data.name === 'mv0' && ev.data.flags.up) break;
   * }
   * ```
   */
  /**
   * Attaches a namespace to a macvlan/ipvlan network on a parent in this handle's namespace, in one
   * call that either completes or removes everything it created. See {@link attach}.
   *
   * Equivalent to: `ip link add eth0 link eth0.50 netns NS type macvlan mode bridge;
   * ip netns exec NS sysctl -w net.ipv4.conf.eth0.arp_notify=1; ip -n NS addr add CIDR dev eth0;
   * ip -n NS link set lo up; ip -n NS link set eth0 up; ip -n NS route add default via GW dev eth0`
   */
  attach(options: AttachOptions): Promise<AttachResult> {
    return attach(this, options, (netns) => open({ netns }));
  }

  /**
   * Removes an attached interface, and its `NAME.VID` parent when attach created it and nothing
   * uses it any more. Idempotent: what is already gone (the interface, the namespace) is success.
   * See {@link detach}.
   *
   * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was attach's)
   */
  detach(options: DetachOptions): Promise<DetachResult> {
    return detach(this, options, (netns) => open({ netns }));
  }

  /**
   * CNI's CHECK: the differences between the interface in `options.netns` and what attach would
   * have made with these options; empty when it matches. See {@link check}.
   *
   * Equivalent to: `ip -n NS -d link show eth0; ip -n NS addr; ip -n NS route`, compared with the options
   */
  check(options: AttachOptions): Promise<AttachDifference[]> {
    return check(this, options, (netns) => open({ netns }));
  }

  watch(groups: WatchGroup | WatchGroup[], options: WatchOptions = {}): AsyncIterableIterator<WatchEvent> {
    const a = watchArgs(groups, options);
    return new Watch(openSocket(this.netns), () => openSocket(this.netns), a.groups, a.options, a.listExisting);
  }

  /** Requests in flight or queued on this handle. */
  get pending(): number {
    return this.#sock.pending;
  }

  /** Closes the socket. Pending requests reject with code 'ERR_RTNL_CLOSED'; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sock.close();
  }

  get closed(): boolean {
    return this.#closed;
  }
}

/**
 * Opens a handle: a netlink socket in the current namespace, or inside `options.netns`.
 * The socket is made inside the namespace by a helper thread; Node's own thread never changes
 * namespace. An idle handle does not keep the process alive.
 *
 * Equivalent to: `ip -n NAME ...` (every call on the handle acts in that namespace)
 */
export async function open(options: OpenOptions = {}): Promise<Rtnl> {
  const o = object<Record<string, unknown>>('options', options);
  knownKeys('options', o, ['netns']);
  const ref = o.netns === undefined ? undefined : validateNetnsRef('options.netns', o.netns);
  return new Rtnl(openSocket(ref), ref);
}

/**
 * xs.map(fn), letting the event loop run between slices of `size`: the native side decodes a big
 * dump a datagram at a time, and its naming here should not stall the loop in one stretch either.
 */
async function mapInSlices<T, U>(xs: T[], fn: (x: T) => U, size = 1000): Promise<U[]> {
  if (xs.length <= size) return xs.map(fn);
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (i > 0 && i % size === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(fn(xs[i]!));
  }
  return out;
}

/** A socket in the current namespace, or inside `ref`. */
function openSocket(ref: NetnsRef | undefined): NativeSocket {
  if (ref === undefined) return new native.Socket(-1);
  const ns = openNetnsFd(typeof ref === 'object' && 'pid' in ref ? { path: `/proc/${ref.pid}/ns/net` } : ref);
  try {
    return new native.Socket(ns.fd);
  } finally {
    ns.release();
  }
}

/** Links: `ip link` on one handle. */
export class Links implements LinkContext {
  readonly #h: Rtnl;
  readonly #lookups = new Map<LinkRef, Promise<NativeLink[]>>();
  constructor(handle: Rtnl) {
    this.#h = handle;
  }

  /**
   * Resolves with the link once it exists in this namespace and `predicate` holds for it (for
   * example: up with carrier), from events rather than by polling. Rejects with code 'ETIMEDOUT'
   * after `timeout` ms, or with the signal's reason when aborted.
   *
   * Equivalent to: `ip monitor link` until the link shows up as wanted
   */
  async waitFor(ref: LinkRef, predicate: (link: Link) => boolean = () => true, options: WaitOptions = {}): Promise<Link> {
    ifnameOrIndex('link', ref);
    if (typeof predicate !== 'function') throw typeError('predicate', 'a function', predicate);
    const o = object<Record<string, unknown>>('options', options);
    knownKeys('options', o, ['timeout', 'signal']);
    const timeout = o.timeout === undefined ? undefined : integer('options.timeout', o.timeout, 0, 2 ** 31 - 1);
    const outer = o.signal as AbortSignal | undefined;
    if (outer !== undefined && !(outer instanceof AbortSignal)) throw typeError('options.signal', 'an AbortSignal', outer);
    outer?.throwIfAborted();
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(outer!.reason);
    outer?.addEventListener('abort', onAbort, { once: true });
    const timer = timeout === undefined ? undefined : setTimeout(() => {
      const e = new Error(`link ${typeof ref === 'number' ? ref : `'${ref}'`} was not as wanted within ${timeout} ms`) as NodeJS.ErrnoException;
      e.code = 'ETIMEDOUT';
      stop.abort(e);
    }, timeout);
    try {
      for await (const ev of this.#h.watch('link', { listExisting: true, signal: stop.signal })) {
        if (ev.type !== 'link' || ev.action !== 'new') continue;
        if ((typeof ref === 'number' ? ev.data.index === ref : ev.data.name === ref) && predicate(ev.data)) return ev.data;
      }
      throw stop.signal.reason;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /** @internal */
  linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]> {
    return this.#h.request(type, flags, req) as Promise<NativeLink[]>;
  }

  /** @internal The link a ref names, for resolving parents and masters; errors name `field`. */
  async resolveLink(field: string, ref: LinkRef): Promise<NativeLink> {
    // Lookups of one link made while one for it is in flight share its answer (1000 macvlans added
    // at once on one parent look the parent up once). The answer is never older than what a caller
    // has seen: the entry goes in the first reaction to the reply, before any later reply's.
    let lookup = this.#lookups.get(ref);
    if (!lookup) {
      const req = { ...linkRefRequest(field, ref), ...GET_FLAGS };
      const sent = this.linkRequest(C.RTM_GETLINK!, 0, req);
      const drop = (): void => {
        this.#lookups.delete(ref);
      };
      sent.then(drop, drop);
      lookup = sent;
      this.#lookups.set(ref, lookup);
    }
    try {
      const [l] = await lookup;
      return { ...l! };
    } catch (e) {
      throw noSuchLink(field, ref, e);
    }
  }

  /** The link with its parent's and master's names; `known` holds names already at hand. */
  async #names(raw: NativeLink, known?: Map<number, string>): Promise<Link> {
    const names = new Map<number, string>(known);
    const want = new Set<number>();
    if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined && !names.has(raw.parentIndex)) want.add(raw.parentIndex);
    if (raw.masterIndex !== undefined && !names.has(raw.masterIndex)) want.add(raw.masterIndex);
    await Promise.all([...want].map(async (i) => {
      try {
        names.set(i, (await this.resolveLink('index', i)).name);
      } catch { /* gone meanwhile: the index stays, without a name */ }
    }));
    return toLink(raw, (i) => names.get(i));
  }

  /**
   * Lists the links of this namespace with their kind's details.
   *
   * Equivalent to: `ip -d link show [type KIND] [master DEV]`
   */
  async list(filter?: LinkFilter): Promise<Link[]> {
    const { req, master } = linkFilterRequest(filter);
    if (master !== undefined) req.master = (await this.resolveLink('filter.master', master)).index;
    // The kernel filters dumps only with strict checking (4.20+), and ignores a kind it does not
    // know (an unknown kind would list every link): the filter is applied here as well.
    const raw = (await this.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, req))
      .filter((l) => (req.kind === undefined || l.kind === req.kind) && (req.master === undefined || l.masterIndex === req.master));
    let names: Map<number, string> | undefined;
    // Filtered lists may not hold the parents; a full list names them from itself.
    const nameOf = (i: number): string | undefined => (names ??= new Map(raw.map((l) => [l.index, l.name]))).get(i);
    if (filter === undefined) return mapInSlices(raw, (l) => toLink(l, nameOf));
    return Promise.all(raw.map((l) => this.#names(l)));
  }

  /**
   * One link, by name or index.
   *
   * Equivalent to: `ip -d link show dev NAME`
   */
  async get(ref: LinkRef): Promise<Link> {
    return this.#names(await this.resolveLink('link', ref));
  }

  /**
   * Creates a link and resolves to it as the kernel reports it.
   *
   * Equivalent to: `ip link add NAME link PARENT type macvlan mode bridge` (and the other kinds:
   * `type ipvlan mode l3 bridge`, `type vlan id 50 protocol 802.1Q`, `type veth peer name P`,
   * `type bridge`, `type dummy`), with `netns NS` to create it inside another namespace.
   */
  async add(spec: LinkSpec): Promise<Link> {
    const release: (() => void)[] = [];
    try {
      const req = await linkAddRequest(this, spec, release);
      // The kernel ignores IFLA_IFALIAS when it creates a link (it sets an alias only on change), so
      // aliases are set once the link exists, as `ip link set NAME alias TEXT` does.
      const alias = req.alias || undefined;
      const peerAlias = req.peer?.alias || undefined;
      delete req.alias;
      if (req.peer) delete req.peer.alias;
      const flags = C.NLM_F_CREATE! | C.NLM_F_EXCL! | C.NLM_F_ECHO!;
      const [echo] = await this.linkRequest(C.RTM_NEWLINK!, flags, req);
      // Kernels before 6.3 do not echo a new link; nor does any kernel when the link is made in
      // another namespace. Then it is read back where it now lives.
      const there = spec.netns === undefined ? undefined : await open({ netns: spec.netns });
      try {
        const links = there?.links ?? this;
        if (alias !== undefined) await links.linkRequest(C.RTM_NEWLINK!, 0, { name: req.name!, alias });
        // The parent and master were just looked up by the names given: no need to ask again.
        const known = new Map<number, string>();
        const parent = (spec as { parent?: LinkRef }).parent;
        if (typeof parent === 'string' && req.parent !== undefined) known.set(req.parent, parent);
        if (typeof spec.master === 'string' && req.master !== undefined) known.set(req.master, spec.master);
        const made = echo && !there && alias === undefined ? await this.#names(echo, known) : await links.get(req.name!);
        if (peerAlias !== undefined && made.parentIndex !== undefined) {
          // The peer's index as the link reports it is its index in the peer's own namespace.
          const peerNs = spec.kind === 'veth' ? spec.peer?.netns : undefined;
          const p = peerNs === undefined ? undefined : await open({ netns: peerNs });
          try {
            await (p?.links ?? this).linkRequest(C.RTM_NEWLINK!, 0, { index: made.parentIndex, alias: peerAlias });
          } finally {
            p?.close();
          }
        }
        return made;
      } finally {
        there?.close();
      }
    } finally {
      for (const r of release) r();
    }
  }

  /**
   * Changes a link: state, MTU, MAC, name, promiscuity, master, namespace, and its kind's settings.
   *
   * Equivalent to: `ip link set NAME up mtu 1400 address 02:42:0a:00:00:05 promisc on`,
   * `ip link set NAME netns NS`, `ip link set NAME type macvlan mode vepa`
   */
  async set(ref: LinkRef, changes: LinkChanges): Promise<void> {
    const release: (() => void)[] = [];
    try {
      const req = await linkSetRequest(this, ref, changes, release);
      const edits = macEditRequests(req.index ?? ref, changes);
      // The MAC list edits go to the link where it is: after the change, unless the change moves it
      // to another namespace (then before, while this handle still sees it).
      const moves = req.netnsFd !== undefined || req.netnsPid !== undefined;
      const sendEdits = async (): Promise<void> => {
        for (const edit of edits) await this.linkRequest(C.RTM_NEWLINK!, 0, edit);
      };
      if (moves) await sendEdits();
      await this.linkRequest(C.RTM_NEWLINK!, 0, req).catch((e) => Promise.reject(noSuchLink('link', ref, e)));
      if (!moves) await sendEdits();
    } finally {
      for (const r of release) r();
    }
  }

  /**
   * Deletes a link (a veth takes its peer with it; a parent takes its macvlans, ipvlans and vlans).
   *
   * Given an array, deletes all those links in one kernel batch: the kernel waits for one RCU grace
   * period for the whole batch instead of one per link (about 16 ms each), so 1000 links go in well
   * under a second. The named links are moved into a fresh link group that no other link is in, and
   * that group is deleted; links not named are never deleted (except what each named link takes with
   * it, as above). A name that does not exist rejects before anything changes; when the batch fails,
   * the links are put back in their own groups.
   *
   * Equivalent to: `ip link delete NAME`; for an array, `ip link set NAME group G` for each link,
   * then `ip link delete group G`
   */
  async delete(ref: LinkRef | readonly LinkRef[]): Promise<void> {
    if (Array.isArray(ref)) return this.#deleteMany(ref as readonly LinkRef[]);
    await this.linkRequest(C.RTM_DELLINK!, 0, linkRefRequest('link', ref as LinkRef))
      .catch((e) => Promise.reject(noSuchLink('link', ref as LinkRef, e)));
  }

  async #deleteMany(refs: readonly LinkRef[]): Promise<void> {
    for (let i = 0; i < refs.length; i++) ifnameOrIndex(`links[${i}]`, refs[i]); // holes too, which forEach skips
    if (refs.length === 0) return;
    const dump = (): Promise<NativeLink[]> => this.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, { ...GET_FLAGS });
    const all = await dump();
    const byName = new Map(all.map((l) => [l.name, l]));
    const byIndex = new Map(all.map((l) => [l.index, l]));
    const targets = new Map<number, NativeLink>();
    refs.forEach((r, i) => {
      const l = typeof r === 'number' ? byIndex.get(r) : byName.get(r);
      if (!l) throw noSuchLink(`links[${i}]`, r, new NetlinkError(osErrno.ENODEV!, C.RTM_DELLINK!));
      targets.set(l.index, l);
    });
    if (targets.size === 1) return this.delete([...targets.keys()][0]!);
    const used = new Set(all.map((l) => l.group));
    let group: number;
    do group = randomInt(1, 2 ** 31); while (used.has(group));
    const moves = await Promise.allSettled([...targets.values()].map((l) =>
      this.linkRequest(C.RTM_NEWLINK!, 0, { index: l.index, group }).then(() => l)));
    const moved = moves.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
    const putBack = (): Promise<unknown> =>
      Promise.allSettled(moved.map((l) => this.linkRequest(C.RTM_NEWLINK!, 0, { index: l.index, group: l.group })));
    try {
      const failed = moves.find((m): m is PromiseRejectedResult => m.status === 'rejected');
      if (failed) throw failed.reason;
      // Nothing but the named links may be in the group when it is deleted.
      const strangers = (await dump()).filter((l) => l.group === group && !targets.has(l.index));
      if (strangers.length > 0) {
        throw Object.assign(new Error(`links.delete: link group ${group} was joined meanwhile by ${strangers.map((l) => `'${l.name}'`).join(', ')}; nothing was deleted`), { code: 'ERR_RTNL_GROUP_TAKEN' });
      }
      await this.linkRequest(C.RTM_DELLINK!, 0, { group });
    } catch (e) {
      await putBack();
      throw e;
    }
  }
}
