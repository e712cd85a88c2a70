// Addresses (ip addr): the public types, validation of CIDRs and options into native requests, and
// decoding of what the kernel reports. Listing by link or family is filtered in the kernel.
import { C, type NativeAddress, type NativeAddressRequest } from './binding.js';
import { explainRefusal, rangeError, typeError } from './errors.js';
import { describeNetns } from './netns.js';
import type { LinkRef } from './link.js';
import {
  AF, cidr, familyOption, hostBits, ipAddress, ipFamily, linkFilter, nameOr, nothing, scope, scopeName,
  type FamilyContext, type IpFamily, type Scope,
} from './inet.js';
import * as v from './validate.js';

// ---- public types -------------------------------------------------------------------------------

/**
 * Who added an address (IFA_PROTO, kernel 6.1+): 'kernel_lo' (the loopback's), 'kernel_ra' (from a
 * router advertisement), 'kernel_ll' (an IPv6 link-local address), 'unspec', or a number of one's own.
 */
export type AddressProtocol = 'unspec' | 'kernel_lo' | 'kernel_ra' | 'kernel_ll';

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
  validLifetime?: number | 'forever';
  /** Seconds, or 'forever'; at most `validLifetime`. Default: the valid lifetime. */
  preferredLifetime?: number | 'forever';
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

// ---- requests -----------------------------------------------------------------------------------

const OPTION_KEYS = [
  'broadcast', 'peer', 'label', 'scope', 'validLifetime', 'preferredLifetime',
  'noprefixroute', 'nodad', 'optimistic', 'homeaddress', 'managetempaddr', 'protocol',
] as const;
const FLAG_BITS: [keyof AddressOptions, number][] = [
  ['noprefixroute', C.IFA_F_NOPREFIXROUTE!], ['nodad', C.IFA_F_NODAD!], ['optimistic', C.IFA_F_OPTIMISTIC!],
  ['homeaddress', C.IFA_F_HOMEADDRESS!], ['managetempaddr', C.IFA_F_MANAGETEMPADDR!],
];
const FOREVER = 2 ** 32 - 1;
/** IFAPROT_* by iproute2's names (rt_addrprotos); empty where the build's headers lack them. */
export const ADDRESS_PROTOCOLS: ReadonlyMap<string, number> = new Map(
  Object.entries(C).filter(([k]) => k.startsWith('IFAPROT_')).map(([k, n]) => [k.slice(8).toLowerCase(), n]),
);
const ADDRESS_PROTOCOL_NAMES = new Map([...ADDRESS_PROTOCOLS].map(([k, n]) => [n, k as AddressProtocol]));

function lifetime(field: string, value: unknown): number {
  if (value === 'forever') return FOREVER;
  return v.integer(field, value, 0, FOREVER - 1);
}

/** Validates `ip addr add` arguments into a request (the link's index still to be filled in). */
export function addressRequest(address: unknown, options: unknown): NativeAddressRequest {
  const a = cidr('cidr', address);
  const o = v.object<Record<string, unknown>>('options', options);
  v.knownKeys('options', o, OPTION_KEYS);
  const req: NativeAddressRequest = { family: AF[a.family], prefixLength: a.prefixLength, local: a.bytes };
  if (o.peer !== undefined) req.peer = ipAddress('options.peer', o.peer, a.family).bytes;
  if (o.broadcast !== undefined && o.broadcast !== false) {
    if (a.family !== 4) throw rangeError('options.broadcast', 'unset for an IPv6 address (IPv6 has no broadcast)', o.broadcast);
    req.broadcast = ipAddress('options.broadcast', o.broadcast, 4).bytes;
  } else if (o.broadcast === undefined && a.family === 4 && a.prefixLength < 31 && o.peer === undefined) {
    req.broadcast = hostBits(a.bytes, a.prefixLength, true);
  }
  if (o.label !== undefined) {
    if (a.family !== 4) throw rangeError('options.label', 'unset for an IPv6 address (labels are IPv4 only)', o.label);
    const label = v.string('options.label', o.label);
    if (Buffer.byteLength(label) < 1 || Buffer.byteLength(label) > 15 || label.includes('\0')) {
      throw rangeError('options.label', 'a label of 1 to 15 bytes', label);
    }
    req.label = label;
  }
  if (o.scope !== undefined) {
    req.scope = scope('options.scope', o.scope);
  } else if (a.family === 4 && a.bytes[0] === 127) {
    req.scope = C.RT_SCOPE_HOST!;
  }
  if (o.protocol !== undefined) {
    req.protocol = typeof o.protocol === 'number' ? v.integer('options.protocol', o.protocol, 0, 255) : v.oneOf('options.protocol', o.protocol, ADDRESS_PROTOCOLS);
  }
  let flags = 0;
  for (const [key, bit] of FLAG_BITS) if (o[key] !== undefined && v.boolean(`options.${key}`, o[key])) flags |= bit;
  if (flags) req.flags = flags;
  if (o.validLifetime !== undefined || o.preferredLifetime !== undefined) {
    const valid = o.validLifetime === undefined ? FOREVER : lifetime('options.validLifetime', o.validLifetime);
    const preferred = o.preferredLifetime === undefined ? valid : lifetime('options.preferredLifetime', o.preferredLifetime);
    if (valid === 0) throw rangeError('options.validLifetime', 'more than 0 seconds', o.validLifetime);
    if (preferred > valid) {
      throw rangeError('options.preferredLifetime', `at most options.validLifetime (${o.validLifetime ?? 'forever'})`, o.preferredLifetime);
    }
    req.validLifetime = valid;
    req.preferredLifetime = preferred;
  }
  return req;
}

// ---- decoding -----------------------------------------------------------------------------------

/** Maps a native address to the public one; `nameOf` names links. Undefined for other families. */
export function toAddress(raw: NativeAddress, nameOf: (index: number) => string | undefined): Address | undefined {
  const family = ipFamily(raw.family);
  if (family === undefined) return undefined;
  const a: Address = {
    family,
    linkIndex: raw.index,
    address: raw.address,
    prefixLength: raw.prefixLength,
    cidr: `${raw.address}/${raw.prefixLength}`,
    scope: scopeName(raw.scope) as AddressScope,
    flags: raw.flags,
  };
  const link = nameOf(raw.index);
  if (link !== undefined) a.link = link;
  if (raw.peer !== undefined) a.peer = raw.peer;
  if (raw.broadcast !== undefined) a.broadcast = raw.broadcast;
  if (raw.label !== undefined) a.label = raw.label;
  if (raw.protocol) a.protocol = nameOr(ADDRESS_PROTOCOL_NAMES, raw.protocol);
  if (raw.validLifetime !== undefined) a.validLifetime = raw.validLifetime;
  if (raw.preferredLifetime !== undefined) a.preferredLifetime = raw.preferredLifetime;
  return a;
}

// ---- the family on one handle -------------------------------------------------------------------

/** Addresses: `ip addr` on one handle. */
export class Addresses {
  readonly #h: FamilyContext;
  /** @internal Use `handle.addresses`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists addresses, all or those of one link or one family; the kernel does the filtering.
   *
   * Equivalent to: `ip [-4|-6] addr show [dev NAME]`
   */
  async list(filter: AddressFilter = {}): Promise<Address[]> {
    const f = v.object<Record<string, unknown>>('filter', filter);
    v.knownKeys('filter', f, ['link', 'family']);
    if (f.link !== undefined) v.ifnameOrIndex('filter.link', f.link);
    const family = f.family === undefined ? undefined : familyOption('filter.family', f.family);
    const link = await linkFilter(this.#h, 'filter.link', f.link as LinkRef | undefined);
    const req: NativeAddressRequest = { family: family === undefined ? C.AF_UNSPEC! : AF[family] };
    if (link.index !== undefined) req.index = link.index;
    // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
    const raw = ((await this.#h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, req)) as NativeAddress[])
      .filter((a) => (link.index === undefined || a.index === link.index) && (family === undefined || a.family === AF[family]));
    const names = await link.names(raw.map((a) => a.index));
    return raw.flatMap((r) => toAddress(r, (i) => names.get(i)) ?? []);
  }

  /**
   * Adds an address to a link.
   *
   * Equivalent to: `ip addr add 172.16.10.5/24 [brd +] [peer P] [label L] [scope S]
   * [valid_lft N preferred_lft N] [noprefixroute] [nodad] [optimistic] [home] [mngtmpaddr] [proto P] dev NAME`
   */
  add(link: LinkRef, address: string, options: AddressOptions = {}): Promise<void> {
    return this.#write(link, address, options, C.NLM_F_CREATE! | C.NLM_F_EXCL!);
  }

  /**
   * Adds an address, or changes it where the link has it already (its lifetimes, flags, ...).
   *
   * Equivalent to: `ip addr replace 172.16.10.5/24 dev NAME`
   */
  replace(link: LinkRef, address: string, options: AddressOptions = {}): Promise<void> {
    return this.#write(link, address, options, C.NLM_F_CREATE! | C.NLM_F_REPLACE!);
  }

  /**
   * Removes an address from a link. A point-to-point address is named with its peer, as it was
   * added: the kernel matches the peer, not the local address, against the prefix.
   *
   * Equivalent to: `ip addr del 172.16.10.5/24 dev NAME`, `ip addr del 10.0.0.1/32 peer 10.9.9.9 dev NAME`
   */
  async delete(link: LinkRef, address: string, options: AddressDeleteOptions = {}): Promise<void> {
    v.ifnameOrIndex('link', link);
    const a = cidr('cidr', address);
    const o = v.object<Record<string, unknown>>('options', options);
    v.knownKeys('options', o, ['peer']);
    const req: NativeAddressRequest = { family: AF[a.family], prefixLength: a.prefixLength, local: a.bytes };
    if (o.peer !== undefined) req.peer = ipAddress('options.peer', o.peer, a.family).bytes;
    req.index = (await this.#h.links.resolveLink('link', link)).index;
    await this.#h.request(C.RTM_DELADDR!, 0, req).catch((e) => Promise.reject(explainRefusal(e, describeNetns(this.#h.netns))));
  }

  /**
   * Resolves once no IPv6 address of the link is tentative (duplicate address detection is over);
   * rejects with code 'ERR_DAD_FAILED' when an address failed it, and with 'ETIMEDOUT' after
   * `timeout` ms. Looks every `interval` ms (events come with `watch`).
   *
   * Equivalent to: `ip -6 addr show dev NAME tentative` until it lists nothing
   */
  async waitSettled(link: LinkRef, options: SettleOptions = {}): Promise<void> {
    v.ifnameOrIndex('link', link);
    const o = v.object<Record<string, unknown>>('options', options);
    v.knownKeys('options', o, ['timeout', 'interval']);
    const timeout = o.timeout === undefined ? 5000 : v.integer('options.timeout', o.timeout, 0, 2 ** 31 - 1);
    const interval = o.interval === undefined ? 50 : v.integer('options.interval', o.interval, 1, 60000);
    const { index, name } = await this.#h.links.resolveLink('link', link);
    const until = Date.now() + timeout;
    for (;;) {
      const addrs = ((await this.#h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, { family: C.AF_INET6!, index })) as NativeAddress[])
        .filter((a) => a.index === index);
      const failed = addrs.filter((a) => a.flags.dadfailed);
      if (failed.length > 0) {
        throw Object.assign(
          new Error(`duplicate address detection failed on '${name}' for ${failed.map((a) => `${a.address}/${a.prefixLength}`).join(', ')}`),
          { code: 'ERR_DAD_FAILED', addresses: failed.map((a) => `${a.address}/${a.prefixLength}`) },
        );
      }
      const tentative = addrs.filter((a) => a.flags.tentative);
      if (tentative.length === 0) return;
      if (Date.now() >= until) {
        throw Object.assign(
          new Error(`addresses of '${name}' still tentative after ${timeout} ms: ${tentative.map((a) => a.address).join(', ')}`),
          { code: 'ETIMEDOUT' },
        );
      }
      await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(1, until - Date.now()))));
    }
  }

  // Not async, as routes' #write: no async frames per address, and the request is not kept alive
  // (by a suspended frame) until the kernel's answer.
  #write(link: LinkRef, address: string, options: AddressOptions, flags: number): Promise<void> {
    let req: NativeAddressRequest;
    try {
      v.ifnameOrIndex('link', link);
      if (options === null || typeof options !== 'object') throw typeError('options', 'an object', options);
      req = addressRequest(address, options);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#h.links.resolveLink('link', link).then((l) => {
      req.index = l.index;
      return this.#h.request(C.RTM_NEWADDR!, flags, req).then(nothing, (e: unknown) => {
        const where = describeNetns(this.#h.netns);
        return Promise.reject(explainRefusal(e, where, `address ${address} already exists on '${l.name}' in ${where}`));
      });
    });
  }
}
