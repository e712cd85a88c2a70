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
exports.Routes = exports.PROTOCOL_NAMES = exports.PROTOCOLS = exports.ROUTE_TYPES = exports.TABLES = void 0;
exports.table = table;
exports.protocol = protocol;
exports.checkRouteSpec = checkRouteSpec;
exports.toRoute = toRoute;
// Routes (ip route): the public types, the names of tables, protocols, types and scopes, validation
// of route specs into native requests (with iproute2's defaults), and decoding of what the kernel
// reports. Listing by family, table, link, protocol and type is filtered in the kernel.
const node_os_1 = require("node:os");
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const inet_js_1 = require("./inet.js");
const v = __importStar(require("./validate.js"));
// ---- vocabulary ---------------------------------------------------------------------------------
exports.TABLES = new Map([
    ['main', binding_js_1.C.RT_TABLE_MAIN], ['local', binding_js_1.C.RT_TABLE_LOCAL], ['default', binding_js_1.C.RT_TABLE_DEFAULT],
]);
exports.ROUTE_TYPES = new Map([
    ['unicast', binding_js_1.C.RTN_UNICAST], ['local', binding_js_1.C.RTN_LOCAL], ['broadcast', binding_js_1.C.RTN_BROADCAST], ['anycast', binding_js_1.C.RTN_ANYCAST],
    ['multicast', binding_js_1.C.RTN_MULTICAST], ['blackhole', binding_js_1.C.RTN_BLACKHOLE], ['unreachable', binding_js_1.C.RTN_UNREACHABLE],
    ['prohibit', binding_js_1.C.RTN_PROHIBIT], ['throw', binding_js_1.C.RTN_THROW], ['nat', binding_js_1.C.RTN_NAT], ['xresolve', binding_js_1.C.RTN_XRESOLVE],
]);
/** RTPROT_KERNEL -> 'kernel', ...: every RTPROT_* the addon was built with, named as iproute2 names them. */
exports.PROTOCOLS = new Map(Object.entries(binding_js_1.C).filter(([k]) => k.startsWith('RTPROT_')).map(([k, n]) => [k.slice(7).toLowerCase(), n]));
const TABLE_NAMES = new Map([...exports.TABLES].map(([k, n]) => [n, k]));
const TYPE_NAMES = new Map([...exports.ROUTE_TYPES].map(([k, n]) => [n, k]));
exports.PROTOCOL_NAMES = new Map([...exports.PROTOCOLS].map(([k, n]) => [n, k]));
/** A table by name ('main', 'local', 'default') or id (1..2^32-1). */
function table(field, value) {
    if (typeof value === 'number')
        return v.integer(field, value, 1, 2 ** 32 - 1);
    return v.oneOf(field, value, exports.TABLES);
}
/** A route protocol by name ('static', 'boot', ...) or number (0..255). */
function protocol(field, value) {
    if (typeof value === 'number')
        return v.integer(field, value, 0, 255);
    return v.oneOf(field, value, exports.PROTOCOLS);
}
// ---- requests -----------------------------------------------------------------------------------
const SPEC_KEYS = [
    'dst', 'family', 'gateway', 'link', 'src', 'table', 'metric', 'scope', 'protocol', 'type', 'onlink',
    'mtu', 'advmss', 'mtuLock', 'tos', 'hopLimit', 'realm', 'realmFrom', 'rtoMin', 'congestionControl', 'multipath',
];
// The next hops' links of a route without multipath: none (one array for all such routes, never written).
const NO_HOPS = [];
/**
 * Validates a spec (every check that needs no syscall). `del`: as `ip route del`, only what is given
 * narrows the match, and no defaults but the table.
 */
function checkSpec(spec, del) {
    const s = v.object('spec', spec);
    v.knownKeys('spec', s, SPEC_KEYS);
    const req = {};
    // The family: from spec.family, dst, the gateway or the source (they must agree), else IPv4.
    let family = s.family === undefined ? undefined : (0, inet_js_1.familyOption)('spec.family', s.family);
    let from = 'spec.family';
    const famFrom = (ip, field, value, what = 'address') => {
        if (family !== undefined && ip.family !== family) {
            throw (0, errors_js_1.rangeError)(field, `an IPv${family} ${what}, as ${from} is IPv${family}`, value);
        }
        if (family === undefined) {
            family = ip.family;
            from = field;
        }
    };
    if (s.dst === undefined)
        throw (0, errors_js_1.typeError)('spec.dst', "'default' or a CIDR", s.dst);
    if (s.dst !== 'default') {
        const d = (0, inet_js_1.cidr)('spec.dst', s.dst, { bare: true });
        famFrom(d, 'spec.dst', s.dst, 'CIDR');
        req.dstLength = d.prefixLength;
        if (d.prefixLength > 0)
            req.dst = d.bytes;
    }
    else {
        req.dstLength = 0;
    }
    if (s.gateway !== undefined) {
        const g = (0, inet_js_1.repeatedIpAddress)('spec.gateway', s.gateway);
        // An IPv6 next hop of an IPv4 route (`via inet6 G`, RTA_VIA; kernel 5.2+).
        if (family === 4 && g.family === 6)
            req.via = { family: inet_js_1.AF[6], address: g.bytes };
        else {
            famFrom(g, 'spec.gateway', s.gateway);
            req.gateway = g.bytes;
        }
    }
    if (s.src !== undefined) {
        const p = (0, inet_js_1.ipAddress)('spec.src', s.src);
        famFrom(p, 'spec.src', s.src);
        req.prefsrc = p.bytes;
    }
    let hopLinks = NO_HOPS;
    if (s.multipath !== undefined) {
        hopLinks = [];
        if (!Array.isArray(s.multipath))
            throw (0, errors_js_1.typeError)('spec.multipath', 'an array of next hops', s.multipath);
        if (s.multipath.length === 0)
            throw (0, errors_js_1.rangeError)('spec.multipath', 'at least one next hop', s.multipath);
        if (s.gateway !== undefined || s.link !== undefined) {
            throw (0, errors_js_1.typeError)('spec', 'either gateway/link or multipath, not both', 'gateway/link and multipath');
        }
        // Array.from visits holes (map skips them): a sparse array is refused by index too.
        req.multipath = Array.from(s.multipath, (hop, i) => {
            const field = `spec.multipath[${i}]`;
            const h = v.object(field, hop);
            v.knownKeys(field, h, ['gateway', 'link', 'weight', 'onlink']);
            if (h.gateway === undefined && h.link === undefined)
                throw (0, errors_js_1.typeError)(field, 'a next hop with a gateway or a link', hop);
            const r = {};
            if (h.gateway !== undefined) {
                const g = (0, inet_js_1.ipAddress)(`${field}.gateway`, h.gateway);
                famFrom(g, `${field}.gateway`, h.gateway);
                r.gateway = g.bytes;
            }
            if (h.link !== undefined)
                v.ifnameOrIndex(`${field}.link`, h.link);
            hopLinks.push(h.link);
            r.weight = h.weight === undefined ? 1 : v.integer(`${field}.weight`, h.weight, 1, 256);
            if (h.onlink !== undefined && v.boolean(`${field}.onlink`, h.onlink))
                r.flags = binding_js_1.C.RTNH_F_ONLINK;
            return r;
        });
    }
    family ??= 4;
    req.family = inet_js_1.AF[family];
    if (s.link !== undefined)
        v.ifnameOrIndex('spec.link', s.link);
    if (s.metric !== undefined)
        req.priority = v.integer('spec.metric', s.metric, 0, 2 ** 32 - 1);
    if (s.onlink !== undefined && v.boolean('spec.onlink', s.onlink))
        req.flags = binding_js_1.C.RTNH_F_ONLINK;
    const m = {};
    // Most routes set no metric: the object is then left out unread (no Object.keys per route).
    const metrics = s.mtu !== undefined || s.advmss !== undefined || s.hopLimit !== undefined || s.rtoMin !== undefined ||
        s.congestionControl !== undefined || s.mtuLock !== undefined;
    if (s.mtu !== undefined)
        m.mtu = v.integer('spec.mtu', s.mtu, 1, 2 ** 31 - 1);
    if (s.advmss !== undefined)
        m.advmss = v.integer('spec.advmss', s.advmss, 1, 2 ** 31 - 1);
    if (s.hopLimit !== undefined)
        m.hoplimit = v.integer('spec.hopLimit', s.hopLimit, 1, 255);
    if (s.rtoMin !== undefined)
        m.rtoMin = v.integer('spec.rtoMin', s.rtoMin, 1, 2 ** 31 - 1);
    if (s.congestionControl !== undefined) {
        const cc = v.string('spec.congestionControl', s.congestionControl);
        // TCP_CA_NAME_MAX is 16 bytes with the NUL.
        if (!/^[\w.-]{1,15}$/.test(cc))
            throw (0, errors_js_1.rangeError)('spec.congestionControl', 'an algorithm name such as \'reno\' or \'cubic\'', cc);
        m.congestion = cc;
    }
    if (s.mtuLock !== undefined && v.boolean('spec.mtuLock', s.mtuLock)) {
        if (m.mtu === undefined)
            throw (0, errors_js_1.typeError)('spec.mtu', 'the MTU to lock (mtuLock needs mtu)', s.mtu);
        m.lock = 1 << binding_js_1.C.RTAX_MTU;
    }
    // iproute2 locks rto_min (TCP uses it only when locked).
    if (m.rtoMin !== undefined)
        m.lock = (m.lock ?? 0) | (1 << binding_js_1.C.RTAX_RTO_MIN);
    if (metrics && Object.keys(m).length > 0)
        req.metrics = m;
    if (s.tos !== undefined)
        req.tos = v.integer('spec.tos', s.tos, 0, 255);
    if (s.realmFrom !== undefined && s.realm === undefined)
        throw (0, errors_js_1.typeError)('spec.realm', 'the destination realm (realmFrom needs realm)', s.realm);
    if (s.realm !== undefined) {
        const to = v.integer('spec.realm', s.realm, 0, 0xffff);
        const from = s.realmFrom === undefined ? 0 : v.integer('spec.realmFrom', s.realmFrom, 0, 0xffff);
        req.flow = ((from << 16) | to) >>> 0;
    }
    if (s.type !== undefined)
        req.type = v.oneOf('spec.type', s.type, exports.ROUTE_TYPES);
    if (s.protocol !== undefined)
        req.protocol = protocol('spec.protocol', s.protocol);
    if (s.scope !== undefined)
        req.scope = (0, inet_js_1.scope)('spec.scope', s.scope);
    if (s.table !== undefined)
        req.table = table('spec.table', s.table);
    // iproute2's defaults (ip/iproute.c, iproute_modify).
    const type = req.type ?? binding_js_1.C.RTN_UNICAST;
    const toLocal = type === binding_js_1.C.RTN_LOCAL || type === binding_js_1.C.RTN_BROADCAST || type === binding_js_1.C.RTN_NAT || type === binding_js_1.C.RTN_ANYCAST;
    req.table ??= toLocal ? binding_js_1.C.RT_TABLE_LOCAL : binding_js_1.C.RT_TABLE_MAIN;
    if (!del) {
        req.type = type;
        req.protocol ??= binding_js_1.C.RTPROT_BOOT;
    }
    if (req.scope === undefined) {
        if (type === binding_js_1.C.RTN_LOCAL || type === binding_js_1.C.RTN_NAT)
            req.scope = binding_js_1.C.RT_SCOPE_HOST;
        else if (type === binding_js_1.C.RTN_BROADCAST || type === binding_js_1.C.RTN_MULTICAST || type === binding_js_1.C.RTN_ANYCAST)
            req.scope = binding_js_1.C.RT_SCOPE_LINK;
        else if (type === binding_js_1.C.RTN_UNICAST && del)
            req.scope = binding_js_1.C.RT_SCOPE_NOWHERE;
        else if (type === binding_js_1.C.RTN_UNICAST && req.gateway === undefined && req.multipath === undefined)
            req.scope = binding_js_1.C.RT_SCOPE_LINK;
        else
            req.scope = binding_js_1.C.RT_SCOPE_UNIVERSE;
    }
    return { req, link: s.link, hopLinks };
}
/**
 * Checks a route spec as `routes.add` would, without sending it: throws the same TypeError/RangeError,
 * its field named under `field` instead of `spec`. Resolves the family (4 or 6).
 */
function checkRouteSpec(field, spec) {
    try {
        return checkSpec(spec, false).req.family === inet_js_1.AF[6] ? 6 : 4;
    }
    catch (e) {
        if ((e instanceof TypeError || e instanceof RangeError) && e.message.startsWith('spec'))
            e.message = field + e.message.slice(4);
        throw e;
    }
}
/** The family a filter names, for the kernel's dump header. */
function filterRequest(filter) {
    const f = v.object('filter', filter);
    v.knownKeys('filter', f, ['family', 'table', 'link', 'protocol', 'type', 'dst']);
    let family = f.family === undefined ? undefined : (0, inet_js_1.familyOption)('filter.family', f.family);
    let dst;
    if (f.dst === 'default')
        dst = { length: 0, bytes: new Uint8Array(0) };
    else if (f.dst !== undefined) {
        const d = (0, inet_js_1.cidr)('filter.dst', f.dst, { bare: true, family });
        family ??= d.family;
        // The kernel keeps a prefix with its host bits cleared.
        dst = { length: d.prefixLength, bytes: (0, inet_js_1.hostBits)(d.bytes, d.prefixLength, false) };
    }
    const req = { family: family === undefined ? binding_js_1.C.AF_UNSPEC : inet_js_1.AF[family] };
    const all = f.table === 'all';
    if (!all)
        req.table = f.table === undefined ? binding_js_1.C.RT_TABLE_MAIN : table('filter.table', f.table);
    if (f.protocol !== undefined)
        req.protocol = protocol('filter.protocol', f.protocol);
    if (f.type !== undefined)
        req.type = v.oneOf('filter.type', f.type, exports.ROUTE_TYPES);
    if (f.link !== undefined)
        v.ifnameOrIndex('filter.link', f.link);
    return { req, family, link: f.link, all, dst };
}
/** Whether a route's destination is exactly this prefix. */
function sameDst(r, dst) {
    if (r.dstLength !== dst.length)
        return false;
    if (dst.length === 0)
        return true;
    return r.dst !== undefined && Buffer.from((0, inet_js_1.ipAddress)('dst', r.dst).bytes).equals(dst.bytes);
}
// ---- decoding -----------------------------------------------------------------------------------
/** Maps a native route to the public one; `nameOf` names links. Undefined for other families. */
function toRoute(raw, nameOf) {
    const family = (0, inet_js_1.ipFamily)(raw.family);
    if (family === undefined)
        return undefined;
    const r = {
        family,
        dst: raw.dstLength === 0 ? 'default' : `${raw.dst ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.dstLength}`,
        table: raw.table,
        tos: raw.tos,
        scope: (0, inet_js_1.scopeName)(raw.scope),
        protocol: (0, inet_js_1.nameOr)(exports.PROTOCOL_NAMES, raw.protocol),
        type: (0, inet_js_1.nameOr)(TYPE_NAMES, raw.type),
        onlink: raw.onlink,
    };
    if (raw.gateway !== undefined)
        r.gateway = raw.gateway;
    if (raw.linkIndex !== undefined) {
        r.linkIndex = raw.linkIndex;
        const n = nameOf(raw.linkIndex);
        if (n !== undefined)
            r.link = n;
    }
    if (raw.src !== undefined)
        r.src = raw.src;
    if (raw.metric !== undefined)
        r.metric = raw.metric;
    if (raw.mtu !== undefined) {
        r.mtu = raw.mtu;
        r.mtuLock = ((raw.lock ?? 0) & (1 << binding_js_1.C.RTAX_MTU)) !== 0;
    }
    if (raw.advmss !== undefined)
        r.advmss = raw.advmss;
    if (raw.hoplimit !== undefined)
        r.hopLimit = raw.hoplimit;
    if (raw.rtoMin !== undefined)
        r.rtoMin = raw.rtoMin;
    if (raw.congestion !== undefined)
        r.congestionControl = raw.congestion;
    if (raw.flow !== undefined) {
        if (raw.flow & 0xffff)
            r.realm = raw.flow & 0xffff;
        if (raw.flow >>> 16)
            r.realmFrom = raw.flow >>> 16;
    }
    if (raw.multipath !== undefined) {
        r.multipath = raw.multipath.map((h) => {
            const hop = { linkIndex: h.linkIndex, weight: h.weight, onlink: h.onlink };
            if (h.gateway !== undefined)
                hop.gateway = h.gateway;
            const n = nameOf(h.linkIndex);
            if (n !== undefined)
                hop.link = n;
            return hop;
        });
    }
    return r;
}
/** The indexes of the links a route goes out of (its own and its next hops'). */
function routeLinks(r) {
    const out = r.linkIndex === undefined ? [] : [r.linkIndex];
    for (const h of r.multipath ?? [])
        out.push(h.linkIndex);
    return out;
}
// ---- the family on one handle -------------------------------------------------------------------
/** Routes: `ip route` on one handle. */
class Routes {
    #h;
    /** @internal Use `handle.routes`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists routes of the main table (by default), of another table or of all; the kernel filters by
     * family, table, link, protocol and type, rtnl by destination.
     *
     * Equivalent to: `ip [-4|-6] route show [table main|all|ID] [dev NAME] [proto P] [type T] [PREFIX]`
     */
    async list(filter = {}) {
        const { req, family, link, all, dst } = filterRequest(filter);
        if (link !== undefined)
            req.oif = (await this.#h.links.resolveLink('filter.link', link)).index;
        let raw;
        try {
            raw = (await this.#h.request(binding_js_1.C.RTM_GETROUTE, binding_js_1.C.NLM_F_DUMP, req));
        }
        catch (e) {
            // An IPv4 dump of a table that does not exist (yet) is refused; it holds no routes.
            if (e instanceof errors_js_1.NetlinkError && e.code === 'ENOENT' && req.table !== undefined)
                return [];
            throw e;
        }
        // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
        raw = raw.filter((r) => (family === undefined || r.family === inet_js_1.AF[family]) && (all || r.table === req.table) &&
            (req.oif === undefined || r.linkIndex === req.oif || (r.multipath ?? []).some((h) => h.linkIndex === req.oif)) &&
            (req.protocol === undefined || r.protocol === req.protocol) && (req.type === undefined || r.type === req.type) &&
            (dst === undefined || sameDst(r, dst)) && (r.flags & binding_js_1.C.RTM_F_CLONED) === 0);
        const names = await (0, inet_js_1.linkNames)(this.#h, raw.flatMap(routeLinks));
        return raw.flatMap((r) => toRoute(r, (i) => names.get(i)) ?? []);
    }
    /**
     * The route the kernel would take to `destination`, for a packet from `from`, in on `iif`, out
     * of `oif`, with `mark`, `uid` and `tos`; with `fibmatch`, the route entry that matched.
     *
     * Equivalent to: `ip route get ADDRESS [from A] [iif D] [oif D] [mark N] [uid N] [tos T] [fibmatch]`
     */
    async get(destination, options = {}) {
        const d = (0, inet_js_1.ipAddress)('destination', destination);
        const o = v.object('options', options);
        v.knownKeys('options', o, ['from', 'iif', 'oif', 'mark', 'uid', 'tos', 'fibmatch']);
        const req = { family: inet_js_1.AF[d.family], dstLength: d.family === 4 ? 32 : 128, dst: d.bytes };
        if (o.from !== undefined) {
            const f = (0, inet_js_1.ipAddress)('options.from', o.from, d.family);
            req.src = f.bytes;
            req.srcLength = req.dstLength;
        }
        if (o.iif !== undefined)
            v.ifnameOrIndex('options.iif', o.iif);
        if (o.oif !== undefined)
            v.ifnameOrIndex('options.oif', o.oif);
        if (o.mark !== undefined)
            req.mark = v.integer('options.mark', o.mark, 0, 2 ** 32 - 1);
        if (o.uid !== undefined)
            req.uid = v.integer('options.uid', o.uid, 0, 2 ** 32 - 2);
        if (o.tos !== undefined)
            req.tos = v.integer('options.tos', o.tos, 0, 255);
        if (o.fibmatch !== undefined && v.boolean('options.fibmatch', o.fibmatch))
            req.flags = binding_js_1.C.RTM_F_FIB_MATCH;
        if (o.iif !== undefined)
            req.iif = (await this.#h.links.resolveLink('options.iif', o.iif)).index;
        if (o.oif !== undefined)
            req.oif = (await this.#h.links.resolveLink('options.oif', o.oif)).index;
        const [raw] = (await this.#h.request(binding_js_1.C.RTM_GETROUTE, 0, req));
        const names = await (0, inet_js_1.linkNames)(this.#h, raw ? routeLinks(raw) : []);
        const r = raw && toRoute(raw, (i) => names.get(i));
        if (!r)
            throw new errors_js_1.NetlinkError(node_os_1.constants.errno.EPROTO, binding_js_1.C.RTM_GETROUTE, 'the kernel answered without a route');
        return r;
    }
    /**
     * Adds a route; rejects with EEXIST when the table has it already.
     *
     * Equivalent to: `ip route add default via 172.16.10.1`, `ip route add default dev iv0`,
     * `ip route add 10.10.40.0/24 via 172.16.10.3 [dev D] [src S] [table T] [metric M] [scope S]
     * [proto P] [onlink] [tos T] [mtu [lock] N] [advmss N] [hoplimit N] [realms [FROM/]TO]
     * [rto_min Nms] [congctl NAME]`, `ip route add 10.10.50.0/24 via inet6 fe80::1 dev D`,
     * `ip route add blackhole 10.0.0.0/8`,
     * `ip route add default nexthop via A weight 1 nexthop via B weight 2`
     */
    add(spec) {
        return this.#write(binding_js_1.C.RTM_NEWROUTE, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL, spec, false);
    }
    /**
     * Adds a route, or replaces the one with the same destination, table, metric (and IPv4: tos).
     *
     * Equivalent to: `ip route replace ...`
     */
    replace(spec) {
        return this.#write(binding_js_1.C.RTM_NEWROUTE, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_REPLACE, spec, false);
    }
    /**
     * Changes the route with the same destination, table, metric (and IPv4: tos); rejects with ENOENT
     * when there is none (it creates nothing).
     *
     * Equivalent to: `ip route change ...`
     */
    change(spec) {
        return this.#write(binding_js_1.C.RTM_NEWROUTE, binding_js_1.C.NLM_F_REPLACE, spec, false);
    }
    /**
     * Adds a route after those with the same destination (IPv6: as another next hop of it).
     *
     * Equivalent to: `ip route append ...`
     */
    append(spec) {
        return this.#write(binding_js_1.C.RTM_NEWROUTE, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_APPEND, spec, false);
    }
    /**
     * Deletes a route; what the spec gives narrows which one. Rejects with ESRCH when none matches.
     *
     * Equivalent to: `ip route del 10.10.40.0/24 [via G] [dev D] [table T] [metric M]`
     */
    delete(spec) {
        return this.#write(binding_js_1.C.RTM_DELROUTE, 0, spec, true);
    }
    // Not async: a route without link names to look up (the common case in bulk) goes out in this
    // call, and its promise is the request's own, without the extra turns of an async wrapper.
    #write(type, flags, spec, del) {
        let checked;
        try {
            checked = checkSpec(spec, del);
        }
        catch (e) {
            return Promise.reject(e);
        }
        const { req, link, hopLinks } = checked;
        const tableId = req.table;
        // The refusal told in the user's terms: on the error path only (no extra promise per route). It
        // keeps the table's id, not the request: the request is garbage once packed.
        const explain = (e) => {
            const where = (0, netns_js_1.describeNetns)(this.#h.netns);
            const table = TABLE_NAMES.get(tableId) ?? tableId;
            // `change` (replace without create) finds no route to change.
            if (flags === binding_js_1.C.NLM_F_REPLACE && e instanceof errors_js_1.NetlinkError && e.code === 'ENOENT') {
                return Promise.reject((0, errors_js_1.withDetail)(e, `no route ${spec.dst} to change in table ${table} of ${where}`));
            }
            return Promise.reject((0, errors_js_1.explainRefusal)(e, where, `route ${spec.dst} already exists in table ${table} of ${where}`));
        };
        if (link === undefined && hopLinks.every((l) => l === undefined))
            return this.#h.request(type, flags, req).then(inet_js_1.nothing, explain);
        return this.#resolveAndWrite(type, flags, req, link, hopLinks).catch(explain);
    }
    async #resolveAndWrite(type, flags, req, link, hopLinks) {
        if (link !== undefined)
            req.oif = (await this.#h.links.resolveLink('spec.link', link)).index;
        for (const [i, l] of hopLinks.entries()) {
            if (l !== undefined)
                req.multipath[i].oif = (await this.#h.links.resolveLink(`spec.multipath[${i}].link`, l)).index;
        }
        await this.#h.request(type, flags, req);
    }
}
exports.Routes = Routes;
