"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.Addresses = exports.ADDRESS_PROTOCOLS = void 0;
exports.addressRequest = addressRequest;
exports.toAddress = toAddress;
// Addresses (ip addr): the public types, validation of CIDRs and options into native requests, and
// decoding of what the kernel reports. Listing by link or family is filtered in the kernel.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const inet_js_1 = require("./inet.js");
const v = __importStar(require("./validate.js"));
// ---- requests -----------------------------------------------------------------------------------
const OPTION_KEYS = [
    'broadcast', 'peer', 'label', 'scope', 'validLifetime', 'preferredLifetime',
    'noprefixroute', 'nodad', 'optimistic', 'homeaddress', 'managetempaddr', 'protocol',
];
const FLAG_BITS = [
    ['noprefixroute', binding_js_1.C.IFA_F_NOPREFIXROUTE], ['nodad', binding_js_1.C.IFA_F_NODAD], ['optimistic', binding_js_1.C.IFA_F_OPTIMISTIC],
    ['homeaddress', binding_js_1.C.IFA_F_HOMEADDRESS], ['managetempaddr', binding_js_1.C.IFA_F_MANAGETEMPADDR],
];
const FOREVER = 2 ** 32 - 1;
/** IFAPROT_* by iproute2's names (rt_addrprotos); empty where the build's headers lack them. */
exports.ADDRESS_PROTOCOLS = new Map(Object.entries(binding_js_1.C).filter(([k]) => k.startsWith('IFAPROT_')).map(([k, n]) => [k.slice(8).toLowerCase(), n]));
const ADDRESS_PROTOCOL_NAMES = new Map([...exports.ADDRESS_PROTOCOLS].map(([k, n]) => [n, k]));
function lifetime(field, value) {
    if (value === 'forever')
        return FOREVER;
    return v.integer(field, value, 0, FOREVER - 1);
}
/** Validates `ip addr add` arguments into a request (the link's index still to be filled in). */
function addressRequest(address, options) {
    const a = (0, inet_js_1.cidr)('cidr', address);
    const o = v.object('options', options);
    v.knownKeys('options', o, OPTION_KEYS);
    const req = { family: inet_js_1.AF[a.family], prefixLength: a.prefixLength, local: a.bytes };
    if (o.peer !== undefined)
        req.peer = (0, inet_js_1.ipAddress)('options.peer', o.peer, a.family).bytes;
    if (o.broadcast !== undefined && o.broadcast !== false) {
        if (a.family !== 4)
            throw (0, errors_js_1.rangeError)('options.broadcast', 'unset for an IPv6 address (IPv6 has no broadcast)', o.broadcast);
        req.broadcast = (0, inet_js_1.ipAddress)('options.broadcast', o.broadcast, 4).bytes;
    }
    else if (o.broadcast === undefined && a.family === 4 && a.prefixLength < 31 && o.peer === undefined) {
        req.broadcast = (0, inet_js_1.hostBits)(a.bytes, a.prefixLength, true);
    }
    if (o.label !== undefined) {
        if (a.family !== 4)
            throw (0, errors_js_1.rangeError)('options.label', 'unset for an IPv6 address (labels are IPv4 only)', o.label);
        const label = v.string('options.label', o.label);
        if (Buffer.byteLength(label) < 1 || Buffer.byteLength(label) > 15 || label.includes('\0')) {
            throw (0, errors_js_1.rangeError)('options.label', 'a label of 1 to 15 bytes', label);
        }
        req.label = label;
    }
    if (o.scope !== undefined) {
        req.scope = (0, inet_js_1.scope)('options.scope', o.scope);
    }
    else if (a.family === 4 && a.bytes[0] === 127) {
        req.scope = binding_js_1.C.RT_SCOPE_HOST;
    }
    if (o.protocol !== undefined) {
        req.protocol = typeof o.protocol === 'number' ? v.integer('options.protocol', o.protocol, 0, 255) : v.oneOf('options.protocol', o.protocol, exports.ADDRESS_PROTOCOLS);
    }
    let flags = 0;
    for (const [key, bit] of FLAG_BITS)
        if (o[key] !== undefined && v.boolean(`options.${key}`, o[key]))
            flags |= bit;
    if (flags)
        req.flags = flags;
    if (o.validLifetime !== undefined || o.preferredLifetime !== undefined) {
        const valid = o.validLifetime === undefined ? FOREVER : lifetime('options.validLifetime', o.validLifetime);
        const preferred = o.preferredLifetime === undefined ? valid : lifetime('options.preferredLifetime', o.preferredLifetime);
        if (valid === 0)
            throw (0, errors_js_1.rangeError)('options.validLifetime', 'more than 0 seconds', o.validLifetime);
        if (preferred > valid) {
            throw (0, errors_js_1.rangeError)('options.preferredLifetime', `at most options.validLifetime (${o.validLifetime ?? 'forever'})`, o.preferredLifetime);
        }
        req.validLifetime = valid;
        req.preferredLifetime = preferred;
    }
    return req;
}
// ---- decoding -----------------------------------------------------------------------------------
/** Maps a native address to the public one; `nameOf` names links. Undefined for other families. */
function toAddress(raw, nameOf) {
    const family = (0, inet_js_1.ipFamily)(raw.family);
    if (family === undefined)
        return undefined;
    const a = {
        family,
        linkIndex: raw.index,
        address: raw.address,
        prefixLength: raw.prefixLength,
        cidr: `${raw.address}/${raw.prefixLength}`,
        scope: (0, inet_js_1.scopeName)(raw.scope),
        flags: raw.flags,
    };
    const link = nameOf(raw.index);
    if (link !== undefined)
        a.link = link;
    if (raw.peer !== undefined)
        a.peer = raw.peer;
    if (raw.broadcast !== undefined)
        a.broadcast = raw.broadcast;
    if (raw.label !== undefined)
        a.label = raw.label;
    if (raw.protocol)
        a.protocol = (0, inet_js_1.nameOr)(ADDRESS_PROTOCOL_NAMES, raw.protocol);
    if (raw.validLifetime !== undefined)
        a.validLifetime = raw.validLifetime;
    if (raw.preferredLifetime !== undefined)
        a.preferredLifetime = raw.preferredLifetime;
    return a;
}
// ---- the family on one handle -------------------------------------------------------------------
/** Addresses: `ip addr` on one handle. */
class Addresses {
    #h;
    /** @internal Use `handle.addresses`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists addresses, all or those of one link or one family; the kernel does the filtering.
     *
     * Equivalent to: `ip [-4|-6] addr show [dev NAME]`
     */
    async list(filter = {}) {
        const f = v.object('filter', filter);
        v.knownKeys('filter', f, ['link', 'family']);
        if (f.link !== undefined)
            v.ifnameOrIndex('filter.link', f.link);
        const family = f.family === undefined ? undefined : (0, inet_js_1.familyOption)('filter.family', f.family);
        const link = await (0, inet_js_1.linkFilter)(this.#h, 'filter.link', f.link);
        const req = { family: family === undefined ? binding_js_1.C.AF_UNSPEC : inet_js_1.AF[family] };
        if (link.index !== undefined)
            req.index = link.index;
        // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
        const raw = (await this.#h.request(binding_js_1.C.RTM_GETADDR, binding_js_1.C.NLM_F_DUMP, req))
            .filter((a) => (link.index === undefined || a.index === link.index) && (family === undefined || a.family === inet_js_1.AF[family]));
        const names = await link.names(raw.map((a) => a.index));
        return raw.flatMap((r) => toAddress(r, (i) => names.get(i)) ?? []);
    }
    /**
     * Adds an address to a link.
     *
     * Equivalent to: `ip addr add 172.16.10.5/24 [brd +] [peer P] [label L] [scope S]
     * [valid_lft N preferred_lft N] [noprefixroute] [nodad] [optimistic] [home] [mngtmpaddr] [proto P] dev NAME`
     */
    add(link, address, options = {}) {
        return this.#write(link, address, options, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL);
    }
    /**
     * Adds an address, or changes it where the link has it already (its lifetimes, flags, ...).
     *
     * Equivalent to: `ip addr replace 172.16.10.5/24 dev NAME`
     */
    replace(link, address, options = {}) {
        return this.#write(link, address, options, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_REPLACE);
    }
    /**
     * Removes an address from a link. A point-to-point address is named with its peer, as it was
     * added: the kernel matches the peer, not the local address, against the prefix.
     *
     * Equivalent to: `ip addr del 172.16.10.5/24 dev NAME`, `ip addr del 10.0.0.1/32 peer 10.9.9.9 dev NAME`
     */
    async delete(link, address, options = {}) {
        v.ifnameOrIndex('link', link);
        const a = (0, inet_js_1.cidr)('cidr', address);
        const o = v.object('options', options);
        v.knownKeys('options', o, ['peer']);
        const req = { family: inet_js_1.AF[a.family], prefixLength: a.prefixLength, local: a.bytes };
        if (o.peer !== undefined)
            req.peer = (0, inet_js_1.ipAddress)('options.peer', o.peer, a.family).bytes;
        req.index = (await this.#h.links.resolveLink('link', link)).index;
        await this.#h.request(binding_js_1.C.RTM_DELADDR, 0, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(e, (0, netns_js_1.describeNetns)(this.#h.netns))));
    }
    /**
     * Resolves once no IPv6 address of the link is tentative (duplicate address detection is over);
     * rejects with code 'ERR_DAD_FAILED' when an address failed it, and with 'ETIMEDOUT' after
     * `timeout` ms. Looks every `interval` ms (events come with `watch`).
     *
     * Equivalent to: `ip -6 addr show dev NAME tentative` until it lists nothing
     */
    async waitSettled(link, options = {}) {
        v.ifnameOrIndex('link', link);
        const o = v.object('options', options);
        v.knownKeys('options', o, ['timeout', 'interval']);
        const timeout = o.timeout === undefined ? 5000 : v.integer('options.timeout', o.timeout, 0, 2 ** 31 - 1);
        const interval = o.interval === undefined ? 50 : v.integer('options.interval', o.interval, 1, 60000);
        const { index, name } = await this.#h.links.resolveLink('link', link);
        const until = Date.now() + timeout;
        for (;;) {
            const addrs = (await this.#h.request(binding_js_1.C.RTM_GETADDR, binding_js_1.C.NLM_F_DUMP, { family: binding_js_1.C.AF_INET6, index }))
                .filter((a) => a.index === index);
            const failed = addrs.filter((a) => a.flags.dadfailed);
            if (failed.length > 0) {
                throw Object.assign(new Error(`duplicate address detection failed on '${name}' for ${failed.map((a) => `${a.address}/${a.prefixLength}`).join(', ')}`), { code: 'ERR_DAD_FAILED', addresses: failed.map((a) => `${a.address}/${a.prefixLength}`) });
            }
            const tentative = addrs.filter((a) => a.flags.tentative);
            if (tentative.length === 0)
                return;
            if (Date.now() >= until) {
                throw Object.assign(new Error(`addresses of '${name}' still tentative after ${timeout} ms: ${tentative.map((a) => a.address).join(', ')}`), { code: 'ETIMEDOUT' });
            }
            await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(1, until - Date.now()))));
        }
    }
    // Not async, as routes' #write: no async frames per address, and the request is not kept alive
    // (by a suspended frame) until the kernel's answer.
    #write(link, address, options, flags) {
        let req;
        try {
            v.ifnameOrIndex('link', link);
            if (options === null || typeof options !== 'object')
                throw (0, errors_js_1.typeError)('options', 'an object', options);
            req = addressRequest(address, options);
        }
        catch (e) {
            return Promise.reject(e);
        }
        return this.#h.links.resolveLink('link', link).then((l) => {
            req.index = l.index;
            return this.#h.request(binding_js_1.C.RTM_NEWADDR, flags, req).then(inet_js_1.nothing, (e) => {
                const where = (0, netns_js_1.describeNetns)(this.#h.netns);
                return Promise.reject((0, errors_js_1.explainRefusal)(e, where, `address ${address} already exists on '${l.name}' in ${where}`));
            });
        });
    }
}
exports.Addresses = Addresses;
