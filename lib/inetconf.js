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
exports.ADDR_GEN_MODES = exports.INET6_CONF_IDS = exports.INET_CONF_IDS = void 0;
exports.nameInetConf = nameInetConf;
exports.afSpecRequest = afSpecRequest;
// Per-link IPv4/IPv6 settings over netlink (IFLA_AF_SPEC): IFLA_INET_CONF read and written,
// IFLA_INET6_CONF read, addr_gen_mode and the token written. The setting names are made from the
// addon's IPV4_DEVCONF_*/DEVCONF_* constants (taken from <linux/ip.h>, <linux/ipv6.h>), so a
// setting the build headers know is named, and none is hand-numbered here.
const node_os_1 = require("node:os");
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const inet_js_1 = require("./inet.js");
const v = __importStar(require("./validate.js"));
/** 'ARP_NOTIFY' -> 'arpNotify' */
const camel = (s) => s.toLowerCase().replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
const fromConstants = (prefix) => new Map(Object.entries(binding_js_1.C).filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [camel(k.slice(prefix.length)), n]));
/** IPv4 setting name -> IPV4_DEVCONF_* id (1-based: IFLA_INET_CONF's element id-1). */
exports.INET_CONF_IDS = fromConstants('IPV4_DEVCONF_');
/** IPv6 setting name -> DEVCONF_* index into IFLA_INET6_CONF. */
exports.INET6_CONF_IDS = fromConstants('DEVCONF_');
exports.ADDR_GEN_MODES = new Map([...fromConstants('IN6_ADDR_GEN_MODE_')].map(([k, n]) => [k === 'stablePrivacy' ? 'stable-privacy' : k, n]));
const ADDR_GEN_MODE_NAMES = new Map([...exports.ADDR_GEN_MODES].map(([k, n]) => [n, k]));
const LE = (0, node_os_1.endianness)() === 'LE';
/**
 * A decoder of one devconf array into an object of named settings: a function made once per table
 * that returns an object literal (`{ forwarding: v(0), mcForwarding: v(4), ... }`), which V8 builds
 * in one step with a fixed shape; one made of a loop of assignments costs several times as much.
 * Settings past the array's end (an older kernel's shorter array) are left out, as before.
 */
function confDecoder(ids, base, signed) {
    const fields = [...ids].map(([name, id]) => ({ name, at: (id - base) * 4 })).filter((f) => f.at >= 0);
    const end = Math.max(0, ...fields.map((f) => f.at + 4));
    const get = signed ? 'getInt32' : 'getUint32';
    const loop = (dv) => {
        const out = {};
        for (const f of fields)
            if (f.at + 4 <= dv.byteLength)
                out[f.name] = dv[get](f.at, LE);
        return out;
    };
    let literal;
    try {
        // Names are the constants' camelCased names ([a-z0-9] only); offsets are numbers.
        literal = new Function('dv', 'le', `return {${fields.map((f) => `${JSON.stringify(f.name)}: dv.${get}(${f.at}, le)`).join(', ')}};`);
    }
    catch {
        literal = loop; // node --disallow-code-generation-from-strings: the same objects, built by the loop
    }
    // Most links of a namespace have the same settings: a link whose array equals the last one
    // decoded gets the same object (frozen, so that one link's cannot be changed through another's).
    let last;
    let lastConf;
    return (buf) => {
        if (last !== undefined && sameBytes(buf, last))
            return lastConf;
        const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
        lastConf = Object.freeze(buf.byteLength >= end ? literal(dv, LE) : loop(dv));
        last = buf.slice();
        return lastConf;
    };
}
function sameBytes(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
const inetConf = confDecoder(exports.INET_CONF_IDS, 1, false);
const inet6Conf = confDecoder(exports.INET6_CONF_IDS, 0, true);
/**
 * Replaces the addon's raw `inet`/`inet6` (buffers) on a decoded link by named settings. Decoded at
 * once, into objects of a fixed shape: a getter per link that decoded on first read (as before) made
 * each link a slow dictionary-mode object, and cost more than decoding.
 */
function nameInetConf(link) {
    const raw4 = link.inet;
    if (raw4 instanceof Uint8Array)
        link.inet = inetConf(raw4);
    const raw6 = link.inet6;
    if (raw6 && typeof raw6 === 'object') {
        const info = { conf: (raw6.conf ? inet6Conf(raw6.conf) : {}) };
        if (raw6.addrGenMode !== undefined)
            info.addrGenMode = ADDR_GEN_MODE_NAMES.get(raw6.addrGenMode) ?? raw6.addrGenMode;
        if (raw6.token !== undefined && raw6.token !== '::')
            info.token = raw6.token;
        link.inet6 = info;
    }
}
/** The request's IFLA_AF_SPEC from `changes.inet` / `changes.inet6`, checked. */
function afSpecRequest(inet, inet6) {
    const spec = {};
    if (inet !== undefined) {
        const o = v.object('changes.inet', inet);
        spec.inet = Object.keys(o).map((name) => {
            const id = exports.INET_CONF_IDS.get(name);
            if (id === undefined)
                throw (0, errors_js_1.rangeError)('changes.inet', `IPv4 settings by name (${[...exports.INET_CONF_IDS.keys()].slice(0, 8).join(', ')}, ...)`, name);
            return { id, value: v.integer(`changes.inet.${name}`, o[name], -(2 ** 31), 2 ** 31 - 1) };
        });
    }
    if (inet6 !== undefined) {
        const o = v.object('changes.inet6', inet6);
        v.knownKeys('changes.inet6', o, ['addrGenMode', 'token']);
        spec.inet6 = {};
        if (o.addrGenMode !== undefined)
            spec.inet6.addrGenMode = v.oneOf('changes.inet6.addrGenMode', o.addrGenMode, exports.ADDR_GEN_MODES);
        if (o.token !== undefined) {
            const t = (0, inet_js_1.ipAddress)('changes.inet6.token', o.token, 6);
            if (t.bytes.slice(0, 8).some((b) => b !== 0))
                throw (0, errors_js_1.rangeError)('changes.inet6.token', 'an interface identifier (the first 64 bits zero) such as \'::1:2:3:4\'', o.token);
            spec.inet6.token = t.bytes;
        }
    }
    return spec;
}
