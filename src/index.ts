// rtnl: Linux networking over rtnetlink from Node.js. The public API.
import { open, type Links, type Rtnl } from './handle.js';

export { open, Rtnl, Links, type OpenOptions, type WaitOptions } from './handle.js';
export type { Watch, WatchEvent, WatchGroup, WatchOptions, ObjectEvent } from './watch.js';
export { NetlinkError } from './errors.js';
export type {
  Link, LinkFlags, LinkSpec, LinkKind, LinkChanges, LinkFilter, LinkRef, CommonOptions, OperState,
  MacvlanSpec, IpvlanSpec, VlanSpec, VethSpec, VethPeerSpec, BridgeSpec, DummySpec,
  MacvlanInfo, IpvlanInfo, VlanInfo, VlanFlags, QosMapping, MacvlanMode, IpvlanMode, IpvlanFlag, VlanProtocol,
  MacvlanChanges, IpvlanChanges, VlanChanges,
} from './link.js';
export type { NetnsRef } from './netns.js';
import * as netns from './netns.js';
export { netns };

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
export const links: Pick<Links, 'list' | 'get' | 'add' | 'set' | 'delete' | 'waitFor'> = {
  waitFor: async (ref, predicate, options) => (await defaultRtnl()).links.waitFor(ref, predicate, options),
  list: async (filter) => (await defaultRtnl()).links.list(filter),
  get: async (ref) => (await defaultRtnl()).links.get(ref),
  add: async (spec) => (await defaultRtnl()).links.add(spec),
  set: async (ref, changes) => (await defaultRtnl()).links.set(ref, changes),
  delete: async (ref) => (await defaultRtnl()).links.delete(ref),
};
