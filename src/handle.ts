// The handle: one netlink socket in one namespace, the object families that use it, and `open`.
import util from 'node:util';
import { C, type NativeRequest, type NativeSocket } from './binding.js';
import { requestName, setRequestNames } from './errors.js';
import { Links, type Link } from './link.js';
import { openSocket, openSocketSync, validateNetnsRef, type NetnsRef } from './netns.js';
import { knownKeys, object } from './validate.js';
import { flushQueued, queuedOn, sendPacked } from './pack.js';
import { Watch, watchArgs, type WatchEvent, type WatchGroup, type WatchOptions } from './watch.js';
import { Addresses } from './addr.js';
import { Routes } from './route.js';
import { Neighbours } from './neigh.js';
import { BridgeVlans, Fdb } from './bridge.js';
import { Rules } from './rule.js';
import { attach, check, detach, type AttachDifference, type AttachOptions, type AttachResult, type DetachOptions, type DetachResult } from './attach.js';
import { Sysctl } from './sysctl.js';

setRequestNames(C);
const debug = util.debuglog('rtnl');

/** What `open` takes. */
export interface OpenOptions {
  /** The namespace to work in: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. Default: the current one. */
  netns?: NetnsRef;
}

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
  /** Bridge port VLAN tables in this handle's namespace (`bridge vlan`). */
  readonly bridgeVlans: BridgeVlans;
  /** Bridge forwarding databases in this handle's namespace (`bridge fdb`). */
  readonly fdb: Fdb;
  /** Policy routing rules in this handle's namespace (`ip rule`). */
  readonly rules: Rules;
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
    this.links = new Links({
      request: (type, flags, req) => this.request(type, flags, req),
      netns,
      linkUpdates: (signal) => linkUpdates(this, signal),
      openLinks: (ref) => open({ netns: ref }),
    });
    this.addresses = new Addresses(this);
    this.routes = new Routes(this);
    this.neighbours = new Neighbours(this);
    this.bridgeVlans = new BridgeVlans(this);
    this.fdb = new Fdb(this);
    this.rules = new Rules(this);
    this.sysctl = new Sysctl(() => this.netns);
  }

  /** @internal Sends one request on this handle's socket. */
  request(type: number, flags: number, req: NativeRequest): Promise<unknown[]> {
    // The native promise itself, with no async wrapper around it: one layer less on every request.
    if (!debug.enabled) {
      try {
        return sendPacked(this.#sock, type, flags, req);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.#debugRequest(type, flags, req);
  }

  async #debugRequest(type: number, flags: number, req: NativeRequest): Promise<unknown[]> {
    const t0 = process.hrtime.bigint();
    const what = `${requestName(type)} flags=${flagNames(type, flags)}`;
    try {
      const r = await sendPacked(this.#sock, type, flags, req);
      debug('%s -> %d replies in %dus', what, r.length, Number(process.hrtime.bigint() - t0) / 1000);
      return r;
    } catch (e) {
      debug('%s -> %s', what, (e as Error).message);
      throw e;
    }
  }

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

  /**
   * Watches for changes in this handle's namespace, on a subscription socket of its own.
   *
   * Equivalent to: `ip monitor link address route neigh rule` (with `listExisting`: a listing first)
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
    return new Watch(openSocketSync(this.netns), () => openSocketSync(this.netns), a.groups, a.options, a.listExisting);
  }

  /** Requests in flight or queued on this handle. */
  get pending(): number {
    return this.#sock.pending + queuedOn(this.#sock);
  }

  /** Closes the socket. Pending requests reject with code 'ERR_RTNL_CLOSED'; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sock.close();
    flushQueued(this.#sock);  // what this run queued is rejected now, unsent
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }
}

/**
 * Opens a handle: a netlink socket in the current namespace, or inside `options.netns`.
 * The socket is made inside the namespace by a helper thread while Node's thread goes on with other
 * work (opens of many namespaces overlap); Node's own thread never changes namespace. An idle
 * handle does not keep the process alive.
 *
 * Equivalent to: `ip -n NAME ...` (every call on the handle acts in that namespace)
 */
export async function open(options: OpenOptions = {}): Promise<Rtnl> {
  const o = object<Record<string, unknown>>('options', options);
  knownKeys('options', o, ['netns']);
  const ref = o.netns === undefined ? undefined : validateNetnsRef('options.netns', o.netns);
  return new Rtnl(await openSocket(ref), ref);
}

/**
 * The nlmsg_flags a request goes out with, by name as in the kernel's NLM_F_* (`REQUEST|ACK|CREATE|EXCL`):
 * the socket adds REQUEST, and ACK to all but dumps. Bits without a name here are shown in hex.
 */
function flagNames(type: number, flags: number): string {
  const dump = (flags & C.NLM_F_DUMP!) === C.NLM_F_DUMP!;
  let left = flags | C.NLM_F_REQUEST! | (dump ? 0 : C.NLM_F_ACK!);
  const names: string[] = [];
  const bits: [string, number][] = [['REQUEST', C.NLM_F_REQUEST!], ['ACK', C.NLM_F_ACK!], ['ECHO', C.NLM_F_ECHO!]];
  // The high bits mean one thing on new-requests and another on get-requests (RTM_NEW* = 4n, RTM_GET* = 4n + 2).
  if (type % 4 === 2) bits.push(['DUMP', C.NLM_F_DUMP!]);
  if (type % 4 === 0) bits.push(['CREATE', C.NLM_F_CREATE!], ['EXCL', C.NLM_F_EXCL!], ['REPLACE', C.NLM_F_REPLACE!], ['APPEND', C.NLM_F_APPEND!]);
  for (const [name, bit] of bits) {
    if ((left & bit) !== bit) continue;
    names.push(name);
    left &= ~bit;
  }
  if (left) names.push(`0x${left.toString(16)}`);
  return names.join('|');
}

/** New and changed links of the handle's namespace, those that exist first, until `signal` aborts. */
async function* linkUpdates(h: Rtnl, signal: AbortSignal): AsyncGenerator<Link> {
  for await (const ev of h.watch('link', { listExisting: true, signal })) {
    if (ev.type === 'link' && ev.action === 'new') yield ev.data;
  }
}
