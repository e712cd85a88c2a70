// The bridge tables (bridge vlan, bridge fdb): the public types, validation of entries into native
// requests, and decoding of what the kernel reports. VLAN entries travel as AF_BRIDGE link messages
// (IFLA_AF_SPEC / IFLA_BRIDGE_VLAN_INFO).
import { C, type NativeBridgeVlan, type NativeLink, type NativeLinkRequest, type NativeNeighbour, type NativeNeighbourRequest } from './binding.js';
import { explainRefusal, rangeError } from './errors.js';
import { describeNetns } from './netns.js';
import { ipAddress, linkFilter, linkNames, type FamilyContext } from './inet.js';
import type { LinkRef } from './link.js';
import * as v from './validate.js';
import { registerWatchFamily } from './watch.js';

// ---- public types -------------------------------------------------------------------------------

/** One entry of a port's (or the bridge's own) VLAN table (`bridge vlan show`). */
export interface BridgeVlan {
  /** The port's (or bridge's) index. */
  linkIndex: number;
  /** Its name. */
  link?: string;
  /** The VLAN id, 1..4094; the first of a range when `vidEnd` is set. */
  vid: number;
  /** The last VLAN id of a range of entries with the same flags (the kernel compresses them so). */
  vidEnd?: number;
  /** Untagged frames arriving on the port belong to this VLAN (`PVID`). */
  pvid: boolean;
  /** Frames of this VLAN leave the port untagged (`Egress Untagged`). */
  untagged: boolean;
}

/** What `bridgeVlans.add` and `delete` take (`bridge vlan add dev NAME vid VID [pvid] [untagged] [self] [master]`). */
export interface BridgeVlanSpec {
  /** The port, or the bridge itself with `self: true` (`dev NAME`). */
  link: LinkRef;
  /** The VLAN id, 1..4094. */
  vid: number;
  /** With it, the range `vid`..`vidEnd` (`vid 10-20`). */
  vidEnd?: number;
  /** This VLAN is the port's PVID (`pvid`): untagged frames arriving on it join this VLAN. */
  pvid?: boolean;
  /** Frames of this VLAN leave untagged (`untagged`). */
  untagged?: boolean;
  /** The entry is the link's own (`self`): for the bridge device itself, or a port driver's table. */
  self?: boolean;
  /** The entry is the port's in its bridge (`master`); the default when `self` is not given. */
  master?: boolean;
}

/** What `bridgeVlans.list` takes. */
export interface BridgeVlanFilter {
  /** Only this port's (or bridge's) entries. */
  link?: LinkRef;
}

/**
 * An FDB entry's state, as `bridge fdb` names it: 'permanent' (a local address of the bridge or
 * port: frames to it stop there), 'static' (a fixed forwarding entry), 'dynamic' (learned or added
 * to age out), 'stale' (learned, ageing).
 */
export type FdbState = 'permanent' | 'static' | 'dynamic' | 'stale';

/** A forwarding database entry (`bridge fdb show`). */
export interface FdbEntry {
  /** The port's (or device's) index. */
  linkIndex: number;
  /** Its name. */
  link?: string;
  /** The MAC address. */
  mac: string;
  /** The VLAN the entry is for; undefined for an entry of every VLAN. */
  vlan?: number;
  /** Its state. */
  state: FdbState;
  /** The device's own entry (`self`), not its bridge's. */
  self: boolean;
  /** The bridge the port belongs to (NDA_MASTER), by index... */
  masterIndex?: number;
  /** ...and by name (`master br0`). */
  master?: string;
  /** A VXLAN remote's IP address (`dst`). */
  dst?: string;
  /** A VXLAN remote's UDP port (`port`). */
  port?: number;
  /** A VXLAN remote's VNI (`vni`). */
  vni?: number;
  /** The link that reaches a VXLAN remote (`via`), by index. */
  viaIndex?: number;
  /** Learned by a driver or user space, not by the bridge (`extern_learn`). */
  extLearned: boolean;
  /** Offloaded to hardware (`offload`). */
  offloaded: boolean;
  /** Never moves to another port (`sticky`). */
  sticky: boolean;
}

/** What `fdb.add` takes (`bridge fdb add MAC dev NAME [master|self] [static|permanent|dynamic] [vlan V] [dst IP] ...`). */
export interface FdbSpec {
  /** The port (with `master`, the default) or device (with `self`) (`dev NAME`). */
  link: LinkRef;
  /** The MAC address. */
  mac: string;
  /** Only for this VLAN (`vlan V`), 1..4094. */
  vlan?: number;
  /**
   * Default 'static': a fixed forwarding entry. ('permanent' makes the MAC local: frames to it stop
   * at the bridge; `bridge fdb add` without a state makes that.)
   */
  state?: 'permanent' | 'static' | 'dynamic';
  /**
   * The entry goes to the device's own table (`self`): a VXLAN device's remotes, a port driver's
   * unicast list. Without `self` or `master`, the kernel puts it in the bridge's table (as `master`;
   * `bridge fdb add` itself defaults to `self`).
   */
  self?: boolean;
  /** The entry goes to the port's bridge (`master`). */
  master?: boolean;
  /** Never moves to another port (`sticky`). */
  sticky?: boolean;
  /** A VXLAN remote's IP address (`dst IP`), on a VXLAN device with `self`. */
  dst?: string;
  /** A VXLAN remote's UDP port (`port P`). */
  port?: number;
  /** A VXLAN remote's VNI (`vni N`). */
  vni?: number;
}

/** What `fdb.list` takes. */
export interface FdbFilter {
  /** Only this port's (or device's) entries (`brport NAME`), filtered in the kernel. */
  link?: LinkRef;
  /** Only the entries of this bridge's ports (`br NAME`), filtered in the kernel. */
  master?: LinkRef;
}

// ---- vocabulary ---------------------------------------------------------------------------------

const FDB_STATES = new Map<string, number>([
  ['permanent', C.NUD_PERMANENT!], ['static', C.NUD_NOARP!], ['dynamic', C.NUD_REACHABLE!], ['stale', C.NUD_STALE!],
]);
const FDB_STATE_NAMES = new Map([...FDB_STATES].map(([k, n]) => [n, k as FdbState]));

// ---- requests -----------------------------------------------------------------------------------

function fdbRequest(spec: unknown, del: boolean): { link: LinkRef; req: NativeNeighbourRequest } {
  const s = v.object<Record<string, unknown>>('spec', spec);
  v.knownKeys('spec', s, del ? ['link', 'mac', 'vlan', 'self', 'master', 'dst', 'port', 'vni']
    : ['link', 'mac', 'vlan', 'state', 'self', 'master', 'sticky', 'dst', 'port', 'vni']);
  const link = v.ifnameOrIndex('spec.link', s.link);
  const req: NativeNeighbourRequest = { family: C.AF_BRIDGE!, lladdr: v.mac('spec.mac', s.mac) };
  if (s.vlan !== undefined) req.vlan = v.integer('spec.vlan', s.vlan, 1, 4094);
  if (s.dst !== undefined) req.dst = ipAddress('spec.dst', s.dst).bytes;
  if (s.port !== undefined) req.port = v.integer('spec.port', s.port, 1, 65535);
  if (s.vni !== undefined) req.vni = v.integer('spec.vni', s.vni, 0, 2 ** 24 - 1);
  let flags = 0;
  if (s.self !== undefined && v.boolean('spec.self', s.self)) flags |= C.NTF_SELF!;
  if (s.master !== undefined && v.boolean('spec.master', s.master)) flags |= C.NTF_MASTER!;
  // The kernel takes "neither" as master only when no other flag is set (sticky is one): say it.
  if (!(flags & C.NTF_SELF!)) flags |= C.NTF_MASTER!;
  // On delete, NUD_PERMANENT: a device's default FDB (ndo_dflt_fdb_del) refuses a delete without it;
  // the bridge and vxlan ignore the state of a delete.
  if (del) req.state = C.NUD_PERMANENT!;
  if (!del) {
    if (s.sticky !== undefined && v.boolean('spec.sticky', s.sticky)) flags |= C.NTF_STICKY!;
    const states = new Map([...FDB_STATES].filter(([k]) => k !== 'stale'));
    req.state = s.state === undefined ? C.NUD_NOARP! : v.oneOf('spec.state', s.state, states);
  }
  if (flags) req.flags = flags;
  return { link, req };
}

function vlanRequest(spec: unknown, del: boolean): { link: LinkRef; req: NativeLinkRequest } {
  const s = v.object<Record<string, unknown>>('spec', spec);
  v.knownKeys('spec', s, del ? ['link', 'vid', 'vidEnd', 'self', 'master'] : ['link', 'vid', 'vidEnd', 'pvid', 'untagged', 'self', 'master']);
  const link = v.ifnameOrIndex('spec.link', s.link);
  const vid = v.integer('spec.vid', s.vid, 1, 4094);
  const entry: NativeBridgeVlan = { vid, flags: 0 };
  if (s.vidEnd !== undefined) {
    entry.vidEnd = v.integer('spec.vidEnd', s.vidEnd, 1, 4094);
    if (entry.vidEnd < vid) throw rangeError('spec.vidEnd', `at least spec.vid (${vid})`, s.vidEnd);
  }
  const pvid = s.pvid !== undefined && v.boolean('spec.pvid', s.pvid);
  // A PVID is one VLAN: the kernel refuses it on a range with "PVID cannot be a range" only later.
  if (pvid && entry.vidEnd !== undefined && entry.vidEnd !== vid) throw rangeError('spec.pvid', 'unset for a range of VLANs (one VLAN is the PVID)', s.pvid);
  if (pvid) entry.flags |= C.BRIDGE_VLAN_INFO_PVID!;
  if (s.untagged !== undefined && v.boolean('spec.untagged', s.untagged)) entry.flags |= C.BRIDGE_VLAN_INFO_UNTAGGED!;
  const self = s.self !== undefined && v.boolean('spec.self', s.self);
  const master = s.master !== undefined && v.boolean('spec.master', s.master);
  const afSpec: NonNullable<NativeLinkRequest['bridgeAfSpec']> = { vlans: [entry] };
  if (self || master) afSpec.flags = (self ? C.BRIDGE_FLAGS_SELF! : 0) | (master ? C.BRIDGE_FLAGS_MASTER! : 0);
  return { link, req: { family: C.AF_BRIDGE!, bridgeAfSpec: afSpec } };
}

// ---- the family on one handle -------------------------------------------------------------------

/** Bridge VLAN tables: `bridge vlan` on one handle. */
export class BridgeVlans {
  readonly #h: FamilyContext;
  /** @internal Use `handle.bridgeVlans`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists the VLAN entries of every bridge port and bridge (or one link's), ranges of entries with
   * the same flags compressed into one (`vid`..`vidEnd`), as `bridge -compressvlans vlan show` prints them.
   * Links without entries (no VLAN filtering) are left out.
   *
   * Equivalent to: `bridge -compressvlans vlan show [dev NAME]`
   */
  async list(filter: BridgeVlanFilter = {}): Promise<BridgeVlan[]> {
    const f = v.object<Record<string, unknown>>('filter', filter);
    v.knownKeys('filter', f, ['link']);
    if (f.link !== undefined) v.ifnameOrIndex('filter.link', f.link);
    const link = await linkFilter(this.#h, 'filter.link', f.link as LinkRef | undefined);
    const raw = (await this.#h.links.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, {
      family: C.AF_BRIDGE!, extMask: C.RTEXT_FILTER_BRVLAN_COMPRESSED!,
    })).filter((l) => l.vlans && (link.index === undefined || l.index === link.index));
    return raw.flatMap((l) => l.vlans!.map((e) => toBridgeVlan(l, e)));
  }

  /**
   * Adds a VLAN (or a range) to a port's table, or the bridge's own with `self`; adding one that is
   * there changes its flags.
   *
   * Equivalent to: `bridge vlan add dev NAME vid VID[-VIDEND] [pvid] [untagged] [self] [master]`
   */
  async add(spec: BridgeVlanSpec): Promise<void> {
    await this.#write(C.RTM_SETLINK!, spec, false);
  }

  /**
   * Removes a VLAN (or a range) from a port's table, or the bridge's own with `self`.
   *
   * Equivalent to: `bridge vlan del dev NAME vid VID[-VIDEND] [self] [master]`
   */
  async delete(spec: Pick<BridgeVlanSpec, 'link' | 'vid' | 'vidEnd' | 'self' | 'master'>): Promise<void> {
    await this.#write(C.RTM_DELLINK!, spec, true);
  }

  async #write(type: number, spec: unknown, del: boolean): Promise<void> {
    const { link, req } = vlanRequest(spec, del);
    const l = await this.#h.links.resolveLink('spec.link', link);
    req.index = l.index;
    await this.#h.links.linkRequest(type, 0, req).catch((e) => Promise.reject(explainRefusal(e, describeNetns(this.#h.netns))));
  }
}

/** Bridge forwarding databases: `bridge fdb` on one handle. */
export class Fdb {
  readonly #h: FamilyContext;
  /** @internal Use `handle.fdb`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists FDB entries: the bridges' and every device's own (`self`); the kernel filters by port and
   * by bridge.
   *
   * Equivalent to: `bridge fdb show [brport NAME] [br BRIDGE]`
   */
  async list(filter: FdbFilter = {}): Promise<FdbEntry[]> {
    const f = v.object<Record<string, unknown>>('filter', filter);
    v.knownKeys('filter', f, ['link', 'master']);
    if (f.link !== undefined) v.ifnameOrIndex('filter.link', f.link);
    if (f.master !== undefined) v.ifnameOrIndex('filter.master', f.master);
    const link = await linkFilter(this.#h, 'filter.link', f.link as LinkRef | undefined);
    const master = f.master === undefined ? undefined : await this.#h.links.resolveLink('filter.master', f.master as LinkRef);
    const req: NativeNeighbourRequest = { family: C.AF_BRIDGE! };
    if (link.index !== undefined) req.filterIndex = link.index;
    if (master !== undefined) req.filterMaster = master.index;
    // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
    const raw = ((await this.#h.request(C.RTM_GETNEIGH!, C.NLM_F_DUMP!, req)) as NativeNeighbour[])
      .filter((n) => n.family === C.AF_BRIDGE! && (link.index === undefined || n.index === link.index) &&
        (master === undefined || n.master === master.index));
    const names = await linkNames(this.#h, raw.flatMap((n) => (n.master === undefined ? [n.index] : [n.index, n.master])));
    return raw.flatMap((n) => toFdbEntry(n, (i) => names.get(i)) ?? []);
  }

  /**
   * Adds an entry; rejects with EEXIST when there is one for the MAC and VLAN.
   *
   * Equivalent to: `bridge fdb add MAC dev NAME master static [vlan V] [sticky]`,
   * `bridge fdb add MAC dev VXLAN self dst IP [port P] [vni N]` (a VXLAN remote)
   */
  async add(spec: FdbSpec): Promise<void> {
    await this.#write(C.RTM_NEWNEIGH!, C.NLM_F_CREATE! | C.NLM_F_EXCL!, spec, false);
  }

  /**
   * Adds another remote to a VXLAN device's entry for the MAC (usually 00:00:00:00:00:00, the
   * default destinations: broadcast, unknown unicast and multicast go to each of them), where `add`
   * would refuse with EEXIST.
   *
   * Equivalent to: `bridge fdb append 00:00:00:00:00:00 dev VXLAN dst IP [port P] [vni N]`
   */
  async append(spec: FdbSpec): Promise<void> {
    await this.#write(C.RTM_NEWNEIGH!, C.NLM_F_CREATE! | C.NLM_F_APPEND!, spec, false);
  }

  /**
   * Adds an entry or changes the one for the MAC and VLAN.
   *
   * Equivalent to: `bridge fdb replace MAC dev NAME master static [vlan V]`
   */
  async replace(spec: FdbSpec): Promise<void> {
    await this.#write(C.RTM_NEWNEIGH!, C.NLM_F_CREATE! | C.NLM_F_REPLACE!, spec, false);
  }

  /**
   * Deletes an entry.
   *
   * Equivalent to: `bridge fdb del MAC dev NAME [master|self] [vlan V] [dst IP]`
   */
  async delete(spec: Pick<FdbSpec, 'link' | 'mac' | 'vlan' | 'self' | 'master' | 'dst' | 'port' | 'vni'>): Promise<void> {
    await this.#write(C.RTM_DELNEIGH!, 0, spec, true);
  }

  async #write(type: number, flags: number, spec: unknown, del: boolean): Promise<void> {
    const { link, req } = fdbRequest(spec, del);
    const l = await this.#h.links.resolveLink('spec.link', link);
    req.index = l.index;
    const where = describeNetns(this.#h.netns);
    await this.#h.request(type, flags, req).catch((e) => Promise.reject(explainRefusal(e, where,
      `FDB entry ${(spec as FdbSpec).mac} already exists on '${l.name}' in ${where}`)));
  }
}

/** Maps a native neighbour of family AF_BRIDGE to an FDB entry; undefined for other families. */
export function toFdbEntry(raw: NativeNeighbour, nameOf: (index: number) => string | undefined): FdbEntry | undefined {
  if (raw.family !== C.AF_BRIDGE! || raw.lladdr === undefined) return undefined;
  const e: FdbEntry = {
    linkIndex: raw.index, mac: raw.lladdr, state: fdbState(raw.state), self: (raw.flags & C.NTF_SELF!) !== 0,
    extLearned: (raw.flags & C.NTF_EXT_LEARNED!) !== 0, offloaded: (raw.flags & C.NTF_OFFLOADED!) !== 0,
    sticky: (raw.flags & C.NTF_STICKY!) !== 0,
  };
  const link = nameOf(raw.index);
  if (link !== undefined) e.link = link;
  if (raw.vlan !== undefined) e.vlan = raw.vlan;
  if (raw.master !== undefined) {
    e.masterIndex = raw.master;
    const m = nameOf(raw.master);
    if (m !== undefined) e.master = m;
  }
  if (raw.dst !== undefined) e.dst = raw.dst;
  if (raw.port !== undefined) e.port = raw.port;
  if (raw.vni !== undefined) e.vni = raw.vni;
  if (raw.via !== undefined) e.viaIndex = raw.via;
  return e;
}

/** The state's name: the kernel reports one of the four; anything else reads as its nearest, 'dynamic'. */
function fdbState(state: number): FdbState {
  return FDB_STATE_NAMES.get(state) ?? (state & C.NUD_PERMANENT! ? 'permanent' : state & C.NUD_NOARP! ? 'static' : 'dynamic');
}

function toBridgeVlan(l: NativeLink, e: NativeBridgeVlan): BridgeVlan {
  const out: BridgeVlan = {
    linkIndex: l.index, link: l.name, vid: e.vid,
    pvid: (e.flags & C.BRIDGE_VLAN_INFO_PVID!) !== 0, untagged: (e.flags & C.BRIDGE_VLAN_INFO_UNTAGGED!) !== 0,
  };
  if (e.vidEnd !== undefined) out.vidEnd = e.vidEnd;
  return out;
}

registerWatchFamily({
  type: 'fdb',
  groups: { fdb: [C.RTNLGRP_NEIGH!] },
  newType: C.RTM_NEWNEIGH!,
  delType: C.RTM_DELNEIGH!,
  dumps: () => [{ type: C.RTM_GETNEIGH!, req: { family: C.AF_BRIDGE! } }],
  decode: (raw, names) => toFdbEntry(raw as NativeNeighbour, (i) => names.get(i)),
});
