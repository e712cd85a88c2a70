// rtnl: Linux networking over rtnetlink from Node.js. The public API.
import { open, type Rtnl } from './handle.js';
import type { Links } from './link.js';
import type { Addresses } from './addr.js';
import type { Routes } from './route.js';
import type { Neighbours } from './neigh.js';
import type { Rules } from './rule.js';

export { open, Rtnl, type OpenOptions } from './handle.js';
export { Links, type WaitOptions } from './link.js';
export type { Watch, WatchEvent, WatchGroup, WatchOptions, ObjectEvent } from './watch.js';
export { NetlinkError, NetnsError } from './errors.js';
export type {
  Link, LinkBase, MacvlanLink, MacvtapLink, IpvlanLink, IpvtapLink, VlanLink, VethLink, BridgeLink, DummyLink, OtherLink, VethInfo,
  LinkFlags, LinkSpec, LinkKind, LinkChanges, LinkFilter, LinkGetOptions, LinkStats, LinkRef, CommonOptions, OperState,
  MacvlanSpec, IpvlanSpec, VlanSpec, VethSpec, VethPeerSpec, BridgeSpec, DummySpec,
  MacvlanInfo, IpvlanInfo, VlanInfo, VlanFlags, QosMapping, MacvlanMode, IpvlanMode, IpvlanFlag, VlanProtocol,
  MacvlanChanges, IpvlanChanges, VlanChanges,
  VxlanLink, GeneveLink, GreLink, GretapLink, Ip6greLink, Ip6gretapLink, IpipLink, SitLink, Ip6tnlLink, VrfLink, BondLink,
  TunLink, IfbLink, VxlanSpec, GeneveSpec, GreSpec, Ip6greSpec, IptunSpec, Ip6tnlSpec, VrfSpec, BondSpec, TunSpec, IfbSpec,
} from './link.js';
export type { BridgeOptions, BridgeInfo, BridgePortOptions, BridgePortInfo, BridgePortState } from './bridgeopts.js';
export type {
  VxlanOptions, VxlanInfo, GeneveOptions, GeneveInfo, TunnelOptions, Tunnel4Options, Tunnel6Options, GreKeyOptions, GreInfo,
  IptunInfo, TunnelProto, TunnelDf, PortRange, VrfOptions, VrfInfo, BondOptions, BondInfo, BondMode, BondXmitHashPolicy,
  BondPortInfo, BondPortChanges, TunOptions, TunInfo, TunType,
} from './kinds.js';
export type { NetnsRef, NetnsId, NetnsIdOptions } from './netns.js';
export type { InetConf, Inet6Conf, Inet6Info, Inet6Changes, AddrGenMode } from './inetconf.js';
export { Addresses } from './addr.js';
export type { Address, AddressFlags, AddressProtocol, AddressOptions, AddressDeleteOptions, AddressFilter, AddressScope, SettleOptions } from './addr.js';
export { Routes } from './route.js';
export type { Route, RouteSpec, RouteFilter, RouteGetOptions, RouteType, RouteProtocol, RouteTable, NextHop, NextHopSpec } from './route.js';
export { Neighbours } from './neigh.js';
export type { Neighbour, NeighbourSpec, NeighbourFilter, NeighbourState } from './neigh.js';
export { Rules } from './rule.js';
export type { Rule, RuleSpec, RuleFilter, RuleAction } from './rule.js';
export type { IpFamily, Scope } from './inet.js';
export { BridgeVlans, Fdb } from './bridge.js';
export type { BridgeVlan, BridgeVlanSpec, BridgeVlanFilter, FdbEntry, FdbSpec, FdbFilter, FdbState } from './bridge.js';
import * as netns from './netns.js';
export { netns };
export { AttachError, ATTACH_PARENT_ALIAS, ATTACH_PARENT_GROUP } from './attach.js';
export type { AttachOptions, MacvlanAttachOptions, IpvlanAttachOptions, AttachResult, AttachStep, DetachOptions, DetachResult, AttachDifference } from './attach.js';
export { Sysctl } from './sysctl.js';
export type { SysctlName } from './sysctl.js';
import { Sysctl } from './sysctl.js';
import type { BridgeVlans, Fdb } from './bridge.js';

let defaultHandle: Promise<Rtnl> | undefined;

/** The handle the free functions use: opened on first use, in the current namespace, never closed. */
export function defaultRtnl(): Promise<Rtnl> {
  defaultHandle ??= open().catch((e) => {
    defaultHandle = undefined;
    throw e;
  });
  return defaultHandle;
}

/** `ip link` in the current namespace, on the default handle; see {@link Links}. */
export const links: Pick<Links, 'list' | 'get' | 'add' | 'set' | 'delete' | 'waitFor' | 'addAltNames' | 'deleteAltNames'> = {
  waitFor: async (ref, predicate, options) => (await defaultRtnl()).links.waitFor(ref, predicate, options),
  list: async (filter) => (await defaultRtnl()).links.list(filter),
  get: async (ref, options) => (await defaultRtnl()).links.get(ref, options),
  addAltNames: async (ref, names) => (await defaultRtnl()).links.addAltNames(ref, names),
  deleteAltNames: async (ref, names) => (await defaultRtnl()).links.deleteAltNames(ref, names),
  add: async (spec) => (await defaultRtnl()).links.add(spec),
  set: async (ref, changes) => (await defaultRtnl()).links.set(ref, changes),
  delete: async (ref) => (await defaultRtnl()).links.delete(ref),
};

/**
 * `ip addr` in the current namespace, on the default handle; see {@link Addresses}.
 *
 * Equivalent to: `ip addr show|add|replace|del ...`
 */
export const addresses: Pick<Addresses, 'list' | 'add' | 'replace' | 'delete' | 'waitSettled'> = {
  list: async (filter) => (await defaultRtnl()).addresses.list(filter),
  add: async (link, cidr, options) => (await defaultRtnl()).addresses.add(link, cidr, options),
  replace: async (link, cidr, options) => (await defaultRtnl()).addresses.replace(link, cidr, options),
  delete: async (link, cidr, options) => (await defaultRtnl()).addresses.delete(link, cidr, options),
  waitSettled: async (link, options) => (await defaultRtnl()).addresses.waitSettled(link, options),
};

/**
 * `ip route` in the current namespace, on the default handle; see {@link Routes}.
 *
 * Equivalent to: `ip route show|get|add|replace|change|append|del ...`
 */
export const routes: Pick<Routes, 'list' | 'get' | 'add' | 'replace' | 'change' | 'append' | 'delete'> = {
  list: async (filter) => (await defaultRtnl()).routes.list(filter),
  get: async (destination, options) => (await defaultRtnl()).routes.get(destination, options),
  change: async (spec) => (await defaultRtnl()).routes.change(spec),
  add: async (spec) => (await defaultRtnl()).routes.add(spec),
  replace: async (spec) => (await defaultRtnl()).routes.replace(spec),
  append: async (spec) => (await defaultRtnl()).routes.append(spec),
  delete: async (spec) => (await defaultRtnl()).routes.delete(spec),
};

/**
 * `ip neigh` in the current namespace, on the default handle; see {@link Neighbours}.
 *
 * Equivalent to: `ip neigh show|add|replace|del ...`
 */
export const neighbours: Pick<Neighbours, 'list' | 'add' | 'replace' | 'delete'> = {
  list: async (filter) => (await defaultRtnl()).neighbours.list(filter),
  add: async (spec) => (await defaultRtnl()).neighbours.add(spec),
  replace: async (spec) => (await defaultRtnl()).neighbours.replace(spec),
  delete: async (spec) => (await defaultRtnl()).neighbours.delete(spec),
};

/**
 * `bridge vlan` in the current namespace, on the default handle; see {@link BridgeVlans}.
 *
 * Equivalent to: `bridge vlan show|add|del ...`
 */
export const bridgeVlans: Pick<BridgeVlans, 'list' | 'add' | 'delete'> = {
  list: async (filter) => (await defaultRtnl()).bridgeVlans.list(filter),
  add: async (spec) => (await defaultRtnl()).bridgeVlans.add(spec),
  delete: async (spec) => (await defaultRtnl()).bridgeVlans.delete(spec),
};

/**
 * `bridge fdb` in the current namespace, on the default handle; see {@link Fdb}.
 *
 * Equivalent to: `bridge fdb show|add|append|replace|del ...`
 */
export const fdb: Pick<Fdb, 'list' | 'add' | 'append' | 'replace' | 'delete'> = {
  list: async (filter) => (await defaultRtnl()).fdb.list(filter),
  add: async (spec) => (await defaultRtnl()).fdb.add(spec),
  append: async (spec) => (await defaultRtnl()).fdb.append(spec),
  replace: async (spec) => (await defaultRtnl()).fdb.replace(spec),
  delete: async (spec) => (await defaultRtnl()).fdb.delete(spec),
};

/**
 * `ip rule` in the current namespace, on the default handle; see {@link Rules}.
 *
 * Equivalent to: `ip rule show|add|del ...`
 */
export const rules: Pick<Rules, 'list' | 'add' | 'delete'> = {
  list: async (filter) => (await defaultRtnl()).rules.list(filter),
  add: async (spec) => (await defaultRtnl()).rules.add(spec),
  delete: async (spec) => (await defaultRtnl()).rules.delete(spec),
};

/**
 * Attaches a namespace to a macvlan/ipvlan network on a parent in the current namespace; see
 * {@link Rtnl.attach}.
 */
export async function attach(options: import('./attach.js').AttachOptions): Promise<import('./attach.js').AttachResult> {
  return (await defaultRtnl()).attach(options);
}

/** Removes an attached interface; see {@link Rtnl.detach}. */
export async function detach(options: import('./attach.js').DetachOptions): Promise<import('./attach.js').DetachResult> {
  return (await defaultRtnl()).detach(options);
}

/** Compares an attached interface with what attach would make (CNI's CHECK); see {@link Rtnl.check}. */
export async function check(options: import('./attach.js').AttachOptions): Promise<import('./attach.js').AttachDifference[]> {
  return (await defaultRtnl()).check(options);
}

/**
 * `net.*` sysctls of the current namespace; see {@link Sysctl}. Needs no handle.
 *
 * Equivalent to: `sysctl -n net.ipv4.ip_forward`, `sysctl -w net.ipv4.conf.all.arp_ignore=1`
 */
export const sysctl: Sysctl = new Sysctl(() => undefined);
