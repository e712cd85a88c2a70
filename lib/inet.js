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
exports.SCOPES = exports.nothing = exports.AF = void 0;
exports.ipFamily = ipFamily;
exports.ipAddress = ipAddress;
exports.repeatedIpAddress = repeatedIpAddress;
exports.cidr = cidr;
exports.hostBits = hostBits;
exports.familyOption = familyOption;
exports.scope = scope;
exports.scopeName = scopeName;
exports.nameOr = nameOr;
exports.linkNames = linkNames;
exports.linkFilter = linkFilter;
// What addresses, routes and neighbours share: IP addresses and CIDRs checked with node:net and turned
// into the bytes native/ encodes, address families, scopes, and the handle they make requests on.
const node_net_1 = require("node:net");
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const v = __importStar(require("./validate.js"));
exports.AF = { 4: binding_js_1.C.AF_INET, 6: binding_js_1.C.AF_INET6 };
/** The public family (4 or 6) of a kernel address family; undefined for others (AF_BRIDGE, ...). */
function ipFamily(af) {
    return af === binding_js_1.C.AF_INET ? 4 : af === binding_js_1.C.AF_INET6 ? 6 : undefined;
}
/** For `.then(nothing)`: a write's promise resolves to nothing, not to the request's (empty) replies. */
const nothing = () => undefined;
exports.nothing = nothing;
const EXAMPLE = "an IPv4 or IPv6 address such as '172.16.10.5' or '2001:db8::5'";
function v6Bytes(s) {
    const out = new Uint8Array(16);
    const groups = (part) => {
        if (part === '')
            return [];
        const r = [];
        for (const g of part.split(':')) {
            if (g.includes('.')) { // an embedded IPv4 tail, '::ffff:10.0.0.1'
                const [a, b, c, d] = g.split('.').map(Number);
                r.push((a << 8) | b, (c << 8) | d);
            }
            else {
                r.push(parseInt(g, 16));
            }
        }
        return r;
    };
    const dbl = s.indexOf('::');
    const head = groups(dbl < 0 ? s : s.slice(0, dbl));
    const tail = dbl < 0 ? [] : groups(s.slice(dbl + 2));
    const all = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
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
function v4Bytes(s) {
    if (s.length < 7 || s.length > 15)
        return undefined;
    const b = new Uint8Array(4);
    let part = 0;
    let n = 0;
    let digits = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 46 /* . */) {
            if (digits === 0 || part === 3)
                return undefined;
            b[part++] = n;
            n = 0;
            digits = 0;
        }
        else if (c >= 48 && c <= 57) {
            if (digits === 1 && n === 0)
                return undefined; // a leading zero
            n = n * 10 + (c - 48);
            if (++digits > 3 || n > 255)
                return undefined;
        }
        else {
            return undefined;
        }
    }
    if (digits === 0 || part !== 3)
        return undefined;
    b[3] = n;
    return b;
}
/** An IP address (no prefix length); `family` narrows what is accepted. */
function ipAddress(field, value, family) {
    if (typeof value !== 'string')
        throw (0, errors_js_1.typeError)(field, EXAMPLE, value);
    let ip;
    const v4 = v4Bytes(value);
    if (v4)
        ip = { family: 4, address: value, bytes: v4 };
    else if ((0, node_net_1.isIPv6)(value) && !value.includes('%'))
        ip = { family: 6, address: value, bytes: v6Bytes(value) };
    else
        throw (0, errors_js_1.rangeError)(field, family === undefined ? EXAMPLE : `an IPv${family} address`, value);
    if (family !== undefined && ip.family !== family)
        throw (0, errors_js_1.rangeError)(field, `an IPv${family} address`, value);
    return ip;
}
// The last address repeatedIpAddress parsed, and what it gave.
let lastValue;
let lastIp;
/**
 * ipAddress of a value that repeats from call to call (a gateway: the same for thousands of routes):
 * the last value's result is kept and handed out again. Parsing is pure, so it cannot go stale; what
 * it hands out is shared, and nothing changes an Ip or its bytes once made.
 */
function repeatedIpAddress(field, value) {
    if (value === lastValue && lastIp !== undefined)
        return lastIp;
    const ip = ipAddress(field, value);
    lastValue = value;
    lastIp = ip;
    return ip;
}
/**
 * A CIDR 'address/length'. With `bare`, an address without a length is a host (/32, /128), as `ip`
 * reads it.
 */
function cidr(field, value, options = {}) {
    const what = "a CIDR such as '172.16.10.5/24' or '2001:db8::5/64'";
    if (typeof value !== 'string')
        throw (0, errors_js_1.typeError)(field, what, value);
    const slash = value.indexOf('/');
    if (slash < 0 && !options.bare)
        throw (0, errors_js_1.rangeError)(field, what, value);
    const addr = slash < 0 ? value : value.slice(0, slash);
    let ip;
    try {
        ip = ipAddress(field, addr, options.family);
    }
    catch (e) {
        if (e instanceof RangeError && options.family !== undefined && ((0, node_net_1.isIPv4)(addr) || (0, node_net_1.isIPv6)(addr))) {
            throw (0, errors_js_1.rangeError)(field, `an IPv${options.family} CIDR`, value);
        }
        throw (0, errors_js_1.rangeError)(field, what, value);
    }
    const max = ip.family === 4 ? 32 : 128;
    // Built field by field: an object spread of `ip` costs about 1 us here, on every route and address.
    if (slash < 0)
        return { family: ip.family, address: ip.address, bytes: ip.bytes, prefixLength: max };
    const len = value.slice(slash + 1);
    if (!/^\d{1,3}$/.test(len) || Number(len) > max) {
        throw (0, errors_js_1.rangeError)(field, `a CIDR with a prefix length from 0 to ${max}`, value);
    }
    return { family: ip.family, address: ip.address, bytes: ip.bytes, prefixLength: Number(len) };
}
/** `bytes` with the host bits (those after `prefixLength`) set or cleared. */
function hostBits(bytes, prefixLength, set) {
    const r = Uint8Array.from(bytes);
    for (let i = 0; i < r.length * 8; i++) {
        if (i < prefixLength)
            continue;
        const bit = 0x80 >> (i % 8);
        r[i >> 3] = set ? r[i >> 3] | bit : r[i >> 3] & ~bit;
    }
    return r;
}
/** A family option (4 or 6); `field` names it in errors. */
function familyOption(field, value) {
    if (value !== 4 && value !== 6) {
        if (typeof value !== 'number')
            throw (0, errors_js_1.typeError)(field, '4 or 6', value);
        throw (0, errors_js_1.rangeError)(field, '4 or 6', value);
    }
    return value;
}
exports.SCOPES = new Map([
    ['universe', binding_js_1.C.RT_SCOPE_UNIVERSE], ['site', binding_js_1.C.RT_SCOPE_SITE], ['link', binding_js_1.C.RT_SCOPE_LINK],
    ['host', binding_js_1.C.RT_SCOPE_HOST], ['nowhere', binding_js_1.C.RT_SCOPE_NOWHERE],
]);
const SCOPE_NAMES = new Map([...exports.SCOPES].map(([k, n]) => [n, k]));
/** A scope by name or number (0..255). */
function scope(field, value) {
    if (typeof value === 'number')
        return v.integer(field, value, 0, 255);
    return v.oneOf(field, value, exports.SCOPES);
}
/** The name of a scope number, or the number when it has none. */
function scopeName(n) {
    return SCOPE_NAMES.get(n) ?? n;
}
/** A name for a number in a table of names, or the number itself when it has none. */
function nameOr(names, n) {
    return names.get(n) ?? n;
}
/**
 * Names of the links with these indexes (those the replies mention): a lookup each when they are
 * few, else one link dump. A link gone meanwhile is left out (it is named by its index only).
 */
async function linkNames(ctx, indexes) {
    const wanted = new Set(indexes);
    if (wanted.size > 8) {
        const all = await ctx.links.linkRequest(binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS });
        return new Map(all.map((l) => [l.index, l.name]));
    }
    const found = await Promise.all([...wanted].map((i) => ctx.links.resolveLink('link', i).then((l) => l, () => undefined)));
    return new Map(found.flatMap((l) => (l ? [[l.index, l.name]] : [])));
}
/** A link, or all of them: the index to filter on, and a way to name the links in replies. */
async function linkFilter(ctx, field, ref) {
    if (ref === undefined)
        return { names: (indexes) => linkNames(ctx, indexes) };
    const l = await ctx.links.resolveLink(field, ref);
    return { index: l.index, names: async () => new Map([[l.index, l.name]]) };
}
