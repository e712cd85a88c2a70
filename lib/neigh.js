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
exports.Neighbours = exports.NEIGHBOUR_STATES = void 0;
exports.toNeighbour = toNeighbour;
// Neighbours (ip neigh): the public types, state names, validation of entries into native requests,
// and decoding of what the kernel reports. Listing by link or family is filtered in the kernel.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const inet_js_1 = require("./inet.js");
const v = __importStar(require("./validate.js"));
// ---- vocabulary ---------------------------------------------------------------------------------
exports.NEIGHBOUR_STATES = new Map([
    ['incomplete', binding_js_1.C.NUD_INCOMPLETE], ['reachable', binding_js_1.C.NUD_REACHABLE], ['stale', binding_js_1.C.NUD_STALE],
    ['delay', binding_js_1.C.NUD_DELAY], ['probe', binding_js_1.C.NUD_PROBE], ['failed', binding_js_1.C.NUD_FAILED], ['noarp', binding_js_1.C.NUD_NOARP],
    ['permanent', binding_js_1.C.NUD_PERMANENT], ['none', binding_js_1.C.NUD_NONE],
]);
const STATE_NAMES = new Map([...exports.NEIGHBOUR_STATES].map(([k, n]) => [n, k]));
/** The state's name; for a combination of bits (the kernel reports one), the highest bit's. */
function stateName(state) {
    const exact = STATE_NAMES.get(state);
    if (exact !== undefined)
        return exact;
    for (let bit = 0x80; bit; bit >>= 1)
        if (state & bit && STATE_NAMES.has(bit))
            return STATE_NAMES.get(bit);
    return 'none';
}
function checkSpec(spec, del) {
    const s = v.object('spec', spec);
    v.knownKeys('spec', s, del ? ['link', 'address', 'proxy'] : ['link', 'address', 'lladdr', 'state', 'router', 'proxy']);
    const link = v.ifnameOrIndex('spec.link', s.link);
    const a = (0, inet_js_1.ipAddress)('spec.address', s.address);
    const proxy = s.proxy === undefined ? false : v.boolean('spec.proxy', s.proxy);
    const req = { family: inet_js_1.AF[a.family], dst: a.bytes };
    let flags = proxy ? binding_js_1.C.NTF_PROXY : 0;
    if (!del) {
        if (proxy && s.lladdr !== undefined)
            throw (0, errors_js_1.rangeError)('spec.lladdr', 'unset for a proxy entry', s.lladdr);
        if (proxy && s.state !== undefined)
            throw (0, errors_js_1.rangeError)('spec.state', 'unset for a proxy entry', s.state);
        if (s.lladdr !== undefined)
            req.lladdr = v.mac('spec.lladdr', s.lladdr);
        if (!proxy)
            req.state = s.state === undefined ? binding_js_1.C.NUD_PERMANENT : v.oneOf('spec.state', s.state, exports.NEIGHBOUR_STATES);
        if (s.router !== undefined && v.boolean('spec.router', s.router))
            flags |= binding_js_1.C.NTF_ROUTER;
    }
    if (flags)
        req.flags = flags;
    return { req, link };
}
// ---- decoding -----------------------------------------------------------------------------------
/** Maps a native neighbour to the public one; undefined for other families (bridge FDB entries). */
function toNeighbour(raw, nameOf) {
    const family = (0, inet_js_1.ipFamily)(raw.family);
    if (family === undefined || raw.address === undefined)
        return undefined;
    const n = {
        family, linkIndex: raw.index, address: raw.address, state: stateName(raw.state), router: raw.router, proxy: raw.proxy,
    };
    const link = nameOf(raw.index);
    if (link !== undefined)
        n.link = link;
    if (raw.lladdr !== undefined)
        n.lladdr = raw.lladdr;
    return n;
}
// ---- the family on one handle -------------------------------------------------------------------
/** Neighbours: `ip neigh` on one handle. */
class Neighbours {
    #h;
    /** @internal Use `handle.neighbours`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists neighbour entries in every state, or in the states asked for (or the proxy entries); the
     * kernel filters by link and family.
     *
     * Equivalent to: `ip [-4|-6] neigh show nud all|STATE [dev NAME]`, `ip neigh show proxy`
     */
    async list(filter = {}) {
        const f = v.object('filter', filter);
        v.knownKeys('filter', f, ['link', 'family', 'proxy', 'state']);
        if (f.link !== undefined)
            v.ifnameOrIndex('filter.link', f.link);
        let states;
        if (f.state !== undefined) {
            if (Array.isArray(f.state) && f.state.length === 0)
                throw (0, errors_js_1.rangeError)('filter.state', 'a state or a non-empty array of states', f.state);
            const list = Array.isArray(f.state) ? Array.from(f.state, (x, i) => [x, `filter.state[${i}]`]) : [[f.state, 'filter.state']];
            states = new Set(list.map(([x, field]) => (v.oneOf(field, x, exports.NEIGHBOUR_STATES), x)));
        }
        const family = f.family === undefined ? undefined : (0, inet_js_1.familyOption)('filter.family', f.family);
        const proxy = f.proxy === undefined ? false : v.boolean('filter.proxy', f.proxy);
        const link = await (0, inet_js_1.linkFilter)(this.#h, 'filter.link', f.link);
        const req = { family: family === undefined ? binding_js_1.C.AF_UNSPEC : inet_js_1.AF[family] };
        if (link.index !== undefined)
            req.filterIndex = link.index;
        if (proxy)
            req.flags = binding_js_1.C.NTF_PROXY;
        // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
        const raw = (await this.#h.request(binding_js_1.C.RTM_GETNEIGH, binding_js_1.C.NLM_F_DUMP, req))
            .filter((n) => (link.index === undefined || n.index === link.index) && (family === undefined || n.family === inet_js_1.AF[family]) &&
            n.proxy === proxy);
        const names = await link.names(raw.map((n) => n.index));
        return raw.flatMap((n) => {
            const entry = toNeighbour(n, (i) => names.get(i));
            return entry && (states === undefined || states.has(entry.state)) ? [entry] : [];
        });
    }
    /**
     * Adds an entry; rejects with EEXIST when there is one for the address.
     *
     * Equivalent to: `ip neigh add 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud permanent [router] dev NAME`,
     * `ip neigh add proxy 172.16.10.9 dev NAME`
     */
    async add(spec) {
        await this.#write(binding_js_1.C.RTM_NEWNEIGH, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL, spec, false);
    }
    /**
     * Adds an entry or changes the one for the address.
     *
     * Equivalent to: `ip neigh replace 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud reachable dev NAME`
     */
    async replace(spec) {
        await this.#write(binding_js_1.C.RTM_NEWNEIGH, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_REPLACE, spec, false);
    }
    /**
     * Deletes an entry (lladdr and state are not needed).
     *
     * Equivalent to: `ip neigh del 172.16.10.1 dev NAME`, `ip neigh del proxy 172.16.10.9 dev NAME`
     */
    async delete(spec) {
        await this.#write(binding_js_1.C.RTM_DELNEIGH, 0, spec, true);
    }
    async #write(type, flags, spec, del) {
        const { req, link } = checkSpec(spec, del);
        const l = await this.#h.links.resolveLink('spec.link', link);
        req.index = l.index;
        const where = (0, netns_js_1.describeNetns)(this.#h.netns);
        await this.#h.request(type, flags, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(e, where, `neighbour ${spec.address} already exists on '${l.name}' in ${where}`)));
    }
}
exports.Neighbours = Neighbours;
