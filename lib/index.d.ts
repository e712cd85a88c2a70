/** A network namespace: a name under /run/netns, a namespace file path, a process id or an open fd. */
export type NetnsRef = string | {
	path: string;
} | {
	pid: number;
} | {
	fd: number;
};
declare function create(name: string): Promise<void>;
declare function remove(name: string): Promise<void>;
declare function list(): Promise<string[]>;
declare function exists(name: string): Promise<boolean>;
/** A namespace id as `netns.listIds` reports it. */
export interface NetnsId {
	/** The id the namespace gives the other one (`nsid`). */
	nsid: number;
	/** That namespace's name under /run/netns, when it has one. */
	name?: string;
}
/** Options of `netns.setId` and `netns.listIds`. */
export interface NetnsIdOptions {
	/** The namespace whose ids these are (`ip -n NS netns ...`); default: the current one. */
	netns?: NetnsRef;
}
declare function setId(name: string, id: number | "auto", options?: NetnsIdOptions): Promise<void>;
declare function listIds(options?: NetnsIdOptions): Promise<NetnsId[]>;
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
	vlanProtocol?: "802.1Q" | "802.1ad";
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
export type BridgePortState = "disabled" | "listening" | "learning" | "forwarding" | "blocking";
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
/**
 * A link's IPv4 settings, `net.ipv4.conf.NAME.*`, named after the kernel's IPV4_DEVCONF_* constants
 * in camelCase (`arpNotify`, `rpFilter`, `proxyArp`; `arpfilter` is `arp_filter`, `noxfrm` is
 * `disable_xfrm`, `nopolicy` is `disable_policy`, `srcVmark` is `src_valid_mark`).
 */
export interface InetConf {
	forwarding: number;
	mcForwarding: number;
	proxyArp: number;
	acceptRedirects: number;
	secureRedirects: number;
	sendRedirects: number;
	sharedMedia: number;
	rpFilter: number;
	acceptSourceRoute: number;
	bootpRelay: number;
	logMartians: number;
	tag: number;
	arpfilter: number;
	mediumId: number;
	noxfrm: number;
	nopolicy: number;
	forceIgmpVersion: number;
	arpAnnounce: number;
	arpIgnore: number;
	promoteSecondaries: number;
	arpAccept: number;
	arpNotify: number;
	acceptLocal: number;
	srcVmark: number;
	proxyArpPvlan: number;
	routeLocalnet: number;
	/** And whatever else the kernel and the build headers know. */
	[setting: string]: number;
}
/** A link's IPv6 settings, `net.ipv6.conf.NAME.*`, named after DEVCONF_* in camelCase (`ndiscNotify`, `disableIpv6`). */
export interface Inet6Conf {
	forwarding: number;
	hoplimit: number;
	mtu6: number;
	acceptRa: number;
	autoconf: number;
	dadTransmits: number;
	disableIpv6: number;
	acceptDad: number;
	ndiscNotify: number;
	addrGenMode: number;
	keepAddrOnDown: number;
	[setting: string]: number;
}
export type AddrGenMode = "eui64" | "none" | "stable-privacy" | "random";
/** IPv6 on a link, as read back (IFLA_AF_SPEC/AF_INET6). */
export interface Inet6Info {
	/** How the link-local (and SLAAC) addresses are made (`ip link set NAME addrgenmode MODE`). */
	addrGenMode?: AddrGenMode | number;
	/** The interface identifier token (`ip token`), when one is set. */
	token?: string;
	/** `net.ipv6.conf.NAME.*`, read only over netlink: write them with `h.sysctl.set`. */
	/** Frozen, and shared between links of one read whose settings are equal. */
	conf: Inet6Conf;
}
/** What `links.set` takes under `inet6`: the IPv6 settings the kernel lets netlink change. */
export interface Inet6Changes {
	addrGenMode?: AddrGenMode;
	/** An interface identifier such as '::1:2:3:4' (`ip token set ::1:2:3:4/64 dev NAME`); '::' clears it. */
	token?: string;
}
/** vxlan/geneve don't-fragment handling (`df unset|set|inherit`). */
export type TunnelDf = "unset" | "set" | "inherit";
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
	encapLimit?: number | "none";
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
export type TunnelProto = "any" | "ipip" | "mplsip" | "ip6ip" | "ip6ip6" | "ipip6";
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
export type BondMode = "balance-rr" | "active-backup" | "balance-xor" | "broadcast" | "802.3ad" | "balance-tlb" | "balance-alb";
/** Bond transmit hash policies (`xmit_hash_policy`). */
export type BondXmitHashPolicy = "layer2" | "layer3+4" | "layer2+3" | "encap2+3" | "encap3+4" | "vlan+srcmac";
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
	arpValidate?: "none" | "active" | "backup" | "all" | "filter" | "filter_active" | "filter_backup";
	/** Which ARP targets must answer (`arp_all_targets`). */
	arpAllTargets?: "any" | "all";
	/** Missed ARP/NS monitor answers before a port is down (`arp_missed_max`). */
	arpMissedMax?: number;
	/** The preferred port (`primary`). */
	primary?: LinkRef;
	/** When the primary becomes active again (`primary_reselect`). */
	primaryReselect?: "always" | "better" | "failure";
	/** MAC handling on failover (`fail_over_mac`). */
	failOverMac?: "none" | "active" | "follow";
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
	adLacpRate?: "slow" | "fast";
	/** LACP active (`lacp_active`). */
	adLacpActive?: "off" | "on";
	/** Aggregator selection (`ad_select`). */
	adSelect?: "stable" | "bandwidth" | "count";
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
	state: "ACTIVE" | "BACKUP";
	/** The MII status: 'UP', 'GOING_DOWN', 'DOWN', 'GOING_BACK'. */
	miiStatus: "UP" | "GOING_DOWN" | "DOWN" | "GOING_BACK";
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
export type TunType = "tun" | "tap";
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
export interface TunInfo extends Required<Omit<TunOptions, "user" | "group">> {
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
export type MacvlanMode = "private" | "vepa" | "bridge" | "passthru" | "source";
/** ipvlan/ipvtap modes: 'l2' (switching on the parent, links share its MAC), 'l3' and 'l3s' (routing; l3s with netfilter). */
export type IpvlanMode = "l2" | "l3" | "l3s";
/** ipvlan/ipvtap flags: 'bridge' (the default: ipvlans of a parent reach each other), 'private' (they do not), 'vepa' (through the switch). */
export type IpvlanFlag = "bridge" | "private" | "vepa";
/** The VLAN tag protocol: '802.1Q' (a customer VLAN, the default) or '802.1ad' (QinQ service VLAN). */
export type VlanProtocol = "802.1Q" | "802.1ad";
/** RFC 2863 operational state (`ip link`'s "state"): 'up' only when the link can pass traffic. */
export type OperState = "up" | "down" | "unknown" | "lowerlayerdown" | "dormant" | "notpresent" | "testing";
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
		bytes: number;
		packets: number;
		errors: number;
		dropped: number;
		overErrors: number;
		multicast: number;
		lengthErrors: number;
		crcErrors: number;
		frameErrors: number;
		fifoErrors: number;
		missedErrors: number;
		compressed?: number;
		nohandler?: number;
		otherhostDropped?: number;
	};
	/** Sent; `carrierChanges` counts the carrier's ups and downs (IFLA_CARRIER_CHANGES). */
	tx: {
		bytes: number;
		packets: number;
		errors: number;
		dropped: number;
		carrierErrors: number;
		collisions: number;
		abortedErrors: number;
		fifoErrors: number;
		windowErrors: number;
		heartbeatErrors: number;
		compressed?: number;
		carrierChanges?: number;
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
type NoDetails<Own extends keyof KindDetails = never> = {
	[K in Exclude<keyof KindDetails, Own>]?: undefined;
};
/** A macvlan (`ip link add NAME link PARENT type macvlan mode MODE`). */
export interface MacvlanLink extends LinkBase, NoDetails<"macvlan"> {
	/** The kind (`type macvlan`). */
	kind: "macvlan";
	/** The macvlan's own details. */
	macvlan: MacvlanInfo;
}
/** A macvtap: a macvlan with a tap character device. */
export interface MacvtapLink extends LinkBase, NoDetails<"macvtap"> {
	/** The kind (`type macvtap`). */
	kind: "macvtap";
	/** The macvtap's own details. */
	macvtap: MacvlanInfo;
}
/** An ipvlan (`ip link add NAME link PARENT type ipvlan mode MODE FLAG`). */
export interface IpvlanLink extends LinkBase, NoDetails<"ipvlan"> {
	/** The kind (`type ipvlan`). */
	kind: "ipvlan";
	/** The ipvlan's own details. */
	ipvlan: IpvlanInfo;
}
/** An ipvtap: an ipvlan with a tap character device. */
export interface IpvtapLink extends LinkBase, NoDetails<"ipvtap"> {
	/** The kind (`type ipvtap`). */
	kind: "ipvtap";
	/** The ipvtap's own details. */
	ipvtap: IpvlanInfo;
}
/** An 802.1Q/802.1ad VLAN (`ip link add NAME link PARENT type vlan id ID`). */
export interface VlanLink extends LinkBase, NoDetails<"vlan"> {
	/** The kind (`type vlan`). */
	kind: "vlan";
	/** The vlan's own details. */
	vlan: VlanInfo;
}
/** One end of a veth pair. */
export interface VethLink extends LinkBase, NoDetails<"veth"> {
	/** The kind (`type veth`). */
	kind: "veth";
	/** The veth's own details. */
	veth: VethInfo;
}
/** A bridge (`ip link add NAME type bridge`). */
export interface BridgeLink extends LinkBase, NoDetails<"bridge"> {
	/** The kind (`type bridge`). */
	kind: "bridge";
	/** The bridge's options and STP state. */
	bridge: BridgeInfo;
}
/** A dummy link. */
export interface DummyLink extends LinkBase, NoDetails {
	/** The kind (`type dummy`). */
	kind: "dummy";
}
/** A vxlan (`ip link add NAME type vxlan id ID ...`). */
export interface VxlanLink extends LinkBase, NoDetails<"vxlan"> {
	/** The kind (`type vxlan`). */
	kind: "vxlan";
	/** The vxlan's own details. */
	vxlan: VxlanInfo;
}
/** A geneve (`ip link add NAME type geneve id ID remote ADDR`). */
export interface GeneveLink extends LinkBase, NoDetails<"geneve"> {
	/** The kind (`type geneve`). */
	kind: "geneve";
	/** The geneve's own details. */
	geneve: GeneveInfo;
}
/** A GRE tunnel (`ip link add NAME type gre local A remote B`). */
export interface GreLink extends LinkBase, NoDetails<"gre"> {
	/** The kind (`type gre`). */
	kind: "gre";
	/** The tunnel's own details. */
	gre: GreInfo;
}
/** A GRE tunnel carrying Ethernet (`type gretap`). */
export interface GretapLink extends LinkBase, NoDetails<"gretap"> {
	/** The kind (`type gretap`). */
	kind: "gretap";
	/** The tunnel's own details. */
	gretap: GreInfo;
}
/** A GRE tunnel over IPv6 (`type ip6gre`). */
export interface Ip6greLink extends LinkBase, NoDetails<"ip6gre"> {
	/** The kind (`type ip6gre`). */
	kind: "ip6gre";
	/** The tunnel's own details. */
	ip6gre: GreInfo;
}
/** A GRE tunnel over IPv6 carrying Ethernet (`type ip6gretap`). */
export interface Ip6gretapLink extends LinkBase, NoDetails<"ip6gretap"> {
	/** The kind (`type ip6gretap`). */
	kind: "ip6gretap";
	/** The tunnel's own details. */
	ip6gretap: GreInfo;
}
/** An IPv4-in-IPv4 tunnel (`type ipip`). */
export interface IpipLink extends LinkBase, NoDetails<"ipip"> {
	/** The kind (`type ipip`). */
	kind: "ipip";
	/** The tunnel's own details. */
	ipip: IptunInfo;
}
/** An IPv6-in-IPv4 tunnel (`type sit`). */
export interface SitLink extends LinkBase, NoDetails<"sit"> {
	/** The kind (`type sit`). */
	kind: "sit";
	/** The tunnel's own details. */
	sit: IptunInfo;
}
/** An IPv4/IPv6-in-IPv6 tunnel (`type ip6tnl`). */
export interface Ip6tnlLink extends LinkBase, NoDetails<"ip6tnl"> {
	/** The kind (`type ip6tnl`). */
	kind: "ip6tnl";
	/** The tunnel's own details. */
	ip6tnl: IptunInfo;
}
/** A VRF (`ip link add NAME type vrf table N`). */
export interface VrfLink extends LinkBase, NoDetails<"vrf"> {
	/** The kind (`type vrf`). */
	kind: "vrf";
	/** The VRF's own details. */
	vrf: VrfInfo;
}
/** A bond (`ip link add NAME type bond mode MODE`). */
export interface BondLink extends LinkBase, NoDetails<"bond"> {
	/** The kind (`type bond`). */
	kind: "bond";
	/** The bond's own details. */
	bond: BondInfo;
}
/** A tun or tap device (`ip tuntap add NAME mode tun|tap`). */
export interface TunLink extends LinkBase, NoDetails<"tun"> {
	/** The kind (`tun`, for tun and tap devices alike). */
	kind: "tun";
	/** The device's own details. */
	tun: TunInfo;
}
/** An intermediate functional block device (`ip link add NAME type ifb`). */
export interface IfbLink extends LinkBase, NoDetails {
	/** The kind (`type ifb`). */
	kind: "ifb";
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
export type Link = MacvlanLink | MacvtapLink | IpvlanLink | IpvtapLink | VlanLink | VethLink | BridgeLink | DummyLink | VxlanLink | GeneveLink | GreLink | GretapLink | Ip6greLink | Ip6gretapLink | IpipLink | SitLink | Ip6tnlLink | VrfLink | BondLink | TunLink | IfbLink | OtherLink;
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
	kind: "macvlan" | "macvtap";
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
	kind: "ipvlan" | "ipvtap";
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
	kind: "vlan";
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
export interface VethPeerSpec extends Omit<CommonOptions, "up" | "master"> {
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
	kind: "veth";
	/** The other end; `netns` in it puts that end in another namespace. */
	peer?: VethPeerSpec;
}
/**
 * A bridge (`ip link add NAME type bridge vlan_filtering 1 stp_state 0 ...`), with any of its
 * options; omitted ones take the kernel's defaults.
 */
export interface BridgeSpec extends SpecBase, BridgeOptions {
	/** The kind (`type bridge`). */
	kind: "bridge";
}
/** A dummy link (`ip link add NAME type dummy`). */
export interface DummySpec extends SpecBase {
	/** The kind (`type dummy`). */
	kind: "dummy";
}
/**
 * A vxlan (`ip link add NAME type vxlan id ID [remote A | group G dev PARENT] [local A] [dstport P] ...`).
 * `group` is the multicast group here, as in ip; a link group is set afterwards with `links.set`.
 */
export interface VxlanSpec extends Omit<SpecBase, "group">, VxlanOptions {
	/** The kind (`type vxlan`). */
	kind: "vxlan";
	/** The lower device (`dev`), needed with a multicast `group`. */
	parent?: LinkRef;
}
/** A geneve (`ip link add NAME type geneve id ID remote A [ttl N] [tos N] [dstport P]`). */
export interface GeneveSpec extends SpecBase, GeneveOptions {
	/** The kind (`type geneve`). */
	kind: "geneve";
}
/** A GRE tunnel over IPv4 (`ip link add NAME type gre|gretap local A remote B [key K] [csum] [seq] [dev PARENT]`). */
export interface GreSpec extends SpecBase, Tunnel4Options, GreKeyOptions {
	/** The kind (`type gre` or `type gretap`). */
	kind: "gre" | "gretap";
	/** The device the tunnel's packets leave by (`dev`). */
	parent?: LinkRef;
}
/** A GRE tunnel over IPv6 (`ip link add NAME type ip6gre|ip6gretap local A remote B [encaplimit N] [flowlabel F]`). */
export interface Ip6greSpec extends SpecBase, Tunnel6Options, GreKeyOptions {
	/** The kind (`type ip6gre` or `type ip6gretap`). */
	kind: "ip6gre" | "ip6gretap";
	/** The device the tunnel's packets leave by (`dev`). */
	parent?: LinkRef;
}
/** An IP tunnel over IPv4 (`ip link add NAME type ipip|sit local A remote B [ttl N] [mode M]`). */
export interface IptunSpec extends SpecBase, Tunnel4Options {
	/** The kind (`type ipip` or `type sit`). */
	kind: "ipip" | "sit";
	/** The inner protocol (`mode`): ipip takes 'ipip' (the kernel's default), 'mplsip', 'any'; sit also 'ip6ip'. */
	proto?: "any" | "ipip" | "mplsip" | "ip6ip";
	/** The device the tunnel's packets leave by (`dev`). */
	parent?: LinkRef;
}
/** An IP tunnel over IPv6 (`ip link add NAME type ip6tnl local A remote B [mode ip6ip6|ipip6|any]`). */
export interface Ip6tnlSpec extends SpecBase, Tunnel6Options {
	/** The kind (`type ip6tnl`). */
	kind: "ip6tnl";
	/** The inner protocol (`mode`). */
	proto?: "any" | "ip6ip6" | "ipip6";
	/** The device the tunnel's packets leave by (`dev`). */
	parent?: LinkRef;
}
/** A VRF (`ip link add NAME type vrf table N`); its ports join with `master`. */
export interface VrfSpec extends SpecBase, VrfOptions {
	/** The kind (`type vrf`). */
	kind: "vrf";
}
/** A bond (`ip link add NAME type bond mode MODE miimon N ...`); its ports join with `master`. */
export interface BondSpec extends SpecBase, BondOptions {
	/** The kind (`type bond`). */
	kind: "bond";
}
/**
 * A persistent tun or tap device (`ip tuntap add NAME mode tun|tap [user U] [group G] [pi] [vnet_hdr] [multi_queue]`).
 * `group` is the owning group id here, as in ip; a link group is set afterwards with `links.set`.
 */
export interface TunSpec extends Omit<SpecBase, "group">, TunOptions {
	/** The kind: 'tun', for tun and tap devices alike (`type` says which). */
	kind: "tun";
}
/** An intermediate functional block device (`ip link add NAME type ifb`). */
export interface IfbSpec extends SpecBase {
	/** The kind (`type ifb`). */
	kind: "ifb";
}
/** What `links.add` takes: a discriminated union on `kind`. */
export type LinkSpec = MacvlanSpec | IpvlanSpec | VlanSpec | VethSpec | BridgeSpec | DummySpec | VxlanSpec | GeneveSpec | GreSpec | Ip6greSpec | IptunSpec | Ip6tnlSpec | VrfSpec | BondSpec | TunSpec | IfbSpec;
/** The kinds `links.add` creates. */
export type LinkKind = LinkSpec["kind"];
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
	vxlan?: Pick<VxlanOptions, "remote" | "group" | "local" | "ttl" | "ttlInherit" | "tos" | "df" | "label" | "learning" | "ageing" | "limit">;
	/** A geneve's settings the kernel lets change. */
	geneve?: Pick<GeneveOptions, "remote" | "ttl" | "ttlInherit" | "tos" | "df" | "label">;
	/** A gre tunnel's settings (the others are kept: rtnl sends them along, as the kernel replaces them all). */
	gre?: Omit<Tunnel4Options, "external"> & GreKeyOptions;
	/** A gretap tunnel's settings. */
	gretap?: Omit<Tunnel4Options, "external"> & GreKeyOptions;
	/** An ip6gre tunnel's settings. */
	ip6gre?: Omit<Tunnel6Options, "external"> & GreKeyOptions;
	/** An ip6gretap tunnel's settings. */
	ip6gretap?: Omit<Tunnel6Options, "external"> & GreKeyOptions;
	/** An ipip tunnel's settings. */
	ipip?: Omit<Tunnel4Options, "external">;
	/** A sit tunnel's settings. */
	sit?: Omit<Tunnel4Options, "external">;
	/** An ip6tnl tunnel's settings. */
	ip6tnl?: Omit<Tunnel6Options, "external">;
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
/** Links: `ip link` on one handle. */
export declare class Links {
	#private;
	/**
	 * Resolves with the link once it exists in this namespace and `predicate` holds for it (for
	 * example: up with carrier), from events rather than by polling. Rejects with code 'ETIMEDOUT'
	 * after `timeout` ms, or with the signal's reason when aborted.
	 *
	 * Equivalent to: `ip monitor link` until the link shows up as wanted
	 */
	waitFor(ref: LinkRef, predicate?: (link: Link) => boolean, options?: WaitOptions): Promise<Link>;
	/**
	 * Lists the links of this namespace with their kind's details (and with `stats: true`, their
	 * counters).
	 *
	 * Equivalent to: `ip -d [-s -s] link show [type KIND] [master DEV]`
	 */
	list(filter?: LinkFilter): Promise<Link[]>;
	/**
	 * One link, by name, alternative name (up to 127 bytes) or index; with `stats: true`, with its
	 * counters.
	 *
	 * Equivalent to: `ip -d [-s -s] link show dev NAME`
	 */
	get(ref: LinkRef, options?: LinkGetOptions): Promise<Link>;
	/**
	 * Gives a link alternative names (each 1..127 bytes); `get` finds the link by any of them.
	 *
	 * Equivalent to: `ip link property add dev NAME altname ALT [altname ALT2 ...]`
	 */
	addAltNames(ref: LinkRef, names: string[]): Promise<void>;
	/**
	 * Removes alternative names from a link.
	 *
	 * Equivalent to: `ip link property del dev NAME altname ALT [altname ALT2 ...]`
	 */
	deleteAltNames(ref: LinkRef, names: string[]): Promise<void>;
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
	add(spec: LinkSpec): Promise<Link>;
	/**
	 * Changes a link: state, MTU, MAC, name, promiscuity, master, namespace, and its kind's settings.
	 *
	 * Equivalent to: `ip link set NAME up mtu 1400 address 02:42:0a:00:00:05 promisc on`,
	 * `ip link set NAME netns NS`, `ip link set NAME type macvlan mode vepa`
	 */
	set(ref: LinkRef, changes: LinkChanges): Promise<void>;
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
	delete(ref: LinkRef | readonly LinkRef[]): Promise<void>;
}
/** An address family as iproute2's `-4`/`-6`. */
export type IpFamily = 4 | 6;
/**
 * A scope by name (`/etc/iproute2/rt_scopes`): 'universe' (0, global), 'site' (200), 'link' (253),
 * 'host' (254), 'nowhere' (255); other numbers as they are.
 */
export type Scope = "universe" | "site" | "link" | "host" | "nowhere" | number;
/**
 * Who added an address (IFA_PROTO, kernel 6.1+): 'kernel_lo' (the loopback's), 'kernel_ra' (from a
 * router advertisement), 'kernel_ll' (an IPv6 link-local address), 'unspec', or a number of one's own.
 */
export type AddressProtocol = "unspec" | "kernel_lo" | "kernel_ra" | "kernel_ll";
/** An address's scope: a name, or a number 0..255 (`/etc/iproute2/rt_scopes`); 'nowhere' is 255. */
export type AddressScope = Scope;
/** An address's IFA_F_* flags, as `ip addr` prints them. */
export interface AddressFlags {
	/** Added by hand (not `dynamic`, as addresses from IPv6 autoconfiguration are). */
	permanent: boolean;
	/** IPv6: duplicate address detection is not over yet; the address is not usable. */
	tentative: boolean;
	/** IPv6: duplicate address detection found the address in use elsewhere. */
	dadfailed: boolean;
	/** The preferred lifetime is over: kept, but not chosen for new connections. */
	deprecated: boolean;
	/** No prefix route was added for it (`noprefixroute`). */
	noprefixroute: boolean;
	/** IPv6: added without duplicate address detection (`nodad`). */
	nodad: boolean;
	/** IPv6: optimistic duplicate address detection (usable while it runs). */
	optimistic: boolean;
	/** IPv6: a Mobile IPv6 home address (`home`). */
	homeaddress: boolean;
	/** IPv6: temporary (privacy) addresses are made from its prefix (`mngtmpaddr`). */
	managetempaddr: boolean;
	/** IPv4: not the first address of its subnet on the link. IPv6: a temporary (privacy) address. */
	secondary: boolean;
	/** IPv6: a stable-privacy address (RFC 7217); set only by kernels that report it. */
	stablePrivacy?: boolean;
}
/** An address as the kernel reports it (`ip addr show`). */
export interface Address {
	/** 4 or 6. */
	family: IpFamily;
	/** The link's index. */
	linkIndex: number;
	/** The link's name. */
	link?: string;
	/** The address itself (IFA_LOCAL), without the prefix length. */
	address: string;
	/** The prefix length (/24, /64, ...). */
	prefixLength: number;
	/** `${address}/${prefixLength}` */
	cidr: string;
	/** The other end of a point-to-point link. */
	peer?: string;
	/** IPv4 broadcast address (`brd`). */
	broadcast?: string;
	/** IPv4 label (the link's name unless set, such as 'mv0:1'). */
	label?: string;
	/** Who added it (`proto` in iproute2 6.3+), when the kernel reports it (6.1+) and it is not 0. */
	protocol?: AddressProtocol | number;
	/** Where the address is valid: 'universe' (global), 'link', 'host', ... */
	scope: AddressScope;
	/** Its flags. */
	flags: AddressFlags;
	/** Seconds left; undefined = forever. */
	validLifetime?: number;
	/** Seconds left while preferred for new connections; undefined = forever. */
	preferredLifetime?: number;
}
/** Options of `addresses.add` and `addresses.replace`. */
export interface AddressOptions {
	/**
	 * IPv4 broadcast address. Default: the prefix's last address for prefixes shorter than /31 (as
	 * `ip addr add ... brd +`); false sends none.
	 */
	broadcast?: string | false;
	/** The other end of a point-to-point link (`peer ADDRESS`). */
	peer?: string;
	/** IPv4 label, such as 'mv0:1' (at most 15 bytes). */
	label?: string;
	/** Default: 'host' for 127.0.0.0/8, else 'universe' (IPv6: the kernel derives it). */
	scope?: AddressScope;
	/** Seconds, or 'forever' (the default). With only a valid lifetime, the preferred one is the same. */
	validLifetime?: number | "forever";
	/** Seconds, or 'forever'; at most `validLifetime`. Default: the valid lifetime. */
	preferredLifetime?: number | "forever";
	/** Do not add the prefix route. */
	noprefixroute?: boolean;
	/** IPv6: skip duplicate address detection. */
	nodad?: boolean;
	/** IPv6: optimistic duplicate address detection: usable while it runs (`optimistic`). */
	optimistic?: boolean;
	/** Who adds it (`proto N`, IFA_PROTO; kernel 6.1+): a name, or a number 0..255. */
	protocol?: AddressProtocol | number;
	/** IPv6: a Mobile IPv6 home address. */
	homeaddress?: boolean;
	/** IPv6: make temporary (privacy) addresses from this prefix. */
	managetempaddr?: boolean;
}
/** Options of `addresses.delete`. */
export interface AddressDeleteOptions {
	/** The peer the address was added with (`peer ADDRESS`): a point-to-point address is found by it. */
	peer?: string;
}
/** What `addresses.list` takes. */
export interface AddressFilter {
	/** Only the addresses of this link (filtered in the kernel). */
	link?: LinkRef;
	/** Only IPv4 or only IPv6 addresses (filtered in the kernel). */
	family?: IpFamily;
}
/** Options of `addresses.waitSettled`. */
export interface SettleOptions {
	/** Milliseconds to wait at most (default 5000). */
	timeout?: number;
	/** Milliseconds between looks (default 50). */
	interval?: number;
}
/** Addresses: `ip addr` on one handle. */
export declare class Addresses {
	#private;
	/**
	 * Lists addresses, all or those of one link or one family; the kernel does the filtering.
	 *
	 * Equivalent to: `ip [-4|-6] addr show [dev NAME]`
	 */
	list(filter?: AddressFilter): Promise<Address[]>;
	/**
	 * Adds an address to a link.
	 *
	 * Equivalent to: `ip addr add 172.16.10.5/24 [brd +] [peer P] [label L] [scope S]
	 * [valid_lft N preferred_lft N] [noprefixroute] [nodad] [optimistic] [home] [mngtmpaddr] [proto P] dev NAME`
	 */
	add(link: LinkRef, address: string, options?: AddressOptions): Promise<void>;
	/**
	 * Adds an address, or changes it where the link has it already (its lifetimes, flags, ...).
	 *
	 * Equivalent to: `ip addr replace 172.16.10.5/24 dev NAME`
	 */
	replace(link: LinkRef, address: string, options?: AddressOptions): Promise<void>;
	/**
	 * Removes an address from a link. A point-to-point address is named with its peer, as it was
	 * added: the kernel matches the peer, not the local address, against the prefix.
	 *
	 * Equivalent to: `ip addr del 172.16.10.5/24 dev NAME`, `ip addr del 10.0.0.1/32 peer 10.9.9.9 dev NAME`
	 */
	delete(link: LinkRef, address: string, options?: AddressDeleteOptions): Promise<void>;
	/**
	 * Resolves once no IPv6 address of the link is tentative (duplicate address detection is over);
	 * rejects with code 'ERR_DAD_FAILED' when an address failed it, and with 'ETIMEDOUT' after
	 * `timeout` ms. Looks every `interval` ms (events come with `watch`).
	 *
	 * Equivalent to: `ip -6 addr show dev NAME tentative` until it lists nothing
	 */
	waitSettled(link: LinkRef, options?: SettleOptions): Promise<void>;
}
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
export type FdbState = "permanent" | "static" | "dynamic" | "stale";
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
	state?: "permanent" | "static" | "dynamic";
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
/** Bridge VLAN tables: `bridge vlan` on one handle. */
export declare class BridgeVlans {
	#private;
	/**
	 * Lists the VLAN entries of every bridge port and bridge (or one link's), ranges of entries with
	 * the same flags compressed into one (`vid`..`vidEnd`), as `bridge -compressvlans vlan show` prints them.
	 * Links without entries (no VLAN filtering) are left out.
	 *
	 * Equivalent to: `bridge -compressvlans vlan show [dev NAME]`
	 */
	list(filter?: BridgeVlanFilter): Promise<BridgeVlan[]>;
	/**
	 * Adds a VLAN (or a range) to a port's table, or the bridge's own with `self`; adding one that is
	 * there changes its flags.
	 *
	 * Equivalent to: `bridge vlan add dev NAME vid VID[-VIDEND] [pvid] [untagged] [self] [master]`
	 */
	add(spec: BridgeVlanSpec): Promise<void>;
	/**
	 * Removes a VLAN (or a range) from a port's table, or the bridge's own with `self`.
	 *
	 * Equivalent to: `bridge vlan del dev NAME vid VID[-VIDEND] [self] [master]`
	 */
	delete(spec: Pick<BridgeVlanSpec, "link" | "vid" | "vidEnd" | "self" | "master">): Promise<void>;
}
/** Bridge forwarding databases: `bridge fdb` on one handle. */
export declare class Fdb {
	#private;
	/**
	 * Lists FDB entries: the bridges' and every device's own (`self`); the kernel filters by port and
	 * by bridge.
	 *
	 * Equivalent to: `bridge fdb show [brport NAME] [br BRIDGE]`
	 */
	list(filter?: FdbFilter): Promise<FdbEntry[]>;
	/**
	 * Adds an entry; rejects with EEXIST when there is one for the MAC and VLAN.
	 *
	 * Equivalent to: `bridge fdb add MAC dev NAME master static [vlan V] [sticky]`,
	 * `bridge fdb add MAC dev VXLAN self dst IP [port P] [vni N]` (a VXLAN remote)
	 */
	add(spec: FdbSpec): Promise<void>;
	/**
	 * Adds another remote to a VXLAN device's entry for the MAC (usually 00:00:00:00:00:00, the
	 * default destinations: broadcast, unknown unicast and multicast go to each of them), where `add`
	 * would refuse with EEXIST.
	 *
	 * Equivalent to: `bridge fdb append 00:00:00:00:00:00 dev VXLAN dst IP [port P] [vni N]`
	 */
	append(spec: FdbSpec): Promise<void>;
	/**
	 * Adds an entry or changes the one for the MAC and VLAN.
	 *
	 * Equivalent to: `bridge fdb replace MAC dev NAME master static [vlan V]`
	 */
	replace(spec: FdbSpec): Promise<void>;
	/**
	 * Deletes an entry.
	 *
	 * Equivalent to: `bridge fdb del MAC dev NAME [master|self] [vlan V] [dst IP]`
	 */
	delete(spec: Pick<FdbSpec, "link" | "mac" | "vlan" | "self" | "master" | "dst" | "port" | "vni">): Promise<void>;
}
/** NUD states, as `ip neigh` names them ('permanent' for static entries). */
export type NeighbourState = "incomplete" | "reachable" | "stale" | "delay" | "probe" | "failed" | "noarp" | "permanent" | "none";
/** A neighbour (ARP or NDP) entry as the kernel reports it (`ip neigh show nud all`). */
export interface Neighbour {
	/** 4 (ARP) or 6 (NDP). */
	family: IpFamily;
	/** The link's index. */
	linkIndex: number;
	/** The link's name. */
	link?: string;
	/** The neighbour's IP address. */
	address: string;
	/** MAC address 'aa:bb:cc:dd:ee:ff'. */
	lladdr?: string;
	/** Its NUD state (`nud` in `ip neigh`). */
	state: NeighbourState;
	/** IPv6: the neighbour is a router. */
	router: boolean;
	/** A proxy entry (`ip neigh add proxy ...`): this host answers for the address. */
	proxy: boolean;
}
/** What `neighbours.add`, `replace` and `delete` take. */
export interface NeighbourSpec {
	/** The link the neighbour is on (`dev NAME`). */
	link: LinkRef;
	/** The neighbour's IP address. */
	address: string;
	/** MAC address; not for proxy entries. */
	lladdr?: string;
	/** Default 'permanent' (as iproute2); not for proxy entries. */
	state?: NeighbourState;
	/** IPv6: the neighbour is a router (`router`). */
	router?: boolean;
	/** A proxy entry (`ip neigh add proxy ADDRESS dev NAME`): this host answers for the address. */
	proxy?: boolean;
}
/** What `neighbours.list` takes. */
export interface NeighbourFilter {
	/** Only the entries of this link (filtered in the kernel). */
	link?: LinkRef;
	/** Only ARP (4) or NDP (6) entries (filtered in the kernel). */
	family?: IpFamily;
	/** List the proxy entries instead of the neighbour cache (`ip neigh show proxy`). */
	proxy?: boolean;
	/**
	 * Only entries in this state or these states (`ip neigh show nud STATE`). The kernel takes no state
	 * in a dump request (strict checking refuses one), so this filter is applied to its answer.
	 */
	state?: NeighbourState | NeighbourState[];
}
/** Neighbours: `ip neigh` on one handle. */
export declare class Neighbours {
	#private;
	/**
	 * Lists neighbour entries in every state, or in the states asked for (or the proxy entries); the
	 * kernel filters by link and family.
	 *
	 * Equivalent to: `ip [-4|-6] neigh show nud all|STATE [dev NAME]`, `ip neigh show proxy`
	 */
	list(filter?: NeighbourFilter): Promise<Neighbour[]>;
	/**
	 * Adds an entry; rejects with EEXIST when there is one for the address.
	 *
	 * Equivalent to: `ip neigh add 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud permanent [router] dev NAME`,
	 * `ip neigh add proxy 172.16.10.9 dev NAME`
	 */
	add(spec: NeighbourSpec): Promise<void>;
	/**
	 * Adds an entry or changes the one for the address.
	 *
	 * Equivalent to: `ip neigh replace 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud reachable dev NAME`
	 */
	replace(spec: NeighbourSpec): Promise<void>;
	/**
	 * Deletes an entry (lladdr and state are not needed).
	 *
	 * Equivalent to: `ip neigh del 172.16.10.1 dev NAME`, `ip neigh del proxy 172.16.10.9 dev NAME`
	 */
	delete(spec: Pick<NeighbourSpec, "link" | "address" | "proxy">): Promise<void>;
}
/**
 * Route types (`ip route add TYPE ...`): 'unicast' (the usual), 'local' (this host's own
 * addresses), 'broadcast', 'anycast', 'multicast', 'blackhole' (dropped silently), 'unreachable'
 * and 'prohibit' (dropped with an ICMP error), 'throw' (lookup continues in the next rule's table),
 * 'nat', 'xresolve'.
 */
export type RouteType = "unicast" | "local" | "broadcast" | "anycast" | "multicast" | "blackhole" | "unreachable" | "prohibit" | "throw" | "nat" | "xresolve";
/** iproute2's names of route protocols ('kernel', 'boot', 'static', 'ra', 'dhcp', 'bgp', ...). */
export type RouteProtocol = "kernel" | "boot" | "static" | "ra" | "dhcp" | "redirect" | (string & {});
/** A routing table: 'main' (254, where `ip route` works), 'local' (255), 'default' (253), or an id. */
export type RouteTable = "main" | "local" | "default" | number;
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
	table?: RouteTable | "all";
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
/** Routes: `ip route` on one handle. */
export declare class Routes {
	#private;
	/**
	 * Lists routes of the main table (by default), of another table or of all; the kernel filters by
	 * family, table, link, protocol and type, rtnl by destination.
	 *
	 * Equivalent to: `ip [-4|-6] route show [table main|all|ID] [dev NAME] [proto P] [type T] [PREFIX]`
	 */
	list(filter?: RouteFilter): Promise<Route[]>;
	/**
	 * The route the kernel would take to `destination`, for a packet from `from`, in on `iif`, out
	 * of `oif`, with `mark`, `uid` and `tos`; with `fibmatch`, the route entry that matched.
	 *
	 * Equivalent to: `ip route get ADDRESS [from A] [iif D] [oif D] [mark N] [uid N] [tos T] [fibmatch]`
	 */
	get(destination: string, options?: RouteGetOptions): Promise<Route>;
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
	add(spec: RouteSpec): Promise<void>;
	/**
	 * Adds a route, or replaces the one with the same destination, table, metric (and IPv4: tos).
	 *
	 * Equivalent to: `ip route replace ...`
	 */
	replace(spec: RouteSpec): Promise<void>;
	/**
	 * Changes the route with the same destination, table, metric (and IPv4: tos); rejects with ENOENT
	 * when there is none (it creates nothing).
	 *
	 * Equivalent to: `ip route change ...`
	 */
	change(spec: RouteSpec): Promise<void>;
	/**
	 * Adds a route after those with the same destination (IPv6: as another next hop of it).
	 *
	 * Equivalent to: `ip route append ...`
	 */
	append(spec: RouteSpec): Promise<void>;
	/**
	 * Deletes a route; what the spec gives narrows which one. Rejects with ESRCH when none matches.
	 *
	 * Equivalent to: `ip route del 10.10.40.0/24 [via G] [dev D] [table T] [metric M]`
	 */
	delete(spec: RouteSpec): Promise<void>;
}
/**
 * What a rule does with a packet it matches (`ip rule add ... ACTION`): 'lookup' a table (the
 * usual), 'goto' another rule, 'nop' (nothing: counts only), or drop it: 'blackhole' silently,
 * 'unreachable' (ENETUNREACH) and 'prohibit' (EACCES) with an error.
 */
export type RuleAction = "lookup" | "goto" | "nop" | "blackhole" | "unreachable" | "prohibit";
/** A policy routing rule as the kernel reports it (`ip rule show`). */
export interface Rule {
	/** 4 or 6. */
	family: IpFamily;
	/** Its place in the order (`pref`): lower is tried first. */
	priority: number;
	/** Source prefix as a CIDR (`from`); absent: all. */
	from?: string;
	/** Destination prefix as a CIDR (`to`); absent: all. */
	to?: string;
	/** Input interface name (`iif`). */
	iif?: string;
	/** The `iif` link does not exist (in this namespace) now: the rule matches nothing. */
	iifDetached?: boolean;
	/** Output interface name (`oif`). */
	oif?: string;
	/** The `oif` link does not exist now. */
	oifDetached?: boolean;
	/** Firewall mark to match (`fwmark`). */
	fwmark?: number;
	/** The mark's mask (`fwmark M/MASK`); the kernel reports 0xffffffff for a mark without one. */
	fwmask?: number;
	/** The DS field / TOS byte to match (`tos`); 0 matches any. */
	tos: number;
	/** The UID range to match (`uidrange START-END`). */
	uidRange?: {
		start: number;
		end: number;
	};
	/** Reject a lookup's result whose prefix is this long or shorter (`suppress_prefixlength N`). */
	suppressPrefixLength?: number;
	/** What the rule does, or the number of an action without a name. */
	action: RuleAction | number;
	/** The table a 'lookup' rule looks up: 254 is 'main', 255 'local', 253 'default'. */
	table?: number;
	/** The priority a 'goto' rule jumps to. */
	goto?: number;
	/** The match is inverted (`not`). */
	not: boolean;
	/** Who added it (`protocol`): 'kernel' for the default rules, 'unspec' when not said, ... or the number. */
	protocol: RouteProtocol | number;
}
/** What `rules.add` and `rules.delete` take. */
export interface RuleSpec {
	/** Needed only when no prefix tells. Default 4. */
	family?: IpFamily;
	/** `pref N`: 0..2^32-1. Default: the kernel picks one just above the first rule. */
	priority?: number;
	/** Source prefix (`from 172.16.10.0/24`); an address alone is a host. */
	from?: string;
	/** Destination prefix (`to 10.0.0.0/8`). */
	to?: string;
	/** Input interface name (`iif NAME`); it need not exist yet. */
	iif?: string;
	/** Output interface name (`oif NAME`). */
	oif?: string;
	/** Firewall mark (`fwmark N`), 0..2^32-1. */
	fwmark?: number;
	/** Mask of the mark (`fwmark N/MASK`), 0..2^32-1. */
	fwmask?: number;
	/** DS field / TOS byte (`tos N`), 0..255. */
	tos?: number;
	/** UID range (`uidrange START-END`), start <= end, each 0..2^32-2. */
	uidRange?: {
		start: number;
		end: number;
	};
	/** `suppress_prefixlength N`, 0..128. */
	suppressPrefixLength?: number;
	/** Default 'goto' when `goto` is given, else 'lookup' (as iproute2). */
	action?: RuleAction;
	/** The table to look up (`lookup T`/`table T`); default 'main' for a 'lookup' rule (as iproute2). */
	table?: RouteTable;
	/** The priority to jump to (`goto N`); it must be greater than the rule's own. */
	goto?: number;
	/** Invert the match (`not`). */
	not?: boolean;
	/** `protocol P`; default none ('unspec', as iproute2). */
	protocol?: RouteProtocol | number;
}
/** What `rules.list` takes. */
export interface RuleFilter {
	/** Only IPv4 or only IPv6 rules (asked of the kernel). Default both. */
	family?: IpFamily;
	/** Only rules that look up this table (`ip rule show table T`). */
	table?: RouteTable;
}
/** Policy routing rules: `ip rule` on one handle. */
export declare class Rules {
	#private;
	/**
	 * Lists the rules of both families (or one), in priority order as the kernel keeps them.
	 *
	 * Equivalent to: `ip [-4|-6] rule show [table T]`
	 */
	list(filter?: RuleFilter): Promise<Rule[]>;
	/**
	 * Adds a rule; rejects with EEXIST when an identical one exists.
	 *
	 * Equivalent to: `ip rule add [not] from 172.16.10.0/24 [to P] [iif D] [oif D] [fwmark M/MASK]
	 * [tos T] [uidrange A-B] [pref N] [protocol P] lookup 10|goto N|nop|blackhole|unreachable|prohibit`
	 */
	add(spec: RuleSpec): Promise<void>;
	/**
	 * Deletes the first rule that matches what the spec gives (`{ priority: 100 }` is enough); rejects
	 * with ENOENT when none does.
	 *
	 * Equivalent to: `ip rule del pref 100`, `ip rule del from 172.16.10.0/24 table 10`
	 */
	delete(spec: RuleSpec): Promise<void>;
}
/** What can be watched: every family, or one address family of addresses and routes. */
export type WatchGroup = "link" | "address" | "ipv4-address" | "ipv6-address" | "route" | "ipv4-route" | "ipv6-route" | "neighbour" | "fdb" | "rule" | "ipv4-rule" | "ipv6-rule";
/** A change the kernel reported. 'new' covers changes too: the kernel reports both as RTM_NEW*. */
export interface ObjectEvent<T extends string, D> {
	type: T;
	action: "new" | "delete";
	data: D;
	/** True for objects listed from the current state (listExisting, or after an overrun with resync). */
	existing?: boolean;
}
interface WatchEventMap {
	link: Link;
	address: Address;
	route: Route;
	neighbour: Neighbour;
	fdb: FdbEntry;
	rule: Rule;
}
export type WatchEvent = {
	[K in keyof WatchEventMap]: ObjectEvent<K, WatchEventMap[K]>;
}[keyof WatchEventMap]
/**
 * The kernel dropped notifications (the receive buffer overflowed): the view may be stale. With
 * resync, the listed objects up to the next 'synced' replace it (README: Watching for changes).
 */
 | {
	type: "overrun";
}
/** The listing of current objects is complete (after listExisting, or after a resync). */
 | {
	type: "synced";
};
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
 * The event stream of one subscription socket. Iterate it with `for await`; `break`, `return()` or
 * the signal close the socket.
 */
export declare class Watch implements AsyncIterableIterator<WatchEvent> {
	#private;
	next(): Promise<IteratorResult<WatchEvent>>;
	/** Stops watching and closes the socket (what `break` in `for await` calls). */
	return(): Promise<IteratorResult<WatchEvent>>;
	[Symbol.asyncIterator](): this;
}
/**
 * A sysctl name under `net.`, as sysctl(8) writes it: components separated by dots, with a dot
 * inside a component (an interface name like `eth0.50`) written as `/`:
 * `net.ipv4.conf.eth0/50.arp_ignore`.
 */
export type SysctlName = `net.${string}`;
/** `net.*` sysctls of one namespace (a handle's). */
export declare class Sysctl {
	#private;
	/**
	 * The value as the kernel prints it, without the trailing newline (several values are separated
	 * by tabs, as in `net.ipv4.ip_local_port_range`).
	 *
	 * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.conf.all.arp_ignore`
	 */
	get(name: SysctlName): Promise<string>;
	/**
	 * The value as an integer; rejects with a RangeError when it is not one.
	 *
	 * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.ip_forward`
	 */
	getInt(name: SysctlName): Promise<number>;
	/**
	 * Writes the value (a boolean is written as 1 or 0).
	 *
	 * Equivalent to: `ip netns exec NS sysctl -w net.ipv4.conf.all.arp_ignore=1`
	 */
	set(name: SysctlName, value: number | boolean | string): Promise<void>;
}
/** The steps of an attach, as named by `AttachError.step`. */
export type AttachStep = "parent" | "create" | "settings" | "address" | "up" | "dad" | "route";
interface AttachCommon {
	/**
	 * The parent link in the handle's namespace. `NAME.VID` that does not exist is created as an
	 * 802.1Q sub-interface of NAME with id VID, up and marked as attach's (Docker's `-o parent=eth0.50`).
	 */
	parent: string;
	/** The namespace to attach: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. */
	netns: NetnsRef;
	/** The interface's name inside the namespace. Default 'eth0'. */
	ifname?: string;
	/** At most the parent's MTU (68..65535). */
	mtu?: number;
	/** CIDRs to add, IPv4 and IPv6 ('172.16.10.5/24'; the prefix length is required). */
	addresses?: string[];
	/**
	 * A default route via each gateway (at most one IPv4 and one IPv6), out of the attached interface,
	 * so a link-local IPv6 gateway (`fe80::1`) works.
	 */
	gateway?: string | string[];
	/**
	 * The metric of the default routes attach adds (from `gateway`, or ipvlan l3's `default dev`).
	 * Default: the kernel's (0 for IPv4, 1024 for IPv6). A default route with the same metric already
	 * in the namespace's main table makes attach refuse before creating anything; one with another
	 * metric is added beside it.
	 */
	metric?: number;
	/** Routes to add; `link` defaults to the attached interface. */
	routes?: RouteSpec[];
	/**
	 * IPv6 duplicate address detection: 'wait' (default) waits until it settles, so routes over the
	 * new addresses do not fail; 'skip' adds them with nodad.
	 */
	dad?: "wait" | "skip";
	/** How long to wait for DAD, in ms. Default 10000. */
	dadTimeout?: number;
	/**
	 * Announce the interface's addresses when it comes up: `arp_notify` (and `ndisc_notify` for
	 * IPv6) set on it before it goes up, so peers that cached another MAC for a reused address learn
	 * the new one at once (gratuitous ARP, unsolicited neighbour advertisement). Default true.
	 */
	announce?: boolean;
	/** Bring the namespace's `lo` up too, as Docker does (a fresh namespace's `lo` is down). Default true. */
	lo?: boolean;
}
/** attach of a macvlan or macvtap. */
export interface MacvlanAttachOptions extends AttachCommon {
	/** Default 'macvlan'. */
	kind?: "macvlan" | "macvtap";
	/** Default 'bridge' (as Docker), not the kernel's 'vepa' that `links.add` uses. */
	mode?: MacvlanMode;
	/** ipvlan flags: not for macvlan. */
	flags?: never;
	/** MAC address. */
	address?: string;
}
/** attach of an ipvlan or ipvtap. */
export interface IpvlanAttachOptions extends AttachCommon {
	kind: "ipvlan" | "ipvtap";
	/** Default 'l2' (as Docker). */
	mode?: IpvlanMode;
	/** Default 'bridge'. */
	flags?: IpvlanFlag;
	/** ipvlans share their parent's MAC: not settable. */
	address?: never;
}
/** What `attach` takes: a discriminated union on `kind` (macvlan when omitted). */
export type AttachOptions = MacvlanAttachOptions | IpvlanAttachOptions;
export interface AttachResult {
	/** The interface as read inside the target namespace. */
	link: Link;
	/** Whether this call created the `NAME.VID` parent. */
	parentCreated: boolean;
}
export interface DetachOptions {
	netns: NetnsRef;
	/** Default 'eth0'. */
	ifname?: string;
	/**
	 * The parent in the handle's namespace. A `NAME.VID` parent created by attach is removed when no
	 * other link uses it any more.
	 */
	parent?: string;
}
/** What detach removed; a detach with nothing left to remove succeeds with both false. */
export interface DetachResult {
	/** Whether the interface was there and was removed (false: already gone, or its namespace is). */
	linkRemoved: boolean;
	/** Whether the `NAME.VID` parent that attach had created was removed (its last user was gone). */
	parentRemoved: boolean;
}
/** An attach that failed: what was created has been removed. */
export declare class AttachError extends Error {
	/** The step that failed (see {@link AttachStep}). */
	readonly step: AttachStep;
	readonly code = "ERR_RTNL_ATTACH";
	constructor(step: AttachStep, what: string, cause: unknown);
}
/** Marks a `NAME.VID` parent created by attach, on the link itself, so it survives restarts. */
export declare const ATTACH_PARENT_ALIAS = "rtnl:attach-parent";
/**
 * The link group a `NAME.VID` parent created by attach is born in ('rtnl' in ASCII). The kernel
 * sets a group, unlike an alias, in the request that creates the link, so a parent is never
 * unmarked, even when the process dies right after creating it.
 */
export declare const ATTACH_PARENT_GROUP = 1920233068;
/** One way the attached interface differs from what attach would have made (see {@link check}). */
export interface AttachDifference {
	/** What differs: 'netns', 'link', 'kind', 'mode', 'flags', 'parent', 'mtu', 'address', 'addresses', 'routes', 'up', 'arpNotify', 'lo'. */
	field: string;
	/** What attach would have made (for 'addresses' and 'routes': what is missing). */
	want: unknown;
	/** What is there (for 'addresses': an address attach would not have added). */
	got: unknown;
}
/** What `open` takes. */
export interface OpenOptions {
	/** The namespace to work in: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. Default: the current one. */
	netns?: NetnsRef;
}
/** A netlink handle: one socket, bound to one network namespace for its whole life. */
export declare class Rtnl {
	#private;
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
	/**
	 * Attaches a namespace to a macvlan/ipvlan network on a parent in this handle's namespace, in one
	 * call that either completes or removes everything it created. See {@link attach}.
	 *
	 * Equivalent to: `ip link add eth0 link eth0.50 netns NS type macvlan mode bridge;
	 * ip netns exec NS sysctl -w net.ipv4.conf.eth0.arp_notify=1; ip -n NS addr add CIDR dev eth0;
	 * ip -n NS link set lo up; ip -n NS link set eth0 up; ip -n NS route add default via GW dev eth0`
	 */
	attach(options: AttachOptions): Promise<AttachResult>;
	/**
	 * Removes an attached interface, and its `NAME.VID` parent when attach created it and nothing
	 * uses it any more. Idempotent: what is already gone (the interface, the namespace) is success.
	 * See {@link detach}.
	 *
	 * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was attach's)
	 */
	detach(options: DetachOptions): Promise<DetachResult>;
	/**
	 * CNI's CHECK: the differences between the interface in `options.netns` and what attach would
	 * have made with these options; empty when it matches. See {@link check}.
	 *
	 * Equivalent to: `ip -n NS -d link show eth0; ip -n NS addr; ip -n NS route`, compared with the options
	 */
	check(options: AttachOptions): Promise<AttachDifference[]>;
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
	watch(groups: WatchGroup | WatchGroup[], options?: WatchOptions): AsyncIterableIterator<WatchEvent>;
	/** Requests in flight or queued on this handle. */
	get pending(): number;
	/** Closes the socket. Pending requests reject with code 'ERR_RTNL_CLOSED'; closing twice is harmless. */
	close(): void;
	/** Whether `close()` was called. */
	get closed(): boolean;
}
/**
 * Opens a handle: a netlink socket in the current namespace, or inside `options.netns`.
 * The socket is made inside the namespace by a helper thread while Node's thread goes on with other
 * work (opens of many namespaces overlap); Node's own thread never changes namespace. An idle
 * handle does not keep the process alive.
 *
 * Equivalent to: `ip -n NAME ...` (every call on the handle acts in that namespace)
 */
export declare function open(options?: OpenOptions): Promise<Rtnl>;
/**
 * What the kernel refused: Node's system-error shape (`code`, `errno`, `syscall`) with the request
 * named (`'RTM_NEWLINK'`). The message says what went wrong in rtnl's words where rtnl knows more
 * than the kernel said (`link 'mv0' already exists in namespace 'blue'`, `spec.parent: no link named
 * 'eth9' in namespace 'blue'`, `kind 'ipvlan' is not supported by this kernel ...`, the capability
 * an EPERM lacks), followed by the kernel's own extended-ack text, which alone is `kernelMessage`.
 *
 * @example
 * ```ts
 * try { await links.add({ kind: 'macvlan', name: 'mv0', parent: 'eth0' }); }
 * catch (e) { if (e instanceof NetlinkError && e.code === 'EEXIST') { ... } }
 * ```
 */
export declare class NetlinkError extends Error {
	/** Positive errno, as in Node's system errors. */
	readonly errno: number;
	/** `'EEXIST'`, `'ENODEV'`, `'EBUSY'`, ...; `'ERR_DUMP_INTERRUPTED'` for a dump that kept changing. */
	readonly code: string;
	/** The netlink request that failed, such as `'RTM_NEWLINK'`. */
	readonly request: string;
	/** Same as `request`, for code written against Node's system errors. */
	readonly syscall: string;
	/** The kernel's extended-ack text ("Unknown device type", ...), exactly as it sent it; unset when it sent none. */
	readonly kernelMessage?: string;
	/**
	 * @param detail rtnl's own account of the failure, put in the message before the kernel's text
	 *   (never in `kernelMessage`).
	 */
	constructor(errno: number, requestType: number | string, kernelMessage?: string, code?: string, detail?: string);
}
/**
 * A namespace operation that failed: `netns.create`/`netns.delete`, opening a handle in a namespace,
 * a `netns` option naming one. The message says the problem (`namespace 'nope' does not exist`,
 * `namespace 'x' already exists`, `entering namespace 'x' needs CAP_SYS_ADMIN`) and it keeps Node's
 * system-error fields: `code` ('ENOENT', 'EEXIST', 'EPERM', 'EINVAL', ...), `errno`, `syscall`
 * ('open', 'setns', 'umount2', ...) and `path`.
 */
export declare class NetnsError extends Error {
	/** The system error code: 'ENOENT', 'EEXIST', 'EPERM', 'EACCES', 'EINVAL', ... */
	readonly code: string;
	/** Positive errno, as in Node's system errors. */
	readonly errno: number;
	/** The syscall that failed ('open', 'setns', 'unshare', 'mount', 'umount2', 'unlink', ...). */
	readonly syscall: string;
	/** The namespace file it was about, when there is one ('/run/netns/NAME', '/proc/PID/ns/net', ...). */
	readonly path?: string;
}
/** The handle the free functions use: opened on first use, in the current namespace, never closed. */
export declare function defaultRtnl(): Promise<Rtnl>;
/** `ip link` in the current namespace, on the default handle; see {@link Links}. */
export declare const links: Pick<Links, "list" | "get" | "add" | "set" | "delete" | "waitFor" | "addAltNames" | "deleteAltNames">;
/**
 * `ip addr` in the current namespace, on the default handle; see {@link Addresses}.
 *
 * Equivalent to: `ip addr show|add|replace|del ...`
 */
export declare const addresses: Pick<Addresses, "list" | "add" | "replace" | "delete" | "waitSettled">;
/**
 * `ip route` in the current namespace, on the default handle; see {@link Routes}.
 *
 * Equivalent to: `ip route show|get|add|replace|change|append|del ...`
 */
export declare const routes: Pick<Routes, "list" | "get" | "add" | "replace" | "change" | "append" | "delete">;
/**
 * `ip neigh` in the current namespace, on the default handle; see {@link Neighbours}.
 *
 * Equivalent to: `ip neigh show|add|replace|del ...`
 */
export declare const neighbours: Pick<Neighbours, "list" | "add" | "replace" | "delete">;
/**
 * `bridge vlan` in the current namespace, on the default handle; see {@link BridgeVlans}.
 *
 * Equivalent to: `bridge vlan show|add|del ...`
 */
export declare const bridgeVlans: Pick<BridgeVlans, "list" | "add" | "delete">;
/**
 * `bridge fdb` in the current namespace, on the default handle; see {@link Fdb}.
 *
 * Equivalent to: `bridge fdb show|add|append|replace|del ...`
 */
export declare const fdb: Pick<Fdb, "list" | "add" | "append" | "replace" | "delete">;
/**
 * `ip rule` in the current namespace, on the default handle; see {@link Rules}.
 *
 * Equivalent to: `ip rule show|add|del ...`
 */
export declare const rules: Pick<Rules, "list" | "add" | "delete">;
/**
 * Attaches a namespace to a macvlan/ipvlan network on a parent in the current namespace; see
 * {@link Rtnl.attach}.
 */
export declare function attach(options: AttachOptions): Promise<AttachResult>;
/** Removes an attached interface; see {@link Rtnl.detach}. */
export declare function detach(options: DetachOptions): Promise<DetachResult>;
/** Compares an attached interface with what attach would make (CNI's CHECK); see {@link Rtnl.check}. */
export declare function check(options: AttachOptions): Promise<AttachDifference[]>;
/**
 * `net.*` sysctls of the current namespace; see {@link Sysctl}. Needs no handle.
 *
 * Equivalent to: `sysctl -n net.ipv4.ip_forward`, `sysctl -w net.ipv4.conf.all.arp_ignore=1`
 */
export declare const sysctl: Sysctl;

declare namespace netns {
	export { NetnsId, NetnsIdOptions, NetnsRef, create, exists, list, listIds, remove as delete, setId };
}

export {
	netns,
};

export {};
