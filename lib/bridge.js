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
exports.Fdb = exports.BridgeVlans = void 0;
exports.toFdbEntry = toFdbEntry;
// The bridge tables (bridge vlan, bridge fdb): the public types, validation of entries into native
// requests, and decoding of what the kernel reports. VLAN entries travel as AF_BRIDGE link messages
// (IFLA_AF_SPEC / IFLA_BRIDGE_VLAN_INFO).
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const inet_js_1 = require("./inet.js");
const v = __importStar(require("./validate.js"));
const watch_js_1 = require("./watch.js");
// ---- vocabulary ---------------------------------------------------------------------------------
const FDB_STATES = new Map([
    ['permanent', binding_js_1.C.NUD_PERMANENT], ['static', binding_js_1.C.NUD_NOARP], ['dynamic', binding_js_1.C.NUD_REACHABLE], ['stale', binding_js_1.C.NUD_STALE],
]);
const FDB_STATE_NAMES = new Map([...FDB_STATES].map(([k, n]) => [n, k]));
// ---- requests -----------------------------------------------------------------------------------
function fdbRequest(spec, del) {
    const s = v.object('spec', spec);
    v.knownKeys('spec', s, del ? ['link', 'mac', 'vlan', 'self', 'master', 'dst', 'port', 'vni']
        : ['link', 'mac', 'vlan', 'state', 'self', 'master', 'sticky', 'dst', 'port', 'vni']);
    const link = v.ifnameOrIndex('spec.link', s.link);
    const req = { family: binding_js_1.C.AF_BRIDGE, lladdr: v.mac('spec.mac', s.mac) };
    if (s.vlan !== undefined)
        req.vlan = v.integer('spec.vlan', s.vlan, 1, 4094);
    if (s.dst !== undefined)
        req.dst = (0, inet_js_1.ipAddress)('spec.dst', s.dst).bytes;
    if (s.port !== undefined)
        req.port = v.integer('spec.port', s.port, 1, 65535);
    if (s.vni !== undefined)
        req.vni = v.integer('spec.vni', s.vni, 0, 2 ** 24 - 1);
    let flags = 0;
    if (s.self !== undefined && v.boolean('spec.self', s.self))
        flags |= binding_js_1.C.NTF_SELF;
    if (s.master !== undefined && v.boolean('spec.master', s.master))
        flags |= binding_js_1.C.NTF_MASTER;
    // The kernel takes "neither" as master only when no other flag is set (sticky is one): say it.
    if (!(flags & binding_js_1.C.NTF_SELF))
        flags |= binding_js_1.C.NTF_MASTER;
    // On delete, NUD_PERMANENT: a device's default FDB (ndo_dflt_fdb_del) refuses a delete without it;
    // the bridge and vxlan ignore the state of a delete.
    if (del)
        req.state = binding_js_1.C.NUD_PERMANENT;
    if (!del) {
        if (s.sticky !== undefined && v.boolean('spec.sticky', s.sticky))
            flags |= binding_js_1.C.NTF_STICKY;
        const states = new Map([...FDB_STATES].filter(([k]) => k !== 'stale'));
        req.state = s.state === undefined ? binding_js_1.C.NUD_NOARP : v.oneOf('spec.state', s.state, states);
    }
    if (flags)
        req.flags = flags;
    return { link, req };
}
function vlanRequest(spec, del) {
    const s = v.object('spec', spec);
    v.knownKeys('spec', s, del ? ['link', 'vid', 'vidEnd', 'self', 'master'] : ['link', 'vid', 'vidEnd', 'pvid', 'untagged', 'self', 'master']);
    const link = v.ifnameOrIndex('spec.link', s.link);
    const vid = v.integer('spec.vid', s.vid, 1, 4094);
    const entry = { vid, flags: 0 };
    if (s.vidEnd !== undefined) {
        entry.vidEnd = v.integer('spec.vidEnd', s.vidEnd, 1, 4094);
        if (entry.vidEnd < vid)
            throw (0, errors_js_1.rangeError)('spec.vidEnd', `at least spec.vid (${vid})`, s.vidEnd);
    }
    const pvid = s.pvid !== undefined && v.boolean('spec.pvid', s.pvid);
    // A PVID is one VLAN: the kernel refuses it on a range with "PVID cannot be a range" only later.
    if (pvid && entry.vidEnd !== undefined && entry.vidEnd !== vid)
        throw (0, errors_js_1.rangeError)('spec.pvid', 'unset for a range of VLANs (one VLAN is the PVID)', s.pvid);
    if (pvid)
        entry.flags |= binding_js_1.C.BRIDGE_VLAN_INFO_PVID;
    if (s.untagged !== undefined && v.boolean('spec.untagged', s.untagged))
        entry.flags |= binding_js_1.C.BRIDGE_VLAN_INFO_UNTAGGED;
    const self = s.self !== undefined && v.boolean('spec.self', s.self);
    const master = s.master !== undefined && v.boolean('spec.master', s.master);
    const afSpec = { vlans: [entry] };
    if (self || master)
        afSpec.flags = (self ? binding_js_1.C.BRIDGE_FLAGS_SELF : 0) | (master ? binding_js_1.C.BRIDGE_FLAGS_MASTER : 0);
    return { link, req: { family: binding_js_1.C.AF_BRIDGE, bridgeAfSpec: afSpec } };
}
// ---- the family on one handle -------------------------------------------------------------------
/** Bridge VLAN tables: `bridge vlan` on one handle. */
class BridgeVlans {
    #h;
    /** @internal Use `handle.bridgeVlans`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists the VLAN entries of every bridge port and bridge (or one link's), ranges of entries with
     * the same flags compressed into one (`vid`..`vidEnd`), as `bridge -compressvlans vlan show` prints them.
     * Links without entries (no VLAN filtering) are left out.
     *
     * Equivalent to: `bridge -compressvlans vlan show [dev NAME]`
     */
    async list(filter = {}) {
        const f = v.object('filter', filter);
        v.knownKeys('filter', f, ['link']);
        if (f.link !== undefined)
            v.ifnameOrIndex('filter.link', f.link);
        const link = await (0, inet_js_1.linkFilter)(this.#h, 'filter.link', f.link);
        const raw = (await this.#h.links.linkRequest(binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, {
            family: binding_js_1.C.AF_BRIDGE, extMask: binding_js_1.C.RTEXT_FILTER_BRVLAN_COMPRESSED,
        })).filter((l) => l.vlans && (link.index === undefined || l.index === link.index));
        return raw.flatMap((l) => l.vlans.map((e) => toBridgeVlan(l, e)));
    }
    /**
     * Adds a VLAN (or a range) to a port's table, or the bridge's own with `self`; adding one that is
     * there changes its flags.
     *
     * Equivalent to: `bridge vlan add dev NAME vid VID[-VIDEND] [pvid] [untagged] [self] [master]`
     */
    async add(spec) {
        await this.#write(binding_js_1.C.RTM_SETLINK, spec, false);
    }
    /**
     * Removes a VLAN (or a range) from a port's table, or the bridge's own with `self`.
     *
     * Equivalent to: `bridge vlan del dev NAME vid VID[-VIDEND] [self] [master]`
     */
    async delete(spec) {
        await this.#write(binding_js_1.C.RTM_DELLINK, spec, true);
    }
    async #write(type, spec, del) {
        const { link, req } = vlanRequest(spec, del);
        const l = await this.#h.links.resolveLink('spec.link', link);
        req.index = l.index;
        await this.#h.links.linkRequest(type, 0, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(e, (0, netns_js_1.describeNetns)(this.#h.netns))));
    }
}
exports.BridgeVlans = BridgeVlans;
/** Bridge forwarding databases: `bridge fdb` on one handle. */
class Fdb {
    #h;
    /** @internal Use `handle.fdb`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists FDB entries: the bridges' and every device's own (`self`); the kernel filters by port and
     * by bridge.
     *
     * Equivalent to: `bridge fdb show [brport NAME] [br BRIDGE]`
     */
    async list(filter = {}) {
        const f = v.object('filter', filter);
        v.knownKeys('filter', f, ['link', 'master']);
        if (f.link !== undefined)
            v.ifnameOrIndex('filter.link', f.link);
        if (f.master !== undefined)
            v.ifnameOrIndex('filter.master', f.master);
        const link = await (0, inet_js_1.linkFilter)(this.#h, 'filter.link', f.link);
        const master = f.master === undefined ? undefined : await this.#h.links.resolveLink('filter.master', f.master);
        const req = { family: binding_js_1.C.AF_BRIDGE };
        if (link.index !== undefined)
            req.filterIndex = link.index;
        if (master !== undefined)
            req.filterMaster = master.index;
        // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
        const raw = (await this.#h.request(binding_js_1.C.RTM_GETNEIGH, binding_js_1.C.NLM_F_DUMP, req))
            .filter((n) => n.family === binding_js_1.C.AF_BRIDGE && (link.index === undefined || n.index === link.index) &&
            (master === undefined || n.master === master.index));
        const names = await (0, inet_js_1.linkNames)(this.#h, raw.flatMap((n) => (n.master === undefined ? [n.index] : [n.index, n.master])));
        return raw.flatMap((n) => toFdbEntry(n, (i) => names.get(i)) ?? []);
    }
    /**
     * Adds an entry; rejects with EEXIST when there is one for the MAC and VLAN.
     *
     * Equivalent to: `bridge fdb add MAC dev NAME master static [vlan V] [sticky]`,
     * `bridge fdb add MAC dev VXLAN self dst IP [port P] [vni N]` (a VXLAN remote)
     */
    async add(spec) {
        await this.#write(binding_js_1.C.RTM_NEWNEIGH, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL, spec, false);
    }
    /**
     * Adds another remote to a VXLAN device's entry for the MAC (usually 00:00:00:00:00:00, the
     * default destinations: broadcast, unknown unicast and multicast go to each of them), where `add`
     * would refuse with EEXIST.
     *
     * Equivalent to: `bridge fdb append 00:00:00:00:00:00 dev VXLAN dst IP [port P] [vni N]`
     */
    async append(spec) {
        await this.#write(binding_js_1.C.RTM_NEWNEIGH, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_APPEND, spec, false);
    }
    /**
     * Adds an entry or changes the one for the MAC and VLAN.
     *
     * Equivalent to: `bridge fdb replace MAC dev NAME master static [vlan V]`
     */
    async replace(spec) {
        await this.#write(binding_js_1.C.RTM_NEWNEIGH, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_REPLACE, spec, false);
    }
    /**
     * Deletes an entry.
     *
     * Equivalent to: `bridge fdb del MAC dev NAME [master|self] [vlan V] [dst IP]`
     */
    async delete(spec) {
        await this.#write(binding_js_1.C.RTM_DELNEIGH, 0, spec, true);
    }
    async #write(type, flags, spec, del) {
        const { link, req } = fdbRequest(spec, del);
        const l = await this.#h.links.resolveLink('spec.link', link);
        req.index = l.index;
        const where = (0, netns_js_1.describeNetns)(this.#h.netns);
        await this.#h.request(type, flags, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(e, where, `FDB entry ${spec.mac} already exists on '${l.name}' in ${where}`)));
    }
}
exports.Fdb = Fdb;
/** Maps a native neighbour of family AF_BRIDGE to an FDB entry; undefined for other families. */
function toFdbEntry(raw, nameOf) {
    if (raw.family !== binding_js_1.C.AF_BRIDGE || raw.lladdr === undefined)
        return undefined;
    const e = {
        linkIndex: raw.index, mac: raw.lladdr, state: fdbState(raw.state), self: (raw.flags & binding_js_1.C.NTF_SELF) !== 0,
        extLearned: (raw.flags & binding_js_1.C.NTF_EXT_LEARNED) !== 0, offloaded: (raw.flags & binding_js_1.C.NTF_OFFLOADED) !== 0,
        sticky: (raw.flags & binding_js_1.C.NTF_STICKY) !== 0,
    };
    const link = nameOf(raw.index);
    if (link !== undefined)
        e.link = link;
    if (raw.vlan !== undefined)
        e.vlan = raw.vlan;
    if (raw.master !== undefined) {
        e.masterIndex = raw.master;
        const m = nameOf(raw.master);
        if (m !== undefined)
            e.master = m;
    }
    if (raw.dst !== undefined)
        e.dst = raw.dst;
    if (raw.port !== undefined)
        e.port = raw.port;
    if (raw.vni !== undefined)
        e.vni = raw.vni;
    if (raw.via !== undefined)
        e.viaIndex = raw.via;
    return e;
}
/** The state's name: the kernel reports one of the four; anything else reads as its nearest, 'dynamic'. */
function fdbState(state) {
    return FDB_STATE_NAMES.get(state) ?? (state & binding_js_1.C.NUD_PERMANENT ? 'permanent' : state & binding_js_1.C.NUD_NOARP ? 'static' : 'dynamic');
}
function toBridgeVlan(l, e) {
    const out = {
        linkIndex: l.index, link: l.name, vid: e.vid,
        pvid: (e.flags & binding_js_1.C.BRIDGE_VLAN_INFO_PVID) !== 0, untagged: (e.flags & binding_js_1.C.BRIDGE_VLAN_INFO_UNTAGGED) !== 0,
    };
    if (e.vidEnd !== undefined)
        out.vidEnd = e.vidEnd;
    return out;
}
(0, watch_js_1.registerWatchFamily)({
    type: 'fdb',
    groups: { fdb: [binding_js_1.C.RTNLGRP_NEIGH] },
    newType: binding_js_1.C.RTM_NEWNEIGH,
    delType: binding_js_1.C.RTM_DELNEIGH,
    dumps: () => [{ type: binding_js_1.C.RTM_GETNEIGH, req: { family: binding_js_1.C.AF_BRIDGE } }],
    decode: (raw, names) => toFdbEntry(raw, (i) => names.get(i)),
});
