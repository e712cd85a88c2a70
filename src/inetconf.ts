// Per-link IPv4/IPv6 settings over netlink (IFLA_AF_SPEC): IFLA_INET_CONF read and written,
// IFLA_INET6_CONF read, addr_gen_mode and the token written. The setting names are made from the
// addon's IPV4_DEVCONF_*/DEVCONF_* constants (taken from <linux/ip.h>, <linux/ipv6.h>), so a
// setting the build headers know is named, and none is hand-numbered here.
import { endianness } from 'node:os';
import { C } from './binding.js';
import { rangeError } from './errors.js';
import { ipAddress } from './inet.js';
import * as v from './validate.js';

/** 'ARP_NOTIFY' -> 'arpNotify' */
const camel = (s: string): string => s.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const fromConstants = (prefix: string): ReadonlyMap<string, number> =>
  new Map(Object.entries(C).filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [camel(k.slice(prefix.length)), n]));

/** IPv4 setting name -> IPV4_DEVCONF_* id (1-based: IFLA_INET_CONF's element id-1). */
export const INET_CONF_IDS = fromConstants('IPV4_DEVCONF_');
/** IPv6 setting name -> DEVCONF_* index into IFLA_INET6_CONF. */
export const INET6_CONF_IDS = fromConstants('DEVCONF_');
export const ADDR_GEN_MODES: ReadonlyMap<string, number> = new Map(
  [...fromConstants('IN6_ADDR_GEN_MODE_')].map(([k, n]) => [k === 'stablePrivacy' ? 'stable-privacy' : k, n]),
);
const ADDR_GEN_MODE_NAMES = new Map([...ADDR_GEN_MODES].map(([k, n]) => [n, k]));

/**
 * A link's IPv4 settings, `net.ipv4.conf.NAME.*`, named after the kernel's IPV4_DEVCONF_* constants
 * in camelCase (`arpNotify`, `rpFilter`, `proxyArp`; `arpfilter` is `arp_filter`, `noxfrm` is
 * `disable_xfrm`, `nopolicy` is `disable_policy`, `srcVmark` is `src_valid_mark`).
 */
export interface InetConf {
  forwarding: number; mcForwarding: number; proxyArp: number; acceptRedirects: number; secureRedirects: number;
  sendRedirects: number; sharedMedia: number; rpFilter: number; acceptSourceRoute: number; bootpRelay: number;
  logMartians: number; tag: number; arpfilter: number; mediumId: number; noxfrm: number; nopolicy: number;
  forceIgmpVersion: number; arpAnnounce: number; arpIgnore: number; promoteSecondaries: number; arpAccept: number;
  arpNotify: number; acceptLocal: number; srcVmark: number; proxyArpPvlan: number; routeLocalnet: number;
  /** And whatever else the kernel and the build headers know. */
  [setting: string]: number;
}

/** A link's IPv6 settings, `net.ipv6.conf.NAME.*`, named after DEVCONF_* in camelCase (`ndiscNotify`, `disableIpv6`). */
export interface Inet6Conf {
  forwarding: number; hoplimit: number; mtu6: number; acceptRa: number; autoconf: number; dadTransmits: number;
  disableIpv6: number; acceptDad: number; ndiscNotify: number; addrGenMode: number; keepAddrOnDown: number;
  [setting: string]: number;
}

export type AddrGenMode = 'eui64' | 'none' | 'stable-privacy' | 'random';

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

const LE = endianness() === 'LE';

/**
 * A decoder of one devconf array into an object of named settings: a function made once per table
 * that returns an object literal (`{ forwarding: v(0), mcForwarding: v(4), ... }`), which V8 builds
 * in one step with a fixed shape; one made of a loop of assignments costs several times as much.
 * Settings past the array's end (an older kernel's shorter array) are left out, as before.
 */
function confDecoder(ids: ReadonlyMap<string, number>, base: number, signed: boolean): (buf: Uint8Array) => Record<string, number> {
  const fields = [...ids].map(([name, id]) => ({ name, at: (id - base) * 4 })).filter((f) => f.at >= 0);
  const end = Math.max(0, ...fields.map((f) => f.at + 4));
  const get = signed ? 'getInt32' : 'getUint32';
  const loop = (dv: DataView): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const f of fields) if (f.at + 4 <= dv.byteLength) out[f.name] = dv[get](f.at, LE);
    return out;
  };
  let literal: (dv: DataView, le: boolean) => Record<string, number>;
  try {
    // Names are the constants' camelCased names ([a-z0-9] only); offsets are numbers.
    literal = new Function('dv', 'le', `return {${fields.map((f) => `${JSON.stringify(f.name)}: dv.${get}(${f.at}, le)`).join(', ')}};`) as
      typeof literal;
  } catch {
    literal = loop;  // node --disallow-code-generation-from-strings: the same objects, built by the loop
  }
  // Most links of a namespace have the same settings: a link whose array equals the last one
  // decoded gets the same object (frozen, so that one link's cannot be changed through another's).
  let last: Uint8Array | undefined;
  let lastConf: Record<string, number> | undefined;
  return (buf) => {
    if (last !== undefined && sameBytes(buf, last)) return lastConf!;
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    lastConf = Object.freeze(buf.byteLength >= end ? literal(dv, LE) : loop(dv));
    last = buf.slice();
    return lastConf;
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
const inetConf = confDecoder(INET_CONF_IDS, 1, false);
const inet6Conf = confDecoder(INET6_CONF_IDS, 0, true);

/**
 * Replaces the addon's raw `inet`/`inet6` (buffers) on a decoded link by named settings. Decoded at
 * once, into objects of a fixed shape: a getter per link that decoded on first read (as before) made
 * each link a slow dictionary-mode object, and cost more than decoding.
 */
export function nameInetConf(link: Record<string, unknown>): void {
  const raw4 = link.inet as Uint8Array | undefined;
  if (raw4 instanceof Uint8Array) link.inet = inetConf(raw4);
  const raw6 = link.inet6 as { conf?: Uint8Array; addrGenMode?: number; token?: string } | undefined;
  if (raw6 && typeof raw6 === 'object') {
    const info: Inet6Info = { conf: (raw6.conf ? inet6Conf(raw6.conf) : {}) as Inet6Conf };
    if (raw6.addrGenMode !== undefined) info.addrGenMode = (ADDR_GEN_MODE_NAMES.get(raw6.addrGenMode) as AddrGenMode | undefined) ?? raw6.addrGenMode;
    if (raw6.token !== undefined && raw6.token !== '::') info.token = raw6.token;
    link.inet6 = info;
  }
}

/** The request's IFLA_AF_SPEC from `changes.inet` / `changes.inet6`, checked. */
export function afSpecRequest(inet: unknown, inet6: unknown): {
  inet?: { id: number; value: number }[]; inet6?: { addrGenMode?: number; token?: Uint8Array };
} {
  const spec: ReturnType<typeof afSpecRequest> = {};
  if (inet !== undefined) {
    const o = v.object<Record<string, unknown>>('changes.inet', inet);
    spec.inet = Object.keys(o).map((name) => {
      const id = INET_CONF_IDS.get(name);
      if (id === undefined) throw rangeError('changes.inet', `IPv4 settings by name (${[...INET_CONF_IDS.keys()].slice(0, 8).join(', ')}, ...)`, name);
      return { id, value: v.integer(`changes.inet.${name}`, o[name], -(2 ** 31), 2 ** 31 - 1) };
    });
  }
  if (inet6 !== undefined) {
    const o = v.object<Record<string, unknown>>('changes.inet6', inet6);
    v.knownKeys('changes.inet6', o, ['addrGenMode', 'token']);
    spec.inet6 = {};
    if (o.addrGenMode !== undefined) spec.inet6.addrGenMode = v.oneOf('changes.inet6.addrGenMode', o.addrGenMode, ADDR_GEN_MODES);
    if (o.token !== undefined) {
      const t = ipAddress('changes.inet6.token', o.token, 6);
      if (t.bytes.slice(0, 8).some((b) => b !== 0)) throw rangeError('changes.inet6.token', 'an interface identifier (the first 64 bits zero) such as \'::1:2:3:4\'', o.token);
      spec.inet6.token = t.bytes;
    }
  }
  return spec;
}
