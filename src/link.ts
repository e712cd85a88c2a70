// Links (ip link): the public types, the per-kind vocabulary in a table keyed by kind, validation of
// specs and changes into native requests, decoding enum numbers back into names, and the `Links`
// family on one handle.
import { randomInt } from 'node:crypto';
import { constants as osConstants } from 'node:os';
import { C, type NativeLink, type NativeLinkRequest, type NativeQos } from './binding.js';
import { explainRefusal, NetlinkError, rangeError, typeError, withDetail } from './errors.js';
import { describeNetns, openNetnsFd, validateNetnsRef, type NetnsRef } from './netns.js';
import * as v from './validate.js';
import { BRIDGE_KEYS, bridgeInfo, bridgePortInfo, bridgePortRequest, bridgeRequest, type BridgeInfo, type BridgeOptions, type BridgePortInfo, type BridgePortOptions } from './bridgeopts.js';
import { afSpecRequest, nameInetConf, type Inet6Changes, type Inet6Info, type InetConf } from './inetconf.js';
import {
  ATTR_KINDS, linkIndexesOf, nameAttrKinds, PORT_KINDS, type AttrKindName, type BondInfo, type BondOptions,
  type BondPortChanges, type BondPortInfo, type GeneveInfo, type GeneveOptions, type GreInfo, type GreKeyOptions,
  type IptunInfo, type Tunnel4Options, type Tunnel6Options, type TunInfo, type TunOptions, type VrfInfo, type VrfOptions,
  type VxlanInfo, type VxlanOptions,
} from './kinds.js';

const osErrno = osConstants.errno as Record<string, number>;

// ---- public types -------------------------------------------------------------------------------

/** Options of `links.waitFor`. */
export interface WaitOptions {
  /** Milliseconds to wait at most; then the call rejects with code 'ETIMEDOUT'. Default: no limit. */
  timeout?: number;
  /** Aborting it rejects the call with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * macvlan/macvtap modes (`ip link add ... type macvlan mode MODE`): 'private' (no traffic between
 * macvlans of one parent), 'vepa' (the kernel's default: traffic between them goes out through the
 * parent and needs a hairpin switch), 'bridge' (switched inside the parent), 'passthru' (one link
 * takes over the parent), 'source' (receives only from the MACs listed in `macs`).
 */
export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru' | 'source';
/** ipvlan/ipvtap modes: 'l2' (switching on the parent, links share its MAC), 'l3' and 'l3s' (routing; l3s with netfilter). */
export type IpvlanMode = 'l2' | 'l3' | 'l3s';
/** ipvlan/ipvtap flags: 'bridge' (the default: ipvlans of a parent reach each other), 'private' (they do not), 'vepa' (through the switch). */
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';
/** The VLAN tag protocol: '802.1Q' (a customer VLAN, the default) or '802.1ad' (QinQ service VLAN). */
export type VlanProtocol = '802.1Q' | '802.1ad';
/** RFC 2863 operational state (`ip link`'s "state"): 'up' only when the link can pass traffic. */
export type OperState = 'up' | 'down' | 'unknown' | 'lowerlayerdown' | 'dormant' | 'notpresent' | 'testing';
/** A link named by its name in the handle's namespace, or by its index. */
export type LinkRef = string | number;

/** The IFF_* flags of a link (`ip link`'s `<BROADCAST,MULTICAST,UP,LOWER_UP>`). */
export interface LinkFlags {
  /** Administratively up (`ip link set NAME up`). */
  up: boolean;
  /** Up and with carrier, as the driver reports it (IFF_RUNNING). */
  running: boolean;
  /** The lower layer (the carrier) is up (LOWER_UP). */
  lowerUp: boolean;
  /** Promiscuous mode was asked for on this link (`promisc on`); see also `Link.promiscuity`. */
  promisc: boolean;
  /** Receives all multicast (`allmulticast on`). */
  allmulti: boolean;
  /** Has a broadcast address. */
  broadcast: boolean;
  /** Supports multicast. */
  multicast: boolean;
  /** The loopback device. */
  loopback: boolean;
  /** Does no ARP (`arp off`). */
  noarp: boolean;
  /** A point-to-point link. */
  pointToPoint: boolean;
  /** Waiting for an external event to become usable (IFF_DORMANT). */
  dormant: boolean;
}
/** A macvlan's or macvtap's details. */
export interface MacvlanInfo {
  /** Its mode; every macvlan of one parent can have its own (unlike ipvlan). */
  mode: MacvlanMode;
  /** The parent is not put in promiscuous mode (passthru only). */
  nopromisc: boolean;
  /** Source mode: the source MACs this link receives from ([] otherwise). */
  macs: string[];
  /** The broadcast/multicast queue length (kernel 5.13+ reports it). */
  bcQueueLen?: number;
  /**
   * The broadcast/multicast queue length in use: the largest `bcQueueLen` of the macvlans on the
   * parent, which share one queue (kernel 5.13+ reports it; `usedbcqueuelen` in `ip -d link`).
   */
  bcQueueLenUsed?: number;
}
/** An ipvlan's or ipvtap's details: the kernel keeps one mode and flag per parent, shared by all its ipvlans. */
export interface IpvlanInfo {
  /** The parent's ipvlan mode. */
  mode: IpvlanMode;
  /** The parent's ipvlan flag. */
  flags: IpvlanFlag;
}
/**
 * One entry of a VLAN QoS map (`egress-qos-map FROM:TO`, `ingress-qos-map FROM:TO`). Egress maps an
 * skb priority (`from`, 0..2^32-1) to a VLAN priority (`to`, 0..7); ingress maps a VLAN priority
 * (`from`, 0..7) to an skb priority (`to`, 0..2^32-1). A mapping to 0 removes the entry.
 */
export interface QosMapping {
  /** Egress: the skb priority; ingress: the VLAN priority (0..7). */
  from: number;
  /** Egress: the VLAN priority (0..7); ingress: the skb priority. */
  to: number;
}
/** VLAN flags (`ip link add ... type vlan reorder_hdr on gvrp off ...`). */
export interface VlanFlags {
  /** Ethernet headers are reordered so the tag is invisible above (the kernel's default: on). */
  reorderHdr: boolean;
  /** Register the VLAN with GVRP. */
  gvrp: boolean;
  /** Register the VLAN with MVRP. */
  mvrp: boolean;
  /** The VLAN's operational state does not follow the parent's. */
  looseBinding: boolean;
  /** The VLAN's state follows the bridge ports that carry it (bridge parents only). */
  bridgeBinding: boolean;
}
/** A VLAN link's details. */
export interface VlanInfo {
  /** The VLAN id, 0..4094. */
  id: number;
  /** The tag protocol. */
  protocol: VlanProtocol;
  /** The VLAN's flags. */
  flags: VlanFlags;
  /** skb priority -> VLAN priority on sending. */
  egressQos: QosMapping[];
  /** VLAN priority -> skb priority on receiving (only the non-zero entries). */
  ingressQos: QosMapping[];
}
/** A veth's details. */
export interface VethInfo {
  /** The peer's index, in the peer's own namespace (see `Link.linkNetnsId`). */
  peerIndex?: number;
}

/**
 * A link's 64-bit counters (IFLA_STATS64), named as `ip -s -s -j link` names them, in camelCase.
 * A counter the running kernel does not report is absent.
 */
export interface LinkStats {
  /** Received. */
  rx: {
    bytes: number; packets: number; errors: number; dropped: number; overErrors: number; multicast: number;
    lengthErrors: number; crcErrors: number; frameErrors: number; fifoErrors: number; missedErrors: number;
    compressed?: number; nohandler?: number; otherhostDropped?: number;
  };
  /** Sent; `carrierChanges` counts the carrier's ups and downs (IFLA_CARRIER_CHANGES). */
  tx: {
    bytes: number; packets: number; errors: number; dropped: number; carrierErrors: number; collisions: number;
    abortedErrors: number; fifoErrors: number; windowErrors: number; heartbeatErrors: number;
    compressed?: number; carrierChanges?: number;
  };
}

/** What every link reports, whatever its kind (`ip -d link show`). */
export interface LinkBase {
  /** The interface index (ifindex), unique in its namespace. */
  index: number;
  /** The interface name (at most 15 bytes). */
  name: string;
  /** The link kind ('macvlan', 'vlan', ...); undefined for physical devices and loopback. */
  kind?: string;
  /** Administrative and carrier flags. */
  flags: LinkFlags;
  /** Operational state (`state UP` in `ip link`). */
  operState: OperState;
  /** MTU in bytes. */
  mtu: number;
  /** The smallest MTU the device takes. */
  minMtu?: number;
  /** The largest MTU the device takes. */
  maxMtu?: number;
  /** Alternative names (`ip link property add dev NAME altname ALT`); `links.get` finds the link by them too. */
  altNames: string[];
  /** Transmit queues the device was made with (`numtxqueues`). */
  numTxQueues?: number;
  /** Receive queues the device was made with (`numrxqueues`). */
  numRxQueues?: number;
  /** The largest GSO packet the stack builds for this device, in bytes (`gso_max_size`). */
  gsoMaxSize?: number;
  /** The most segments of a GSO packet (`gso_max_segs`). */
  gsoMaxSegs?: number;
  /** The largest packet GRO builds on this device, in bytes (`gro_max_size`; kernel 5.16+). */
  groMaxSize?: number;
  /** The largest TSO packet the device takes, in bytes (`tso_max_size`; kernel 5.19+, read only). */
  tsoMaxSize?: number;
  /** The most TSO segments the device takes (`tso_max_segs`; kernel 5.19+, read only). */
  tsoMaxSegs?: number;
  /** Counters (`ip -s -s link`), only when asked for: `links.list({ stats: true })`, `links.get(ref, { stats: true })`. */
  stats?: LinkStats;
  /** MAC address 'aa:bb:cc:dd:ee:ff'; an IP tunnel's (ipip, sit, gre, ip6tnl, ip6gre) local endpoint, as ip prints it. */
  address?: string;
  /** The link-layer broadcast address ('ff:ff:ff:ff:ff:ff' on Ethernet; an IP tunnel's remote endpoint). */
  broadcast?: string;
  /** Transmit queue length in packets (`txqueuelen`). */
  txQueueLen: number;
  /** How many holders have put the device in promiscuous mode (`ip -d link`'s "promiscuity"). */
  promiscuity: number;
  /** The interface alias (`ip link set NAME alias TEXT`). */
  alias?: string;
  /** The link group (`ip link set NAME group N`); 0 is the default group. */
  group: number;
  /** IFLA_LINK: the parent's index (macvlan, ipvlan, vlan) or the veth peer's; in the parent's namespace when `linkNetnsId` is set. */
  parentIndex?: number;
  /** The parent's name, when it lives in the same namespace. */
  parent?: string;
  /** The index of the master this link is a port of (a bridge). */
  masterIndex?: number;
  /** The master's name. */
  master?: string;
  /** Set when the parent or peer lives in another namespace: that namespace's id as seen from this one (`ip netns list-id`). */
  linkNetnsId?: number;
  /** The kind of master this link is a port of ('bridge', ...). */
  slaveKind?: string;
  /** A bridge port's options and STP state (`ip -d link`'s `bridge_slave` part); set when `slaveKind` is 'bridge'. */
  bridgePort?: BridgePortInfo;
  /** A bond's port: its state as the bond reports it (IFLA_INFO_SLAVE_DATA). */
  bondPort?: BondPortInfo;
  /**
   * The link's IPv4 settings (IFLA_INET_CONF: `net.ipv4.conf.NAME.*`) by name; absent without IPv4.
   * Frozen, and shared between links of one read whose settings are equal; change them with
   * `links.set(link, { inet })`.
   */
  inet?: InetConf;
  /** IPv6 on the link (IFLA_AF_SPEC/AF_INET6): addrGenMode, token, and `net.ipv6.conf.NAME.*` by name. */
  inet6?: Inet6Info;
}

/** The details each kind that has them carries, under a key named after the kind. */
interface KindDetails {
  macvlan: MacvlanInfo;
  macvtap: MacvlanInfo;
  ipvlan: IpvlanInfo;
  ipvtap: IpvlanInfo;
  vlan: VlanInfo;
  veth: VethInfo;
  bridge: BridgeInfo;
  vxlan: VxlanInfo;
  geneve: GeneveInfo;
  gre: GreInfo;
  gretap: GreInfo;
  ip6gre: GreInfo;
  ip6gretap: GreInfo;
  ipip: IptunInfo;
  sit: IptunInfo;
  ip6tnl: IptunInfo;
  vrf: VrfInfo;
  bond: BondInfo;
  tun: TunInfo;
}
/** The other kinds' detail keys, absent: `link.macvlan?.mode` reads on any Link. */
type NoDetails<Own extends keyof KindDetails = never> = { [K in Exclude<keyof KindDetails, Own>]?: undefined };

/** A macvlan (`ip link add NAME link PARENT type macvlan mode MODE`). */
export interface MacvlanLink extends LinkBase, NoDetails<'macvlan'> {
  /** The kind (`type macvlan`). */
  kind: 'macvlan';
  /** The macvlan's own details. */
  macvlan: MacvlanInfo;
}
/** A macvtap: a macvlan with a tap character device. */
export interface MacvtapLink extends LinkBase, NoDetails<'macvtap'> {
  /** The kind (`type macvtap`). */
  kind: 'macvtap';
  /** The macvtap's own details. */
  macvtap: MacvlanInfo;
}
/** An ipvlan (`ip link add NAME link PARENT type ipvlan mode MODE FLAG`). */
export interface IpvlanLink extends LinkBase, NoDetails<'ipvlan'> {
  /** The kind (`type ipvlan`). */
  kind: 'ipvlan';
  /** The ipvlan's own details. */
  ipvlan: IpvlanInfo;
}
/** An ipvtap: an ipvlan with a tap character device. */
export interface IpvtapLink extends LinkBase, NoDetails<'ipvtap'> {
  /** The kind (`type ipvtap`). */
  kind: 'ipvtap';
  /** The ipvtap's own details. */
  ipvtap: IpvlanInfo;
}
/** An 802.1Q/802.1ad VLAN (`ip link add NAME link PARENT type vlan id ID`). */
export interface VlanLink extends LinkBase, NoDetails<'vlan'> {
  /** The kind (`type vlan`). */
  kind: 'vlan';
  /** The vlan's own details. */
  vlan: VlanInfo;
}
/** One end of a veth pair. */
export interface VethLink extends LinkBase, NoDetails<'veth'> {
  /** The kind (`type veth`). */
  kind: 'veth';
  /** The veth's own details. */
  veth: VethInfo;
}
/** A bridge (`ip link add NAME type bridge`). */
export interface BridgeLink extends LinkBase, NoDetails<'bridge'> {
  /** The kind (`type bridge`). */
  kind: 'bridge';
  /** The bridge's options and STP state. */
  bridge: BridgeInfo;
}
/** A dummy link. */
export interface DummyLink extends LinkBase, NoDetails {
  /** The kind (`type dummy`). */
  kind: 'dummy';
}
/** A vxlan (`ip link add NAME type vxlan id ID ...`). */
export interface VxlanLink extends LinkBase, NoDetails<'vxlan'> {
  /** The kind (`type vxlan`). */
  kind: 'vxlan';
  /** The vxlan's own details. */
  vxlan: VxlanInfo;
}
/** A geneve (`ip link add NAME type geneve id ID remote ADDR`). */
export interface GeneveLink extends LinkBase, NoDetails<'geneve'> {
  /** The kind (`type geneve`). */
  kind: 'geneve';
  /** The geneve's own details. */
  geneve: GeneveInfo;
}
/** A GRE tunnel (`ip link add NAME type gre local A remote B`). */
export interface GreLink extends LinkBase, NoDetails<'gre'> {
  /** The kind (`type gre`). */
  kind: 'gre';
  /** The tunnel's own details. */
  gre: GreInfo;
}
/** A GRE tunnel carrying Ethernet (`type gretap`). */
export interface GretapLink extends LinkBase, NoDetails<'gretap'> {
  /** The kind (`type gretap`). */
  kind: 'gretap';
  /** The tunnel's own details. */
  gretap: GreInfo;
}
/** A GRE tunnel over IPv6 (`type ip6gre`). */
export interface Ip6greLink extends LinkBase, NoDetails<'ip6gre'> {
  /** The kind (`type ip6gre`). */
  kind: 'ip6gre';
  /** The tunnel's own details. */
  ip6gre: GreInfo;
}
/** A GRE tunnel over IPv6 carrying Ethernet (`type ip6gretap`). */
export interface Ip6gretapLink extends LinkBase, NoDetails<'ip6gretap'> {
  /** The kind (`type ip6gretap`). */
  kind: 'ip6gretap';
  /** The tunnel's own details. */
  ip6gretap: GreInfo;
}
/** An IPv4-in-IPv4 tunnel (`type ipip`). */
export interface IpipLink extends LinkBase, NoDetails<'ipip'> {
  /** The kind (`type ipip`). */
  kind: 'ipip';
  /** The tunnel's own details. */
  ipip: IptunInfo;
}
/** An IPv6-in-IPv4 tunnel (`type sit`). */
export interface SitLink extends LinkBase, NoDetails<'sit'> {
  /** The kind (`type sit`). */
  kind: 'sit';
  /** The tunnel's own details. */
  sit: IptunInfo;
}
/** An IPv4/IPv6-in-IPv6 tunnel (`type ip6tnl`). */
export interface Ip6tnlLink extends LinkBase, NoDetails<'ip6tnl'> {
  /** The kind (`type ip6tnl`). */
  kind: 'ip6tnl';
  /** The tunnel's own details. */
  ip6tnl: IptunInfo;
}
/** A VRF (`ip link add NAME type vrf table N`). */
export interface VrfLink extends LinkBase, NoDetails<'vrf'> {
  /** The kind (`type vrf`). */
  kind: 'vrf';
  /** The VRF's own details. */
  vrf: VrfInfo;
}
/** A bond (`ip link add NAME type bond mode MODE`). */
export interface BondLink extends LinkBase, NoDetails<'bond'> {
  /** The kind (`type bond`). */
  kind: 'bond';
  /** The bond's own details. */
  bond: BondInfo;
}
/** A tun or tap device (`ip tuntap add NAME mode tun|tap`). */
export interface TunLink extends LinkBase, NoDetails<'tun'> {
  /** The kind (`tun`, for tun and tap devices alike). */
  kind: 'tun';
  /** The device's own details. */
  tun: TunInfo;
}
/** An intermediate functional block device (`ip link add NAME type ifb`). */
export interface IfbLink extends LinkBase, NoDetails {
  /** The kind (`type ifb`). */
  kind: 'ifb';
}
/**
 * Any other link: a physical device or loopback (`kind` undefined), or a kind rtnl has no details
 * for ('vxlan', 'bond', 'tun', ...). It never carries the details of the kinds above: their keys are
 * typed `never` so that checking `kind` narrows a `Link` to the kind's own type.
 */
export interface OtherLink extends LinkBase {
  /** Undefined for physical devices and loopback; else the kernel's name of the kind. */
  kind?: string;
  /** Never set on these links (typed `never` for narrowing; see above). */
  macvlan: never;
  /** Never set on these links. */
  macvtap: never;
  /** Never set on these links. */
  ipvlan: never;
  /** Never set on these links. */
  ipvtap: never;
  /** Never set on these links. */
  vlan: never;
  /** Never set on these links. */
  veth: never;
  /** Never set on these links. */
  bridge: never;
  /** Never set on these links. */
  vxlan: never;
  /** Never set on these links. */
  geneve: never;
  /** Never set on these links. */
  gre: never;
  /** Never set on these links. */
  gretap: never;
  /** Never set on these links. */
  ip6gre: never;
  /** Never set on these links. */
  ip6gretap: never;
  /** Never set on these links. */
  ipip: never;
  /** Never set on these links. */
  sit: never;
  /** Never set on these links. */
  ip6tnl: never;
  /** Never set on these links. */
  vrf: never;
  /** Never set on these links. */
  bond: never;
  /** Never set on these links. */
  tun: never;
}

/**
 * A link as the kernel reports it (`ip -d link show`): a union discriminated by `kind`, so
 * `if (l.kind === 'macvlan') l.macvlan.mode` needs no `?.`; `l.macvlan?.mode` reads on any link.
 */
export type Link = MacvlanLink | MacvtapLink | IpvlanLink | IpvtapLink | VlanLink | VethLink | BridgeLink | DummyLink
  | VxlanLink | GeneveLink | GreLink | GretapLink | Ip6greLink | Ip6gretapLink | IpipLink | SitLink | Ip6tnlLink
  | VrfLink | BondLink | TunLink | IfbLink | OtherLink;

/** Options every link takes on creation and on change. */
export interface CommonOptions {
  /** Bring the link up (`ip link set NAME up`) or down. */
  up?: boolean;
  /** MTU in bytes (`mtu N`); for a macvlan, ipvlan or vlan at most its parent's. */
  mtu?: number;
  /** MAC address 'aa:bb:cc:dd:ee:ff'. */
  address?: string;
  /** Promiscuous mode (`promisc on|off`): receive frames for any MAC, as a bridge port or a sniffer needs. */
  promisc?: boolean;
  /** Receive all multicast (`allmulticast on|off`). */
  allmulti?: boolean;
  /** Do no ARP (`arp off`, the IFF_NOARP flag); false turns ARP back on (`arp on`). */
  noarp?: boolean;
  /** The multicast flag (`multicast on|off`). */
  multicast?: boolean;
  /** The largest GSO packet to build for this device (`gso_max_size N`), 0..the kernel's limit. */
  gsoMaxSize?: number;
  /** The most segments of a GSO packet (`gso_max_segs N`). */
  gsoMaxSegs?: number;
  /** The largest packet GRO builds (`gro_max_size N`; kernel 5.16+). */
  groMaxSize?: number;
  /** Transmit queue length in packets (`txqueuelen N`). */
  txQueueLen?: number;
  /** Interface alias (`ip link set NAME alias TEXT`); '' clears it. */
  alias?: string;
  /** Enslave to a master (a bridge); null releases it (`nomaster`). */
  master?: LinkRef | null;
  /** Link group (`group N`), as `ip link delete group N` and `links.delete([...])` use. */
  group?: number;
  /** Create the link inside this namespace, or move it there (`netns NAME`). */
  netns?: NetnsRef;
}

interface SpecBase extends CommonOptions {
  /** The new link's name (1..15 bytes). */
  name: string;
  /** The interface index to give it (`index N`); default: the kernel picks the next free one. */
  index?: number;
  /** Transmit queues to make it with (`numtxqueues N`), 1..4096. */
  numTxQueues?: number;
  /** Receive queues to make it with (`numrxqueues N`), 1..4096. */
  numRxQueues?: number;
}
/** A macvlan or macvtap (`ip link add NAME link PARENT type macvlan mode MODE`). */
export interface MacvlanSpec extends SpecBase {
  /** The kind (`type macvlan`). */
  kind: 'macvlan' | 'macvtap';
  /** The parent link (the physical NIC), by name or index in the handle's namespace. */
  parent: LinkRef;
  /**
   * Default 'vepa', the kernel's default: two macvlans made without a mode do not reach each other
   * through their parent unless the switch sends frames back (hairpin). Use 'bridge' for that.
   */
  mode?: MacvlanMode;
  /** Do not put the parent in promiscuous mode (passthru only). */
  nopromisc?: boolean;
  /** Source mode: the source MAC addresses this link receives from. */
  macs?: string[];
  /** Broadcast/multicast queue length. */
  bcQueueLen?: number;
}
/** An ipvlan or ipvtap (`ip link add NAME link PARENT type ipvlan mode MODE FLAG`). */
export interface IpvlanSpec extends SpecBase {
  /** The kind (`type ipvlan`). */
  kind: 'ipvlan' | 'ipvtap';
  /** The parent link, by name or index in the handle's namespace. */
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
/** An 802.1Q/802.1ad VLAN (`ip link add NAME link PARENT type vlan id ID [protocol P]`). */
export interface VlanSpec extends SpecBase {
  /** The kind (`type vlan`). */
  kind: 'vlan';
  /** The parent link that carries the tagged frames. */
  parent: LinkRef;
  /** VLAN id, 0..4094. */
  id: number;
  /** Default '802.1Q'. */
  protocol?: VlanProtocol;
  /** The flags to set; those not named keep the kernel's defaults (reorderHdr on, the others off). */
  flags?: Partial<VlanFlags>;
  /** skb priority -> VLAN priority (`egress-qos-map FROM:TO`): `from` 0..2^32-1, `to` 0..7. */
  egressQos?: QosMapping[];
  /** VLAN priority -> skb priority (`ingress-qos-map FROM:TO`): `from` 0..7, `to` 0..2^32-1. */
  ingressQos?: QosMapping[];
}
/** The peer end of a new veth pair (`peer name P [netns NS] ...`). */
export interface VethPeerSpec extends Omit<CommonOptions, 'up' | 'master'> {
  /** The peer's name; default: one the kernel picks (vethN). */
  name?: string;
  /** The peer's interface index (`peer index N`); default: the kernel picks one. */
  index?: number;
  /** Transmit queues of the peer (`peer numtxqueues N`). */
  numTxQueues?: number;
  /** Receive queues of the peer (`peer numrxqueues N`). */
  numRxQueues?: number;
}
/** A veth pair (`ip link add NAME type veth peer name P`). */
export interface VethSpec extends SpecBase {
  /** The kind (`type veth`). */
  kind: 'veth';
  /** The other end; `netns` in it puts that end in another namespace. */
  peer?: VethPeerSpec;
}
/**
 * A bridge (`ip link add NAME type bridge vlan_filtering 1 stp_state 0 ...`), with any of its
 * options; omitted ones take the kernel's defaults.
 */
export interface BridgeSpec extends SpecBase, BridgeOptions {
  /** The kind (`type bridge`). */
  kind: 'bridge';
}
/** A dummy link (`ip link add NAME type dummy`). */
export interface DummySpec extends SpecBase {
  /** The kind (`type dummy`). */
  kind: 'dummy';
}

/**
 * A vxlan (`ip link add NAME type vxlan id ID [remote A | group G dev PARENT] [local A] [dstport P] ...`).
 * `group` is the multicast group here, as in ip; a link group is set afterwards with `links.set`.
 */
export interface VxlanSpec extends Omit<SpecBase, 'group'>, VxlanOptions {
  /** The kind (`type vxlan`). */
  kind: 'vxlan';
  /** The lower device (`dev`), needed with a multicast `group`. */
  parent?: LinkRef;
}
/** A geneve (`ip link add NAME type geneve id ID remote A [ttl N] [tos N] [dstport P]`). */
export interface GeneveSpec extends SpecBase, GeneveOptions {
  /** The kind (`type geneve`). */
  kind: 'geneve';
}
/** A GRE tunnel over IPv4 (`ip link add NAME type gre|gretap local A remote B [key K] [csum] [seq] [dev PARENT]`). */
export interface GreSpec extends SpecBase, Tunnel4Options, GreKeyOptions {
  /** The kind (`type gre` or `type gretap`). */
  kind: 'gre' | 'gretap';
  /** The device the tunnel's packets leave by (`dev`). */
  parent?: LinkRef;
}
/** A GRE tunnel over IPv6 (`ip link add NAME type ip6gre|ip6gretap local A remote B [encaplimit N] [flowlabel F]`). */
export interface Ip6greSpec extends SpecBase, Tunnel6Options, GreKeyOptions {
  /** The kind (`type ip6gre` or `type ip6gretap`). */
  kind: 'ip6gre' | 'ip6gretap';
  /** The device the tunnel's packets leave by (`dev`). */
  parent?: LinkRef;
}
/** An IP tunnel over IPv4 (`ip link add NAME type ipip|sit local A remote B [ttl N] [mode M]`). */
export interface IptunSpec extends SpecBase, Tunnel4Options {
  /** The kind (`type ipip` or `type sit`). */
  kind: 'ipip' | 'sit';
  /** The inner protocol (`mode`): ipip takes 'ipip' (the kernel's default), 'mplsip', 'any'; sit also 'ip6ip'. */
  proto?: 'any' | 'ipip' | 'mplsip' | 'ip6ip';
  /** The device the tunnel's packets leave by (`dev`). */
  parent?: LinkRef;
}
/** An IP tunnel over IPv6 (`ip link add NAME type ip6tnl local A remote B [mode ip6ip6|ipip6|any]`). */
export interface Ip6tnlSpec extends SpecBase, Tunnel6Options {
  /** The kind (`type ip6tnl`). */
  kind: 'ip6tnl';
  /** The inner protocol (`mode`). */
  proto?: 'any' | 'ip6ip6' | 'ipip6';
  /** The device the tunnel's packets leave by (`dev`). */
  parent?: LinkRef;
}
/** A VRF (`ip link add NAME type vrf table N`); its ports join with `master`. */
export interface VrfSpec extends SpecBase, VrfOptions {
  /** The kind (`type vrf`). */
  kind: 'vrf';
}
/** A bond (`ip link add NAME type bond mode MODE miimon N ...`); its ports join with `master`. */
export interface BondSpec extends SpecBase, BondOptions {
  /** The kind (`type bond`). */
  kind: 'bond';
}
/**
 * A persistent tun or tap device (`ip tuntap add NAME mode tun|tap [user U] [group G] [pi] [vnet_hdr] [multi_queue]`).
 * `group` is the owning group id here, as in ip; a link group is set afterwards with `links.set`.
 */
export interface TunSpec extends Omit<SpecBase, 'group'>, TunOptions {
  /** The kind: 'tun', for tun and tap devices alike (`type` says which). */
  kind: 'tun';
}
/** An intermediate functional block device (`ip link add NAME type ifb`). */
export interface IfbSpec extends SpecBase {
  /** The kind (`type ifb`). */
  kind: 'ifb';
}

/** What `links.add` takes: a discriminated union on `kind`. */
export type LinkSpec = MacvlanSpec | IpvlanSpec | VlanSpec | VethSpec | BridgeSpec | DummySpec
  | VxlanSpec | GeneveSpec | GreSpec | Ip6greSpec | IptunSpec | Ip6tnlSpec | VrfSpec | BondSpec | TunSpec | IfbSpec;
/** The kinds `links.add` creates. */
export type LinkKind = LinkSpec['kind'];

/** Changes to a macvlan/macvtap (`ip link set NAME type macvlan ...`). */
export interface MacvlanChanges {
  /** The new mode (`mode MODE`). */
  mode?: MacvlanMode;
  /** Passthru: whether the parent is left out of promiscuous mode. */
  nopromisc?: boolean;
  /** Broadcast/multicast queue length. */
  bcQueueLen?: number;
  /** Source mode: replaces the list of source MACs ([] flushes it). */
  macs?: string[];
  /** Source mode: adds these source MACs. */
  addMacs?: string[];
  /** Source mode: removes these source MACs. */
  delMacs?: string[];
}
/** Changes to an ipvlan/ipvtap; they apply to every ipvlan on the same parent, as the kernel keeps them per parent. */
export interface IpvlanChanges {
  /** The new mode (`ip link set NAME type ipvlan mode MODE`). */
  mode?: IpvlanMode;
  /** The new flag. */
  flags?: IpvlanFlag;
}
/** Changes to a VLAN (`ip link set NAME type vlan ...`). */
export interface VlanChanges {
  /** The flags to change; those not named stay as they are. */
  flags?: Partial<VlanFlags>;
  /** Egress mappings to add or replace (to 0 removes one); the others stay. */
  egressQos?: QosMapping[];
  /** Ingress mappings to add or replace (to 0 removes one); the others stay. */
  ingressQos?: QosMapping[];
}

/** What `links.set` takes. */
export interface LinkChanges extends CommonOptions {
  /** Rename (`ip link set OLD name NEW`). */
  name?: string;
  /** A macvlan's own settings. At most one of the kind keys is given, the link's own kind. */
  macvlan?: MacvlanChanges;
  /** A macvtap's own settings. */
  macvtap?: MacvlanChanges;
  /** An ipvlan's own settings. */
  ipvlan?: IpvlanChanges;
  /** An ipvtap's own settings. */
  ipvtap?: IpvlanChanges;
  /** A VLAN's own settings. */
  vlan?: VlanChanges;
  /** A bridge's options (`ip link set NAME type bridge vlan_filtering 1 ...`). */
  bridge?: BridgeOptions;
  /** A bridge port's options, on the port (`ip link set NAME type bridge_slave hairpin on ...`). */
  bridgePort?: BridgePortOptions;
  /** A vxlan's settings the kernel lets change (`ip link set NAME type vxlan ...`). */
  vxlan?: Pick<VxlanOptions, 'remote' | 'group' | 'local' | 'ttl' | 'ttlInherit' | 'tos' | 'df' | 'label' | 'learning' | 'ageing' | 'limit'>;
  /** A geneve's settings the kernel lets change. */
  geneve?: Pick<GeneveOptions, 'remote' | 'ttl' | 'ttlInherit' | 'tos' | 'df' | 'label'>;
  /** A gre tunnel's settings (the others are kept: rtnl sends them along, as the kernel replaces them all). */
  gre?: Omit<Tunnel4Options, 'external'> & GreKeyOptions;
  /** A gretap tunnel's settings. */
  gretap?: Omit<Tunnel4Options, 'external'> & GreKeyOptions;
  /** An ip6gre tunnel's settings. */
  ip6gre?: Omit<Tunnel6Options, 'external'> & GreKeyOptions;
  /** An ip6gretap tunnel's settings. */
  ip6gretap?: Omit<Tunnel6Options, 'external'> & GreKeyOptions;
  /** An ipip tunnel's settings. */
  ipip?: Omit<Tunnel4Options, 'external'>;
  /** A sit tunnel's settings. */
  sit?: Omit<Tunnel4Options, 'external'>;
  /** An ip6tnl tunnel's settings. */
  ip6tnl?: Omit<Tunnel6Options, 'external'>;
  /** A bond's settings (`ip link set NAME type bond ...`); the mode only while it is down without ports. */
  bond?: BondOptions;
  /** A bond port's settings (`ip link set PORT type bond_slave queue_id N prio P`). */
  bondPort?: BondPortChanges;
  /** IPv4 settings of this link (`net.ipv4.conf.NAME.*`) by name, over netlink: `{ arpNotify: 1, rpFilter: 2 }`. */
  inet?: Partial<InetConf>;
  /** The IPv6 settings netlink can change: `addrGenMode` (`ip link set NAME addrgenmode none`), `token`. */
  inet6?: Inet6Changes;
}

/** What `links.list` takes. */
export interface LinkFilter {
  /** Only links of this kind (filtered in the kernel). */
  kind?: string;
  /** Only ports of this master (filtered in the kernel). */
  master?: LinkRef;
  /** Include each link's counters (`ip -s link`) under `stats`. */
  stats?: boolean;
}

/** What `links.get` takes. */
export interface LinkGetOptions {
  /** Include the link's counters (`ip -s link show dev NAME`) under `stats`. */
  stats?: boolean;
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

const COMMON_KEYS = [
  'up', 'mtu', 'address', 'promisc', 'allmulti', 'noarp', 'multicast', 'txQueueLen', 'alias', 'master', 'group', 'netns',
  'gsoMaxSize', 'gsoMaxSegs', 'groMaxSize',
] as const;

/** What the facade needs from a handle: requests, and index/name lookups in its namespace. */
export interface LinkContext {
  /** Sends a link request on the handle's socket. */
  linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]>;
  /** The link `ref` names; a missing one rejects with ENODEV naming `field`. */
  resolveLink(field: string, ref: LinkRef): Promise<Readonly<NativeLink>>;
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
  /** The kind's own change object (`changes[kind]`) into req; `ref` is the link changed. */
  change?(field: string, c: Record<string, unknown>, req: NativeLinkRequest, ctx: LinkContext, ref: LinkRef): Promise<void> | void;
  /** Keys of `changes[kind]`. */
  changeKeys?: readonly string[];
  /** Creates the link by other means than RTM_NEWLINK (tun/tap), in `netns` (undefined: the handle's). */
  create?(spec: Record<string, unknown>, netns: NetnsRef | undefined): void;
}

/** A kind of src/kinds.ts (declared by field tables) as the link code uses kinds. */
function attrKind(name: AttrKindName): KindUtil {
  const k = ATTR_KINDS[name];
  const resolver = (ctx: LinkContext) => ({ resolve: async (field: string, ref: LinkRef) => (await ctx.resolveLink(field, ref)).index });
  return {
    keys: k.keys,
    parent: false,
    async add(s, req, { ctx }) {
      (k as { check?(s: Record<string, unknown>): void }).check?.(s);
      req[name] = await k.encode('spec', s, k.keys, resolver(ctx));
    },
    changeKeys: k.changeKeys,
    async change(field, c, req, ctx, ref) {
      // Checked in full before the current state is asked for.
      await k.encode(field, c, k.changeKeys, { resolve: async () => 0 });
      const current = 'merge' in k && k.merge ? (await ctx.resolveLink('link', ref))[name] : undefined;
      req[name] = await k.encode(field, c, k.changeKeys, resolver(ctx), current);
    },
    create: 'create' in k ? k.create : undefined,
  };
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

/**
 * A QoS map. Egress maps an skb priority (`from`, 32 bits) to a VLAN priority (`to`, 0..7); ingress
 * is the reverse: a VLAN priority (`from`, 0..7) to an skb priority (`to`, 32 bits), as
 * `ip link ... egress-qos-map FROM:TO` / `ingress-qos-map FROM:TO` read them.
 */
function qosList(field: string, list: unknown, direction: 'egress' | 'ingress'): NativeQos[] {
  if (!Array.isArray(list)) throw typeError(field, 'an array of { from, to } mappings', list);
  const [fromMax, toMax] = direction === 'egress' ? [2 ** 32 - 1, 7] : [7, 2 ** 32 - 1];
  return Array.from(list as unknown[], (m, i) => {
    const o = v.object<Record<string, unknown>>(`${field}[${i}]`, m);
    v.knownKeys(`${field}[${i}]`, o, ['from', 'to']);
    return { from: v.integer(`${field}[${i}].from`, o.from, 0, fromMax), to: v.integer(`${field}[${i}].to`, o.to, 0, toMax) };
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
  if (s.egressQos !== undefined) d.egressQos = qosList(`${field}.egressQos`, s.egressQos, 'egress');
  if (s.ingressQos !== undefined) d.ingressQos = qosList(`${field}.ingressQos`, s.ingressQos, 'ingress');
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
      v.knownKeys('spec.peer', p, [
        'name', 'mtu', 'address', 'promisc', 'allmulti', 'noarp', 'multicast', 'txQueueLen', 'alias', 'group', 'netns',
        'gsoMaxSize', 'gsoMaxSegs', 'groMaxSize', 'index', 'numTxQueues', 'numRxQueues',
      ]);
      const peer: NativeLinkRequest = {};
      if (p.name !== undefined) peer.name = v.ifname('spec.peer.name', p.name);
      common('spec.peer', p, peer, release);
      creation('spec.peer', p, peer);
      req.peer = peer;
    },
  },
  bridge: {
    keys: BRIDGE_KEYS,
    parent: false,
    add(s, req) {
      const o = Object.fromEntries(BRIDGE_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
      req.bridge = bridgeRequest('spec', o);
    },
    changeKeys: BRIDGE_KEYS,
    change(field, c, req) {
      req.bridge = bridgeRequest(field, c);
    },
  },
  dummy: { keys: [], parent: false },
  ...(Object.fromEntries(Object.keys(ATTR_KINDS).map((k) => [k, attrKind(k as AttrKindName)])) as Record<AttrKindName, KindUtil>),
};

/** The keys of `changes` that carry a kind's own settings. */
const KIND_CHANGE_KEYS = (Object.keys(KINDS) as LinkKind[]).filter((k) => KINDS[k].change && KINDS[k].changeKeys!.length > 0);

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
  // The kernel checks these against its own limits (GSO_MAX_SIZE, GSO_MAX_SEGS, GRO_MAX_SIZE).
  for (const key of ['gsoMaxSize', 'gsoMaxSegs', 'groMaxSize'] as const) {
    if (o[key] !== undefined) req[key] = v.integer(`${field}.${key}`, o[key], 0, 2 ** 32 - 1);
  }
  const bits: [string, number][] = [
    ['up', C.IFF_UP!], ['promisc', C.IFF_PROMISC!], ['allmulti', C.IFF_ALLMULTI!], ['noarp', C.IFF_NOARP!], ['multicast', C.IFF_MULTICAST!],
  ];
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

const SPEC_KEYS = ['kind', 'name', 'index', 'numTxQueues', 'numRxQueues', ...COMMON_KEYS];
const CHANGE_KEYS = ['name', ...COMMON_KEYS, ...KIND_CHANGE_KEYS, ...Object.keys(PORT_KINDS), 'bridgePort', 'inet', 'inet6'];

/** What only a new link takes: its index and its queue counts. */
function creation(field: string, o: Record<string, unknown>, req: NativeLinkRequest): void {
  if (o.index !== undefined) req.index = v.integer(`${field}.index`, o.index, 1, 2 ** 31 - 1);
  for (const key of ['numTxQueues', 'numRxQueues'] as const) {
    if (o[key] !== undefined) req[key] = v.integer(`${field}.${key}`, o[key], 1, 4096);
  }
}

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
  // A kind whose own options have a `group` (vxlan's multicast group, tun's owner group) takes it for itself.
  common('spec', kind.keys.includes('group') ? { ...s, group: undefined } : s, req, release);
  creation('spec', s, req);
  let parent: Promise<Readonly<NativeLink>> | undefined;
  const getParent = (): Promise<Readonly<NativeLink>> => (parent ??= ctx.resolveLink('spec.parent', s.parent as LinkRef));
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
  const kindKeys = KIND_CHANGE_KEYS.filter((k) => c[k] !== undefined);
  if (kindKeys.length > 1) throw typeError('changes', `at most one of ${KIND_CHANGE_KEYS.join(', ')}`, kindKeys.join(', '));
  const kindChanges = kindKeys.map((k) => {
    const kc = v.object<Record<string, unknown>>(`changes.${k}`, c[k]);
    v.knownKeys(`changes.${k}`, kc, KINDS[k].changeKeys!);
    return [k, kc] as const;
  });
  const portChanges = (Object.keys(PORT_KINDS) as (keyof typeof PORT_KINDS)[]).filter((k) => c[k] !== undefined).map((k) => {
    const pc = v.object<Record<string, unknown>>(`changes.${k}`, c[k]);
    v.knownKeys(`changes.${k}`, pc, PORT_KINDS[k].kind.changeKeys);
    return [k, pc] as const;
  });
  if (c.bridgePort !== undefined) req.bridgePort = bridgePortRequest('changes.bridgePort', c.bridgePort);
  if (c.name !== undefined) req.name = v.ifname('changes.name', c.name);
  if (c.inet !== undefined || c.inet6 !== undefined) req.afSpec = afSpecRequest(c.inet, c.inet6);
  if (c.master !== undefined && c.master !== null) v.ifnameOrIndex('changes.master', c.master);
  common('changes', c, req, release);
  for (const [k, kc] of kindChanges) {
    req.kind = k;
    await KINDS[k].change!(`changes.${k}`, kc, req, ctx, ref);
  }
  for (const [k, pc] of portChanges) {
    req[k] = await PORT_KINDS[k].kind.encode(`changes.${k}`, pc, PORT_KINDS[k].kind.changeKeys, { resolve: async () => 0 });
  }
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

/** Validates a `links.list` filter into a dump request (the master still to be resolved). */
export function linkFilterRequest(f: LinkFilter | undefined): { req: NativeLinkRequest; master?: LinkRef } {
  const req: NativeLinkRequest = { extMask: C.RTEXT_FILTER_SKIP_STATS! };
  if (f === undefined) return { req };
  const o = v.object<Record<string, unknown>>('filter', f);
  v.knownKeys('filter', o, ['kind', 'master', 'stats']);
  if (o.kind !== undefined) req.kind = v.string('filter.kind', o.kind);
  if (o.stats !== undefined && v.boolean('filter.stats', o.stats)) delete req.extMask;
  if (o.master !== undefined) v.ifnameOrIndex('filter.master', o.master);
  return { req, master: o.master as LinkRef | undefined };
}

// ---- decoding -----------------------------------------------------------------------------------

function macvlanInfo(d: NonNullable<NativeLink['macvlan']>): MacvlanInfo {
  const r: MacvlanInfo = {
    mode: MACVLAN_MODE_NAMES.get(d.mode ?? C.MACVLAN_MODE_VEPA!) ?? (String(d.mode) as MacvlanMode),
    nopromisc: (d.flags & C.MACVLAN_FLAG_NOPROMISC!) !== 0,
    macs: d.macs ?? [],
  };
  if (d.bcQueueLen !== undefined) r.bcQueueLen = d.bcQueueLen;
  if (d.bcQueueLenUsed !== undefined) r.bcQueueLenUsed = d.bcQueueLenUsed;
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

/**
 * Maps a native link's enums to names; `nameOf` gives names of links in the same namespace. The
 * counters stay only when asked for (`stats`): notifications carry them unasked.
 */
export function toLink(raw: NativeLink, nameOf: (index: number) => string | undefined, stats = false): Link {
  const l = raw as unknown as Link & NativeLink;
  const link = l as unknown as Link;
  link.flags = linkFlags(raw.flags);
  link.altNames = raw.altNames ?? [];
  // Only when there: `delete` of an absent property still turns the object into a dictionary.
  if (!stats && raw.stats !== undefined) delete raw.stats;
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
  if (raw.bridge) link.bridge = bridgeInfo(raw.bridge);
  if (raw.bridgePort) link.bridgePort = bridgePortInfo(raw.bridgePort);
  if (raw.kind === 'veth') link.veth = raw.parentIndex !== undefined ? { peerIndex: raw.parentIndex } : {};
  nameAttrKinds(raw, link as unknown as Record<string, unknown>, nameOf);
  nameInetConf(link as unknown as Record<string, unknown>);
  return link;
}

/**
 * A NetlinkError for a link that was named but does not exist (the kernel's ENODEV), naming the
 * field, the link and the namespace (`where`) in the message; `kernelMessage` stays the kernel's.
 */
export function noSuchLink(field: string, ref: LinkRef, cause: unknown, where = 'this namespace'): unknown {
  if (cause instanceof NetlinkError && cause.code === 'ENODEV') {
    return withDetail(cause, `${field}: no link ${typeof ref === 'number' ? `with index ${ref}` : `named '${ref}'`} in ${where}`);
  }
  return cause;
}

/** The kernel module that provides each kind, for "not supported by this kernel". */
const KIND_MODULES: Record<LinkKind, string> = {
  macvlan: 'macvlan', macvtap: 'macvtap', ipvlan: 'ipvlan', ipvtap: 'ipvtap', vlan: '8021q', veth: 'veth', bridge: 'bridge', dummy: 'dummy',
  vxlan: 'vxlan', geneve: 'geneve', gre: 'ip_gre', gretap: 'ip_gre', ip6gre: 'ip6_gre', ip6gretap: 'ip6_gre', ipip: 'ipip',
  sit: 'sit', ip6tnl: 'ip6_tunnel', vrf: 'vrf', bond: 'bonding', tun: 'tun', ifb: 'ifb',
};

/**
 * A refused RTM_NEWLINK told in the user's terms: which link exists where (EEXIST), which kind the
 * kernel lacks and its module (EOPNOTSUPP "Unknown device type"), the capability (EPERM).
 */
function explainAdd(e: unknown, spec: LinkSpec, where: string): unknown {
  if (e instanceof NetlinkError && e.code === 'EOPNOTSUPP' && (e.kernelMessage ?? 'Unknown device type') === 'Unknown device type') {
    const module = KIND_MODULES[spec.kind] ?? spec.kind;
    return withDetail(e, `kind '${spec.kind}' is not supported by this kernel (module ${module} is not loaded or not built)`);
  }
  const peer = spec.kind === 'veth' ? spec.peer?.name : undefined;
  const names = peer === undefined ? `link '${spec.name}'` : `link '${spec.name}' or its peer '${peer}'`;
  // A chosen index that is taken is refused alike (EEXIST on older kernels, EBUSY on newer).
  const index = spec.index === undefined ? '' : ` (or a link with index ${spec.index})`;
  return explainRefusal(e, where, `${names}${index} already exists in ${where}`);
}

/** An alternative name: 1..127 bytes (ALTIFNAMSIZ - 1), no '/', ':', whitespace or NUL, not '.' or '..'. */
function altName(field: string, value: unknown): string {
  const s = v.string(field, value);
  const bytes = Buffer.byteLength(s);
  if (bytes === 0 || bytes >= C.ALTIFNAMSIZ! || s === '.' || s === '..' || /[/:\s\0]/.test(s)) {
    throw rangeError(field, `an alternative name of 1 to ${C.ALTIFNAMSIZ! - 1} bytes without '/', ':', whitespace or NUL, and not '.' or '..'`, value);
  }
  return s;
}

// ---- the family on one handle -------------------------------------------------------------------

const GET_FLAGS = { extMask: C.RTEXT_FILTER_SKIP_STATS! };

/** What `Links` needs of a handle (an `Rtnl`, which hands it these). */
export interface LinkHost {
  /** Sends a request on the handle's socket. */
  request(type: number, flags: number, req: NativeLinkRequest): Promise<unknown[]>;
  /** The handle's namespace, as errors name it. */
  readonly netns: NetnsRef | undefined;
  /** New and changed links of the handle's namespace, those that exist first, until `signal` aborts. */
  linkUpdates(signal: AbortSignal): AsyncIterable<Link>;
  /** A handle in another namespace, for links made there; the caller closes it. */
  openLinks(netns: NetnsRef): Promise<{ readonly links: Links; close(): void }>;
}

/**
 * xs.map(fn), letting the event loop run whenever a slice has taken `sliceMs`: the native side
 * decodes a big dump a datagram at a time, and its naming here should not stall the loop in one
 * stretch either. Sliced by time, not by count, so a slower machine yields as often.
 */
async function mapInSlices<T, U>(xs: T[], fn: (x: T) => U, sliceMs = 2): Promise<U[]> {
  const out: U[] = [];
  let start = performance.now();
  for (let i = 0; i < xs.length; i++) {
    // The clock is read every 64 items: a read costs more than naming a link.
    if ((i & 63) === 63 && performance.now() - start >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      start = performance.now();
    }
    out.push(fn(xs[i]!));
  }
  return out;
}

/** Links: `ip link` on one handle. */
export class Links {
  readonly #h: LinkHost;
  readonly #lookups = new Map<LinkRef, { changes: number; sent: Promise<NativeLink[]> }>();
  /** Link changes (add, set, delete) this handle has sent: a lookup is shared only within one count. */
  #changes = 0;
  /** @internal Use `handle.links`. */
  constructor(host: LinkHost) {
    this.#h = host;
  }

  /**
   * Resolves with the link once it exists in this namespace and `predicate` holds for it (for
   * example: up with carrier), from events rather than by polling. Rejects with code 'ETIMEDOUT'
   * after `timeout` ms, or with the signal's reason when aborted.
   *
   * Equivalent to: `ip monitor link` until the link shows up as wanted
   */
  async waitFor(ref: LinkRef, predicate: (link: Link) => boolean = () => true, options: WaitOptions = {}): Promise<Link> {
    v.ifnameOrIndex('link', ref);
    if (typeof predicate !== 'function') throw typeError('predicate', 'a function', predicate);
    const o = v.object<Record<string, unknown>>('options', options);
    v.knownKeys('options', o, ['timeout', 'signal']);
    const timeout = o.timeout === undefined ? undefined : v.integer('options.timeout', o.timeout, 0, 2 ** 31 - 1);
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
      for await (const l of this.#h.linkUpdates(stop.signal)) {
        if ((typeof ref === 'number' ? l.index === ref : l.name === ref) && predicate(l)) return l;
      }
      throw stop.signal.reason;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /** @internal */
  linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]> {
    if (type !== C.RTM_GETLINK) this.#changes++;
    return this.#h.request(type, flags, req) as Promise<NativeLink[]>;
  }

  /**
   * @internal The link a ref names, for resolving parents and masters; errors name `field`. The
   * answer is shared: callers must not change it.
   */
  async resolveLink(field: string, ref: LinkRef): Promise<Readonly<NativeLink>> {
    // Lookups of one link made while one for it is in flight share its answer (1000 macvlans added
    // at once on one parent look the parent up once), as long as this handle has sent no link
    // change since that lookup went out: requests go out in order, so a lookup made after a rename
    // or delete must see it. The answer is never older than what a caller has seen: the entry goes
    // in the first reaction to the reply, before any later reply's.
    let entry = this.#lookups.get(ref);
    if (!entry || entry.changes !== this.#changes) {
      const req = { ...linkRefRequest(field, ref), ...GET_FLAGS };
      const sent = this.linkRequest(C.RTM_GETLINK!, 0, req);
      const mine = { changes: this.#changes, sent };
      const drop = (): void => {
        if (this.#lookups.get(ref) === mine) this.#lookups.delete(ref);
      };
      sent.then(drop, drop);
      entry = mine;
      this.#lookups.set(ref, entry);
    }
    try {
      return (await entry.sent)[0]!;
    } catch (e) {
      throw noSuchLink(field, ref, e, this.#where());
    }
  }

  /** How errors name this handle's namespace. */
  #where(): string {
    return describeNetns(this.#h.netns);
  }

  /** The link with its parent's and master's names; `known` holds names already at hand. */
  async #names(raw: NativeLink, known?: Map<number, string>, stats = false): Promise<Link> {
    const names = new Map<number, string>(known);
    const want = new Set<number>();
    if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined && !names.has(raw.parentIndex)) want.add(raw.parentIndex);
    if (raw.masterIndex !== undefined && !names.has(raw.masterIndex)) want.add(raw.masterIndex);
    for (const i of linkIndexesOf(raw)) if (!names.has(i)) want.add(i);
    await Promise.all([...want].map(async (i) => {
      try {
        names.set(i, (await this.resolveLink('index', i)).name);
      } catch { /* gone meanwhile: the index stays, without a name */ }
    }));
    return toLink(raw, (i) => names.get(i), stats);
  }

  /**
   * Lists the links of this namespace with their kind's details (and with `stats: true`, their
   * counters).
   *
   * Equivalent to: `ip -d [-s -s] link show [type KIND] [master DEV]`
   */
  async list(filter?: LinkFilter): Promise<Link[]> {
    const { req, master } = linkFilterRequest(filter);
    const stats = req.extMask === undefined;
    if (master !== undefined) req.master = (await this.resolveLink('filter.master', master)).index;
    // The kernel filters dumps only with strict checking (4.20+), and ignores a kind it does not
    // know (an unknown kind would list every link): the filter is applied here as well.
    const raw = (await this.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, req))
      .filter((l) => (req.kind === undefined || l.kind === req.kind) && (req.master === undefined || l.masterIndex === req.master));
    let names: Map<number, string> | undefined;
    // Filtered lists may not hold the parents; a full list names them from itself.
    const nameOf = (i: number): string | undefined => {
      if (!names) {
        names = new Map();  // without an [index, name] array per link
        for (const l of raw) names.set(l.index, l.name);
      }
      return names.get(i);
    };
    if (req.kind === undefined && req.master === undefined) return mapInSlices(raw, (l) => toLink(l, nameOf, stats));
    return Promise.all(raw.map((l) => this.#names(l, undefined, stats)));
  }

  /**
   * One link, by name, alternative name (up to 127 bytes) or index; with `stats: true`, with its
   * counters.
   *
   * Equivalent to: `ip -d [-s -s] link show dev NAME`
   */
  async get(ref: LinkRef, options: LinkGetOptions = {}): Promise<Link> {
    const o = v.object<Record<string, unknown>>('options', options);
    v.knownKeys('options', o, ['stats']);
    const stats = o.stats === undefined ? false : v.boolean('options.stats', o.stats);
    // A name too long for IFLA_IFNAME can only be an alternative name (IFLA_ALT_IFNAME).
    const alt = typeof ref === 'string' && Buffer.byteLength(ref) > 15 ? altName('link', ref) : undefined;
    // A copy: toLink names the fields in place, and the lookup's answer may be shared.
    if (!stats && alt === undefined) return this.#names({ ...(await this.resolveLink('link', ref)) });
    const req: NativeLinkRequest = alt === undefined ? linkRefRequest('link', ref) : { altName: alt };
    if (!stats) req.extMask = C.RTEXT_FILTER_SKIP_STATS!;
    const [raw] = await this.linkRequest(C.RTM_GETLINK!, 0, req)
      .catch((e) => Promise.reject(noSuchLink('link', ref, e, this.#where())));
    return this.#names(raw!, undefined, stats);
  }

  /**
   * Gives a link alternative names (each 1..127 bytes); `get` finds the link by any of them.
   *
   * Equivalent to: `ip link property add dev NAME altname ALT [altname ALT2 ...]`
   */
  addAltNames(ref: LinkRef, names: string[]): Promise<void> {
    return this.#altNames(C.RTM_NEWLINKPROP!, ref, names);
  }

  /**
   * Removes alternative names from a link.
   *
   * Equivalent to: `ip link property del dev NAME altname ALT [altname ALT2 ...]`
   */
  deleteAltNames(ref: LinkRef, names: string[]): Promise<void> {
    return this.#altNames(C.RTM_DELLINKPROP!, ref, names);
  }

  async #altNames(type: number, ref: LinkRef, names: unknown): Promise<void> {
    const req = linkRefRequest('link', ref);
    if (!Array.isArray(names) || names.length === 0) throw typeError('names', 'a non-empty array of alternative names', names);
    req.altNames = Array.from(names as unknown[], (n, i) => Buffer.from(altName(`names[${i}]`, n)));
    const flags = type === C.RTM_NEWLINKPROP ? C.NLM_F_CREATE! | C.NLM_F_EXCL! : 0;
    await this.linkRequest(type, flags, req).catch((e) => Promise.reject(explainRefusal(noSuchLink('link', ref, e, this.#where()),
      this.#where(), `${names.length > 1 ? 'one of ' : ''}${(names as string[]).map((n) => `'${n}'`).join(', ')} is already a link's name in ${this.#where()}`)));
  }

  /**
   * Creates a link and resolves to it as the kernel reports it.
   *
   * Equivalent to: `ip link add NAME link PARENT type macvlan mode bridge` (and the other kinds:
   * `type ipvlan mode l3 bridge`, `type vlan id 50 protocol 802.1Q`, `type veth peer name P`,
   * `type bridge`, `type dummy`, `type vxlan id 42 remote A dstport 4789`, `type geneve id 7 remote A`,
   * `type gre|gretap|ip6gre|ip6gretap|ipip|sit|ip6tnl local A remote B`, `type vrf table 10`,
   * `type bond mode active-backup miimon 100`, `type ifb`; `ip tuntap add NAME mode tap` for kind
   * 'tun'), with `netns NS` to create it inside another namespace.
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
      const create = KINDS[spec.kind as LinkKind]?.create;
      // A kind made by other means (tun/tap: ioctls) gets the common options as a change once it exists.
      const byOther = create && ((): NativeLinkRequest => {
        create(spec as unknown as Record<string, unknown>, spec.netns ?? this.#h.netns);
        const { kind: _kind, [spec.kind]: _own, netnsFd: _fd, netnsPid: _pid, ...rest } = req as Record<string, unknown>;
        return rest as NativeLinkRequest;
      })();
      const [echo] = byOther
        ? [undefined]
        : await this.linkRequest(C.RTM_NEWLINK!, flags, req)
          .catch((e) => Promise.reject(explainAdd(e, spec, spec.netns === undefined ? this.#where() : describeNetns(spec.netns))));
      // Kernels before 6.3 do not echo a new link; nor does any kernel when the link is made in
      // another namespace. Then it is read back where it now lives.
      const there = spec.netns === undefined ? undefined : await this.#h.openLinks(spec.netns);
      try {
        const links = there?.links ?? this;
        if (byOther && Object.keys(byOther).length > 1) await links.linkRequest(C.RTM_NEWLINK!, 0, byOther);
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
          const p = peerNs === undefined ? undefined : await this.#h.openLinks(peerNs);
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
      // The kernel takes a port's options only from a link that is a port already: with a new master
      // in the same change, they follow it.
      let portReq: NativeLinkRequest | undefined;
      if (req.bridgePort !== undefined && req.master !== undefined) {
        portReq = { bridgePort: req.bridgePort, ...(req.index === undefined ? { name: req.name! } : { index: req.index }) };
        delete req.bridgePort;
      }
      await this.linkRequest(C.RTM_NEWLINK!, 0, req).catch((e) => Promise.reject(explainRefusal(noSuchLink('link', ref, e, this.#where()),
        this.#where(), changes.name === undefined ? undefined : `link '${changes.name}' already exists in ${this.#where()}`)));
      if (portReq) await this.linkRequest(C.RTM_NEWLINK!, 0, portReq);
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
      .catch((e) => Promise.reject(explainRefusal(noSuchLink('link', ref as LinkRef, e, this.#where()), this.#where())));
  }

  async #deleteMany(refs: readonly LinkRef[]): Promise<void> {
    for (let i = 0; i < refs.length; i++) v.ifnameOrIndex(`links[${i}]`, refs[i]); // holes too, which forEach skips
    if (refs.length === 0) return;
    const dump = (): Promise<NativeLink[]> => this.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, { ...GET_FLAGS });
    const all = await dump();
    const byName = new Map(all.map((l) => [l.name, l]));
    const byIndex = new Map(all.map((l) => [l.index, l]));
    const targets = new Map<number, NativeLink>();
    refs.forEach((r, i) => {
      const l = typeof r === 'number' ? byIndex.get(r) : byName.get(r);
      if (!l) throw noSuchLink(`links[${i}]`, r, new NetlinkError(osErrno.ENODEV!, C.RTM_DELLINK!), this.#where());
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
