// Links (ip link): the public types, the per-kind vocabulary in a table keyed by kind, validation of
// specs and changes into native requests, and decoding enum numbers back into names.
import { C, type NativeLink, type NativeLinkRequest, type NativeQos } from './binding.js';
import { NetlinkError, rangeError, typeError } from './errors.js';
import { openNetnsFd, validateNetnsRef, type NetnsRef } from './netns.js';
import * as v from './validate.js';
import { afSpecRequest, nameInetConf, type Inet6Changes, type Inet6Info, type InetConf } from './inetconf.js';

// ---- public types -------------------------------------------------------------------------------

export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';
export type IpvlanMode = 'l2' | 'l3' | 'l3s';
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';
export type VlanProtocol = '802.1Q' | '802.1ad';
export type OperState = 'up' | 'down' | 'unknown' | 'lowerlayerdown' | 'dormant' | 'notpresent' | 'testing';
/** A link named by its name in the handle's namespace, or by its index. */
export type LinkRef = string | number;

export interface LinkFlags {
  up: boolean; running: boolean; lowerUp: boolean; promisc: boolean; allmulti: boolean;
  broadcast: boolean; multicast: boolean; loopback: boolean; noarp: boolean; pointToPoint: boolean;
  dormant: boolean;
}
export interface MacvlanInfo { mode: MacvlanMode; nopromisc: boolean; macs: string[]; bcQueueLen?: number }
export interface IpvlanInfo { mode: IpvlanMode; flags: IpvlanFlag }
export interface QosMapping { from: number; to: number }
export interface VlanFlags { reorderHdr: boolean; gvrp: boolean; mvrp: boolean; looseBinding: boolean; bridgeBinding: boolean }
export interface VlanInfo {
  id: number; protocol: VlanProtocol; flags: VlanFlags; egressQos: QosMapping[]; ingressQos: QosMapping[];
}

/** A link as the kernel reports it (`ip -d link show`). */
export interface Link {
  index: number;
  name: string;
  /** 'macvlan', 'vlan', 'veth', ...; undefined for physical devices and loopback. */
  kind?: string;
  flags: LinkFlags;
  operState: OperState;
  mtu: number;
  minMtu?: number;
  maxMtu?: number;
  /** MAC address 'aa:bb:cc:dd:ee:ff'. */
  address?: string;
  broadcast?: string;
  txQueueLen: number;
  /** How many holders have put the device in promiscuous mode (`ip -d link`'s "promiscuity"). */
  promiscuity: number;
  alias?: string;
  group: number;
  /** IFLA_LINK: the parent (macvlan, ipvlan, vlan) or the veth peer. */
  parentIndex?: number;
  /** The parent's name, when it lives in the same namespace. */
  parent?: string;
  masterIndex?: number;
  master?: string;
  /** Set when the parent or peer lives in another namespace (its id as seen from this one). */
  linkNetnsId?: number;
  /** The kind of master this link is a port of ('bridge', ...). */
  slaveKind?: string;
  macvlan?: MacvlanInfo;
  macvtap?: MacvlanInfo;
  ipvlan?: IpvlanInfo;
  ipvtap?: IpvlanInfo;
  vlan?: VlanInfo;
  veth?: { peerIndex?: number };
  /** The link's IPv4 settings (IFLA_INET_CONF: `net.ipv4.conf.NAME.*`) by name; absent without IPv4. */
  inet?: InetConf;
  /** IPv6 on the link (IFLA_AF_SPEC/AF_INET6): addrGenMode, token, and `net.ipv6.conf.NAME.*` by name. */
  inet6?: Inet6Info;
}

/** Options every link takes on creation and on change. */
export interface CommonOptions {
  /** Bring the link up (`ip link set NAME up`) or down. */
  up?: boolean;
  mtu?: number;
  /** MAC address 'aa:bb:cc:dd:ee:ff'. */
  address?: string;
  promisc?: boolean;
  allmulti?: boolean;
  txQueueLen?: number;
  /** Interface alias (`ip link set NAME alias TEXT`); '' clears it. */
  alias?: string;
  /** Enslave to a master (a bridge); null releases it (`nomaster`). */
  master?: LinkRef | null;
  group?: number;
  /** Create the link inside this namespace, or move it there (`netns NAME`). */
  netns?: NetnsRef;
}

interface SpecBase extends CommonOptions {
  /** The new link's name (1..15 bytes). */
  name: string;
}
export interface MacvlanSpec extends SpecBase {
  kind: 'macvlan' | 'macvtap';
  parent: LinkRef;
  /** Default 'vepa', as the kernel's. */
  mode?: MacvlanMode;
  /** Do not put the parent in promiscuous mode (passthru only). */
  nopromisc?: boolean;
  /** Source mode: the source MAC addresses this link receives from. */
  macs?: string[];
  /** Broadcast/multicast queue length. */
  bcQueueLen?: number;
}
export interface IpvlanSpec extends SpecBase {
  kind: 'ipvlan' | 'ipvtap';
  parent: LinkRef;
  /** Default: the mode of the ipvlans already on this parent, else 'l3' (the kernel's default). */
  mode?: IpvlanMode;
  /** Default: the flags of the ipvlans already on this parent, else 'bridge'. */
  flags?: IpvlanFlag;
  /**
   * The kernel keeps one mode per parent: a new ipvlan with another mode switches all its siblings.
   * rtnl refuses that (code 'ERR_IPVLAN_MODE_CONFLICT') unless this is true.
   * Only siblings in the parent's namespace are seen: an ipvlan on the same parent that lives in
   * another namespace (moved there, or created with `netns`) is invisible from here and switches
   * silently (the kernel reports the port's mode nowhere else).
   */
  allowModeSwitch?: boolean;
}
export interface VlanSpec extends SpecBase {
  kind: 'vlan';
  parent: LinkRef;
  /** VLAN id, 0..4094. */
  id: number;
  /** Default '802.1Q'. */
  protocol?: VlanProtocol;
  flags?: Partial<VlanFlags>;
  egressQos?: QosMapping[];
  ingressQos?: QosMapping[];
}
export interface VethPeerSpec extends Omit<CommonOptions, 'up' | 'master'> {
  name?: string;
}
export interface VethSpec extends SpecBase {
  kind: 'veth';
  peer?: VethPeerSpec;
}
export interface BridgeSpec extends SpecBase { kind: 'bridge' }
export interface DummySpec extends SpecBase { kind: 'dummy' }

/** What `links.add` takes: a discriminated union on `kind`. */
export type LinkSpec = MacvlanSpec | IpvlanSpec | VlanSpec | VethSpec | BridgeSpec | DummySpec;
export type LinkKind = LinkSpec['kind'];

/** Changes to a macvlan/macvtap (`ip link set NAME type macvlan ...`). */
export interface MacvlanChanges {
  mode?: MacvlanMode;
  nopromisc?: boolean;
  bcQueueLen?: number;
  /** Source mode: replaces the list of source MACs ([] flushes it). */
  macs?: string[];
  /** Source mode: adds these source MACs. */
  addMacs?: string[];
  /** Source mode: removes these source MACs. */
  delMacs?: string[];
}
export interface IpvlanChanges { mode?: IpvlanMode; flags?: IpvlanFlag }
export interface VlanChanges { flags?: Partial<VlanFlags>; egressQos?: QosMapping[]; ingressQos?: QosMapping[] }

/** What `links.set` takes. */
export interface LinkChanges extends CommonOptions {
  /** Rename (`ip link set OLD name NEW`). */
  name?: string;
  macvlan?: MacvlanChanges;
  macvtap?: MacvlanChanges;
  ipvlan?: IpvlanChanges;
  ipvtap?: IpvlanChanges;
  vlan?: VlanChanges;
  /** IPv4 settings of this link (`net.ipv4.conf.NAME.*`) by name, over netlink: `{ arpNotify: 1, rpFilter: 2 }`. */
  inet?: Partial<InetConf>;
  /** The IPv6 settings netlink can change: `addrGenMode` (`ip link set NAME addrgenmode none`), `token`. */
  inet6?: Inet6Changes;
}

export interface LinkFilter {
  /** Only links of this kind (filtered in the kernel). */
  kind?: string;
  /** Only ports of this master (filtered in the kernel). */
  master?: LinkRef;
}

// ---- vocabulary ---------------------------------------------------------------------------------

const table = <V>(entries: [string, V][]): ReadonlyMap<string, V> => new Map(entries);
const names = <V>(m: ReadonlyMap<string, V>): Map<V, string> => new Map([...m].map(([k, x]) => [x, k]));

export const MACVLAN_MODES = table<number>([
  ['private', C.MACVLAN_MODE_PRIVATE!], ['vepa', C.MACVLAN_MODE_VEPA!], ['bridge', C.MACVLAN_MODE_BRIDGE!],
  ['passthru', C.MACVLAN_MODE_PASSTHRU!], ['source', C.MACVLAN_MODE_SOURCE!],
]);
export const IPVLAN_MODES = table<number>([['l2', C.IPVLAN_MODE_L2!], ['l3', C.IPVLAN_MODE_L3!], ['l3s', C.IPVLAN_MODE_L3S!]]);
export const IPVLAN_FLAGS = table<number>([['bridge', 0], ['private', C.IPVLAN_F_PRIVATE!], ['vepa', C.IPVLAN_F_VEPA!]]);
export const VLAN_PROTOCOLS = table<number>([['802.1Q', C.ETH_P_8021Q!], ['802.1ad', C.ETH_P_8021AD!]]);
const VLAN_FLAG_BITS = table<number>([
  ['reorderHdr', C.VLAN_FLAG_REORDER_HDR!], ['gvrp', C.VLAN_FLAG_GVRP!], ['mvrp', C.VLAN_FLAG_MVRP!],
  ['looseBinding', C.VLAN_FLAG_LOOSE_BINDING!], ['bridgeBinding', C.VLAN_FLAG_BRIDGE_BINDING!],
]);
const OPER_STATES = new Map<number, OperState>([
  [C.IF_OPER_UNKNOWN!, 'unknown'], [C.IF_OPER_NOTPRESENT!, 'notpresent'], [C.IF_OPER_DOWN!, 'down'],
  [C.IF_OPER_LOWERLAYERDOWN!, 'lowerlayerdown'], [C.IF_OPER_TESTING!, 'testing'],
  [C.IF_OPER_DORMANT!, 'dormant'], [C.IF_OPER_UP!, 'up'],
]);
const MACVLAN_MODE_NAMES = names(MACVLAN_MODES) as Map<number, MacvlanMode>;
const IPVLAN_MODE_NAMES = names(IPVLAN_MODES) as Map<number, IpvlanMode>;
const VLAN_PROTOCOL_NAMES = names(VLAN_PROTOCOLS) as Map<number, VlanProtocol>;

const COMMON_KEYS = ['up', 'mtu', 'address', 'promisc', 'allmulti', 'txQueueLen', 'alias', 'master', 'group', 'netns'] as const;

/** What the facade needs from a handle: requests, and index/name lookups in its namespace. */
export interface LinkContext {
  linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]>;
  resolveLink(field: string, ref: LinkRef): Promise<NativeLink>;
}

/**
 * A link kind: the spec keys it takes, whether it needs a parent, and how its details are encoded
 * on add and on change. A new kind is one entry here (and one in native/link.cc for its details).
 */
interface KindUtil {
  keys: readonly string[];
  parent: boolean;
  /** Fills req (req.kind is set) from the spec's own keys. */
  add?(spec: Record<string, unknown>, req: NativeLinkRequest, ctx: AddContext): Promise<void> | void;
  /** The kind's own change object (`changes[kind]`) into req. */
  change?(field: string, c: Record<string, unknown>, req: NativeLinkRequest): void;
  /** Keys of `changes[kind]`. */
  changeKeys?: readonly string[];
}

interface AddContext {
  ctx: LinkContext;
  /** The parent, resolved on first call (a request): kinds make their own checks before calling it. */
  parent: () => Promise<NativeLink>;
  release: (() => void)[];
}

function macvlanData(field: string, s: Record<string, unknown>): NonNullable<NativeLinkRequest['macvlan']> {
  const d: NonNullable<NativeLinkRequest['macvlan']> = {};
  if (s.mode !== undefined) d.mode = v.oneOf(`${field}.mode`, s.mode, MACVLAN_MODES);
  if (s.nopromisc !== undefined) d.flags = v.boolean(`${field}.nopromisc`, s.nopromisc) ? C.MACVLAN_FLAG_NOPROMISC! : 0;
  if (s.bcQueueLen !== undefined) d.bcQueueLen = v.integer(`${field}.bcQueueLen`, s.bcQueueLen, 0, 2 ** 32 - 1);
  return d;
}

function macList(field: string, list: unknown): Uint8Array[] {
  if (!Array.isArray(list)) throw typeError(field, 'an array of MAC addresses', list);
  // Array.from visits holes (map skips them): a sparse array is refused by index too.
  return Array.from(list as unknown[], (m, i) => v.mac(`${field}[${i}]`, m));
}

function ipvlanData(field: string, s: Record<string, unknown>): NonNullable<NativeLinkRequest['ipvlan']> {
  const d: NonNullable<NativeLinkRequest['ipvlan']> = {};
  if (s.mode !== undefined) d.mode = v.oneOf(`${field}.mode`, s.mode, IPVLAN_MODES);
  if (s.flags !== undefined) d.flags = v.oneOf(`${field}.flags`, s.flags, IPVLAN_FLAGS);
  return d;
}

function qosList(field: string, list: unknown): NativeQos[] {
  if (!Array.isArray(list)) throw typeError(field, 'an array of { from, to } mappings', list);
  return Array.from(list as unknown[], (m, i) => {
    const o = v.object<Record<string, unknown>>(`${field}[${i}]`, m);
    v.knownKeys(`${field}[${i}]`, o, ['from', 'to']);
    return { from: v.integer(`${field}[${i}].from`, o.from, 0, 2 ** 32 - 1), to: v.integer(`${field}[${i}].to`, o.to, 0, 7) };
  });
}

function vlanChange(field: string, s: Record<string, unknown>, d: NonNullable<NativeLinkRequest['vlan']>): void {
  if (s.flags !== undefined) {
    const f = v.object<Record<string, unknown>>(`${field}.flags`, s.flags);
    v.knownKeys(`${field}.flags`, f, [...VLAN_FLAG_BITS.keys()]);
    // Only the flags named are changed: the mask leaves the others as they are.
    d.flags = 0;
    d.mask = 0;
    for (const [name, bit] of VLAN_FLAG_BITS) {
      if (f[name] === undefined) continue;
      d.mask |= bit;
      if (v.boolean(`${field}.flags.${name}`, f[name])) d.flags |= bit;
    }
  }
  if (s.egressQos !== undefined) d.egressQos = qosList(`${field}.egressQos`, s.egressQos);
  if (s.ingressQos !== undefined) d.ingressQos = qosList(`${field}.ingressQos`, s.ingressQos);
}

const MACVLAN: KindUtil = {
  keys: ['parent', 'mode', 'nopromisc', 'macs', 'bcQueueLen'],
  parent: true,
  add(s, req) {
    const d = macvlanData('spec', s);
    if (s.macs !== undefined) {
      d.macaddrMode = C.MACVLAN_MACADDR_SET!;
      d.macs = macList('spec.macs', s.macs);
    }
    req[req.kind as 'macvlan'] = d;
  },
  changeKeys: ['mode', 'nopromisc', 'bcQueueLen', 'macs', 'addMacs', 'delMacs'],
  change(field, c, req) {
    const d = macvlanData(field, c);
    // Sent later (macEditRequests), but checked now, before any syscall.
    for (const key of ['addMacs', 'delMacs']) if (c[key] !== undefined) macList(`${field}.${key}`, c[key]);
    if (c.macs !== undefined) {
      d.macaddrMode = C.MACVLAN_MACADDR_SET!;
      d.macs = macList(`${field}.macs`, c.macs);
    }
    req[req.kind as 'macvlan'] = d;
  },
};

const IPVLAN: KindUtil = {
  keys: ['parent', 'mode', 'flags', 'allowModeSwitch'],
  parent: true,
  async add(s, req, { ctx, parent: getParent }) {
    const d = ipvlanData('spec', s);
    const allow = s.allowModeSwitch === undefined ? false : v.boolean('spec.allowModeSwitch', s.allowModeSwitch);
    const parent = await getParent();
    // The kernel keeps one mode and one set of flags per parent, and a new ipvlan sets them for all
    // its siblings (it applies its own, or l3 when none is given). Keep siblings as they are.
    const siblings = (await ctx.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, { extMask: C.RTEXT_FILTER_SKIP_STATS! }))
      .filter((l) => (l.ipvlan || l.ipvtap) && l.parentIndex === parent.index && l.linkNetnsId === undefined);
    if (siblings.length > 0) {
      const cur = (siblings[0]!.ipvlan ?? siblings[0]!.ipvtap)!;
      const differs = (d.mode !== undefined && d.mode !== cur.mode) || (d.flags !== undefined && d.flags !== cur.flags);
      if (differs && !allow) {
        const want = `${IPVLAN_MODE_NAMES.get(d.mode ?? cur.mode)} ${ipvlanFlagName(d.flags ?? cur.flags)}`;
        const e = new Error(
          `ipvlan mode conflict on parent '${parent.name}': ${siblings.map((l) => `'${l.name}'`).join(', ')} ` +
          `${siblings.length > 1 ? 'are' : 'is'} in mode ${ipvlanText(cur)}, and the kernel keeps one mode per parent: ` +
          `adding '${req.name}' in mode ${want} would switch ${siblings.length > 1 ? 'them all' : 'it'}. ` +
          'Omit mode/flags to use the siblings\' mode, or set allowModeSwitch: true.',
        ) as Error & { code: string; siblings: string[] };
        e.code = 'ERR_IPVLAN_MODE_CONFLICT';
        e.siblings = siblings.map((l) => l.name);
        throw e;
      }
      d.mode ??= cur.mode;
      d.flags ??= cur.flags;
    }
    req[req.kind as 'ipvlan'] = d;
  },
  changeKeys: ['mode', 'flags'],
  change(field, c, req) {
    req[req.kind as 'ipvlan'] = ipvlanData(field, c);
  },
};

const KINDS: Record<LinkKind, KindUtil> = {
  macvlan: MACVLAN,
  macvtap: MACVLAN,
  ipvlan: IPVLAN,
  ipvtap: IPVLAN,
  vlan: {
    keys: ['parent', 'id', 'protocol', 'flags', 'egressQos', 'ingressQos'],
    parent: true,
    add(s, req) {
      const d: NonNullable<NativeLinkRequest['vlan']> = { id: v.integer('spec.id', s.id, 0, 4094) };
      if (s.protocol !== undefined) d.protocol = v.oneOf('spec.protocol', s.protocol, VLAN_PROTOCOLS);
      vlanChange('spec', s, d);
      req.vlan = d;
    },
    changeKeys: ['flags', 'egressQos', 'ingressQos'],
    change(field, c, req) {
      const d: NonNullable<NativeLinkRequest['vlan']> = {};
      vlanChange(field, c, d);
      req.vlan = d;
    },
  },
  veth: {
    keys: ['peer'],
    parent: false,
    add(s, req, { release }) {
      if (s.peer === undefined) return;
      const p = v.object<Record<string, unknown>>('spec.peer', s.peer);
      v.knownKeys('spec.peer', p, ['name', 'mtu', 'address', 'promisc', 'allmulti', 'txQueueLen', 'alias', 'group', 'netns']);
      const peer: NativeLinkRequest = {};
      if (p.name !== undefined) peer.name = v.ifname('spec.peer.name', p.name);
      common('spec.peer', p, peer, release);
      req.peer = peer;
    },
  },
  bridge: { keys: [], parent: false },
  dummy: { keys: [], parent: false },
};

function ipvlanFlagName(flags: number): IpvlanFlag {
  return flags & C.IPVLAN_F_PRIVATE! ? 'private' : flags & C.IPVLAN_F_VEPA! ? 'vepa' : 'bridge';
}
function ipvlanText(d: { mode: number; flags: number }): string {
  return `${IPVLAN_MODE_NAMES.get(d.mode) ?? d.mode} ${ipvlanFlagName(d.flags)}`;
}

// Namespaces named by a request, opened only once every check that needs no syscall has passed
// (a bad field next to a good `netns` must not open the namespace file first).
const deferredNetns = new WeakMap<NativeLinkRequest, Exclude<NetnsRef, { pid: number }>>();

/** Opens the namespaces `common` deferred, for req and its veth peer; `release` closes them. */
function openDeferredNetns(req: NativeLinkRequest, release: (() => void)[]): void {
  for (const r of [req, req.peer]) {
    const ref = r && deferredNetns.get(r);
    if (!r || ref === undefined) continue;
    const ns = openNetnsFd(ref);
    release.push(ns.release);
    r.netnsFd = ns.fd;
    deferredNetns.delete(r);
  }
}

/** The options every link takes, into req; a namespace is opened later by `openDeferredNetns`. */
function common(field: string, o: Record<string, unknown>, req: NativeLinkRequest, release: (() => void)[]): void {
  if (o.mtu !== undefined) req.mtu = v.integer(`${field}.mtu`, o.mtu, 0, 2 ** 31 - 1);
  if (o.address !== undefined) req.address = v.mac(`${field}.address`, o.address);
  if (o.txQueueLen !== undefined) req.txQueueLen = v.integer(`${field}.txQueueLen`, o.txQueueLen, 0, 2 ** 32 - 1);
  if (o.alias !== undefined) req.alias = v.alias(`${field}.alias`, o.alias);
  if (o.group !== undefined) req.group = v.integer(`${field}.group`, o.group, 0, 2 ** 32 - 1);
  const bits: [string, number][] = [['up', C.IFF_UP!], ['promisc', C.IFF_PROMISC!], ['allmulti', C.IFF_ALLMULTI!]];
  for (const [key, bit] of bits) {
    if (o[key] === undefined) continue;
    req.change = (req.change ?? 0) | bit;
    if (v.boolean(`${field}.${key}`, o[key])) req.flags = (req.flags ?? 0) | bit;
  }
  if (o.netns !== undefined) {
    const ref = validateNetnsRef(`${field}.netns`, o.netns);
    if (typeof ref === 'object' && 'pid' in ref) {
      req.netnsPid = ref.pid;
    } else {
      deferredNetns.set(req, ref);
    }
  }
}

// ---- requests -----------------------------------------------------------------------------------

const SPEC_KEYS = ['kind', 'name', ...COMMON_KEYS];
const CHANGE_KEYS = ['name', ...COMMON_KEYS, 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan', 'inet', 'inet6'];

/** Validates a spec into an RTM_NEWLINK request; `release` closes namespace fds it opened. */
export async function linkAddRequest(ctx: LinkContext, spec: LinkSpec, release: (() => void)[]): Promise<NativeLinkRequest> {
  const s = v.object<Record<string, unknown>>('spec', spec);
  const kindName = v.string('spec.kind', s.kind);
  const kind = Object.hasOwn(KINDS, kindName) ? KINDS[kindName as LinkKind] : undefined;
  if (!kind) throw rangeError('spec.kind', `one of ${Object.keys(KINDS).map((k) => `'${k}'`).join(', ')}`, s.kind);
  v.knownKeys('spec', s, [...SPEC_KEYS, ...kind.keys]);
  const req: NativeLinkRequest = { name: v.ifname('spec.name', s.name), kind: kindName };
  if (s.master != null) v.ifnameOrIndex('spec.master', s.master);
  if (kind.parent) {
    if (s.parent === undefined) throw typeError('spec.parent', 'a link name or index', undefined);
    v.ifnameOrIndex('spec.parent', s.parent);
  }
  // Every check that needs no syscall is made before the first one: the kind's own checks too, which
  // its add() makes before it asks for the parent.
  common('spec', s, req, release);
  let parent: Promise<NativeLink> | undefined;
  const getParent = (): Promise<NativeLink> => (parent ??= ctx.resolveLink('spec.parent', s.parent as LinkRef));
  await kind.add?.(s, req, { ctx, release, parent: getParent });
  if (kind.parent) {
    const p = await getParent();
    req.parent = p.index;
    if (req.mtu !== undefined && req.mtu > p.mtu) {
      throw rangeError('spec.mtu', `at most the parent '${p.name}''s MTU ${p.mtu}`, req.mtu);
    }
  }
  if (s.master != null) req.master = (await ctx.resolveLink('spec.master', s.master as LinkRef)).index;
  openDeferredNetns(req, release);
  return req;
}

/** Validates changes into an RTM_NEWLINK request for an existing link. */
export async function linkSetRequest(
  ctx: LinkContext, ref: LinkRef, changes: LinkChanges, release: (() => void)[],
): Promise<NativeLinkRequest> {
  v.ifnameOrIndex('link', ref);
  const c = v.object<Record<string, unknown>>('changes', changes);
  v.knownKeys('changes', c, CHANGE_KEYS);
  const req: NativeLinkRequest = {};
  const kindKeys = (['macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan'] as const).filter((k) => c[k] !== undefined);
  if (kindKeys.length > 1) throw typeError('changes', 'at most one of macvlan, macvtap, ipvlan, ipvtap, vlan', kindKeys.join(', '));
  for (const k of kindKeys) {
    const kc = v.object<Record<string, unknown>>(`changes.${k}`, c[k]);
    const util = KINDS[k];
    v.knownKeys(`changes.${k}`, kc, util.changeKeys!);
    req.kind = k;
    util.change!(`changes.${k}`, kc, req);
  }
  if (c.name !== undefined) req.name = v.ifname('changes.name', c.name);
  if (c.inet !== undefined || c.inet6 !== undefined) req.afSpec = afSpecRequest(c.inet, c.inet6);
  if (c.master !== undefined && c.master !== null) v.ifnameOrIndex('changes.master', c.master);
  common('changes', c, req, release);
  // A name in the request is the new name, so the link is named by index when renamed.
  if (typeof ref === 'number') req.index = ref;
  else if (req.name !== undefined) req.index = (await ctx.resolveLink('link', ref)).index;
  else req.name = ref;
  if (c.master === null) req.master = 0;
  else if (c.master !== undefined) req.master = (await ctx.resolveLink('changes.master', c.master as LinkRef)).index;
  openDeferredNetns(req, release);
  return req;
}

/** The source-mode MAC additions and removals: one request per address, as the kernel takes them. */
export function macEditRequests(ref: LinkRef, changes: LinkChanges): NativeLinkRequest[] {
  const out: NativeLinkRequest[] = [];
  for (const k of ['macvlan', 'macvtap'] as const) {
    const c = changes[k] as Record<string, unknown> | undefined;
    if (!c) continue;
    for (const [key, mode] of [['addMacs', C.MACVLAN_MACADDR_ADD!], ['delMacs', C.MACVLAN_MACADDR_DEL!]] as const) {
      if (c[key] === undefined) continue;
      for (const mac of macList(`changes.${k}.${key}`, c[key])) {
        const req: NativeLinkRequest = { kind: k, [k]: { macaddrMode: mode, macs: [mac] } };
        if (typeof ref === 'number') req.index = ref;
        else req.name = ref;
        out.push(req);
      }
    }
  }
  return out;
}

/** The ref of a link as a request names it: `{ index }` or `{ name }`. */
export function linkRefRequest(field: string, ref: LinkRef): NativeLinkRequest {
  v.ifnameOrIndex(field, ref);
  return typeof ref === 'number' ? { index: ref } : { name: ref };
}

export function linkFilterRequest(f: LinkFilter | undefined): { req: NativeLinkRequest; master?: LinkRef } {
  const req: NativeLinkRequest = { extMask: C.RTEXT_FILTER_SKIP_STATS! };
  if (f === undefined) return { req };
  const o = v.object<Record<string, unknown>>('filter', f);
  v.knownKeys('filter', o, ['kind', 'master']);
  if (o.kind !== undefined) req.kind = v.string('filter.kind', o.kind);
  if (o.master !== undefined) v.ifnameOrIndex('filter.master', o.master);
  return { req, master: o.master as LinkRef | undefined };
}

// ---- decoding -----------------------------------------------------------------------------------

function macvlanInfo(d: NonNullable<NativeLink['macvlan']>): MacvlanInfo {
  const r: MacvlanInfo = {
    mode: MACVLAN_MODE_NAMES.get(d.mode ?? C.MACVLAN_MODE_VEPA!) ?? (String(d.mode) as MacvlanMode),
    nopromisc: (d.flags & C.MACVLAN_FLAG_NOPROMISC!) !== 0,
    macs: d.macs,
  };
  if (d.bcQueueLen !== undefined) r.bcQueueLen = d.bcQueueLen;
  return r;
}

function ipvlanInfo(d: NonNullable<NativeLink['ipvlan']>): IpvlanInfo {
  return { mode: IPVLAN_MODE_NAMES.get(d.mode) ?? (String(d.mode) as IpvlanMode), flags: ipvlanFlagName(d.flags) };
}

const IFF = {
  up: C.IFF_UP!, running: C.IFF_RUNNING!, lowerUp: C.IFF_LOWER_UP!, promisc: C.IFF_PROMISC!, allmulti: C.IFF_ALLMULTI!,
  broadcast: C.IFF_BROADCAST!, multicast: C.IFF_MULTICAST!, loopback: C.IFF_LOOPBACK!, noarp: C.IFF_NOARP!,
  pointToPoint: C.IFF_POINTOPOINT!, dormant: C.IFF_DORMANT!,
};

function linkFlags(f: number): LinkFlags {
  return {
    up: (f & IFF.up) !== 0, running: (f & IFF.running) !== 0, lowerUp: (f & IFF.lowerUp) !== 0,
    promisc: (f & IFF.promisc) !== 0, allmulti: (f & IFF.allmulti) !== 0, broadcast: (f & IFF.broadcast) !== 0,
    multicast: (f & IFF.multicast) !== 0, loopback: (f & IFF.loopback) !== 0, noarp: (f & IFF.noarp) !== 0,
    pointToPoint: (f & IFF.pointToPoint) !== 0, dormant: (f & IFF.dormant) !== 0,
  };
}

/** Maps a native link's enums to names; `nameOf` gives names of links in the same namespace. */
export function toLink(raw: NativeLink, nameOf: (index: number) => string | undefined): Link {
  const l = raw as unknown as Link & NativeLink;
  const link = l as unknown as Link;
  link.flags = linkFlags(raw.flags);
  link.operState = OPER_STATES.get(raw.operState) ?? 'unknown';
  if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined) {
    const n = nameOf(raw.parentIndex);
    if (n !== undefined) link.parent = n;
  }
  if (raw.masterIndex !== undefined) {
    const n = nameOf(raw.masterIndex);
    if (n !== undefined) link.master = n;
  }
  if (raw.macvlan) link.macvlan = macvlanInfo(raw.macvlan);
  if (raw.macvtap) link.macvtap = macvlanInfo(raw.macvtap);
  if (raw.ipvlan) link.ipvlan = ipvlanInfo(raw.ipvlan);
  if (raw.ipvtap) link.ipvtap = ipvlanInfo(raw.ipvtap);
  if (raw.vlan) {
    const d = raw.vlan;
    const flags = {} as VlanFlags;
    for (const [name, bit] of VLAN_FLAG_BITS) flags[name as keyof VlanFlags] = (d.flags & bit) !== 0;
    link.vlan = {
      id: d.id,
      protocol: VLAN_PROTOCOL_NAMES.get(d.protocol) ?? (String(d.protocol) as VlanProtocol),
      flags,
      egressQos: d.egressQos,
      ingressQos: d.ingressQos,
    };
  }
  if (raw.kind === 'veth') link.veth = raw.parentIndex !== undefined ? { peerIndex: raw.parentIndex } : {};
  nameInetConf(link as unknown as Record<string, unknown>);
  return link;
}

/** A NetlinkError for a link that was named but does not exist (the kernel's ENODEV). */
export function noSuchLink(field: string, ref: LinkRef, cause: unknown): unknown {
  if (cause instanceof NetlinkError && cause.code === 'ENODEV') {
    return new NetlinkError(cause.errno, cause.request, `${field}: no link ${typeof ref === 'number' ? `with index ${ref}` : `named '${ref}'`} in this namespace`);
  }
  return cause;
}
