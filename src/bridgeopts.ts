// Bridge and bridge port options (ip link ... type bridge / type bridge_slave): the public types, one
// table per object that names each option's type and range, validation into native requests and
// decoding back. Names are iproute2's JSON keys (`ip -d -j link show`) in camelCase.
import { C } from './binding.js';
import * as v from './validate.js';

/**
 * A bridge's options (`ip link add NAME type bridge OPTION VALUE ...`,
 * `ip link set NAME type bridge OPTION VALUE ...`). Times are in hundredths of a second
 * (centiseconds), as `ip -j` prints them and `ip link ... type bridge` takes them: `forwardDelay:
 * 1500` is 15 s. On/off options are booleans where ip prints 0 or 1.
 */
export interface BridgeOptions {
  /** STP forward delay in centiseconds (`forward_delay`); with STP on, the kernel takes 200..3000. */
  forwardDelay?: number;
  /** STP hello time in centiseconds (`hello_time`); the kernel takes 100..1000. */
  helloTime?: number;
  /** STP max message age in centiseconds (`max_age`); the kernel takes 600..4000. */
  maxAge?: number;
  /** How long a learned MAC stays in the FDB, in centiseconds (`ageing_time`). The kernel keeps times in its own clock ticks: a value that is no whole number of ticks reads back rounded down (12345 as 12344 at HZ 250). */
  ageingTime?: number;
  /** Spanning tree (`stp_state`): 0 off, 1 on; reads 2 when user-space STP runs it. */
  stpState?: number;
  /** Bridge priority for STP (`priority`), 0..65535. */
  priority?: number;
  /** VLAN filtering (`vlan_filtering`): ports forward only the VLANs of their `bridge vlan` entries. */
  vlanFiltering?: boolean;
  /** The VLAN protocol the bridge filters on (`vlan_protocol`). */
  vlanProtocol?: '802.1Q' | '802.1ad';
  /** The PVID new ports get (`vlan_default_pvid`), 0..4094; 0: none. */
  defaultPvid?: number;
  /** Per-VLAN statistics (`vlan_stats_enabled`). */
  vlanStatsEnabled?: boolean;
  /** Per-port per-VLAN statistics (`vlan_stats_per_port`). */
  vlanStatsPerPort?: boolean;
  /** Bit mask of link-local groups 01:80:c2:00:00:0X the bridge forwards (`group_fwd_mask`). */
  groupFwdMask?: number;
  /** The STP group address (`group_address`), 01:80:c2:00:00:0X. */
  groupAddr?: string;
  /** IGMP/MLD snooping (`mcast_snooping`). */
  mcastSnooping?: boolean;
  /** Multicast router (`mcast_router`): 0 disabled, 1 learned from queries (the default), 2 permanent. */
  mcastRouter?: number;
  /** The querier uses the bridge's own IP address (`mcast_query_use_ifaddr`). */
  mcastQueryUseIfaddr?: boolean;
  /** The bridge sends IGMP/MLD queries (`mcast_querier`). */
  mcastQuerier?: boolean;
  /** Deprecated by the kernel, always 16 (`mcast_hash_elasticity`). */
  mcastHashElasticity?: number;
  /** Size of the multicast database (`mcast_hash_max`). */
  mcastHashMax?: number;
  /** `mcast_last_member_count`. */
  mcastLastMemberCnt?: number;
  /** `mcast_startup_query_count`. */
  mcastStartupQueryCnt?: number;
  /** Centiseconds (`mcast_last_member_interval`). */
  mcastLastMemberIntvl?: number;
  /** Centiseconds (`mcast_membership_interval`). */
  mcastMembershipIntvl?: number;
  /** Centiseconds (`mcast_querier_interval`). */
  mcastQuerierIntvl?: number;
  /** Centiseconds (`mcast_query_interval`). */
  mcastQueryIntvl?: number;
  /** Centiseconds (`mcast_query_response_interval`). */
  mcastQueryResponseIntvl?: number;
  /** Centiseconds (`mcast_startup_query_interval`). */
  mcastStartupQueryIntvl?: number;
  /** Multicast statistics (`mcast_stats_enabled`). */
  mcastStatsEnabled?: boolean;
  /** IGMP version the querier speaks (`mcast_igmp_version`), 2 or 3. */
  mcastIgmpVersion?: number;
  /** MLD version the querier speaks (`mcast_mld_version`), 1 or 2. */
  mcastMldVersion?: number;
  /** Bridged IPv4 traffic goes through iptables (`nf_call_iptables`; needs br_netfilter). */
  nfCallIptables?: boolean;
  /** Bridged IPv6 traffic goes through ip6tables (`nf_call_ip6tables`). */
  nfCallIp6tables?: boolean;
  /** Bridged ARP goes through arptables (`nf_call_arptables`). */
  nfCallArptables?: boolean;
  /** Do not learn from link-local frames (`no_linklocal_learn`; kernel 5.1+). */
  noLinklocalLearn?: boolean;
  /** Per-VLAN multicast snooping (`mcast_vlan_snooping`; kernel 5.12+). */
  mcastVlanSnooping?: boolean;
}

/**
 * A bridge as the kernel reports it (`ip -d -j link show` `info_data`): the options (those this
 * kernel has: the VLAN ones need CONFIG_BRIDGE_VLAN_FILTERING, the multicast ones
 * CONFIG_BRIDGE_IGMP_SNOOPING) and the STP state. Timers are in seconds, as ip prints them.
 */
export interface BridgeInfo extends BridgeOptions {
  /** This bridge's id, as ip prints it ('8000.2:42:ac:11:0:2'). */
  bridgeId?: string;
  /** The STP root's id. */
  rootId?: string;
  /** The port towards the root (0: this bridge is the root). */
  rootPort?: number;
  /** Path cost to the root. */
  rootPathCost?: number;
  /** STP topology change in progress. */
  topologyChange?: boolean;
  /** STP topology change detected. */
  topologyChangeDetected?: boolean;
  /** Seconds. */
  helloTimer?: number;
  /** Seconds. */
  tcnTimer?: number;
  /** Seconds. */
  topologyChangeTimer?: number;
  /** Seconds until the next FDB garbage collection. */
  gcTimer?: number;
}

/** A bridge port's STP state (`ip link set NAME type bridge_slave state N`, `bridge link set ... state`). */
export type BridgePortState = 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';

/**
 * A bridge port's options (`ip link set NAME type bridge_slave OPTION VALUE ...`, `bridge link set
 * dev NAME ...`), on the port's own link. Names are ip's `info_slave_data` JSON keys in camelCase.
 */
export interface BridgePortOptions {
  /** Hairpin mode (`hairpin`): frames may go back out of the port they came in on (what a VEPA needs). */
  hairpin?: boolean;
  /** MAC learning on this port (`learning`). */
  learning?: boolean;
  /** Unknown unicast flooded to this port (`flood`). */
  flood?: boolean;
  /** Unknown multicast flooded to this port (`mcast_flood`). */
  mcastFlood?: boolean;
  /** Broadcast flooded to this port (`bcast_flood`). */
  bcastFlood?: boolean;
  /** ARP/ND suppression (`neigh_suppress`). */
  neighSuppress?: boolean;
  /** Isolated (`isolated`): reaches only non-isolated ports. */
  isolated?: boolean;
  /** BPDU guard (`guard`): the port is disabled when it receives a BPDU. */
  guard?: boolean;
  /** Multicast fast leave (`fastleave`). */
  fastLeave?: boolean;
  /** STP path cost (`cost`), 1..65535. */
  cost?: number;
  /** STP port priority (`priority`), 0..63. */
  priority?: number;
  /** STP state (`state`); set only with STP off. */
  state?: BridgePortState;
  /** Root port protection (`root_block`). */
  rootBlock?: boolean;
  /** Proxy ARP (`proxy_arp`). */
  proxyArp?: boolean;
  /** Proxy ARP for Wi-Fi (`proxy_arp_wifi`). */
  proxyArpWifi?: boolean;
  /** Multicast router port (`mcast_router`): 0 never, 1 learned (default), 2 always, 3 temporary. */
  multicastRouter?: number;
  /** Multicast to unicast (`mcast_to_unicast`). */
  mcastToUnicast?: boolean;
  /** Link-local groups forwarded through this port (`group_fwd_mask`). */
  groupFwdMask?: number;
  /** VLAN to tunnel-id mapping (`vlan_tunnel`). */
  vlanTunnel?: boolean;
  /** Only authenticated hosts' frames (`locked`; kernel 5.18+). */
  locked?: boolean;
}

/** A bridge port as the kernel reports it (`ip -d -j link show` `info_slave_data`). */
export interface BridgePortInfo extends BridgePortOptions {
  /** STP port id (`id`, ip prints it in hex). */
  id?: number;
  /** Port number (`no`, ip prints it in hex). */
  no?: number;
  /** STP designated port. */
  designatedPort?: number;
  /** STP designated cost. */
  designatedCost?: number;
  /** Designated bridge id, as ip prints it. */
  bridgeId?: string;
  /** Designated root id. */
  rootId?: string;
  /** Seconds. */
  holdTimer?: number;
  /** Seconds. */
  messageAgeTimer?: number;
  /** Seconds. */
  forwardDelayTimer?: number;
  /** STP topology change acknowledgement pending. */
  topologyChangeAck?: boolean;
  /** STP configuration BPDU pending. */
  configPending?: boolean;
}

type Opt =
  | { t: 'bool' }
  | { t: 'int'; min: number; max: number }
  | { t: 'enum'; values: ReadonlyMap<string, number> }
  | { t: 'mac' }
  | { t: 'timer' } // read only: centiseconds from the kernel, seconds here (as ip prints them)
  | { t: 'flag' } // read only: 0/1 from the kernel
  | { t: 'id' }; // read only, as the kernel reports it

const bool: Opt = { t: 'bool' };
const int = (min: number, max: number): Opt => ({ t: 'int', min, max });
const U16 = int(0, 65535);
const U32 = int(0, 2 ** 32 - 1);
const U64 = int(0, Number.MAX_SAFE_INTEGER);
const RO: Opt = { t: 'id' };

export const BRIDGE_PORT_STATES = new Map<string, number>([
  ['disabled', C.BR_STATE_DISABLED!], ['listening', C.BR_STATE_LISTENING!], ['learning', C.BR_STATE_LEARNING!],
  ['forwarding', C.BR_STATE_FORWARDING!], ['blocking', C.BR_STATE_BLOCKING!],
]);
const BRIDGE_VLAN_PROTOCOLS = new Map<string, number>([['802.1Q', C.ETH_P_8021Q!], ['802.1ad', C.ETH_P_8021AD!]]);

const BRIDGE: Record<keyof BridgeInfo, Opt> = {
  forwardDelay: U32, helloTime: U32, maxAge: U32, ageingTime: U32, stpState: int(0, 1), priority: U16,
  vlanFiltering: bool, vlanProtocol: { t: 'enum', values: BRIDGE_VLAN_PROTOCOLS }, defaultPvid: int(0, 4094),
  vlanStatsEnabled: bool, vlanStatsPerPort: bool, groupFwdMask: U16, groupAddr: { t: 'mac' },
  mcastSnooping: bool, mcastRouter: int(0, 2), mcastQueryUseIfaddr: bool, mcastQuerier: bool,
  mcastHashElasticity: U32, mcastHashMax: U32, mcastLastMemberCnt: U32, mcastStartupQueryCnt: U32,
  mcastLastMemberIntvl: U64, mcastMembershipIntvl: U64, mcastQuerierIntvl: U64, mcastQueryIntvl: U64,
  mcastQueryResponseIntvl: U64, mcastStartupQueryIntvl: U64, mcastStatsEnabled: bool,
  mcastIgmpVersion: int(2, 3), mcastMldVersion: int(1, 2),
  nfCallIptables: bool, nfCallIp6tables: bool, nfCallArptables: bool, noLinklocalLearn: bool, mcastVlanSnooping: bool,
  bridgeId: RO, rootId: RO, rootPort: RO, rootPathCost: RO, topologyChange: { t: 'flag' }, topologyChangeDetected: { t: 'flag' },
  helloTimer: { t: 'timer' }, tcnTimer: { t: 'timer' }, topologyChangeTimer: { t: 'timer' }, gcTimer: { t: 'timer' },
};

const BRIDGE_PORT: Record<keyof BridgePortInfo, Opt> = {
  hairpin: bool, learning: bool, flood: bool, mcastFlood: bool, bcastFlood: bool, neighSuppress: bool, isolated: bool,
  guard: bool, fastLeave: bool, cost: int(1, 65535), priority: int(0, 63), state: { t: 'enum', values: BRIDGE_PORT_STATES },
  rootBlock: bool, proxyArp: bool, proxyArpWifi: bool, multicastRouter: int(0, 3), mcastToUnicast: bool,
  groupFwdMask: U16, vlanTunnel: bool, locked: bool,
  id: RO, no: RO, designatedPort: RO, designatedCost: RO, bridgeId: RO, rootId: RO,
  holdTimer: { t: 'timer' }, messageAgeTimer: { t: 'timer' }, forwardDelayTimer: { t: 'timer' },
  topologyChangeAck: { t: 'flag' }, configPending: { t: 'flag' },
};

const settable = (table: Record<string, Opt>): string[] =>
  Object.keys(table).filter((k) => !['timer', 'flag', 'id'].includes(table[k]!.t));
const SETTABLE = new Map<Record<string, Opt>, string[]>([[BRIDGE, settable(BRIDGE)], [BRIDGE_PORT, settable(BRIDGE_PORT)]]);

/** A native request from options: every value checked against its option's type and range. */
function encode(field: string, o: unknown, table: Record<string, Opt>): Record<string, number | Uint8Array> {
  const s = v.object<Record<string, unknown>>(field, o);
  v.knownKeys(field, s, SETTABLE.get(table)!);
  const out: Record<string, number | Uint8Array> = {};
  for (const [key, value] of Object.entries(s)) {
    if (value === undefined) continue;
    const opt = table[key]!;
    const f = `${field}.${key}`;
    if (opt.t === 'bool') out[key] = v.boolean(f, value) ? 1 : 0;
    else if (opt.t === 'int') out[key] = v.integer(f, value, opt.min, opt.max);
    else if (opt.t === 'enum') out[key] = v.oneOf(f, value, opt.values);
    else if (opt.t === 'mac') out[key] = v.mac(f, value);
  }
  return out;
}

function decode<T>(raw: Record<string, number | string>, table: Record<string, Opt>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const opt = table[key];
    if (opt === undefined) continue;
    if (opt.t === 'bool' || opt.t === 'flag') out[key] = value !== 0;
    else if (opt.t === 'timer') out[key] = (value as number) / 100;
    else if (opt.t === 'enum') out[key] = [...opt.values].find(([, n]) => n === value)?.[0] ?? value;
    else out[key] = value;
  }
  return out as T;
}

/** `links.add({ kind: 'bridge', ... })`'s and `links.set(br, { bridge })`'s options into a native request. */
export const bridgeRequest = (field: string, o: unknown): Record<string, number | Uint8Array> => encode(field, o, BRIDGE);
/** `links.set(port, { bridgePort })` into a native request. */
export const bridgePortRequest = (field: string, o: unknown): Record<string, number | Uint8Array> => encode(field, o, BRIDGE_PORT);
/** The keys a bridge spec takes besides the common ones. */
export const BRIDGE_KEYS: readonly string[] = SETTABLE.get(BRIDGE)!;
/** A bridge's native details, named. */
export const bridgeInfo = (raw: Record<string, number | string>): BridgeInfo => decode(raw, BRIDGE);
/** A bridge port's native details, named. */
export const bridgePortInfo = (raw: Record<string, number | string>): BridgePortInfo => decode(raw, BRIDGE_PORT);
