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
}
/** An ipvlan's or ipvtap's details: the kernel keeps one mode and flag per parent, shared by all its ipvlans. */
export interface IpvlanInfo {
	mode: IpvlanMode;
	flags: IpvlanFlag;
}
/**
 * One entry of a VLAN QoS map (`egress-qos-map FROM:TO`, `ingress-qos-map FROM:TO`). Egress maps an
 * skb priority (`from`, 0..2^32-1) to a VLAN priority (`to`, 0..7); ingress maps a VLAN priority
 * (`from`, 0..7) to an skb priority (`to`, 0..2^32-1). A mapping to 0 removes the entry.
 */
export interface QosMapping {
	from: number;
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
	protocol: VlanProtocol;
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
/** What every link reports, whatever its kind (`ip -d link show`). */
export interface LinkBase {
	/** The interface index (ifindex), unique in its namespace. */
	index: number;
	/** The interface name (at most 15 bytes). */
	name: string;
	/** The link kind ('macvlan', 'vlan', ...); undefined for physical devices and loopback. */
	kind?: string;
	flags: LinkFlags;
	operState: OperState;
	/** MTU in bytes. */
	mtu: number;
	/** The smallest MTU the device takes. */
	minMtu?: number;
	/** The largest MTU the device takes. */
	maxMtu?: number;
	/** MAC address 'aa:bb:cc:dd:ee:ff'. */
	address?: string;
	/** The link-layer broadcast address ('ff:ff:ff:ff:ff:ff' on Ethernet). */
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
}
interface KindDetails {
	macvlan: MacvlanInfo;
	macvtap: MacvlanInfo;
	ipvlan: IpvlanInfo;
	ipvtap: IpvlanInfo;
	vlan: VlanInfo;
	veth: VethInfo;
}
type NoDetails<Own extends keyof KindDetails = never> = {
	[K in Exclude<keyof KindDetails, Own>]?: undefined;
};
/** A macvlan (`ip link add NAME link PARENT type macvlan mode MODE`). */
export interface MacvlanLink extends LinkBase, NoDetails<"macvlan"> {
	kind: "macvlan";
	macvlan: MacvlanInfo;
}
/** A macvtap: a macvlan with a tap character device. */
export interface MacvtapLink extends LinkBase, NoDetails<"macvtap"> {
	kind: "macvtap";
	macvtap: MacvlanInfo;
}
/** An ipvlan (`ip link add NAME link PARENT type ipvlan mode MODE FLAG`). */
export interface IpvlanLink extends LinkBase, NoDetails<"ipvlan"> {
	kind: "ipvlan";
	ipvlan: IpvlanInfo;
}
/** An ipvtap: an ipvlan with a tap character device. */
export interface IpvtapLink extends LinkBase, NoDetails<"ipvtap"> {
	kind: "ipvtap";
	ipvtap: IpvlanInfo;
}
/** An 802.1Q/802.1ad VLAN (`ip link add NAME link PARENT type vlan id ID`). */
export interface VlanLink extends LinkBase, NoDetails<"vlan"> {
	kind: "vlan";
	vlan: VlanInfo;
}
/** One end of a veth pair. */
export interface VethLink extends LinkBase, NoDetails<"veth"> {
	kind: "veth";
	veth: VethInfo;
}
/** A bridge. */
export interface BridgeLink extends LinkBase, NoDetails {
	kind: "bridge";
}
/** A dummy link. */
export interface DummyLink extends LinkBase, NoDetails {
	kind: "dummy";
}
/**
 * Any other link: a physical device or loopback (`kind` undefined), or a kind rtnl has no details
 * for ('vxlan', 'bond', 'tun', ...). It never carries the details of the kinds above: their keys are
 * typed `never` so that checking `kind` narrows a `Link` to the kind's own type.
 */
export interface OtherLink extends LinkBase {
	kind?: string;
	macvlan: never;
	macvtap: never;
	ipvlan: never;
	ipvtap: never;
	vlan: never;
	veth: never;
}
/**
 * A link as the kernel reports it (`ip -d link show`): a union discriminated by `kind`, so
 * `if (l.kind === 'macvlan') l.macvlan.mode` needs no `?.`; `l.macvlan?.mode` reads on any link.
 */
export type Link = MacvlanLink | MacvtapLink | IpvlanLink | IpvtapLink | VlanLink | VethLink | BridgeLink | DummyLink | OtherLink;
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
	kind: "macvlan" | "macvtap";
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
	kind: "ipvlan" | "ipvtap";
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
	kind: "vlan";
	parent: LinkRef;
	/** VLAN id, 0..4094. */
	id: number;
	/** Default '802.1Q'. */
	protocol?: VlanProtocol;
	flags?: Partial<VlanFlags>;
	egressQos?: QosMapping[];
	ingressQos?: QosMapping[];
}
export interface VethPeerSpec extends Omit<CommonOptions, "up" | "master"> {
	name?: string;
}
export interface VethSpec extends SpecBase {
	kind: "veth";
	peer?: VethPeerSpec;
}
export interface BridgeSpec extends SpecBase {
	kind: "bridge";
}
export interface DummySpec extends SpecBase {
	kind: "dummy";
}
/** What `links.add` takes: a discriminated union on `kind`. */
export type LinkSpec = MacvlanSpec | IpvlanSpec | VlanSpec | VethSpec | BridgeSpec | DummySpec;
export type LinkKind = LinkSpec["kind"];
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
export interface IpvlanChanges {
	mode?: IpvlanMode;
	flags?: IpvlanFlag;
}
export interface VlanChanges {
	flags?: Partial<VlanFlags>;
	egressQos?: QosMapping[];
	ingressQos?: QosMapping[];
}
/** What `links.set` takes. */
export interface LinkChanges extends CommonOptions {
	/** Rename (`ip link set OLD name NEW`). */
	name?: string;
	macvlan?: MacvlanChanges;
	macvtap?: MacvlanChanges;
	ipvlan?: IpvlanChanges;
	ipvtap?: IpvlanChanges;
	vlan?: VlanChanges;
}
export interface LinkFilter {
	/** Only links of this kind (filtered in the kernel). */
	kind?: string;
	/** Only ports of this master (filtered in the kernel). */
	master?: LinkRef;
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
	 * Lists the links of this namespace with their kind's details.
	 *
	 * Equivalent to: `ip -d link show [type KIND] [master DEV]`
	 */
	list(filter?: LinkFilter): Promise<Link[]>;
	/**
	 * One link, by name or index.
	 *
	 * Equivalent to: `ip -d link show dev NAME`
	 */
	get(ref: LinkRef): Promise<Link>;
	/**
	 * Creates a link and resolves to it as the kernel reports it.
	 *
	 * Equivalent to: `ip link add NAME link PARENT type macvlan mode bridge` (and the other kinds:
	 * `type ipvlan mode l3 bridge`, `type vlan id 50 protocol 802.1Q`, `type veth peer name P`,
	 * `type bridge`, `type dummy`), with `netns NS` to create it inside another namespace.
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
export type Scope = "universe" | "site" | "link" | "host" | "nowhere" | number;
/** An address's scope: a name, or a number 0..255 (`/etc/iproute2/rt_scopes`); 'nowhere' is 255. */
export type AddressScope = Scope;
export interface AddressFlags {
	permanent: boolean;
	tentative: boolean;
	dadfailed: boolean;
	deprecated: boolean;
	noprefixroute: boolean;
	nodad: boolean;
	optimistic: boolean;
	homeaddress: boolean;
	managetempaddr: boolean;
	/** IPv4: not the first address of its subnet on the link. IPv6: a temporary (privacy) address. */
	secondary: boolean;
	stablePrivacy?: boolean;
}
/** An address as the kernel reports it (`ip addr show`). */
export interface Address {
	family: IpFamily;
	linkIndex: number;
	/** The link's name. */
	link?: string;
	address: string;
	prefixLength: number;
	/** `${address}/${prefixLength}` */
	cidr: string;
	/** The other end of a point-to-point link. */
	peer?: string;
	broadcast?: string;
	label?: string;
	scope: AddressScope;
	flags: AddressFlags;
	/** Seconds left; undefined = forever. */
	validLifetime?: number;
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
	preferredLifetime?: number | "forever";
	/** Do not add the prefix route. */
	noprefixroute?: boolean;
	/** IPv6: skip duplicate address detection. */
	nodad?: boolean;
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
export interface AddressFilter {
	/** Only the addresses of this link (filtered in the kernel). */
	link?: LinkRef;
	/** Only IPv4 or only IPv6 addresses (filtered in the kernel). */
	family?: IpFamily;
}
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
	 * [valid_lft N preferred_lft N] [noprefixroute] [nodad] [home] [mngtmpaddr] dev NAME`
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
export type NeighbourState = "incomplete" | "reachable" | "stale" | "delay" | "probe" | "failed" | "noarp" | "permanent" | "none";
/** A neighbour (ARP or NDP) entry as the kernel reports it (`ip neigh show nud all`). */
export interface Neighbour {
	family: IpFamily;
	linkIndex: number;
	link?: string;
	address: string;
	/** MAC address 'aa:bb:cc:dd:ee:ff'. */
	lladdr?: string;
	state: NeighbourState;
	/** IPv6: the neighbour is a router. */
	router: boolean;
	/** A proxy entry (`ip neigh add proxy ...`): this host answers for the address. */
	proxy: boolean;
}
/** What `neighbours.add`, `replace` and `delete` take. */
export interface NeighbourSpec {
	link: LinkRef;
	address: string;
	/** MAC address; not for proxy entries. */
	lladdr?: string;
	/** Default 'permanent' (as iproute2); not for proxy entries. */
	state?: NeighbourState;
	router?: boolean;
	proxy?: boolean;
}
export interface NeighbourFilter {
	/** Only the entries of this link (filtered in the kernel). */
	link?: LinkRef;
	/** Only ARP (4) or NDP (6) entries (filtered in the kernel). */
	family?: IpFamily;
	/** List the proxy entries instead of the neighbour cache (`ip neigh show proxy`). */
	proxy?: boolean;
}
/** Neighbours: `ip neigh` on one handle. */
export declare class Neighbours {
	#private;
	/**
	 * Lists neighbour entries in every state (or the proxy entries); the kernel filters by link and
	 * family.
	 *
	 * Equivalent to: `ip [-4|-6] neigh show nud all [dev NAME]`, `ip neigh show proxy`
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
export type RouteType = "unicast" | "local" | "broadcast" | "anycast" | "multicast" | "blackhole" | "unreachable" | "prohibit" | "throw" | "nat" | "xresolve";
/** iproute2's names of route protocols ('kernel', 'boot', 'static', 'ra', 'dhcp', 'bgp', ...). */
export type RouteProtocol = "kernel" | "boot" | "static" | "ra" | "dhcp" | "redirect" | (string & {});
export type RouteTable = "main" | "local" | "default" | number;
export interface NextHop {
	gateway?: string;
	linkIndex: number;
	link?: string;
	/** 1..256 */
	weight: number;
	onlink: boolean;
}
/** A route as the kernel reports it (`ip route show`). */
export interface Route {
	family: IpFamily;
	/** 'default' or a CIDR. */
	dst: string;
	gateway?: string;
	linkIndex?: number;
	link?: string;
	/** The preferred source address (`src`). */
	src?: string;
	table: number;
	metric?: number;
	scope: Scope;
	protocol: RouteProtocol | number;
	type: RouteType | number;
	onlink: boolean;
	mtu?: number;
	advmss?: number;
	multipath?: NextHop[];
}
export interface NextHopSpec {
	gateway?: string;
	link?: LinkRef;
	/** 1..256, default 1. */
	weight?: number;
	onlink?: boolean;
}
/** What `routes.add`, `replace`, `append` and `delete` take. */
export interface RouteSpec {
	/** 'default' or a CIDR ('10.10.40.0/24', '2001:db8::/64'); an address alone is a host route. */
	dst: string;
	/** Needed only when nothing else tells: `{ dst: 'default', link: 'iv0', family: 6 }`. Default 4. */
	family?: IpFamily;
	gateway?: string;
	link?: LinkRef;
	/** Preferred source address. */
	src?: string;
	/** A table id (1..2^32-1) or 'main' (default), 'local', 'default'. */
	table?: RouteTable;
	metric?: number;
	/** Default as iproute2: 'link' for a unicast route without gateway, 'host' for local, else 'universe'. */
	scope?: Scope;
	/** Default 'boot' (as iproute2). */
	protocol?: RouteProtocol | number;
	/** Default 'unicast'. */
	type?: RouteType;
	/** The gateway is on the link even if no prefix says so. */
	onlink?: boolean;
	mtu?: number;
	advmss?: number;
	multipath?: NextHopSpec[];
}
export interface RouteFilter {
	family?: IpFamily;
	/** Default 'main' (as `ip route show`); 'all' lists every table. */
	table?: RouteTable | "all";
	link?: LinkRef;
	protocol?: RouteProtocol | number;
	type?: RouteType;
}
/** Routes: `ip route` on one handle. */
export declare class Routes {
	#private;
	/**
	 * Lists routes of the main table (by default), of another table or of all; the kernel filters by
	 * family, table, link, protocol and type.
	 *
	 * Equivalent to: `ip [-4|-6] route show [table main|all|ID] [dev NAME] [proto P] [type T]`
	 */
	list(filter?: RouteFilter): Promise<Route[]>;
	/**
	 * The route the kernel would take to `destination`.
	 *
	 * Equivalent to: `ip route get ADDRESS`
	 */
	get(destination: string): Promise<Route>;
	/**
	 * Adds a route; rejects with EEXIST when the table has it already.
	 *
	 * Equivalent to: `ip route add default via 172.16.10.1`, `ip route add default dev iv0`,
	 * `ip route add 10.10.40.0/24 via 172.16.10.3 [dev D] [src S] [table T] [metric M] [scope S]
	 * [proto P] [onlink] [mtu N] [advmss N]`, `ip route add blackhole 10.0.0.0/8`,
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
/** What can be watched: every family, or one address family of addresses and routes. */
export type WatchGroup = "link" | "address" | "ipv4-address" | "ipv6-address" | "route" | "ipv4-route" | "ipv6-route" | "neighbour";
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
}
export type WatchEvent = {
	[K in keyof WatchEventMap]: ObjectEvent<K, WatchEventMap[K]>;
}[keyof WatchEventMap]
/** The kernel dropped notifications (the receive buffer overflowed): the view may be stale. */
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
/** The steps of an attach, as named by `AttachError.step`. */
export type AttachStep = "parent" | "create" | "rename" | "address" | "up" | "dad" | "route";
export interface AttachOptions {
	/** Default 'macvlan'. */
	kind?: "macvlan" | "macvtap" | "ipvlan" | "ipvtap";
	/**
	 * The parent link in the handle's namespace. `NAME.VID` that does not exist is created as an
	 * 802.1Q sub-interface of NAME with id VID, and brought up (Docker's `-o parent=eth0.50`).
	 */
	parent: string;
	/** The namespace to attach: a name under /run/netns, `{ path }`, `{ pid }` or `{ fd }`. */
	netns: NetnsRef;
	/** The interface's name inside the namespace. Default 'eth0'. */
	ifname?: string;
	/** macvlan: default 'bridge'; ipvlan: default 'l2' (as Docker). */
	mode?: MacvlanMode | IpvlanMode;
	/** ipvlan flags; default 'bridge'. */
	flags?: IpvlanFlag;
	/** At most the parent's MTU. */
	mtu?: number;
	/** MAC address (macvlan/macvtap). */
	address?: string;
	/** CIDRs to add, IPv4 and IPv6. */
	addresses?: string[];
	/** A default route via each gateway (at most one IPv4 and one IPv6). */
	gateway?: string | string[];
	/** Routes to add; `link` defaults to the attached interface. */
	routes?: RouteSpec[];
	/**
	 * IPv6 duplicate address detection: 'wait' (default) waits until it settles, so routes over the
	 * new addresses do not fail; 'skip' adds them with nodad.
	 */
	dad?: "wait" | "skip";
	/** How long to wait for DAD, in ms. Default 10000. */
	dadTimeout?: number;
}
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
/** An attach that failed: what was created has been removed. */
export declare class AttachError extends Error {
	readonly step: AttachStep;
	readonly code = "ERR_RTNL_ATTACH";
	constructor(step: AttachStep, what: string, cause: unknown);
}
/** Marks a `NAME.VID` parent created by attach, on the link itself, so it survives restarts. */
export declare const ATTACH_PARENT_ALIAS = "rtnl:attach-parent";
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
	/** The namespace this handle works in, as given to `open()`; undefined for the current one. */
	readonly netns: NetnsRef | undefined;
	/**
	 * Attaches a namespace to a macvlan/ipvlan network on a parent in this handle's namespace, in one
	 * call that either completes or removes everything it created. See {@link attach}.
	 *
	 * Equivalent to: `ip link add tmp link eth0.50 type macvlan mode bridge netns NS;
	 * ip -n NS link set tmp name eth0; ip -n NS addr add CIDR dev eth0; ip -n NS link set eth0 up;
	 * ip -n NS route add default via GW`
	 */
	attach(options: AttachOptions): Promise<AttachResult>;
	/**
	 * Removes an attached interface, and its `NAME.VID` parent when attach created it and nothing
	 * uses it any more.
	 *
	 * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was attach's)
	 */
	detach(options: DetachOptions): Promise<{
		parentRemoved: boolean;
	}>;
	/**
	 * Watches for changes in this handle's namespace, on a subscription socket of its own.
	 *
	 * Equivalent to: `ip monitor link address route neigh` (with `listExisting`: a listing first)
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
	get closed(): boolean;
}
/**
 * Opens a handle: a netlink socket in the current namespace, or inside `options.netns`.
 * The socket is made inside the namespace by a helper thread; Node's own thread never changes
 * namespace. An idle handle does not keep the process alive.
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
export declare const links: Pick<Links, "list" | "get" | "add" | "set" | "delete" | "waitFor">;
/**
 * `ip addr` in the current namespace, on the default handle; see {@link Addresses}.
 *
 * Equivalent to: `ip addr show|add|replace|del ...`
 */
export declare const addresses: Pick<Addresses, "list" | "add" | "replace" | "delete" | "waitSettled">;
/**
 * `ip route` in the current namespace, on the default handle; see {@link Routes}.
 *
 * Equivalent to: `ip route show|get|add|replace|append|del ...`
 */
export declare const routes: Pick<Routes, "list" | "get" | "add" | "replace" | "append" | "delete">;
/**
 * `ip neigh` in the current namespace, on the default handle; see {@link Neighbours}.
 *
 * Equivalent to: `ip neigh show|add|replace|del ...`
 */
export declare const neighbours: Pick<Neighbours, "list" | "add" | "replace" | "delete">;
/**
 * Attaches a namespace to a macvlan/ipvlan network on a parent in the current namespace; see
 * {@link Rtnl.attach}.
 */
export declare function attach(options: AttachOptions): Promise<AttachResult>;
/** Removes an attached interface; see {@link Rtnl.detach}. */
export declare function detach(options: DetachOptions): Promise<{
	parentRemoved: boolean;
}>;

declare namespace netns {
	export { NetnsRef, create, exists, list, remove as delete };
}

export {
	netns,
};

export {};
