// The handle: one netlink socket in one namespace, and the object families that use it.
import util from 'node:util';
import { C, native, type NativeLink, type NativeLinkRequest, type NativeRequest, type NativeSocket } from './binding.js';
import { setRequestNames } from './errors.js';
import {
  linkAddRequest, linkFilterRequest, linkRefRequest, linkSetRequest, macEditRequests, noSuchLink, toLink,
  type Link, type LinkChanges, type LinkContext, type LinkFilter, type LinkRef, type LinkSpec,
} from './link.js';
import { openNetnsFd, validateNetnsRef, type NetnsRef } from './netns.js';
import { ifnameOrIndex, integer, knownKeys, object } from './validate.js';
import { typeError } from './errors.js';
import { Watch, watchArgs, type WatchEvent, type WatchGroup, type WatchOptions } from './watch.js';

setRequestNames(C);
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
  /** The namespace this handle works in, as given to `open()`; undefined for the current one. */
  readonly netns: NetnsRef | undefined;
  readonly #sock: NativeSocket;
  #closed = false;

  /** @internal Use `open()`. */
  constructor(sock: NativeSocket, netns: NetnsRef | undefined) {
    this.#sock = sock;
    this.netns = netns;
    this.links = new Links(this);
  }

  /** @internal Sends one request on this handle's socket. */
  async request(type: number, flags: number, req: NativeRequest): Promise<unknown[]> {
    if (!debug.enabled) return this.#sock.request(type, flags, req);
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
  async linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]> {
    return (await this.#h.request(type, flags, req)) as NativeLink[];
  }

  /** @internal The link a ref names, for resolving parents and masters; errors name `field`. */
  async resolveLink(field: string, ref: LinkRef): Promise<NativeLink> {
    try {
      const [l] = await this.linkRequest(C.RTM_GETLINK!, 0, { ...linkRefRequest(field, ref), ...GET_FLAGS });
      return l!;
    } catch (e) {
      throw noSuchLink(field, ref, e);
    }
  }

  async #names(raw: NativeLink): Promise<Link> {
    const want = new Set<number>();
    if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined) want.add(raw.parentIndex);
    if (raw.masterIndex !== undefined) want.add(raw.masterIndex);
    const names = new Map<number, string>();
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
    const raw = await this.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, req);
    let names: Map<number, string> | undefined;
    // Filtered lists may not hold the parents; a full list names them from itself.
    const nameOf = (i: number): string | undefined => (names ??= new Map(raw.map((l) => [l.index, l.name]))).get(i);
    if (filter === undefined) return raw.map((l) => toLink(l, nameOf));
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
      const flags = C.NLM_F_CREATE! | C.NLM_F_EXCL! | C.NLM_F_ECHO!;
      const [echo] = await this.linkRequest(C.RTM_NEWLINK!, flags, req);
      // Kernels before 6.3 do not echo a new link; nor does any kernel when the link is made in
      // another namespace. Then it is read back where it now lives.
      if (echo && spec.netns === undefined) return this.#names(echo);
      if (spec.netns === undefined) return this.get(req.name!);
      const there = await open({ netns: spec.netns });
      try {
        return await there.links.get(req.name!);
      } finally {
        there.close();
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
      await this.linkRequest(C.RTM_NEWLINK!, 0, req).catch((e) => Promise.reject(noSuchLink('link', ref, e)));
      for (const edit of edits) await this.linkRequest(C.RTM_NEWLINK!, 0, edit);
    } finally {
      for (const r of release) r();
    }
  }

  /**
   * Deletes a link (a veth takes its peer with it; a parent takes its macvlans, ipvlans and vlans).
   *
   * Equivalent to: `ip link delete NAME`
   */
  async delete(ref: LinkRef): Promise<void> {
    await this.linkRequest(C.RTM_DELLINK!, 0, linkRefRequest('link', ref))
      .catch((e) => Promise.reject(noSuchLink('link', ref, e)));
  }
}
