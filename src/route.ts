// Routes (ip route): the public types, the names of tables, protocols, types and scopes, validation
// of route specs into native requests (with iproute2's defaults), and decoding of what the kernel
// reports. Listing by family, table, link, protocol and type is filtered in the kernel.
import { constants as osConstants } from 'node:os';
import { C, type NativeRoute, type NativeRouteRequest } from './binding.js';
import { explainRefusal, NetlinkError, rangeError, typeError, withDetail } from './errors.js';
import { describeNetns } from './netns.js';
import type { LinkRef } from './link.js';
import {
  AF, cidr, familyOption, hostBits, ipAddress, repeatedIpAddress, ipFamily, linkNames, nameOr, nothing, scope, scopeName,
  type FamilyContext, type IpFamily, type Scope,
} from './inet.js';
import * as v from './validate.js';

// ---- public types -------------------------------------------------------------------------------

/**
 * Route types (`ip route add TYPE ...`): 'unicast' (the usual), 'local' (this host's own
 * addresses), 'broadcast', 'anycast', 'multicast', 'blackhole' (dropped silently), 'unreachable'
 * and 'prohibit' (dropped with an ICMP error), 'throw' (lookup continues in the next rule's table),
 * 'nat', 'xresolve'.
 */
export type RouteType =
  | 'unicast' | 'local' | 'broadcast' | 'anycast' | 'multicast' | 'blackhole' | 'unreachable' | 'prohibit'
  | 'throw' | 'nat' | 'xresolve';
/** iproute2's names of route protocols ('kernel', 'boot', 'static', 'ra', 'dhcp', 'bgp', ...). */
export type RouteProtocol = 'kernel' | 'boot' | 'static' | 'ra' | 'dhcp' | 'redirect' | (string & {});
/** A routing table: 'main' (254, where `ip route` works), 'local' (255), 'default' (253), or an id. */
export type RouteTable = 'main' | 'local' | 'default' | number;

/** One next hop of a multipath route (`nexthop via G dev D weight W`). */
export interface NextHop {
  /** The gateway, when the hop has one. */
  gateway?: string;
  /** The index of the link it goes out of. */
  linkIndex: number;
  /** That link's name. */
  link?: string;
  /** 1..256: its share of the flows. */
  weight: number;
  /** The gateway was declared on-link (`onlink`). */
  onlink: boolean;
}

/** A route as the kernel reports it (`ip route show`). */
export interface Route {
  /** 4 or 6. */
  family: IpFamily;
  /** 'default' or a CIDR. */
  dst: string;
  /** The next hop's address (`via`). */
  gateway?: string;
  /** The index of the link it goes out of (`dev`). */
  linkIndex?: number;
  /** That link's name. */
  link?: string;
  /** The preferred source address (`src`). */
  src?: string;
  /** The table id: 254 is 'main' (where `ip route` works), 255 'local', 253 'default'. */
  table: number;
  /** The route's priority (`metric`); lower wins. */
  metric?: number;
  /** 'universe' (via a gateway), 'link' (directly reachable), 'host' (this host), ... */
  scope: Scope;
  /** Who added it: 'kernel' (derived from an address), 'boot' (`ip route add`'s default), 'static', 'ra', 'dhcp', ... or the number. */
  protocol: RouteProtocol | number;
  /** Its type, 'unicast' for the usual routes. */
  type: RouteType | number;
  /** The gateway is taken to be on the link (`onlink`). */
  onlink: boolean;
  /** The path MTU metric (`mtu N`). */
  mtu?: number;
  /** The MTU is locked (`mtu lock N`): path MTU discovery does not lower it. Set with `mtu`. */
  mtuLock?: boolean;
  /** The advertised TCP MSS metric (`advmss N`). */
  advmss?: number;
  /** The TOS / DS field the route matches (`tos N`); 0 matches any. */
  tos: number;
  /** The hop limit (TTL) of packets sent on this route (`hoplimit N`). */
  hopLimit?: number;
  /** The realm of the destination (`realm N`, RTA_FLOW). */
  realm?: number;
  /** The realm of the source (`realms FROM/TO`). */
  realmFrom?: number;
  /** TCP's smallest retransmission timeout on this route, in ms (`rto_min 200ms`). */
  rtoMin?: number;
  /** TCP congestion control on this route (`congctl reno`). */
  congestionControl?: string;
  /** The next hops of a multipath route (`nexthop ...`). */
  multipath?: NextHop[];
}

/** One next hop of a multipath route to add. */
export interface NextHopSpec {
  /** The gateway (`nexthop via G`). */
  gateway?: string;
  /** The link it goes out of (`dev D`). */
  link?: LinkRef;
  /** 1..256, default 1. */
  weight?: number;
  /** Take the gateway to be on the link (`onlink`). */
  onlink?: boolean;
}

/** What `routes.add`, `replace`, `append` and `delete` take. */
export interface RouteSpec {
  /** 'default' or a CIDR ('10.10.40.0/24', '2001:db8::/64'); an address alone is a host route. */
  dst: string;
  /** Needed only when nothing else tells: `{ dst: 'default', link: 'iv0', family: 6 }`. Default 4. */
  family?: IpFamily;
  /** The next hop's address (`via G`). */
  gateway?: string;
  /** The link to go out of (`dev D`); enough alone for a directly connected route. */
  link?: LinkRef;
  /** Preferred source address. */
  src?: string;
  /** A table id (1..2^32-1) or 'main' (default), 'local', 'default'. */
  table?: RouteTable;
  /** The route's priority (`metric N`); lower wins. */
  metric?: number;
  /** Default as iproute2: 'link' for a unicast route without gateway, 'host' for local, else 'universe'. */
  scope?: Scope;
  /** Default 'boot' (as iproute2). */
  protocol?: RouteProtocol | number;
  /** Default 'unicast'. */
  type?: RouteType;
  /** The gateway is on the link even if no prefix says so. */
  onlink?: boolean;
  /** Path MTU metric (`mtu N`). */
  mtu?: number;
  /** Advertised TCP MSS metric (`advmss N`). */
  advmss?: number;
  /** Lock the MTU metric (`mtu lock N`): path MTU discovery does not lower it. Needs `mtu`. */
  mtuLock?: boolean;
  /** Match this TOS / DS field (`tos N`), 0..255; IPv4 takes only the TOS bits. */
  tos?: number;
  /** Hop limit (TTL) of packets on this route (`hoplimit N`), 1..255. */
  hopLimit?: number;
  /** Destination realm (`realm N`), 0..65535. */
  realm?: number;
  /** Source realm (`realms FROM/TO`), 0..65535; needs `realm`. */
  realmFrom?: number;
  /** TCP's smallest retransmission timeout on this route, in ms (`rto_min 200ms`); locked, as iproute2 does. */
  rtoMin?: number;
  /** TCP congestion control algorithm (`congctl reno`): one of net.ipv4.tcp_available_congestion_control. */
  congestionControl?: string;
  /** Next hops of a multipath route, instead of `gateway`/`link`. */
  multipath?: NextHopSpec[];
}

/** What `routes.list` takes; the kernel does the filtering. */
export interface RouteFilter {
  /** Only IPv4 or only IPv6 routes. */
  family?: IpFamily;
  /** Default 'main' (as `ip route show`); 'all' lists every table. */
  table?: RouteTable | 'all';
  /** Only routes out of this link (`dev D`). */
  link?: LinkRef;
  /** Only routes of this protocol (`proto P`). */
  protocol?: RouteProtocol | number;
  /** Only routes of this type. */
  type?: RouteType;
  /**
   * Only the route to exactly this prefix (`ip route show 10.0.0.0/24`, iproute2's `exact`). The
   * kernel takes no destination in a route dump request, even with strict checking (it answers
   * "Unsupported attribute in dump request"), so this one is applied to the kernel's answer.
   */
  dst?: string;
}

/** What `routes.get` takes besides the destination (`ip route get ADDRESS ...`). */
export interface RouteGetOptions {
  /** The source address (`from A`). */
  from?: string;
  /** As if the packet came in on this link (`iif D`; needs `from`, and forwarding for others' addresses). */
  iif?: LinkRef;
  /** As if it went out of this link (`oif D`). */
  oif?: LinkRef;
  /** The packet's firewall mark (`mark N`), for policy rules. */
  mark?: number;
  /** The socket owner's UID (`uid N`), for policy rules. */
  uid?: number;
  /** The packet's TOS / DS field (`tos N`), 0..255. */
  tos?: number;
  /** The route entry that matched, as `routes.list` shows it, instead of the resulting cache entry (`fibmatch`). */
  fibmatch?: boolean;
}

// ---- vocabulary ---------------------------------------------------------------------------------

export const TABLES: ReadonlyMap<string, number> = new Map([
  ['main', C.RT_TABLE_MAIN!], ['local', C.RT_TABLE_LOCAL!], ['default', C.RT_TABLE_DEFAULT!],
]);
export const ROUTE_TYPES: ReadonlyMap<string, number> = new Map([
  ['unicast', C.RTN_UNICAST!], ['local', C.RTN_LOCAL!], ['broadcast', C.RTN_BROADCAST!], ['anycast', C.RTN_ANYCAST!],
  ['multicast', C.RTN_MULTICAST!], ['blackhole', C.RTN_BLACKHOLE!], ['unreachable', C.RTN_UNREACHABLE!],
  ['prohibit', C.RTN_PROHIBIT!], ['throw', C.RTN_THROW!], ['nat', C.RTN_NAT!], ['xresolve', C.RTN_XRESOLVE!],
]);
/** RTPROT_KERNEL -> 'kernel', ...: every RTPROT_* the addon was built with, named as iproute2 names them. */
export const PROTOCOLS: ReadonlyMap<string, number> = new Map(
  Object.entries(C).filter(([k]) => k.startsWith('RTPROT_')).map(([k, n]) => [k.slice(7).toLowerCase(), n]),
);
const TABLE_NAMES = new Map([...TABLES].map(([k, n]) => [n, k]));
const TYPE_NAMES = new Map([...ROUTE_TYPES].map(([k, n]) => [n, k as RouteType]));
export const PROTOCOL_NAMES = new Map([...PROTOCOLS].map(([k, n]) => [n, k as RouteProtocol]));

/** A table by name ('main', 'local', 'default') or id (1..2^32-1). */
export function table(field: string, value: unknown): number {
  if (typeof value === 'number') return v.integer(field, value, 1, 2 ** 32 - 1);
  return v.oneOf(field, value, TABLES);
}

/** A route protocol by name ('static', 'boot', ...) or number (0..255). */
export function protocol(field: string, value: unknown): number {
  if (typeof value === 'number') return v.integer(field, value, 0, 255);
  return v.oneOf(field, value, PROTOCOLS);
}

// ---- requests -----------------------------------------------------------------------------------

const SPEC_KEYS = [
  'dst', 'family', 'gateway', 'link', 'src', 'table', 'metric', 'scope', 'protocol', 'type', 'onlink',
  'mtu', 'advmss', 'mtuLock', 'tos', 'hopLimit', 'realm', 'realmFrom', 'rtoMin', 'congestionControl', 'multipath',
] as const;

// The next hops' links of a route without multipath: none (one array for all such routes, never written).
const NO_HOPS: (LinkRef | undefined)[] = [];

/** A validated spec: the request, and the links still to be resolved to indexes. */
interface Checked {
  req: NativeRouteRequest;
  link?: LinkRef;
  hopLinks: (LinkRef | undefined)[];
}

/**
 * Validates a spec (every check that needs no syscall). `del`: as `ip route del`, only what is given
 * narrows the match, and no defaults but the table.
 */
function checkSpec(spec: unknown, del: boolean): Checked {
  const s = v.object<Record<string, unknown>>('spec', spec);
  v.knownKeys('spec', s, SPEC_KEYS);
  const req: NativeRouteRequest = {};
  // The family: from spec.family, dst, the gateway or the source (they must agree), else IPv4.
  let family: IpFamily | undefined = s.family === undefined ? undefined : familyOption('spec.family', s.family);
  let from = 'spec.family';
  const famFrom = (ip: { family: IpFamily }, field: string, value: unknown, what = 'address'): void => {
    if (family !== undefined && ip.family !== family) {
      throw rangeError(field, `an IPv${family} ${what}, as ${from} is IPv${family}`, value);
    }
    if (family === undefined) {
      family = ip.family;
      from = field;
    }
  };
  if (s.dst === undefined) throw typeError('spec.dst', "'default' or a CIDR", s.dst);
  if (s.dst !== 'default') {
    const d = cidr('spec.dst', s.dst, { bare: true });
    famFrom(d, 'spec.dst', s.dst, 'CIDR');
    req.dstLength = d.prefixLength;
    if (d.prefixLength > 0) req.dst = d.bytes;
  } else {
    req.dstLength = 0;
  }
  if (s.gateway !== undefined) {
    const g = repeatedIpAddress('spec.gateway', s.gateway);
    // An IPv6 next hop of an IPv4 route (`via inet6 G`, RTA_VIA; kernel 5.2+).
    if (family === 4 && g.family === 6) req.via = { family: AF[6], address: g.bytes };
    else {
      famFrom(g, 'spec.gateway', s.gateway);
      req.gateway = g.bytes;
    }
  }
  if (s.src !== undefined) {
    const p = ipAddress('spec.src', s.src);
    famFrom(p, 'spec.src', s.src);
    req.prefsrc = p.bytes;
  }
  let hopLinks: (LinkRef | undefined)[] = NO_HOPS;
  if (s.multipath !== undefined) {
    hopLinks = [];
    if (!Array.isArray(s.multipath)) throw typeError('spec.multipath', 'an array of next hops', s.multipath);
    if (s.multipath.length === 0) throw rangeError('spec.multipath', 'at least one next hop', s.multipath);
    if (s.gateway !== undefined || s.link !== undefined) {
      throw typeError('spec', 'either gateway/link or multipath, not both', 'gateway/link and multipath');
    }
    // Array.from visits holes (map skips them): a sparse array is refused by index too.
    req.multipath = Array.from(s.multipath as unknown[], (hop, i) => {
      const field = `spec.multipath[${i}]`;
      const h = v.object<Record<string, unknown>>(field, hop);
      v.knownKeys(field, h, ['gateway', 'link', 'weight', 'onlink']);
      if (h.gateway === undefined && h.link === undefined) throw typeError(field, 'a next hop with a gateway or a link', hop);
      const r: NonNullable<NativeRouteRequest['multipath']>[number] = {};
      if (h.gateway !== undefined) {
        const g = ipAddress(`${field}.gateway`, h.gateway);
        famFrom(g, `${field}.gateway`, h.gateway);
        r.gateway = g.bytes;
      }
      if (h.link !== undefined) v.ifnameOrIndex(`${field}.link`, h.link);
      hopLinks.push(h.link as LinkRef | undefined);
      r.weight = h.weight === undefined ? 1 : v.integer(`${field}.weight`, h.weight, 1, 256);
      if (h.onlink !== undefined && v.boolean(`${field}.onlink`, h.onlink)) r.flags = C.RTNH_F_ONLINK!;
      return r;
    });
  }
  family ??= 4;
  req.family = AF[family];
  if (s.link !== undefined) v.ifnameOrIndex('spec.link', s.link);
  if (s.metric !== undefined) req.priority = v.integer('spec.metric', s.metric, 0, 2 ** 32 - 1);
  if (s.onlink !== undefined && v.boolean('spec.onlink', s.onlink)) req.flags = C.RTNH_F_ONLINK!;
  const m: NonNullable<NativeRouteRequest['metrics']> = {};
  // Most routes set no metric: the object is then left out unread (no Object.keys per route).
  const metrics = s.mtu !== undefined || s.advmss !== undefined || s.hopLimit !== undefined || s.rtoMin !== undefined ||
    s.congestionControl !== undefined || s.mtuLock !== undefined;
  if (s.mtu !== undefined) m.mtu = v.integer('spec.mtu', s.mtu, 1, 2 ** 31 - 1);
  if (s.advmss !== undefined) m.advmss = v.integer('spec.advmss', s.advmss, 1, 2 ** 31 - 1);
  if (s.hopLimit !== undefined) m.hoplimit = v.integer('spec.hopLimit', s.hopLimit, 1, 255);
  if (s.rtoMin !== undefined) m.rtoMin = v.integer('spec.rtoMin', s.rtoMin, 1, 2 ** 31 - 1);
  if (s.congestionControl !== undefined) {
    const cc = v.string('spec.congestionControl', s.congestionControl);
    // TCP_CA_NAME_MAX is 16 bytes with the NUL.
    if (!/^[\w.-]{1,15}$/.test(cc)) throw rangeError('spec.congestionControl', 'an algorithm name such as \'reno\' or \'cubic\'', cc);
    m.congestion = cc;
  }
  if (s.mtuLock !== undefined && v.boolean('spec.mtuLock', s.mtuLock)) {
    if (m.mtu === undefined) throw typeError('spec.mtu', 'the MTU to lock (mtuLock needs mtu)', s.mtu);
    m.lock = 1 << C.RTAX_MTU!;
  }
  // iproute2 locks rto_min (TCP uses it only when locked).
  if (m.rtoMin !== undefined) m.lock = (m.lock ?? 0) | (1 << C.RTAX_RTO_MIN!);
  if (metrics && Object.keys(m).length > 0) req.metrics = m;
  if (s.tos !== undefined) req.tos = v.integer('spec.tos', s.tos, 0, 255);
  if (s.realmFrom !== undefined && s.realm === undefined) throw typeError('spec.realm', 'the destination realm (realmFrom needs realm)', s.realm);
  if (s.realm !== undefined) {
    const to = v.integer('spec.realm', s.realm, 0, 0xffff);
    const from = s.realmFrom === undefined ? 0 : v.integer('spec.realmFrom', s.realmFrom, 0, 0xffff);
    req.flow = ((from << 16) | to) >>> 0;
  }
  if (s.type !== undefined) req.type = v.oneOf('spec.type', s.type, ROUTE_TYPES);
  if (s.protocol !== undefined) req.protocol = protocol('spec.protocol', s.protocol);
  if (s.scope !== undefined) req.scope = scope('spec.scope', s.scope);
  if (s.table !== undefined) req.table = table('spec.table', s.table);
  // iproute2's defaults (ip/iproute.c, iproute_modify).
  const type = req.type ?? C.RTN_UNICAST!;
  const toLocal = type === C.RTN_LOCAL || type === C.RTN_BROADCAST || type === C.RTN_NAT || type === C.RTN_ANYCAST;
  req.table ??= toLocal ? C.RT_TABLE_LOCAL! : C.RT_TABLE_MAIN!;
  if (!del) {
    req.type = type;
    req.protocol ??= C.RTPROT_BOOT!;
  }
  if (req.scope === undefined) {
    if (type === C.RTN_LOCAL || type === C.RTN_NAT) req.scope = C.RT_SCOPE_HOST!;
    else if (type === C.RTN_BROADCAST || type === C.RTN_MULTICAST || type === C.RTN_ANYCAST) req.scope = C.RT_SCOPE_LINK!;
    else if (type === C.RTN_UNICAST && del) req.scope = C.RT_SCOPE_NOWHERE!;
    else if (type === C.RTN_UNICAST && req.gateway === undefined && req.multipath === undefined) req.scope = C.RT_SCOPE_LINK!;
    else req.scope = C.RT_SCOPE_UNIVERSE!;
  }
  return { req, link: s.link as LinkRef | undefined, hopLinks };
}

/**
 * Checks a route spec as `routes.add` would, without sending it: throws the same TypeError/RangeError,
 * its field named under `field` instead of `spec`. Resolves the family (4 or 6).
 */
export function checkRouteSpec(field: string, spec: unknown): IpFamily {
  try {
    return checkSpec(spec, false).req.family === AF[6] ? 6 : 4;
  } catch (e) {
    if ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith('spec')) e.message = field + e.message.slice(4);
    throw e;
  }
}

/** The family a filter names, for the kernel's dump header. */
function filterRequest(filter: unknown): { req: NativeRouteRequest; family?: IpFamily; link?: LinkRef; all: boolean; dst?: { length: number; bytes: Uint8Array } } {
  const f = v.object<Record<string, unknown>>('filter', filter);
  v.knownKeys('filter', f, ['family', 'table', 'link', 'protocol', 'type', 'dst']);
  let family = f.family === undefined ? undefined : familyOption('filter.family', f.family);
  let dst: { length: number; bytes: Uint8Array } | undefined;
  if (f.dst === 'default') dst = { length: 0, bytes: new Uint8Array(0) };
  else if (f.dst !== undefined) {
    const d = cidr('filter.dst', f.dst, { bare: true, family });
    family ??= d.family;
    // The kernel keeps a prefix with its host bits cleared.
    dst = { length: d.prefixLength, bytes: hostBits(d.bytes, d.prefixLength, false) };
  }
  const req: NativeRouteRequest = { family: family === undefined ? C.AF_UNSPEC! : AF[family] };
  const all = f.table === 'all';
  if (!all) req.table = f.table === undefined ? C.RT_TABLE_MAIN! : table('filter.table', f.table);
  if (f.protocol !== undefined) req.protocol = protocol('filter.protocol', f.protocol);
  if (f.type !== undefined) req.type = v.oneOf('filter.type', f.type, ROUTE_TYPES);
  if (f.link !== undefined) v.ifnameOrIndex('filter.link', f.link);
  return { req, family, link: f.link as LinkRef | undefined, all, dst };
}

/** Whether a route's destination is exactly this prefix. */
function sameDst(r: NativeRoute, dst: { length: number; bytes: Uint8Array }): boolean {
  if (r.dstLength !== dst.length) return false;
  if (dst.length === 0) return true;
  return r.dst !== undefined && Buffer.from(ipAddress('dst', r.dst).bytes).equals(dst.bytes);
}

// ---- decoding -----------------------------------------------------------------------------------

/** Maps a native route to the public one; `nameOf` names links. Undefined for other families. */
export function toRoute(raw: NativeRoute, nameOf: (index: number) => string | undefined): Route | undefined {
  const family = ipFamily(raw.family);
  if (family === undefined) return undefined;
  const r: Route = {
    family,
    dst: raw.dstLength === 0 ? 'default' : `${raw.dst ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.dstLength}`,
    table: raw.table,
    tos: raw.tos,
    scope: scopeName(raw.scope),
    protocol: nameOr(PROTOCOL_NAMES, raw.protocol),
    type: nameOr(TYPE_NAMES, raw.type),
    onlink: raw.onlink,
  };
  if (raw.gateway !== undefined) r.gateway = raw.gateway;
  if (raw.linkIndex !== undefined) {
    r.linkIndex = raw.linkIndex;
    const n = nameOf(raw.linkIndex);
    if (n !== undefined) r.link = n;
  }
  if (raw.src !== undefined) r.src = raw.src;
  if (raw.metric !== undefined) r.metric = raw.metric;
  if (raw.mtu !== undefined) {
    r.mtu = raw.mtu;
    r.mtuLock = ((raw.lock ?? 0) & (1 << C.RTAX_MTU!)) !== 0;
  }
  if (raw.advmss !== undefined) r.advmss = raw.advmss;
  if (raw.hoplimit !== undefined) r.hopLimit = raw.hoplimit;
  if (raw.rtoMin !== undefined) r.rtoMin = raw.rtoMin;
  if (raw.congestion !== undefined) r.congestionControl = raw.congestion;
  if (raw.flow !== undefined) {
    if (raw.flow & 0xffff) r.realm = raw.flow & 0xffff;
    if (raw.flow >>> 16) r.realmFrom = raw.flow >>> 16;
  }
  if (raw.multipath !== undefined) {
    r.multipath = raw.multipath.map((h) => {
      const hop: NextHop = { linkIndex: h.linkIndex, weight: h.weight, onlink: h.onlink };
      if (h.gateway !== undefined) hop.gateway = h.gateway;
      const n = nameOf(h.linkIndex);
      if (n !== undefined) hop.link = n;
      return hop;
    });
  }
  return r;
}

/** The indexes of the links a route goes out of (its own and its next hops'). */
function routeLinks(r: NativeRoute): number[] {
  const out = r.linkIndex === undefined ? [] : [r.linkIndex];
  for (const h of r.multipath ?? []) out.push(h.linkIndex);
  return out;
}

// ---- the family on one handle -------------------------------------------------------------------

/** Routes: `ip route` on one handle. */
export class Routes {
  readonly #h: FamilyContext;
  /** @internal Use `handle.routes`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists routes of the main table (by default), of another table or of all; the kernel filters by
   * family, table, link, protocol and type, rtnl by destination.
   *
   * Equivalent to: `ip [-4|-6] route show [table main|all|ID] [dev NAME] [proto P] [type T] [PREFIX]`
   */
  async list(filter: RouteFilter = {}): Promise<Route[]> {
    const { req, family, link, all, dst } = filterRequest(filter);
    if (link !== undefined) req.oif = (await this.#h.links.resolveLink('filter.link', link)).index;
    let raw: NativeRoute[];
    try {
      raw = (await this.#h.request(C.RTM_GETROUTE!, C.NLM_F_DUMP!, req)) as NativeRoute[];
    } catch (e) {
      // An IPv4 dump of a table that does not exist (yet) is refused; it holds no routes.
      if (e instanceof NetlinkError && e.code === 'ENOENT' && req.table !== undefined) return [];
      throw e;
    }
    // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
    raw = raw.filter((r) =>
      (family === undefined || r.family === AF[family]) && (all || r.table === req.table) &&
      (req.oif === undefined || r.linkIndex === req.oif || (r.multipath ?? []).some((h) => h.linkIndex === req.oif)) &&
      (req.protocol === undefined || r.protocol === req.protocol) && (req.type === undefined || r.type === req.type) &&
      (dst === undefined || sameDst(r, dst)) && (r.flags & C.RTM_F_CLONED!) === 0);
    const names = await linkNames(this.#h, raw.flatMap(routeLinks));
    return raw.flatMap((r) => toRoute(r, (i) => names.get(i)) ?? []);
  }

  /**
   * The route the kernel would take to `destination`, for a packet from `from`, in on `iif`, out
   * of `oif`, with `mark`, `uid` and `tos`; with `fibmatch`, the route entry that matched.
   *
   * Equivalent to: `ip route get ADDRESS [from A] [iif D] [oif D] [mark N] [uid N] [tos T] [fibmatch]`
   */
  async get(destination: string, options: RouteGetOptions = {}): Promise<Route> {
    const d = ipAddress('destination', destination);
    const o = v.object<Record<string, unknown>>('options', options);
    v.knownKeys('options', o, ['from', 'iif', 'oif', 'mark', 'uid', 'tos', 'fibmatch']);
    const req: NativeRouteRequest = { family: AF[d.family], dstLength: d.family === 4 ? 32 : 128, dst: d.bytes };
    if (o.from !== undefined) {
      const f = ipAddress('options.from', o.from, d.family);
      req.src = f.bytes;
      req.srcLength = req.dstLength;
    }
    if (o.iif !== undefined) v.ifnameOrIndex('options.iif', o.iif);
    if (o.oif !== undefined) v.ifnameOrIndex('options.oif', o.oif);
    if (o.mark !== undefined) req.mark = v.integer('options.mark', o.mark, 0, 2 ** 32 - 1);
    if (o.uid !== undefined) req.uid = v.integer('options.uid', o.uid, 0, 2 ** 32 - 2);
    if (o.tos !== undefined) req.tos = v.integer('options.tos', o.tos, 0, 255);
    if (o.fibmatch !== undefined && v.boolean('options.fibmatch', o.fibmatch)) req.flags = C.RTM_F_FIB_MATCH!;
    if (o.iif !== undefined) req.iif = (await this.#h.links.resolveLink('options.iif', o.iif as LinkRef)).index;
    if (o.oif !== undefined) req.oif = (await this.#h.links.resolveLink('options.oif', o.oif as LinkRef)).index;
    const [raw] = (await this.#h.request(C.RTM_GETROUTE!, 0, req)) as NativeRoute[];
    const names = await linkNames(this.#h, raw ? routeLinks(raw) : []);
    const r = raw && toRoute(raw, (i) => names.get(i));
    if (!r) throw new NetlinkError(osConstants.errno.EPROTO, C.RTM_GETROUTE!, 'the kernel answered without a route');
    return r;
  }

  /**
   * Adds a route; rejects with EEXIST when the table has it already.
   *
   * Equivalent to: `ip route add default via 172.16.10.1`, `ip route add default dev iv0`,
   * `ip route add 10.10.40.0/24 via 172.16.10.3 [dev D] [src S] [table T] [metric M] [scope S]
   * [proto P] [onlink] [tos T] [mtu [lock] N] [advmss N] [hoplimit N] [realms [FROM/]TO]
   * [rto_min Nms] [congctl NAME]`, `ip route add 10.10.50.0/24 via inet6 fe80::1 dev D`,
   * `ip route add blackhole 10.0.0.0/8`,
   * `ip route add default nexthop via A weight 1 nexthop via B weight 2`
   */
  add(spec: RouteSpec): Promise<void> {
    return this.#write(C.RTM_NEWROUTE!, C.NLM_F_CREATE! | C.NLM_F_EXCL!, spec, false);
  }

  /**
   * Adds a route, or replaces the one with the same destination, table, metric (and IPv4: tos).
   *
   * Equivalent to: `ip route replace ...`
   */
  replace(spec: RouteSpec): Promise<void> {
    return this.#write(C.RTM_NEWROUTE!, C.NLM_F_CREATE! | C.NLM_F_REPLACE!, spec, false);
  }

  /**
   * Changes the route with the same destination, table, metric (and IPv4: tos); rejects with ENOENT
   * when there is none (it creates nothing).
   *
   * Equivalent to: `ip route change ...`
   */
  change(spec: RouteSpec): Promise<void> {
    return this.#write(C.RTM_NEWROUTE!, C.NLM_F_REPLACE!, spec, false);
  }

  /**
   * Adds a route after those with the same destination (IPv6: as another next hop of it).
   *
   * Equivalent to: `ip route append ...`
   */
  append(spec: RouteSpec): Promise<void> {
    return this.#write(C.RTM_NEWROUTE!, C.NLM_F_CREATE! | C.NLM_F_APPEND!, spec, false);
  }

  /**
   * Deletes a route; what the spec gives narrows which one. Rejects with ESRCH when none matches.
   *
   * Equivalent to: `ip route del 10.10.40.0/24 [via G] [dev D] [table T] [metric M]`
   */
  delete(spec: RouteSpec): Promise<void> {
    return this.#write(C.RTM_DELROUTE!, 0, spec, true);
  }

  // Not async: a route without link names to look up (the common case in bulk) goes out in this
  // call, and its promise is the request's own, without the extra turns of an async wrapper.
  #write(type: number, flags: number, spec: RouteSpec, del: boolean): Promise<void> {
    let checked: Checked;
    try {
      checked = checkSpec(spec, del);
    } catch (e) {
      return Promise.reject(e);
    }
    const { req, link, hopLinks } = checked;
    const tableId = req.table!;
    // The refusal told in the user's terms: on the error path only (no extra promise per route). It
    // keeps the table's id, not the request: the request is garbage once packed.
    const explain = (e: unknown): Promise<never> => {
      const where = describeNetns(this.#h.netns);
      const table = TABLE_NAMES.get(tableId) ?? tableId;
      // `change` (replace without create) finds no route to change.
      if (flags === C.NLM_F_REPLACE && e instanceof NetlinkError && e.code === 'ENOENT') {
        return Promise.reject(withDetail(e, `no route ${spec.dst} to change in table ${table} of ${where}`));
      }
      return Promise.reject(explainRefusal(e, where, `route ${spec.dst} already exists in table ${table} of ${where}`));
    };
    if (link === undefined && hopLinks.every((l) => l === undefined)) return this.#h.request(type, flags, req).then(nothing, explain);
    return this.#resolveAndWrite(type, flags, req, link, hopLinks).catch(explain);
  }

  async #resolveAndWrite(type: number, flags: number, req: NativeRouteRequest, link: LinkRef | undefined, hopLinks: (LinkRef | undefined)[]): Promise<void> {
    if (link !== undefined) req.oif = (await this.#h.links.resolveLink('spec.link', link)).index;
    for (const [i, l] of hopLinks.entries()) {
      if (l !== undefined) req.multipath![i]!.oif = (await this.#h.links.resolveLink(`spec.multipath[${i}].link`, l)).index;
    }
    await this.#h.request(type, flags, req);
  }
}
