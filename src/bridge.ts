// The bridge tables (bridge vlan, bridge fdb): the public types, validation of entries into native
// requests, and decoding of what the kernel reports. VLAN entries travel as AF_BRIDGE link messages
// (IFLA_AF_SPEC / IFLA_BRIDGE_VLAN_INFO).
import { C, type NativeBridgeVlan, type NativeLink, type NativeLinkRequest } from './binding.js';
import { explainRefusal, rangeError } from './errors.js';
import { describeNetns } from './netns.js';
import { linkFilter, type FamilyContext } from './inet.js';
import type { LinkRef } from './link.js';
import * as v from './validate.js';

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

// ---- requests -----------------------------------------------------------------------------------

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
   * the same flags compressed into one (`vid`..`vidEnd`), as `bridge -c vlan show` prints them.
   * Links without entries (no VLAN filtering) are left out.
   *
   * Equivalent to: `bridge -c vlan show [dev NAME]`
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

function toBridgeVlan(l: NativeLink, e: NativeBridgeVlan): BridgeVlan {
  const out: BridgeVlan = {
    linkIndex: l.index, link: l.name, vid: e.vid,
    pvid: (e.flags & C.BRIDGE_VLAN_INFO_PVID!) !== 0, untagged: (e.flags & C.BRIDGE_VLAN_INFO_UNTAGGED!) !== 0,
  };
  if (e.vidEnd !== undefined) out.vidEnd = e.vidEnd;
  return out;
}
