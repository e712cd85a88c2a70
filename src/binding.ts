// The one loader of the native addon, and the typed interface of everything it exports.
// Nothing else in src/ touches the addon.
import path from 'node:path';
import { NetlinkError, systemError } from './errors.js';

/** A link as the addon decodes it: enums still numbers, names not yet resolved. */
export interface NativeLink {
  index: number;
  name: string;
  kind?: string;
  slaveKind?: string;
  flags: {
    up: boolean; running: boolean; lowerUp: boolean; promisc: boolean; allmulti: boolean;
    broadcast: boolean; multicast: boolean; loopback: boolean; noarp: boolean; pointToPoint: boolean;
    dormant: boolean;
  };
  operState: number;
  mtu: number;
  minMtu?: number;
  maxMtu?: number;
  address?: string;
  broadcast?: string;
  txQueueLen: number;
  promiscuity: number;
  group: number;
  alias?: string;
  parentIndex?: number;
  masterIndex?: number;
  linkNetnsId?: number;
  macvlan?: NativeMacvlan;
  macvtap?: NativeMacvlan;
  ipvlan?: NativeIpvlan;
  ipvtap?: NativeIpvlan;
  vlan?: NativeVlan;
}
export interface NativeMacvlan { mode?: number; flags: number; macs: string[]; bcQueueLen?: number }
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
  kind?: string;
  macvlan?: { mode?: number; flags?: number; bcQueueLen?: number; macaddrMode?: number; macs?: Uint8Array[] };
  macvtap?: NativeLinkRequest['macvlan'];
  ipvlan?: { mode?: number; flags?: number };
  ipvtap?: NativeLinkRequest['ipvlan'];
  vlan?: { id?: number; protocol?: number; flags?: number; mask?: number; egressQos?: NativeQos[]; ingressQos?: NativeQos[] };
  peer?: NativeLinkRequest;
}

export type NativeRequest = NativeLinkRequest;

export interface NativeSocket {
  /** Sends one request; resolves with the decoded replies (a dump's objects, an echo) on ack/done. */
  request(type: number, flags: number, req: NativeRequest): Promise<unknown[]>;
  /** Closes the socket; pending requests reject with code 'ERR_RTNL_CLOSED'. */
  close(): void;
  /**
   * Joins RTNLGRP_* multicast groups. `onEvents` gets each datagram's notifications, or null when
   * the kernel dropped some (ENOBUFS). A subscribed socket keeps the event loop alive until closed.
   */
  subscribe(groups: number[], onEvents: (events: { type: number; data: unknown }[] | null) => void, receiveBufferSize?: number): void;
  readonly portId: number;
  readonly pending: number;
}

export interface NativeAddon {
  Socket: new (netnsFd: number) => NativeSocket;
  constants: Readonly<Record<string, number>>;
  setErrorClasses(
    netlinkError: (errno: number, type: number, text: string, code?: string) => Error,
    systemError: (errno: number, syscall: string, path: string) => Error,
  ): void;
  /** Opens a network namespace file (checked to be nsfs); the caller closes the fd. */
  openNetns(path: string): number;
  netnsCreate(dir: string, name: string): void;
  netnsDelete(path: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = require('node-gyp-build') as (dir: string) => unknown;

export const native = load(path.join(__dirname, '..')) as NativeAddon;
export const C = native.constants;

native.setErrorClasses(
  (errno, type, text, code) => new NetlinkError(errno, type, text, code),
  (errno, syscall, p) => systemError(errno, syscall, p),
);
