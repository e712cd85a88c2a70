// The one loader of the native addon, and the typed interface of everything it exports.
// Nothing else in src/ touches the addon.
import path from 'node:path';
import { NetlinkError, systemError } from './errors.js';
import { settle } from './pack.js';

/** A link as the addon decodes it: enums still numbers, names not yet resolved. */
export interface NativeLink {
  index: number;
  name: string;
  kind?: string;
  slaveKind?: string;
  /** ifi_flags: the IFF_* bits, named by src/link.ts. */
  flags: number;
  operState: number;
  mtu: number;
  minMtu?: number;
  maxMtu?: number;
  numTxQueues?: number;
  numRxQueues?: number;
  gsoMaxSize?: number;
  gsoMaxSegs?: number;
  groMaxSize?: number;
  tsoMaxSize?: number;
  tsoMaxSegs?: number;
  altNames?: string[];
  /** IFLA_STATS64 (and IFLA_CARRIER_CHANGES), when the request did not skip statistics. */
  stats?: { rx: Record<string, number>; tx: Record<string, number> };
  address?: string;
  broadcast?: string;
  txQueueLen: number;
  promiscuity: number;
  group: number;
  alias?: string;
  parentIndex?: number;
  masterIndex?: number;
  linkNetnsId?: number;
  /** IFLA_INET_CONF as raw u32s (element i is IPV4_DEVCONF_* id i+1); named by src/inetconf.ts. */
  inet?: Uint8Array;
  /** IFLA_AF_SPEC/AF_INET6: IFLA_INET6_CONF as raw s32s (indexed by DEVCONF_*), addr_gen_mode, token. */
  inet6?: { conf?: Uint8Array; addrGenMode?: number; token?: string };
  macvlan?: NativeMacvlan;
  macvtap?: NativeMacvlan;
  ipvlan?: NativeIpvlan;
  ipvtap?: NativeIpvlan;
  vlan?: NativeVlan;
  /** IFLA_BR_* by option name (src/bridgeopts.ts names the values). */
  bridge?: Record<string, number | string>;
  /** A bridge port's IFLA_BRPORT_* by option name. */
  bridgePort?: Record<string, number | string>;
  /** AF_BRIDGE for an RTM_NEWLINK of the bridge family (bridge vlan); absent otherwise. */
  family?: number;
  /** AF_BRIDGE messages: the port's VLANs (BRIDGE_VLAN_INFO_* flags; a range has vidEnd). */
  vlans?: NativeBridgeVlan[];
  // The kinds declared as attribute tables (native/link.cc), keyed as the tables key them.
  vxlan?: NativeAttrs; geneve?: NativeAttrs; gre?: NativeAttrs; gretap?: NativeAttrs; ip6gre?: NativeAttrs;
  ip6gretap?: NativeAttrs; ipip?: NativeAttrs; sit?: NativeAttrs; ip6tnl?: NativeAttrs; vrf?: NativeAttrs;
  bond?: NativeAttrs; tun?: NativeAttrs; ifb?: NativeAttrs;
  /** A bond port's IFLA_INFO_SLAVE_DATA. */
  bondPort?: NativeAttrs;
}
export interface NativeBridgeVlan { vid: number; vidEnd?: number; flags: number }
/** A kind's details decoded by an attribute table: numbers, booleans, address strings, lists, a port range. */
export type NativeAttrs = Record<string, number | boolean | string | string[] | { low: number; high: number }>;
/** A kind's options for an attribute table: numbers (booleans as 0/1), address bytes, lists of them, a port range. */
export type NativeAttrsRequest = Record<string, number | Uint8Array | Uint8Array[] | { low: number; high: number }>;
export interface NativeMacvlan { mode?: number; flags: number; macs?: string[]; bcQueueLen?: number; bcQueueLenUsed?: number }
export interface NativeIpvlan { mode: number; flags: number }
export interface NativeQos { from: number; to: number }
export interface NativeVlan { id: number; protocol: number; flags: number; egressQos: NativeQos[]; ingressQos: NativeQos[] }

/** A link request, normalized by src/link.ts: numbers, Uint8Arrays and checked strings only. */
export interface NativeLinkRequest {
  family?: number;
  index?: number;
  flags?: number;
  change?: number;
  name?: string;
  mtu?: number;
  txQueueLen?: number;
  group?: number;
  address?: Uint8Array;
  broadcast?: Uint8Array;
  alias?: string;
  master?: number;
  parent?: number;
  netnsFd?: number;
  netnsPid?: number;
  extMask?: number;
  numTxQueues?: number;
  numRxQueues?: number;
  gsoMaxSize?: number;
  gsoMaxSegs?: number;
  groMaxSize?: number;
  /** A lookup by alternative name (IFLA_ALT_IFNAME). */
  altName?: string;
  /** RTM_NEWLINKPROP/DELLINKPROP: alternative names to add or delete (UTF-8 bytes, no NUL). */
  altNames?: Uint8Array[];
  kind?: string;
  macvlan?: { mode?: number; flags?: number; bcQueueLen?: number; macaddrMode?: number; macs?: Uint8Array[] };
  macvtap?: NativeLinkRequest['macvlan'];
  ipvlan?: { mode?: number; flags?: number };
  ipvtap?: NativeLinkRequest['ipvlan'];
  vlan?: { id?: number; protocol?: number; flags?: number; mask?: number; egressQos?: NativeQos[]; ingressQos?: NativeQos[] };
  vxlan?: NativeAttrsRequest; geneve?: NativeAttrsRequest; gre?: NativeAttrsRequest; gretap?: NativeAttrsRequest;
  ip6gre?: NativeAttrsRequest; ip6gretap?: NativeAttrsRequest; ipip?: NativeAttrsRequest; sit?: NativeAttrsRequest;
  ip6tnl?: NativeAttrsRequest; vrf?: NativeAttrsRequest; bond?: NativeAttrsRequest; tun?: NativeAttrsRequest;
  ifb?: NativeAttrsRequest;
  /** A port's options (IFLA_INFO_SLAVE_DATA), sent with IFLA_INFO_SLAVE_KIND 'bond'. */
  bondPort?: NativeAttrsRequest;
  peer?: NativeLinkRequest;
  bridge?: Record<string, number | Uint8Array>;
  /** A bridge port's options (IFLA_INFO_SLAVE_DATA), sent with IFLA_INFO_SLAVE_KIND 'bridge'. */
  bridgePort?: Record<string, number | Uint8Array>;
  /** IFLA_AF_SPEC of an AF_BRIDGE request: IFLA_BRIDGE_FLAGS and IFLA_BRIDGE_VLAN_INFO entries. */
  bridgeAfSpec?: { flags?: number; vlans: NativeBridgeVlan[] };
  /** IFLA_AF_SPEC: IPV4_DEVCONF_* id/value pairs (IFLA_INET_CONF); IPv6 addr_gen_mode and token. */
  afSpec?: { inet?: { id: number; value: number }[]; inet6?: { addrGenMode?: number; token?: Uint8Array } };
}

/** An address as the addon decodes it (ifaddrmsg): family is AF_*, scope a number. */
export interface NativeAddress {
  family: number;
  index: number;
  prefixLength: number;
  scope: number;
  flags: {
    permanent: boolean; tentative: boolean; dadfailed: boolean; deprecated: boolean; noprefixroute: boolean;
    nodad: boolean; optimistic: boolean; homeaddress: boolean; managetempaddr: boolean; secondary: boolean;
    stablePrivacy?: boolean;
  };
  address: string;
  peer?: string;
  broadcast?: string;
  label?: string;
  /** IFA_PROTO (kernel 6.1+). */
  protocol?: number;
  /** Seconds; absent for forever. */
  validLifetime?: number;
  preferredLifetime?: number;
}

/** An address request (RTM_NEWADDR/DELADDR/GETADDR), normalized by src/addr.ts. */
export interface NativeAddressRequest {
  family?: number;
  prefixLength?: number;
  /** IFA_F_* bits; those above 0xff travel in IFA_FLAGS. */
  flags?: number;
  scope?: number;
  index?: number;
  local?: Uint8Array;
  peer?: Uint8Array;
  broadcast?: Uint8Array;
  label?: string;
  /** IFA_PROTO (kernel 6.1+). */
  protocol?: number;
  validLifetime?: number;
  preferredLifetime?: number;
}

/** A route as the addon decodes it (rtmsg): enums still numbers, links by index. */
export interface NativeRoute {
  family: number;
  dstLength: number;
  tos: number;
  dst?: string;
  fromLength?: number;
  from?: string;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  flags: number;
  onlink: boolean;
  gateway?: string;
  linkIndex?: number;
  src?: string;
  metric?: number;
  iifIndex?: number;
  /** RTA_FLOW: the realms, (from << 16) | to. */
  flow?: number;
  mark?: number;
  uid?: number;
  mtu?: number;
  advmss?: number;
  hoplimit?: number;
  rtoMin?: number;
  /** RTAX_LOCK: bit (1 << RTAX_*) set for each locked metric. */
  lock?: number;
  congestion?: string;
  multipath?: { gateway?: string; linkIndex: number; weight: number; onlink: boolean; dead: boolean }[];
}

/** A route request (RTM_NEWROUTE/DELROUTE/GETROUTE), normalized by src/route.ts. */
export interface NativeRouteRequest {
  family?: number;
  dstLength?: number;
  srcLength?: number;
  tos?: number;
  table?: number;
  protocol?: number;
  scope?: number;
  type?: number;
  flags?: number;
  dst?: Uint8Array;
  src?: Uint8Array;
  gateway?: Uint8Array;
  prefsrc?: Uint8Array;
  /** RTA_VIA: a next hop of another address family. */
  via?: { family: number; address: Uint8Array };
  oif?: number;
  iif?: number;
  mark?: number;
  uid?: number;
  flow?: number;
  priority?: number;
  metrics?: { mtu?: number; advmss?: number; hoplimit?: number; rtoMin?: number; lock?: number; congestion?: string };
  multipath?: { gateway?: Uint8Array; oif?: number; weight?: number; flags?: number }[];
}

/** A neighbour as the addon decodes it (ndmsg). */
export interface NativeNeighbour {
  family: number;
  index: number;
  state: number;
  flags: number;
  router: boolean;
  proxy: boolean;
  address?: string;
  lladdr?: string;
  /** FDB entries (AF_BRIDGE): a VXLAN remote, the VLAN, UDP port, VNI, outgoing link, and the bridge. */
  dst?: string;
  vlan?: number;
  port?: number;
  vni?: number;
  via?: number;
  master?: number;
}

/** A neighbour request (RTM_NEWNEIGH/DELNEIGH/GETNEIGH), normalized by src/neigh.ts. */
export interface NativeNeighbourRequest {
  family?: number;
  index?: number;
  state?: number;
  flags?: number;
  dst?: Uint8Array;
  lladdr?: Uint8Array;
  /** A dump's link filter (NDA_IFINDEX). */
  filterIndex?: number;
  /** FDB: NDA_VLAN, NDA_PORT, NDA_VNI, NDA_IFINDEX (a VXLAN remote's outgoing link). */
  vlan?: number;
  port?: number;
  vni?: number;
  via?: number;
  /** An FDB dump's bridge filter (NDA_MASTER). */
  filterMaster?: number;
}

/** A policy routing rule as the addon decodes it (fib_rule_hdr): enums still numbers. */
export interface NativeRule {
  family: number;
  dstLength: number;
  srcLength: number;
  tos: number;
  /** FR_ACT_*. */
  action: number;
  /** FIB_RULE_* bits. */
  flags: number;
  not: boolean;
  /** FRA_TABLE (or the header's table); 0 for rules that look up no table. */
  table: number;
  dst?: string;
  src?: string;
  iif?: string;
  iifDetached?: boolean;
  oif?: string;
  oifDetached?: boolean;
  /** 0 when the kernel reports none. */
  priority: number;
  goto?: number;
  fwmark?: number;
  fwmask?: number;
  suppressPrefixLength?: number;
  uidRange?: { start: number; end: number };
  protocol: number;
}

/** A rule request (RTM_NEWRULE/DELRULE/GETRULE), normalized by src/rule.ts. */
export interface NativeRuleRequest {
  family?: number;
  dstLength?: number;
  srcLength?: number;
  tos?: number;
  action?: number;
  flags?: number;
  table?: number;
  dst?: Uint8Array;
  src?: Uint8Array;
  iif?: string;
  oif?: string;
  goto?: number;
  priority?: number;
  fwmark?: number;
  fwmask?: number;
  uidRange?: { start: number; end: number };
  protocol?: number;
  suppressPrefixLength?: number;
}

/** A namespace id request (RTM_NEWNSID/GETNSID), normalized by src/netns.ts. */
export interface NativeNsidRequest {
  /** NETNSA_FD: the other namespace's file. */
  fd?: number;
  /** NETNSA_NSID: the id to give it; -1 lets the kernel pick. */
  nsid?: number;
}

export type NativeRequest =
  | NativeLinkRequest | NativeAddressRequest | NativeRouteRequest | NativeNeighbourRequest | NativeRuleRequest | NativeNsidRequest;

export interface NativeSocket {
  /**
   * Queues and sends (as the window allows, several to a datagram) the requests src/pack.ts packed
   * into the first `length` bytes of `packed`, in order. Each request's outcome (its decoded
   * replies, or its error) is reported under its id through the `settle` callback (setCallbacks).
   */
  requests(packed: Uint8Array, length: number): void;
  /** Closes the socket; pending requests reject with code 'ERR_RTNL_CLOSED'. */
  close(): void;
  /**
   * Joins RTNLGRP_* multicast groups. `onEvents` gets each datagram's notifications, or null when
   * the kernel dropped some (ENOBUFS). With `onCaughtUp`, what is still queued after a drop (all of
   * it older than the loss) is discarded unread, and `onCaughtUp` is called once the socket has been
   * read empty: every notification after that is of a change made after it. A subscribed socket
   * keeps the event loop alive until closed.
   */
  subscribe(
    groups: number[], onEvents: (events: { type: number; data: unknown }[] | null) => void, receiveBufferSize?: number,
    onCaughtUp?: () => void,
  ): void;
  readonly portId: number;
  readonly pending: number;
}

export interface NativeAddon {
  Socket: {
    /**
     * A socket inside namespace `netnsFd` (-1: the current one), made by a helper thread that Node's
     * thread waits for; with `fd`, takes over a socket that `open` made instead.
     */
    new (netnsFd: number, fd?: number): NativeSocket;
    /** A socket inside namespace `netnsFd`, made off Node's thread; `netnsFd` stays open until it settles. */
    open(netnsFd: number): Promise<NativeSocket>;
  };
  constants: Readonly<Record<string, number>>;
  setCallbacks(
    netlinkError: (errno: number, type: number, text: string, code?: string) => Error,
    systemError: (errno: number, syscall: string, path: string) => Error,
    settle: (outcomes: Uint32Array, values: unknown[] | undefined) => void,
  ): void;
  /** Opens a network namespace file (checked to be nsfs); the caller closes the fd. */
  openNetns(path: string): number;
  /**
   * The id namespace `nsfd` (-1: the current one) gives namespace `peerfd` (RTM_GETNSID), or -1 when
   * it has none; asked off Node's thread (both fds stay open until it settles).
   */
  netnsId(nsfd: number, peerfd: number): Promise<number>;
  /**
   * Reads (no value) or writes a file under /proc/sys/net/ inside namespace `nsfd` (-1: the current
   * one), off Node's thread (`nsfd` stays open until it settles).
   */
  sysctl(nsfd: number, path: string, value?: string): Promise<string | undefined>;
  netnsCreate(dir: string, name: string): void;
  /** A persistent tun/tap device made with TUNSETIFF/TUNSETOWNER/TUNSETGROUP/TUNSETPERSIST in namespace `nsfd` (-1: the current one); owner/group -1: unset. */
  tunCreate(nsfd: number, name: string, flags: number, owner: number, group: number): void;
  netnsDelete(path: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = require('node-gyp-build') as (dir: string) => unknown;

export const native = load(path.join(__dirname, '..')) as NativeAddon;
export const C = native.constants;

native.setCallbacks(
  (errno, type, text, code) => new NetlinkError(errno, type, text, code),
  (errno, syscall, p) => systemError(errno, syscall, p),
  settle,
);
