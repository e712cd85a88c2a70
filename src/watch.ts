// Watching the kernel: rtnetlink notifications as an async iterator, with the current objects first
// (listExisting), overruns surfaced, and a resync that re-lists after the kernel dropped events.
// See: man 7 rtnetlink (RTNLGRP_* multicast groups), man 7 netlink (ENOBUFS on overrun).
import { C, type NativeRequest, type NativeSocket } from './binding.js';
import { rangeError, typeError } from './errors.js';
import { toAddress, type Address } from './addr.js';
import { toLink, type Link } from './link.js';
import type { FdbEntry } from './bridge.js';
import { toNeighbour, type Neighbour } from './neigh.js';
import { toRoute, type Route } from './route.js';
import { toRule, type Rule } from './rule.js';
import * as v from './validate.js';
import { sendPacked } from './pack.js';

/** What can be watched: every family, or one address family of addresses and routes. */
export type WatchGroup =
  | 'link' | 'address' | 'ipv4-address' | 'ipv6-address' | 'route' | 'ipv4-route' | 'ipv6-route' | 'neighbour' | 'fdb'
  | 'rule' | 'ipv4-rule' | 'ipv6-rule';

/** A change the kernel reported. 'new' covers changes too: the kernel reports both as RTM_NEW*. */
export interface ObjectEvent<T extends string, D> {
  type: T;
  action: 'new' | 'delete';
  data: D;
  /** True for objects listed from the current state (listExisting, or after an overrun with resync). */
  existing?: boolean;
}

/** The kinds of object a watch reports; later families add theirs to `WatchEventMap`. */
export interface WatchEventMap {
  link: Link;
  address: Address;
  route: Route;
  neighbour: Neighbour;
  fdb: FdbEntry;
  rule: Rule;
}

export type WatchEvent =
  | { [K in keyof WatchEventMap]: ObjectEvent<K, WatchEventMap[K]> }[keyof WatchEventMap]
  /**
   * The kernel dropped notifications (the receive buffer overflowed): the view may be stale. With
   * resync, the listed objects up to the next 'synced' replace it (README: Watching for changes).
   */
  | { type: 'overrun' }
  /** The listing of current objects is complete (after listExisting, or after a resync). */
  | { type: 'synced' };

export interface WatchOptions {
  /** Ends the iteration (cleanly: the loop just ends) and closes the socket when aborted. */
  signal?: AbortSignal;
  /** First yield the current objects (then 'synced'), then live events, with no gap in between. */
  listExisting?: boolean;
  /** After an overrun, list the current objects again (then 'synced'). Default: listExisting. */
  resync?: boolean;
  /** SO_RCVBUF(FORCE) for the subscription socket, in bytes. */
  receiveBufferSize?: number;
}

/**
 * One watched family: its multicast groups, the message types it reports, how to list its current
 * objects, and how to map a native object to the public one. A family registers itself here.
 */
export interface WatchFamily {
  type: keyof WatchEventMap;
  groups: Partial<Record<WatchGroup, number[]>>;
  newType: number;
  delType: number;
  /** The dump requests that list the current objects for the chosen groups. */
  dumps(groups: ReadonlySet<WatchGroup>): { type: number; req: NativeRequest }[];
  /** The public object, or undefined for an object the API does not report (another family). */
  decode(raw: unknown, names: ReadonlyMap<number, string>): unknown;
}

/** Dumps per address family: both when the family-less group is chosen. */
function perFamily(groups: ReadonlySet<WatchGroup>, all: WatchGroup, v4: WatchGroup, v6: WatchGroup): number[] {
  if (groups.has(all) || (groups.has(v4) && groups.has(v6))) return [C.AF_UNSPEC!];
  return [...(groups.has(v4) ? [C.AF_INET!] : []), ...(groups.has(v6) ? [C.AF_INET6!] : [])];
}

const families: WatchFamily[] = [];

const isBridgeFamily = (raw: unknown): boolean => (raw as { family?: number }).family === C.AF_BRIDGE!;

/** Registers a family for watching (called by each family's module). */
export function registerWatchFamily(f: WatchFamily): void {
  families.push(f);
}

registerWatchFamily({
  type: 'link',
  groups: { link: [C.RTNLGRP_LINK!] },
  newType: C.RTM_NEWLINK!,
  delType: C.RTM_DELLINK!,
  dumps: () => [{ type: C.RTM_GETLINK!, req: { extMask: C.RTEXT_FILTER_SKIP_STATS! } }],
  // AF_BRIDGE link messages are a bridge port's VLANs and STP state (`bridge monitor`), not a link.
  decode: (raw, names) => (isBridgeFamily(raw) ? undefined : toLink(raw as Parameters<typeof toLink>[0], (i) => names.get(i))),
});

registerWatchFamily({
  type: 'address',
  groups: {
    address: [C.RTNLGRP_IPV4_IFADDR!, C.RTNLGRP_IPV6_IFADDR!],
    'ipv4-address': [C.RTNLGRP_IPV4_IFADDR!],
    'ipv6-address': [C.RTNLGRP_IPV6_IFADDR!],
  },
  newType: C.RTM_NEWADDR!,
  delType: C.RTM_DELADDR!,
  dumps: (g) => perFamily(g, 'address', 'ipv4-address', 'ipv6-address').map((family) => ({ type: C.RTM_GETADDR!, req: { family } })),
  decode: (raw, names) => toAddress(raw as Parameters<typeof toAddress>[0], (i) => names.get(i)),
});

registerWatchFamily({
  type: 'route',
  groups: {
    route: [C.RTNLGRP_IPV4_ROUTE!, C.RTNLGRP_IPV6_ROUTE!],
    'ipv4-route': [C.RTNLGRP_IPV4_ROUTE!],
    'ipv6-route': [C.RTNLGRP_IPV6_ROUTE!],
  },
  newType: C.RTM_NEWROUTE!,
  delType: C.RTM_DELROUTE!,
  // Every table, as the notifications come from every table.
  dumps: (g) => perFamily(g, 'route', 'ipv4-route', 'ipv6-route').map((family) => ({ type: C.RTM_GETROUTE!, req: { family } })),
  decode: (raw, names) => toRoute(raw as Parameters<typeof toRoute>[0], (i) => names.get(i)),
});

registerWatchFamily({
  type: 'neighbour',
  groups: { neighbour: [C.RTNLGRP_NEIGH!] },
  newType: C.RTM_NEWNEIGH!,
  delType: C.RTM_DELNEIGH!,
  dumps: () => [{ type: C.RTM_GETNEIGH!, req: { family: C.AF_UNSPEC! } }],
  decode: (raw, names) => toNeighbour(raw as Parameters<typeof toNeighbour>[0], (i) => names.get(i)),
});

registerWatchFamily({
  type: 'rule',
  groups: { rule: [C.RTNLGRP_IPV4_RULE!, C.RTNLGRP_IPV6_RULE!], 'ipv4-rule': [C.RTNLGRP_IPV4_RULE!], 'ipv6-rule': [C.RTNLGRP_IPV6_RULE!] },
  newType: C.RTM_NEWRULE!,
  delType: C.RTM_DELRULE!,
  dumps: (g) => perFamily(g, 'rule', 'ipv4-rule', 'ipv6-rule').map((family) => ({ type: C.RTM_GETRULE!, req: { family } })),
  decode: (raw) => toRule(raw as Parameters<typeof toRule>[0]),
});

const GROUP_NAMES: WatchGroup[] = [
  'link', 'address', 'ipv4-address', 'ipv6-address', 'route', 'ipv4-route', 'ipv6-route', 'neighbour', 'fdb', 'rule', 'ipv4-rule', 'ipv6-rule',
];

/** A notification, or a listed object (with the family whose dump listed it). */
interface NativeEvent { type: number; data: unknown; family?: WatchFamily }

/**
 * The event stream of one subscription socket. Iterate it with `for await`; `break`, `return()` or
 * the signal close the socket.
 */
export class Watch implements AsyncIterableIterator<WatchEvent> {
  readonly #sock: NativeSocket;
  readonly #openListSocket: () => NativeSocket;
  readonly #groups: ReadonlySet<WatchGroup>;
  readonly #families: WatchFamily[];
  readonly #resync: boolean;
  readonly #queue: WatchEvent[] = [];
  // Live events read since the current listing began wait here, to follow it.
  #held: NativeEvent[] | undefined;
  // Counts listings begun: a listing that an overrun (or a newer listing) made pointless drops out.
  #listing = 0;
  #backoff: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  #wake: (() => void) | undefined;
  #error: unknown;
  #done = false;
  readonly #names = new Map<number, string>();
  readonly #reportLinks: boolean;
  readonly #onAbort = (): void => {
    this.#queue.length = 0;
    this.#finish();
  };
  readonly #signal: AbortSignal | undefined;

  /** @internal Use `handle.watch()`. */
  constructor(
    sock: NativeSocket, openListSocket: () => NativeSocket, groups: ReadonlySet<WatchGroup>, options: WatchOptions, listExisting: boolean,
  ) {
    this.#sock = sock;
    this.#openListSocket = openListSocket;
    this.#groups = groups;
    this.#families = families.filter((f) => Object.keys(f.groups).some((g) => groups.has(g as WatchGroup)));
    this.#resync = options.resync ?? listExisting;
    this.#signal = options.signal;
    const ids = this.#families.flatMap((f) => Object.entries(f.groups).filter(([g]) => groups.has(g as WatchGroup)).flatMap(([, ids]) => ids));
    // Addresses, routes and neighbours name their links: link events keep the names current (and are
    // reported only when 'link' is watched), a first link listing gives the names to start with.
    this.#reportLinks = groups.has('link');
    if (this.#families.some((f) => f.type !== 'link')) ids.push(C.RTNLGRP_LINK!);
    // Subscribe first, then list: whatever changes during the listing arrives as events after it.
    // With resync, the notifications still queued when the kernel reports a drop are older than
    // the loss: the socket discards them and says when it has caught up, and the listing starts
    // then, so nothing read before it is delivered after it as news.
    sock.subscribe(
      [...new Set(ids)], (evs) => this.#onEvents(evs), options.receiveBufferSize,
      this.#resync ? () => this.#onCaughtUp() : undefined,
    );
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (this.#signal?.aborted) this.#finish();
    else if (listExisting || !this.#reportLinks) void this.#list(listExisting);
  }

  #onEvents(evs: NativeEvent[] | null): void {
    if (this.#done) return;
    if (evs === null) {
      this.#push({ type: 'overrun' });
      if (this.#resync) {
        // A listing under way may miss what was lost: it is abandoned, and the one that replaces
        // it begins once the socket has caught up (#onCaughtUp).
        this.#listing++;
        this.#held = [];
        this.#stopBackoff();
      }
      return;
    }
    if (this.#held) this.#held.push(...evs);
    else for (const ev of evs) this.#emit(ev, false);
  }

  #onCaughtUp(): void {
    if (!this.#done) void this.#list();
  }

  #emit(ev: NativeEvent, existing: boolean): void {
    // A bridge port's AF_BRIDGE RTM_DELLINK means it left its bridge, not that it is gone.
    const link = (ev.type === C.RTM_NEWLINK! || ev.type === C.RTM_DELLINK!) && !isBridgeFamily(ev.data);
    if (link) {
      const l = ev.data as { index: number; name: string };
      if (ev.type === C.RTM_NEWLINK!) this.#names.set(l.index, l.name);
      if (!this.#reportLinks) return;
    }
    // Families that share a message type (neighbours and FDB entries) each take their own objects.
    for (const f of ev.family ? [ev.family] : this.#families.filter((x) => x.newType === ev.type || x.delType === ev.type)) {
      const action = ev.type === f.delType ? 'delete' : 'new';
      const data = f.decode(ev.data, this.#names);
      if (data === undefined) continue;
      const out = { type: f.type, action, data } as WatchEvent & { existing?: boolean };
      if (existing) out.existing = true;
      this.#push(out);
    }
    if (link && ev.type === C.RTM_DELLINK!) this.#names.delete((ev.data as { index: number }).index);
  }

  // Lists on a socket of its own, so a flood of notifications on the subscription socket cannot
  // overflow the listing's replies; the subscription was made first, so nothing falls in between.
  // Events read while it runs are held and delivered after it: each carries its object whole, so
  // replaying changes that the listing already shows converges on the same state.
  async #list(objects = true): Promise<void> {
    const id = ++this.#listing;
    const current = (): boolean => id === this.#listing && !this.#done;
    let ls: NativeSocket | undefined;
    try {
      ls = this.#openListSocket();
      for (let attempt = 0; ; attempt++) {
        // Events read before this attempt began are older than what it lists: dropped.
        this.#held = [];
        let listed: NativeEvent[];
        try {
          listed = await this.#dumpAll(ls, objects);
        } catch (e) {
          if (!current() || (e as { code?: unknown }).code !== 'ERR_DUMP_INTERRUPTED') throw e;
          // The tables kept changing under every try (the socket asks a few times itself): wait,
          // longer each time (up to a second), and list again. The watch does not end because the
          // system is busy; live events go on being read meanwhile.
          await this.#pause(Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random() / 2));
          if (!current()) return;
          continue;
        }
        if (!current()) return;
        // The listing names every link there is now; names of links deleted unseen go.
        this.#names.clear();
        for (const ev of listed) this.#emit(ev, true);
        if (objects) this.#push({ type: 'synced' });
        const held = this.#held;
        this.#held = undefined;
        for (const ev of held) this.#emit(ev, false);
        return;
      }
    } catch (e) {
      if (current()) this.#fail(e);
    } finally {
      ls?.close();
    }
  }

  async #dumpAll(ls: NativeSocket, objects: boolean): Promise<NativeEvent[]> {
    const listed: NativeEvent[] = [];
    if (!this.#reportLinks) {
      for (const data of await sendPacked(ls, C.RTM_GETLINK!, C.NLM_F_DUMP!, { extMask: C.RTEXT_FILTER_SKIP_STATS! })) {
        listed.push({ type: C.RTM_NEWLINK!, data });
      }
    }
    for (const f of objects ? this.#families : []) {
      for (const d of f.dumps(this.#groups)) {
        for (const data of await sendPacked(ls, d.type, C.NLM_F_DUMP!, d.req)) listed.push({ type: f.newType, data, family: f });
      }
    }
    return listed;
  }

  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#backoff = { timer: setTimeout(resolve, ms), resolve };
    }).finally(() => {
      this.#backoff = undefined;
    });
  }

  #stopBackoff(): void {
    if (!this.#backoff) return;
    clearTimeout(this.#backoff.timer);
    this.#backoff.resolve();
  }

  #push(ev: WatchEvent): void {
    this.#queue.push(ev);
    this.#wake?.();
  }

  #fail(e: unknown): void {
    this.#error = e;
    this.#finish();
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#stopBackoff();
    this.#sock.close();
    this.#wake?.();
  }

  async next(): Promise<IteratorResult<WatchEvent>> {
    for (;;) {
      const ev = this.#queue.shift();
      if (ev) return { value: ev, done: false };
      if (this.#error !== undefined) {
        const e = this.#error;
        this.#error = undefined;
        throw e;
      }
      if (this.#done) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }

  /** Stops watching and closes the socket (what `break` in `for await` calls). */
  async return(): Promise<IteratorResult<WatchEvent>> {
    this.#finish();
    this.#queue.length = 0;
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Checks watch() arguments; returns the groups and whether to list existing objects. */
export function watchArgs(groups: unknown, options: unknown): { groups: Set<WatchGroup>; options: WatchOptions; listExisting: boolean } {
  const list = typeof groups === 'string' ? [groups] : groups;
  if (!Array.isArray(list) || list.length === 0) throw typeError('groups', `a non-empty array of ${GROUP_NAMES.map((g) => `'${g}'`).join(', ')}`, groups);
  const set = new Set<WatchGroup>();
  for (const [i, g] of list.entries()) {
    if (!GROUP_NAMES.includes(g as WatchGroup)) throw rangeError(`groups[${i}]`, `one of ${GROUP_NAMES.map((x) => `'${x}'`).join(', ')}`, g);
    if (!families.some((f) => g in f.groups)) throw rangeError(`groups[${i}]`, 'a group this build can watch', g);
    set.add(g as WatchGroup);
  }
  const o = v.object<Record<string, unknown>>('options', options ?? {});
  v.knownKeys('options', o, ['signal', 'listExisting', 'resync', 'receiveBufferSize']);
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw typeError('options.signal', 'an AbortSignal', o.signal);
  const listExisting = o.listExisting === undefined ? false : v.boolean('options.listExisting', o.listExisting);
  if (o.resync !== undefined) v.boolean('options.resync', o.resync);
  if (o.receiveBufferSize !== undefined) v.integer('options.receiveBufferSize', o.receiveBufferSize, 1024, 2 ** 31 - 1);
  return { groups: set, options: o as WatchOptions, listExisting };
}
