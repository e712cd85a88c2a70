// The link kinds whose options are plain attributes (vxlan, geneve, the GRE and IP tunnels, vrf, bond,
// tun/tap, ifb) and the bond port: each is one declarative table of fields, from which one validator
// builds the native request and one decoder names the kernel's reply. native/link.cc holds the
// matching attribute tables (native/attrspec.h). Names are `ip -d -j link show`'s info_data keys,
// camelCased.
import { C, native, type NativeAttrs, type NativeAttrsRequest, type NativeLink } from './binding.js';
import { rangeError, typeError } from './errors.js';
import { ipAddress, type IpFamily } from './inet.js';
import type { LinkRef } from './link.js';
import { describeNetns, openNetnsFd, type NetnsRef } from './netns.js';
import * as v from './validate.js';

// ---- public types -------------------------------------------------------------------------------

/** vxlan/geneve don't-fragment handling (`df unset|set|inherit`). */
export type TunnelDf = 'unset' | 'set' | 'inherit';
/** A UDP source port range (`srcport LOW HIGH`). */
export interface PortRange {
  /** The lowest source port. */
  low: number;
  /** The highest source port. */
  high: number;
}

/** A vxlan's options and details (`ip link add NAME type vxlan id ID ...`). */
export interface VxlanOptions {
  /** The VNI, 0..16777215 (`id`). */
  id?: number;
  /** The unicast remote endpoint, IPv4 or IPv6 (`remote`). */
  remote?: string;
  /** The multicast group, IPv4 or IPv6 (`group`); needs `parent`. */
  group?: string;
  /** The local endpoint (`local`). */
  local?: string;
  /** The destination UDP port (`dstport`); the kernel's default is 8472. */
  port?: number;
  /** The UDP source port range (`srcport LOW HIGH`). */
  portRange?: PortRange;
  /** The outer TTL (`ttl`); 0 leaves it to the route. */
  ttl?: number;
  /** The outer TTL is copied from the inner packet (`ttl inherit`). */
  ttlInherit?: boolean;
  /** The outer TOS (`tos`); 1 means inherit. */
  tos?: number;
  /** Don't-fragment bit of the outer IPv4 header (`df`). */
  df?: TunnelDf;
  /** The IPv6 flow label (`flowlabel`), 0..0xfffff. */
  label?: number;
  /** Learn remote MACs (`[no]learning`); the kernel's default is on. */
  learning?: boolean;
  /** ARP/ND proxy (`[no]proxy`). */
  proxy?: boolean;
  /** Route short-circuit (`[no]rsc`). */
  rsc?: boolean;
  /** Netlink notifications for L2 misses (`[no]l2miss`). */
  l2miss?: boolean;
  /** Netlink notifications for L3 misses (`[no]l3miss`). */
  l3miss?: boolean;
  /** UDP checksums over IPv4 (`[no]udpcsum`). */
  udpCsum?: boolean;
  /** Zero UDP checksums sent over IPv6 (`[no]udp6zerocsumtx`). */
  udpZeroCsum6Tx?: boolean;
  /** Zero UDP checksums accepted over IPv6 (`[no]udp6zerocsumrx`). */
  udpZeroCsum6Rx?: boolean;
  /** Group Based Policy extension (`gbp`). */
  gbp?: boolean;
  /** Collect metadata mode (`external`): the endpoint comes from the route or tc. */
  external?: boolean;
  /** FDB entry lifetime in seconds (`ageing`). */
  ageing?: number;
  /** The most FDB entries (`maxaddress`); 0 is no limit. */
  limit?: number;
}
/** A vxlan's details as read back. */
export type VxlanInfo = VxlanOptions;

/** A geneve's options and details (`ip link add NAME type geneve id ID remote ADDR`). */
export interface GeneveOptions {
  /** The VNI, 0..16777215 (`id`). */
  id?: number;
  /** The remote endpoint, IPv4 or IPv6 (`remote`). */
  remote?: string;
  /** The outer TTL (`ttl`). */
  ttl?: number;
  /** The outer TTL is copied from the inner packet (`ttl inherit`). */
  ttlInherit?: boolean;
  /** The outer TOS (`tos`). */
  tos?: number;
  /** Don't-fragment bit of the outer IPv4 header (`df`). */
  df?: TunnelDf;
  /** The IPv6 flow label (`flowlabel`). */
  label?: number;
  /** The destination UDP port (`dstport`), default 6081. */
  port?: number;
  /** Collect metadata mode (`external`). */
  external?: boolean;
  /** UDP checksums over IPv4 (`[no]udpcsum`). */
  udpCsum?: boolean;
  /** Zero UDP checksums sent over IPv6. */
  udpZeroCsum6Tx?: boolean;
  /** Zero UDP checksums accepted over IPv6. */
  udpZeroCsum6Rx?: boolean;
}
/** A geneve's details as read back. */
export type GeneveInfo = GeneveOptions;

/** What GRE tunnels (gre, gretap, ip6gre, ip6gretap) and IP tunnels (ipip, sit, ip6tnl) share. */
export interface TunnelOptions {
  /** The local endpoint (`local`). */
  local?: string;
  /** The remote endpoint (`remote`). */
  remote?: string;
  /** The outer TTL or hop limit (`ttl`/`hoplimit`); 0 inherits. */
  ttl?: number;
  /** Collect metadata mode (`external`). */
  external?: boolean;
}
/** IPv4-outer tunnels: gre, gretap, ipip, sit. */
export interface Tunnel4Options extends TunnelOptions {
  /** The outer TOS (`tos`); 1 inherits. */
  tos?: number;
  /** Path MTU discovery (`[no]pmtudisc`), default on. */
  pmtudisc?: boolean;
}
/** IPv6-outer tunnels: ip6gre, ip6gretap, ip6tnl. */
export interface Tunnel6Options extends TunnelOptions {
  /** The encapsulation limit (`encaplimit N|none`). */
  encapLimit?: number | 'none';
  /** The flow label (`flowlabel`), 0..0xfffff. */
  flowlabel?: number;
  /** The traffic class (`tclass`), 0..255. */
  tclass?: number;
}
/** GRE keys, checksums and sequence numbers; `key`, `csum`, `seq` set both directions. */
export interface GreKeyOptions {
  /** Both keys (`key N`). */
  key?: number;
  /** The key expected on received packets (`ikey N`), a number (ip prints it as a dotted quad). */
  ikey?: number;
  /** The key put on sent packets (`okey N`). */
  okey?: number;
  /** Checksums both ways (`csum`). */
  csum?: boolean;
  /** Checksums required on received packets (`icsum`). */
  icsum?: boolean;
  /** Checksums on sent packets (`ocsum`). */
  ocsum?: boolean;
  /** Sequence numbers both ways (`seq`). */
  seq?: boolean;
  /** Sequence numbers required on received packets (`iseq`). */
  iseq?: boolean;
  /** Sequence numbers on sent packets (`oseq`). */
  oseq?: boolean;
}
/** A GRE tunnel's details as read back (gre, gretap; ip6gre and ip6gretap without tos/pmtudisc). */
export interface GreInfo extends Tunnel4Options, Tunnel6Options {
  /** The received key, when keyed. */
  ikey?: number;
  /** The sent key, when keyed. */
  okey?: number;
  /** Checksums required on received packets. */
  icsum: boolean;
  /** Checksums on sent packets. */
  ocsum: boolean;
  /** Sequence numbers required on received packets. */
  iseq: boolean;
  /** Sequence numbers on sent packets. */
  oseq: boolean;
}
/** The inner protocols of IP tunnels (`mode`, as ip -j prints them): 'ipip', 'mplsip', 'ip6ip' (sit), 'ip6ip6'/'ipip6' (ip6tnl), 'any'. */
export type TunnelProto = 'any' | 'ipip' | 'mplsip' | 'ip6ip' | 'ip6ip6' | 'ipip6';
/** An IP tunnel's details as read back (ipip, sit, ip6tnl). */
export interface IptunInfo extends Tunnel4Options, Tunnel6Options {
  /** The inner protocol (`mode`). */
  proto: TunnelProto;
}

/** A VRF's options and details (`ip link add NAME type vrf table N`). */
export interface VrfOptions {
  /** The routing table of the VRF, 1..2^32-1. */
  table: number;
}
/** A VRF's details. */
export type VrfInfo = VrfOptions;

/** Bond modes (`mode`). */
export type BondMode = 'balance-rr' | 'active-backup' | 'balance-xor' | 'broadcast' | '802.3ad' | 'balance-tlb' | 'balance-alb';
/** Bond transmit hash policies (`xmit_hash_policy`). */
export type BondXmitHashPolicy = 'layer2' | 'layer3+4' | 'layer2+3' | 'encap2+3' | 'encap3+4' | 'vlan+srcmac';
/** A bond's options and details (`ip link add NAME type bond mode MODE ...`). */
export interface BondOptions {
  /** The bonding mode (`mode`), default 'balance-rr'. */
  mode?: BondMode;
  /** The active port (`active_slave`), active-backup and the tlb/alb modes. */
  activeSlave?: LinkRef;
  /** MII link monitoring interval in ms (`miimon`). */
  miimon?: number;
  /** Delay in ms before a port that came up is used (`updelay`). */
  updelay?: number;
  /** Delay in ms before a port that went down is dropped (`downdelay`). */
  downdelay?: number;
  /** Delay in ms between peer notifications (`peer_notify_delay`). */
  peerNotifyDelay?: number;
  /** Carrier state for miimon (`use_carrier`). */
  useCarrier?: boolean;
  /** ARP monitoring interval in ms (`arp_interval`). */
  arpInterval?: number;
  /** ARP monitoring targets (`arp_ip_target`), IPv4. */
  arpIpTarget?: string[];
  /** NS monitoring targets (`ns_ip6_target`), IPv6. */
  nsIp6Target?: string[];
  /** ARP validation (`arp_validate`). */
  arpValidate?: 'none' | 'active' | 'backup' | 'all' | 'filter' | 'filter_active' | 'filter_backup';
  /** Which ARP targets must answer (`arp_all_targets`). */
  arpAllTargets?: 'any' | 'all';
  /** Missed ARP/NS monitor answers before a port is down (`arp_missed_max`). */
  arpMissedMax?: number;
  /** The preferred port (`primary`). */
  primary?: LinkRef;
  /** When the primary becomes active again (`primary_reselect`). */
  primaryReselect?: 'always' | 'better' | 'failure';
  /** MAC handling on failover (`fail_over_mac`). */
  failOverMac?: 'none' | 'active' | 'follow';
  /** The transmit hash policy (`xmit_hash_policy`). */
  xmitHashPolicy?: BondXmitHashPolicy;
  /** IGMP reports sent after a failover (`resend_igmp`). */
  resendIgmp?: number;
  /** Peer notifications after a failover (`num_grat_arp`). */
  numPeerNotif?: number;
  /** Deliver frames received on inactive ports (`all_slaves_active`). */
  allSlavesActive?: boolean;
  /** Ports that must be up for the bond to have carrier (`min_links`). */
  minLinks?: number;
  /** Learning packet interval in seconds (`lp_interval`). */
  lpInterval?: number;
  /** Packets sent on a port before the next, balance-rr (`packets_per_slave`). */
  packetsPerSlave?: number;
  /** LACP rate (`lacp_rate`). */
  adLacpRate?: 'slow' | 'fast';
  /** LACP active (`lacp_active`). */
  adLacpActive?: 'off' | 'on';
  /** Aggregator selection (`ad_select`). */
  adSelect?: 'stable' | 'bandwidth' | 'count';
  /** LACP system priority (`ad_actor_sys_prio`). */
  adActorSysPrio?: number;
  /** LACP user port key (`ad_user_port_key`). */
  adUserPortKey?: number;
  /** LACP system MAC (`ad_actor_system`). */
  adActorSystem?: string;
  /** Dynamic transmit load balancing, balance-tlb (`tlb_dynamic_lb`). */
  tlbDynamicLb?: boolean;
}
/** A bond's details as read back: ports (`primary`, `activeSlave`) by name when in this namespace, else by index. */
export type BondInfo = BondOptions;

/** A bond port's details (`ip -d link show PORT`'s info_slave_data). */
export interface BondPortInfo {
  /** 'ACTIVE' or 'BACKUP'. */
  state: 'ACTIVE' | 'BACKUP';
  /** The MII status: 'UP', 'GOING_DOWN', 'DOWN', 'GOING_BACK'. */
  miiStatus: 'UP' | 'GOING_DOWN' | 'DOWN' | 'GOING_BACK';
  /** How many times the port's link failed. */
  linkFailureCount: number;
  /** The port's own MAC, before the bond changed it. */
  permHwaddr?: string;
  /** The port's queue id (`queue_id`). */
  queueId: number;
  /** The port's priority for failover (`prio`), kernel 6.0+. */
  prio?: number;
  /** 802.3ad: the aggregator the port is in. */
  adAggregatorId?: number;
  /** 802.3ad: the actor's operational port state bits. */
  adActorOperPortState?: number;
  /** 802.3ad: the partner's operational port state bits. */
  adPartnerOperPortState?: number;
}
/** What `links.set(port, { bondPort })` changes (`ip link set PORT type bond_slave ...`). */
export interface BondPortChanges {
  /** The port's queue id (`queue_id`). */
  queueId?: number;
  /** The port's failover priority (`prio`), kernel 6.0+. */
  prio?: number;
}

/** tun or tap. */
export type TunType = 'tun' | 'tap';
/** A tun/tap device's options (`ip tuntap add NAME mode tun|tap ...`). */
export interface TunOptions {
  /** 'tun' (IP packets) or 'tap' (Ethernet frames). */
  type: TunType;
  /** The user id allowed to attach (`user`). */
  user?: number;
  /** The group id allowed to attach (`group`). */
  group?: number;
  /** Packet information header (`pi`), default false as `ip tuntap` makes them. */
  pi?: boolean;
  /** virtio-net header (`vnet_hdr`). */
  vnetHdr?: boolean;
  /** Several queues (`multi_queue`). */
  multiQueue?: boolean;
}
/** A tun/tap device's details as read back. */
export interface TunInfo extends Required<Omit<TunOptions, 'user' | 'group'>> {
  /** The owner's user id, when set. */
  user?: number;
  /** The owner's group id, when set. */
  group?: number;
  /** Persistent (`ip tuntap add` makes them so). */
  persist: boolean;
  /** Queues attached now. */
  numqueues?: number;
  /** Queues disabled now. */
  numdisabled?: number;
}

// ---- the declarative field tables -----------------------------------------------------------------

type Field =
  | { t: 'int'; max: number }
  | { t: 'bool' }
  | { t: 'ip'; family?: IpFamily }
  | { t: 'ips'; family: IpFamily }
  | { t: 'mac' }
  | { t: 'range' }
  | { t: 'link' }
  | { t: 'enum'; values: ReadonlyMap<string, number> };

const u8: Field = { t: 'int', max: 255 };
const u16: Field = { t: 'int', max: 65535 };
const u32: Field = { t: 'int', max: 2 ** 32 - 1 };
const bool: Field = { t: 'bool' };
const ip: Field = { t: 'ip' };
const vni: Field = { t: 'int', max: 2 ** 24 - 1 };
const label: Field = { t: 'int', max: 0xfffff };
const enumOf = (entries: [string, number][]): Field => ({ t: 'enum', values: new Map(entries) });
// Values of the kernel's option tables (drivers/net/bonding/bond_options.c) not in the UAPI headers:
// their order there, which is their number on the wire.
const ordinal = (...names: string[]): Field => enumOf(names.map((n, i) => [n, i]));
const df = enumOf([['unset', C.VXLAN_DF_UNSET!], ['set', C.VXLAN_DF_SET!], ['inherit', C.VXLAN_DF_INHERIT!]]);

type Fields = Record<string, Field>;

const VXLAN_FIELDS: Fields = {
  id: vni, remote: ip, group: ip, local: ip, port: u16, portRange: { t: 'range' }, ttl: u8, ttlInherit: bool, tos: u8,
  df, label, learning: bool, proxy: bool, rsc: bool, l2miss: bool, l3miss: bool, udpCsum: bool,
  udpZeroCsum6Tx: bool, udpZeroCsum6Rx: bool, gbp: bool, external: bool, ageing: u32, limit: u32,
};
const GENEVE_FIELDS: Fields = {
  id: vni, remote: ip, ttl: u8, ttlInherit: bool, tos: u8,
  df: enumOf([['unset', C.GENEVE_DF_UNSET!], ['set', C.GENEVE_DF_SET!], ['inherit', C.GENEVE_DF_INHERIT!]]),
  label, port: u16, external: bool, udpCsum: bool, udpZeroCsum6Tx: bool, udpZeroCsum6Rx: bool,
};
const TUNNEL_FIELDS: Fields = { local: ip, remote: ip, ttl: u8, external: bool };
const TUNNEL4_FIELDS: Fields = { ...TUNNEL_FIELDS, tos: u8, pmtudisc: bool };
const TUNNEL6_FIELDS: Fields = { ...TUNNEL_FIELDS, encapLimit: u8, flowlabel: label, tclass: u8 };
const GRE_KEY_FIELDS: Fields = { key: u32, ikey: u32, okey: u32, csum: bool, icsum: bool, ocsum: bool, seq: bool, iseq: bool, oseq: bool };
const BOND_FIELDS: Fields = {
  mode: enumOf([
    ['balance-rr', C.BOND_MODE_ROUNDROBIN!], ['active-backup', C.BOND_MODE_ACTIVEBACKUP!], ['balance-xor', C.BOND_MODE_XOR!],
    ['broadcast', C.BOND_MODE_BROADCAST!], ['802.3ad', C.BOND_MODE_8023AD!], ['balance-tlb', C.BOND_MODE_TLB!],
    ['balance-alb', C.BOND_MODE_ALB!],
  ]),
  activeSlave: { t: 'link' }, miimon: u32, updelay: u32, downdelay: u32, peerNotifyDelay: u32, useCarrier: bool,
  arpInterval: u32, arpIpTarget: { t: 'ips', family: 4 }, nsIp6Target: { t: 'ips', family: 6 },
  arpValidate: ordinal('none', 'active', 'backup', 'all', 'filter', 'filter_active', 'filter_backup'),
  arpAllTargets: ordinal('any', 'all'), arpMissedMax: u8, primary: { t: 'link' },
  primaryReselect: ordinal('always', 'better', 'failure'), failOverMac: ordinal('none', 'active', 'follow'),
  xmitHashPolicy: enumOf([
    ['layer2', C.BOND_XMIT_POLICY_LAYER2!], ['layer3+4', C.BOND_XMIT_POLICY_LAYER34!], ['layer2+3', C.BOND_XMIT_POLICY_LAYER23!],
    ['encap2+3', C.BOND_XMIT_POLICY_ENCAP23!], ['encap3+4', C.BOND_XMIT_POLICY_ENCAP34!],
    ...(C.BOND_XMIT_POLICY_VLAN_SRCMAC === undefined ? [] : [['vlan+srcmac', C.BOND_XMIT_POLICY_VLAN_SRCMAC] as [string, number]]),
  ]),
  resendIgmp: u32, numPeerNotif: u8, allSlavesActive: bool, minLinks: u32, lpInterval: u32, packetsPerSlave: u32,
  adLacpRate: ordinal('slow', 'fast'), adLacpActive: ordinal('off', 'on'), adSelect: ordinal('stable', 'bandwidth', 'count'),
  adActorSysPrio: u16, adUserPortKey: u16, adActorSystem: { t: 'mac' }, tlbDynamicLb: bool,
};
const BOND_PORT_FIELDS: Fields = {
  state: enumOf([['ACTIVE', C.BOND_STATE_ACTIVE!], ['BACKUP', C.BOND_STATE_BACKUP!]]),
  miiStatus: enumOf([['UP', C.BOND_LINK_UP!], ['GOING_DOWN', C.BOND_LINK_FAIL!], ['DOWN', C.BOND_LINK_DOWN!], ['GOING_BACK', C.BOND_LINK_BACK!]]),
  queueId: u16, prio: { t: 'int', max: 2 ** 31 - 1 },
};
const TUN_TYPES = new Map<string, number>([['tun', C.IFF_TUN!], ['tap', C.IFF_TAP!]]);

/** A value of `field` (validated) as the native request carries it; link refs stay refs (resolved later). */
function encodeField(name: string, f: Field, val: unknown): NativeAttrsRequest[string] | LinkRef {
  switch (f.t) {
    case 'int': return v.integer(name, val, 0, f.max);
    case 'bool': return v.boolean(name, val) ? 1 : 0;
    case 'ip': return ipAddress(name, val, f.family).bytes;
    case 'ips':
      if (!Array.isArray(val)) throw typeError(name, `an array of IPv${f.family} addresses`, val);
      if (val.length > 16) throw rangeError(name, 'at most 16 addresses', val.length);
      return Array.from(val as unknown[], (a, i) => ipAddress(`${name}[${i}]`, a, f.family).bytes);
    case 'mac': return v.mac(name, val);
    case 'range': {
      const r = v.object<Record<string, unknown>>(name, val);
      v.knownKeys(name, r, ['low', 'high']);
      const low = v.integer(`${name}.low`, r.low, 1, 65535);
      return { low, high: v.integer(`${name}.high`, r.high, low, 65535) };
    }
    case 'link': return v.ifnameOrIndex(name, val);
    case 'enum': return v.oneOf(name, val, f.values);
  }
}

/** The kind's own options of `s` named in `keys` (validated), into native attrs; link refs resolved through `ctx`. */
async function encodeFields(
  field: string, s: Record<string, unknown>, fields: Fields, keys: readonly string[],
  resolve: (field: string, ref: LinkRef) => Promise<number>,
): Promise<NativeAttrsRequest> {
  const d: NativeAttrsRequest = {};
  const refs: [string, LinkRef][] = [];
  for (const k of keys) {
    if (s[k] === undefined || !fields[k]) continue;
    const x = encodeField(`${field}.${k}`, fields[k]!, s[k]);
    if (fields[k]!.t === 'link') refs.push([k, x as LinkRef]);
    else d[k] = x as NativeAttrsRequest[string];
  }
  for (const [k, ref] of refs) d[k] = await resolve(`${field}.${k}`, ref);
  return d;
}

/** Native attrs named back: enums to names, link indexes to names where `nameOf` knows them. */
function decodeFields(d: NativeAttrs, fields: Fields, nameOf: (i: number) => string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(d)) {
    const f = fields[k];
    if (f?.t === 'enum') out[k] = namesOf(f.values).get(x as number) ?? x;
    else if (f?.t === 'link') {
      if (x !== 0) out[k] = nameOf(x as number) ?? x;
    } else out[k] = x;
  }
  return out;
}

const nameTables = new WeakMap<ReadonlyMap<string, number>, Map<number, string>>();
function namesOf(m: ReadonlyMap<string, number>): Map<number, string> {
  let r = nameTables.get(m);
  if (!r) nameTables.set(m, (r = new Map([...m].map(([k, x]) => [x, k]))));
  return r;
}

// ---- the kinds ----------------------------------------------------------------------------------

/** What a kind of this module needs of the link code: resolving link refs in the handle's namespace. */
export interface AttrKindContext {
  resolve(field: string, ref: LinkRef): Promise<number>;
}

/**
 * One link kind described by tables: the spec keys `links.add` takes, the keys `links.set` may change
 * (`changes[kind]`), the native attrs from validated options and back.
 */
export interface AttrKind {
  /** Spec keys of the kind's own (besides kind, name and the common options). */
  keys: readonly string[];
  /** Keys of `changes[kind]`; none: the kernel changes nothing of this kind. */
  changeKeys: readonly string[];
  /**
   * The native attrs of a spec (field 'spec') or of changes (field 'changes.KIND'); with `merge`,
   * a change is sent over the link's current attrs (`current`), as the kernel replaces them whole.
   */
  encode(field: string, s: Record<string, unknown>, keys: readonly string[], ctx: AttrKindContext, current?: NativeAttrs): Promise<NativeAttrsRequest>;
  /** Changes replace the kind's whole configuration in the kernel (IP tunnels): send the current one with them. */
  merge?: boolean;
  /** The details as the public type has them, from the native attrs. */
  decode(d: NativeAttrs, nameOf: (i: number) => string | undefined): Record<string, unknown>;
  /** Creates the link by other means than RTM_NEWLINK (tun/tap: ioctls), in namespace `netns`. */
  create?(spec: Record<string, unknown>, netns: NetnsRef | undefined): void;
  /** Check of a spec before any syscall beyond the fields' own. */
  check?(s: Record<string, unknown>): void;
}

/** A kind whose options are exactly its fields, named as the native table names them. */
function plain(fields: Fields, changeKeys: readonly string[], extra: Partial<AttrKind> = {}): AttrKind {
  return {
    keys: Object.keys(fields),
    changeKeys,
    encode: (field, s, keys, ctx) => encodeFields(field, s, fields, keys, ctx.resolve),
    decode: (d, nameOf) => decodeFields(d, fields, nameOf),
    ...extra,
  };
}

const isMulticast = (a: string): boolean => (a.includes(':') ? /^ff/i.test(a) : Number(a.split('.')[0]) >= 224 && Number(a.split('.')[0]) <= 239);

/** The lower device of tunnels and vxlan travels in their own data (IFLA_*_LINK), not IFLA_LINK. */
async function lower(field: string, s: Record<string, unknown>, d: NativeAttrsRequest, ctx: AttrKindContext): Promise<void> {
  if (s.parent !== undefined) d.link = await ctx.resolve(`${field}.parent`, v.ifnameOrIndex(`${field}.parent`, s.parent));
}

const VXLAN: AttrKind = {
  keys: [...Object.keys(VXLAN_FIELDS), 'parent'],
  changeKeys: ['remote', 'group', 'local', 'ttl', 'ttlInherit', 'tos', 'df', 'label', 'learning', 'ageing', 'limit'],
  check(s) {
    if (s.id === undefined && s.external !== true) throw typeError('spec.id', 'a VNI from 0 to 16777215 (or external: true)', undefined);
  },
  async encode(field, s, keys, ctx) {
    if (s.remote !== undefined && s.group !== undefined) throw typeError(field, 'remote or group, not both', 'both');
    const d = await encodeFields(field, s, VXLAN_FIELDS, keys, ctx.resolve);
    // One attribute carries either: the kernel tells them apart by the address.
    if (d.remote !== undefined) {
      if (isMulticast(s.remote as string)) throw rangeError(`${field}.remote`, 'a unicast address (a multicast one is `group`)', s.remote);
      d.group = d.remote;
      delete d.remote;
    } else if (d.group !== undefined && !isMulticast(s.group as string)) {
      throw rangeError(`${field}.group`, 'a multicast address (a unicast one is `remote`)', s.group);
    }
    await lower(field, s, d, ctx);
    return d;
  },
  decode(d) {
    const out: Record<string, unknown> = decodeFields(d, VXLAN_FIELDS, () => undefined);
    delete out.link;
    if (typeof out.group === 'string' && !isMulticast(out.group)) {
      out.remote = out.group;
      delete out.group;
    }
    return out;
  },
};

/** GRE: key/csum/seq in i/oflags; IPv6 flowlabel and tclass in flowinfo; encaplimit 'none' a flag. */
function tunnelKind(family: IpFamily, kind: 'gre' | 'iptun', protos?: [string, number][]): AttrKind {
  const fields: Fields = {
    ...(family === 4 ? TUNNEL4_FIELDS : TUNNEL6_FIELDS),
    ...(kind === 'gre' ? GRE_KEY_FIELDS : {}),
    ...(protos ? { proto: enumOf(protos) } : {}),
  };
  for (const k of ['local', 'remote']) fields[k] = { t: 'ip', family };
  const changeKeys = Object.keys(fields).filter((k) => k !== 'external' && k !== 'proto');
  return {
    keys: [...Object.keys(fields), 'parent'],
    changeKeys,
    merge: true,
    async encode(field, s, keys, ctx, current) {
      if (s.encapLimit === 'none') s = { ...s, encapLimit: undefined, ignEncapLimit: true };
      const named = await encodeFields(field, s, fields, keys, ctx.resolve);
      const d: NativeAttrsRequest = { ...(current ? toRequest(current) : {}), ...named };
      if (kind === 'gre') {
        const both = (one: string, i: string, o: string): void => {
          if (s[one] !== undefined && (s[i] !== undefined || s[o] !== undefined)) throw typeError(field, `${one} or ${i}/${o}, not both`, one);
        };
        both('key', 'ikey', 'okey');
        both('csum', 'icsum', 'ocsum');
        both('seq', 'iseq', 'oseq');
        const bit = (dir: 'i' | 'o', flag: number, set: unknown): void => {
          if (set === undefined) return;
          const cur = (d[`${dir}flags`] as number | undefined) ?? 0;
          d[`${dir}flags`] = set ? cur | flag : cur & ~flag;
        };
        for (const dir of ['i', 'o'] as const) {
          const key = named.key ?? named[`${dir}key`];
          if (key !== undefined) {
            d[`${dir}key`] = key;
            bit(dir, C.GRE_KEY!, true);
          }
          const csum = s.csum ?? s[`${dir}csum`];
          const seq = s.seq ?? s[`${dir}seq`];
          bit(dir, C.GRE_CSUM!, csum);
          bit(dir, C.GRE_SEQ!, seq);
        }
        for (const k of ['key', 'csum', 'icsum', 'ocsum', 'seq', 'iseq', 'oseq']) delete d[k];
      }
      if (family === 6) {
        const fi = (d.flowinfo as number | undefined) ?? 0;
        if (named.flowlabel !== undefined || named.tclass !== undefined) {
          const fl = (named.flowlabel as number | undefined) ?? (fi & C.IPV6_FLOWINFO_FLOWLABEL!);
          const tc = (named.tclass as number | undefined) ?? ((fi & C.IPV6_FLOWINFO_PRIORITY!) >>> 20);
          d.flowinfo = (fl | (tc << 20)) >>> 0;
        }
        delete d.flowlabel;
        delete d.tclass;
        const flags = (d.flags as number | undefined) ?? 0;
        if (s.ignEncapLimit) d.flags = flags | C.IP6_TNL_F_IGN_ENCAP_LIMIT!;
        else if (s.encapLimit !== undefined) d.flags = flags & ~C.IP6_TNL_F_IGN_ENCAP_LIMIT!;
      }
      await lower(field, s, d, ctx);
      return d;
    },
    decode(d) {
      const out = decodeFields(d, fields, () => undefined);
      delete out.link;
      for (const k of ['local', 'remote']) if (out[k] === '0.0.0.0' || out[k] === '::') delete out[k];
      if (kind === 'gre') {
        for (const dir of ['i', 'o'] as const) {
          const flags = (d[`${dir}flags`] as number | undefined) ?? 0;
          if (!(flags & C.GRE_KEY!)) delete out[`${dir}key`];
          out[`${dir}csum`] = (flags & C.GRE_CSUM!) !== 0;
          out[`${dir}seq`] = (flags & C.GRE_SEQ!) !== 0;
          delete out[`${dir}flags`];
        }
      }
      if (family === 6) {
        const fi = (d.flowinfo as number | undefined) ?? 0;
        out.flowlabel = fi & C.IPV6_FLOWINFO_FLOWLABEL!;
        out.tclass = (fi & C.IPV6_FLOWINFO_PRIORITY!) >>> 20;
        if (((d.flags as number | undefined) ?? 0) & C.IP6_TNL_F_IGN_ENCAP_LIMIT!) out.encapLimit = 'none';
        delete out.flowinfo;
        delete out.flags;
        delete out.tos;
        delete out.pmtudisc;
      } else {
        delete out.encapLimit;
        delete out.flowinfo;
        delete out.flags;
      }
      return out;
    },
  };
}

/** Attrs as the addon decoded them, as a request carries them again: addresses as bytes, booleans as 0/1. */
function toRequest(d: NativeAttrs): NativeAttrsRequest {
  const out: NativeAttrsRequest = {};
  for (const [k, x] of Object.entries(d)) {
    if (typeof x === 'boolean') out[k] = x ? 1 : 0;
    else if (typeof x === 'number') out[k] = x;
    else if (typeof x === 'string') out[k] = ipAddress(k, x).bytes;
  }
  return out;
}

const PROTO_IPIP: [string, number] = ['ipip', C.IPPROTO_IPIP!];
const PROTO_MPLS: [string, number] = ['mplsip', C.IPPROTO_MPLS!];

const TUN: AttrKind = {
  keys: ['type', 'user', 'group', 'pi', 'vnetHdr', 'multiQueue'],
  changeKeys: [],
  check(s) {
    v.oneOf('spec.type', s.type, TUN_TYPES);
  },
  async encode(field, s) {
    // Validated here; sent by create() as TUNSETIFF flags and TUNSETOWNER/TUNSETGROUP.
    const d: NativeAttrsRequest = { type: v.oneOf(`${field}.type`, s.type, TUN_TYPES) };
    if (s.user !== undefined) d.user = v.integer(`${field}.user`, s.user, 0, 2 ** 32 - 2);
    if (s.group !== undefined) d.group = v.integer(`${field}.group`, s.group, 0, 2 ** 32 - 2);
    for (const k of ['pi', 'vnetHdr', 'multiQueue']) if (s[k] !== undefined) d[k] = v.boolean(`${field}.${k}`, s[k]) ? 1 : 0;
    return d;
  },
  create(s, netns) {
    // IFF_TUN_EXCL: an existing device of that name is an error, not attached to.
    let flags = (s.type === 'tap' ? C.IFF_TAP! : C.IFF_TUN!) | C.IFF_TUN_EXCL!;
    if (!s.pi) flags |= C.IFF_NO_PI!;
    if (s.vnetHdr) flags |= C.IFF_VNET_HDR!;
    if (s.multiQueue) flags |= C.IFF_MULTI_QUEUE!;
    const ns = netns === undefined ? undefined : openNetnsFd(netns);
    try {
      native.tunCreate(ns?.fd ?? -1, s.name as string, flags, (s.user as number | undefined) ?? -1, (s.group as number | undefined) ?? -1);
    } catch (e) {
      if (e instanceof Error) {
        const exists = (e as NodeJS.ErrnoException).code === 'EBUSY' ? `: link '${String(s.name)}' already exists` : '';
        e.message += ` (creating tun/tap '${String(s.name)}' in ${describeNetns(netns)}${exists})`;
      }
      throw e;
    } finally {
      ns?.release();
    }
  },
  decode(d) {
    const out: Record<string, unknown> = { ...d, type: d.type === C.IFF_TAP! ? 'tap' : 'tun' };
    // An unset owner reads as -1 (u32 0xffffffff).
    if (out.user === 2 ** 32 - 1) delete out.user;
    if (out.group === 2 ** 32 - 1) delete out.group;
    return out;
  },
};

/** The kinds of this module by name: the link code merges them into its kind table. */
export const ATTR_KINDS = {
  vxlan: VXLAN,
  geneve: plain(GENEVE_FIELDS, ['remote', 'ttl', 'ttlInherit', 'tos', 'df', 'label'], {
    check(s) {
      if (s.id === undefined && s.external !== true) throw typeError('spec.id', 'a VNI from 0 to 16777215 (or external: true)', undefined);
    },
  }),
  gre: tunnelKind(4, 'gre'),
  gretap: tunnelKind(4, 'gre'),
  ip6gre: tunnelKind(6, 'gre'),
  ip6gretap: tunnelKind(6, 'gre'),
  ipip: tunnelKind(4, 'iptun', [['any', 0], PROTO_IPIP, PROTO_MPLS]),
  sit: tunnelKind(4, 'iptun', [['any', 0], ['ip6ip', C.IPPROTO_IPV6!], PROTO_IPIP, PROTO_MPLS]),
  ip6tnl: tunnelKind(6, 'iptun', [['any', 0], ['ip6ip6', C.IPPROTO_IPV6!], ['ipip6', C.IPPROTO_IPIP!]]),
  vrf: plain({ table: { t: 'int', max: 2 ** 32 - 1 } }, [], {
    check(s) {
      v.integer('spec.table', s.table, 1, 2 ** 32 - 1);
    },
  }),
  bond: plain(BOND_FIELDS, Object.keys(BOND_FIELDS)),
  tun: TUN,
  ifb: plain({}, []),
} satisfies Record<string, AttrKind>;

/** The kinds of this module. */
export type AttrKindName = keyof typeof ATTR_KINDS;

/** Port kinds: what a master's port carries, under `link.<key>`, by the master's kind. */
export const PORT_KINDS = {
  bondPort: { slaveKind: 'bond', kind: plain(BOND_PORT_FIELDS, ['queueId', 'prio']) },
} as const;

/** The details of `raw` of this module's kinds and port kinds, named (in place). */
export function nameAttrKinds(raw: NativeLink, link: Record<string, unknown>, nameOf: (i: number) => string | undefined): void {
  const k = raw.kind as AttrKindName | undefined;
  if (k !== undefined && Object.hasOwn(ATTR_KINDS, k)) {
    const d = (raw as unknown as Record<string, NativeAttrs | undefined>)[k];
    if (d) {
      // The lower device of vxlan (IFLA_VXLAN_LINK) is the link's parent, as for macvlan.
      if (k === 'vxlan' && typeof d.link === 'number' && d.link !== 0 && raw.parentIndex === undefined) {
        link.parentIndex = d.link;
        const n = nameOf(d.link);
        if (n !== undefined) link.parent = n;
      }
      link[k] = ATTR_KINDS[k].decode(d, nameOf);
    }
  }
  for (const [key, p] of PORT_ENTRIES) {
    const d = (raw as unknown as Record<string, NativeAttrs | undefined>)[key];
    if (d) link[key] = p.kind.decode(d, nameOf);
  }
}
const PORT_ENTRIES = Object.entries(PORT_KINDS);

/** Link indexes this module's details name (bond primary, active port, vxlan's lower device), for name lookups. */
export function linkIndexesOf(raw: NativeLink): number[] {
  const out: number[] = [];
  const r = raw as unknown as Record<string, NativeAttrs | undefined>;
  for (const x of [r.bond?.primary, r.bond?.activeSlave, r.vxlan?.link]) if (typeof x === 'number' && x !== 0) out.push(x);
  return out;
}
