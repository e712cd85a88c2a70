// What addresses, routes and neighbours share: IP addresses and CIDRs checked with node:net and turned
// into the bytes native/ encodes, address families, scopes, and the handle they make requests on.
import { isIPv4, isIPv6 } from 'node:net';
import { C, type NativeLink, type NativeLinkRequest, type NativeRequest } from './binding.js';
import { rangeError, typeError } from './errors.js';
import type { LinkRef } from './link.js';
import type { NetnsRef } from './netns.js';
import * as v from './validate.js';

/** An address family as iproute2's `-4`/`-6`. */
export type IpFamily = 4 | 6;

export interface Ip {
  family: IpFamily;
  /** The address as given (IPv4) or as written (IPv6), without a prefix length. */
  address: string;
  bytes: Uint8Array;
}
export interface Cidr extends Ip {
  prefixLength: number;
}

export const AF: Readonly<Record<IpFamily, number>> = { 4: C.AF_INET!, 6: C.AF_INET6! };

/** The public family (4 or 6) of a kernel address family; undefined for others (AF_BRIDGE, ...). */
export function ipFamily(af: number): IpFamily | undefined {
  return af === C.AF_INET ? 4 : af === C.AF_INET6 ? 6 : undefined;
}

/** For `.then(nothing)`: a write's promise resolves to nothing, not to the request's (empty) replies. */
export const nothing = (): void => undefined;

const EXAMPLE = "an IPv4 or IPv6 address such as '172.16.10.5' or '2001:db8::5'";

function v6Bytes(s: string): Uint8Array {
  const out = new Uint8Array(16);
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const r: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {  // an embedded IPv4 tail, '::ffff:10.0.0.1'
        const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
        r.push((a << 8) | b, (c << 8) | d);
      } else {
        r.push(parseInt(g, 16));
      }
    }
    return r;
  };
  const dbl = s.indexOf('::');
  const head = groups(dbl < 0 ? s : s.slice(0, dbl));
  const tail = dbl < 0 ? [] : groups(s.slice(dbl + 2));
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/**
 * A dotted-quad IPv4 address as bytes, or undefined: what node:net's isIPv4 accepts (four decimal
 * numbers 0..255 without leading zeros), read in one pass; it runs once per address on hot paths.
 */
function v4Bytes(s: string): Uint8Array | undefined {
  if (s.length < 7 || s.length > 15) return undefined;
  const b = new Uint8Array(4);
  let part = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || part === 3) return undefined;
      b[part++] = n;
      n = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && n === 0) return undefined;  // a leading zero
      n = n * 10 + (c - 48);
      if (++digits > 3 || n > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || part !== 3) return undefined;
  b[3] = n;
  return b;
}

/** An IP address (no prefix length); `family` narrows what is accepted. */
export function ipAddress(field: string, value: unknown, family?: IpFamily): Ip {
  if (typeof value !== 'string') throw typeError(field, EXAMPLE, value);
  let ip: Ip;
  const v4 = v4Bytes(value);
  if (v4) ip = { family: 4, address: value, bytes: v4 };
  else if (isIPv6(value) && !value.includes('%')) ip = { family: 6, address: value, bytes: v6Bytes(value) };
  else throw rangeError(field, family === undefined ? EXAMPLE : `an IPv${family} address`, value);
  if (family !== undefined && ip.family !== family) throw rangeError(field, `an IPv${family} address`, value);
  return ip;
}

// The last address repeatedIpAddress parsed, and what it gave.
let lastValue: string | undefined;
let lastIp: Ip | undefined;

/**
 * ipAddress of a value that repeats from call to call (a gateway: the same for thousands of routes):
 * the last value's result is kept and handed out again. Parsing is pure, so it cannot go stale; what
 * it hands out is shared, and nothing changes an Ip or its bytes once made.
 */
export function repeatedIpAddress(field: string, value: unknown): Ip {
  if (value === lastValue && lastIp !== undefined) return lastIp;
  const ip = ipAddress(field, value);
  lastValue = value as string;
  lastIp = ip;
  return ip;
}

/**
 * A CIDR 'address/length'. With `bare`, an address without a length is a host (/32, /128), as `ip`
 * reads it.
 */
export function cidr(field: string, value: unknown, options: { bare?: boolean; family?: IpFamily } = {}): Cidr {
  const what = "a CIDR such as '172.16.10.5/24' or '2001:db8::5/64'";
  if (typeof value !== 'string') throw typeError(field, what, value);
  const slash = value.indexOf('/');
  if (slash < 0 && !options.bare) throw rangeError(field, what, value);
  const addr = slash < 0 ? value : value.slice(0, slash);
  let ip: Ip;
  try {
    ip = ipAddress(field, addr, options.family);
  } catch (e) {
    if (e instanceof RangeError && options.family !== undefined && (isIPv4(addr) || isIPv6(addr))) {
      throw rangeError(field, `an IPv${options.family} CIDR`, value);
    }
    throw rangeError(field, what, value);
  }
  const max = ip.family === 4 ? 32 : 128;
  // Built field by field: an object spread of `ip` costs about 1 us here, on every route and address.
  if (slash < 0) return { family: ip.family, address: ip.address, bytes: ip.bytes, prefixLength: max };
  const len = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) {
    throw rangeError(field, `a CIDR with a prefix length from 0 to ${max}`, value);
  }
  return { family: ip.family, address: ip.address, bytes: ip.bytes, prefixLength: Number(len) };
}

/** `bytes` with the host bits (those after `prefixLength`) set or cleared. */
export function hostBits(bytes: Uint8Array, prefixLength: number, set: boolean): Uint8Array {
  const r = Uint8Array.from(bytes);
  for (let i = 0; i < r.length * 8; i++) {
    if (i < prefixLength) continue;
    const bit = 0x80 >> (i % 8);
    r[i >> 3] = set ? r[i >> 3]! | bit : r[i >> 3]! & ~bit;
  }
  return r;
}

/** A family option (4 or 6); `field` names it in errors. */
export function familyOption(field: string, value: unknown): IpFamily {
  if (value !== 4 && value !== 6) {
    if (typeof value !== 'number') throw typeError(field, '4 or 6', value);
    throw rangeError(field, '4 or 6', value);
  }
  return value;
}

// ---- scopes -------------------------------------------------------------------------------------

/**
 * A scope by name (`/etc/iproute2/rt_scopes`): 'universe' (0, global), 'site' (200), 'link' (253),
 * 'host' (254), 'nowhere' (255); other numbers as they are.
 */
export type Scope = 'universe' | 'site' | 'link' | 'host' | 'nowhere' | number;

export const SCOPES: ReadonlyMap<string, number> = new Map([
  ['universe', C.RT_SCOPE_UNIVERSE!], ['site', C.RT_SCOPE_SITE!], ['link', C.RT_SCOPE_LINK!],
  ['host', C.RT_SCOPE_HOST!], ['nowhere', C.RT_SCOPE_NOWHERE!],
]);
const SCOPE_NAMES = new Map([...SCOPES].map(([k, n]) => [n, k]));

/** A scope by name or number (0..255). */
export function scope(field: string, value: unknown): number {
  if (typeof value === 'number') return v.integer(field, value, 0, 255);
  return v.oneOf(field, value, SCOPES);
}

/** The name of a scope number, or the number when it has none. */
export function scopeName(n: number): Scope {
  return (SCOPE_NAMES.get(n) as Scope | undefined) ?? n;
}

/** A name for a number in a table of names, or the number itself when it has none. */
export function nameOr<N extends string>(names: ReadonlyMap<number, N>, n: number): N | number {
  return names.get(n) ?? n;
}

// ---- the handle, as the families use it ---------------------------------------------------------

/** What addresses, routes and neighbours need of a handle (an `Rtnl`). */
export interface FamilyContext {
  /** Sends a request on the handle's socket. */
  request(type: number, flags: number, req: NativeRequest): Promise<unknown[]>;
  /** The handle's namespace, as errors name it. */
  readonly netns: NetnsRef | undefined;
  /** The handle's links, for naming and resolving them. */
  readonly links: {
    resolveLink(field: string, ref: LinkRef): Promise<Readonly<NativeLink>>;
    linkRequest(type: number, flags: number, req: NativeLinkRequest): Promise<NativeLink[]>;
  };
}

/**
 * Names of the links with these indexes (those the replies mention): a lookup each when they are
 * few, else one link dump. A link gone meanwhile is left out (it is named by its index only).
 */
export async function linkNames(ctx: FamilyContext, indexes: Iterable<number>): Promise<Map<number, string>> {
  const wanted = new Set(indexes);
  if (wanted.size > 8) {
    const all = await ctx.links.linkRequest(C.RTM_GETLINK!, C.NLM_F_DUMP!, { extMask: C.RTEXT_FILTER_SKIP_STATS! });
    return new Map(all.map((l) => [l.index, l.name]));
  }
  const found = await Promise.all([...wanted].map((i) => ctx.links.resolveLink('link', i).then((l) => l, () => undefined)));
  return new Map(found.flatMap((l) => (l ? [[l.index, l.name] as const] : [])));
}

/** A link, or all of them: the index to filter on, and a way to name the links in replies. */
export async function linkFilter(
  ctx: FamilyContext, field: string, ref: LinkRef | undefined,
): Promise<{ index?: number; names: (indexes: Iterable<number>) => Promise<Map<number, string>> }> {
  if (ref === undefined) return { names: (indexes) => linkNames(ctx, indexes) };
  const l = await ctx.links.resolveLink(field, ref);
  return { index: l.index, names: async () => new Map([[l.index, l.name]]) };
}
