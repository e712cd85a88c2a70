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
exports.VLAN_PROTOCOLS = exports.IPVLAN_FLAGS = exports.IPVLAN_MODES = exports.MACVLAN_MODES = void 0;
exports.linkAddRequest = linkAddRequest;
exports.linkSetRequest = linkSetRequest;
exports.macEditRequests = macEditRequests;
exports.linkRefRequest = linkRefRequest;
exports.linkFilterRequest = linkFilterRequest;
exports.toLink = toLink;
exports.noSuchLink = noSuchLink;
// Links (ip link): the public types, the per-kind vocabulary in a table keyed by kind, validation of
// specs and changes into native requests, and decoding enum numbers back into names.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const v = __importStar(require("./validate.js"));
// ---- vocabulary ---------------------------------------------------------------------------------
const table = (entries) => new Map(entries);
const names = (m) => new Map([...m].map(([k, x]) => [x, k]));
exports.MACVLAN_MODES = table([
    ['private', binding_js_1.C.MACVLAN_MODE_PRIVATE], ['vepa', binding_js_1.C.MACVLAN_MODE_VEPA], ['bridge', binding_js_1.C.MACVLAN_MODE_BRIDGE],
    ['passthru', binding_js_1.C.MACVLAN_MODE_PASSTHRU], ['source', binding_js_1.C.MACVLAN_MODE_SOURCE],
]);
exports.IPVLAN_MODES = table([['l2', binding_js_1.C.IPVLAN_MODE_L2], ['l3', binding_js_1.C.IPVLAN_MODE_L3], ['l3s', binding_js_1.C.IPVLAN_MODE_L3S]]);
exports.IPVLAN_FLAGS = table([['bridge', 0], ['private', binding_js_1.C.IPVLAN_F_PRIVATE], ['vepa', binding_js_1.C.IPVLAN_F_VEPA]]);
exports.VLAN_PROTOCOLS = table([['802.1Q', binding_js_1.C.ETH_P_8021Q], ['802.1ad', binding_js_1.C.ETH_P_8021AD]]);
const VLAN_FLAG_BITS = table([
    ['reorderHdr', binding_js_1.C.VLAN_FLAG_REORDER_HDR], ['gvrp', binding_js_1.C.VLAN_FLAG_GVRP], ['mvrp', binding_js_1.C.VLAN_FLAG_MVRP],
    ['looseBinding', binding_js_1.C.VLAN_FLAG_LOOSE_BINDING], ['bridgeBinding', binding_js_1.C.VLAN_FLAG_BRIDGE_BINDING],
]);
const OPER_STATES = new Map([
    [binding_js_1.C.IF_OPER_UNKNOWN, 'unknown'], [binding_js_1.C.IF_OPER_NOTPRESENT, 'notpresent'], [binding_js_1.C.IF_OPER_DOWN, 'down'],
    [binding_js_1.C.IF_OPER_LOWERLAYERDOWN, 'lowerlayerdown'], [binding_js_1.C.IF_OPER_TESTING, 'testing'],
    [binding_js_1.C.IF_OPER_DORMANT, 'dormant'], [binding_js_1.C.IF_OPER_UP, 'up'],
]);
const MACVLAN_MODE_NAMES = names(exports.MACVLAN_MODES);
const IPVLAN_MODE_NAMES = names(exports.IPVLAN_MODES);
const VLAN_PROTOCOL_NAMES = names(exports.VLAN_PROTOCOLS);
const COMMON_KEYS = ['up', 'mtu', 'address', 'promisc', 'allmulti', 'txQueueLen', 'alias', 'master', 'group', 'netns'];
function macvlanData(field, s) {
    const d = {};
    if (s.mode !== undefined)
        d.mode = v.oneOf(`${field}.mode`, s.mode, exports.MACVLAN_MODES);
    if (s.nopromisc !== undefined)
        d.flags = v.boolean(`${field}.nopromisc`, s.nopromisc) ? binding_js_1.C.MACVLAN_FLAG_NOPROMISC : 0;
    if (s.bcQueueLen !== undefined)
        d.bcQueueLen = v.integer(`${field}.bcQueueLen`, s.bcQueueLen, 0, 2 ** 32 - 1);
    return d;
}
function macList(field, list) {
    if (!Array.isArray(list))
        throw (0, errors_js_1.typeError)(field, 'an array of MAC addresses', list);
    // Array.from visits holes (map skips them): a sparse array is refused by index too.
    return Array.from(list, (m, i) => v.mac(`${field}[${i}]`, m));
}
function ipvlanData(field, s) {
    const d = {};
    if (s.mode !== undefined)
        d.mode = v.oneOf(`${field}.mode`, s.mode, exports.IPVLAN_MODES);
    if (s.flags !== undefined)
        d.flags = v.oneOf(`${field}.flags`, s.flags, exports.IPVLAN_FLAGS);
    return d;
}
function qosList(field, list) {
    if (!Array.isArray(list))
        throw (0, errors_js_1.typeError)(field, 'an array of { from, to } mappings', list);
    return Array.from(list, (m, i) => {
        const o = v.object(`${field}[${i}]`, m);
        v.knownKeys(`${field}[${i}]`, o, ['from', 'to']);
        return { from: v.integer(`${field}[${i}].from`, o.from, 0, 2 ** 32 - 1), to: v.integer(`${field}[${i}].to`, o.to, 0, 7) };
    });
}
function vlanChange(field, s, d) {
    if (s.flags !== undefined) {
        const f = v.object(`${field}.flags`, s.flags);
        v.knownKeys(`${field}.flags`, f, [...VLAN_FLAG_BITS.keys()]);
        // Only the flags named are changed: the mask leaves the others as they are.
        d.flags = 0;
        d.mask = 0;
        for (const [name, bit] of VLAN_FLAG_BITS) {
            if (f[name] === undefined)
                continue;
            d.mask |= bit;
            if (v.boolean(`${field}.flags.${name}`, f[name]))
                d.flags |= bit;
        }
    }
    if (s.egressQos !== undefined)
        d.egressQos = qosList(`${field}.egressQos`, s.egressQos);
    if (s.ingressQos !== undefined)
        d.ingressQos = qosList(`${field}.ingressQos`, s.ingressQos);
}
const MACVLAN = {
    keys: ['parent', 'mode', 'nopromisc', 'macs', 'bcQueueLen'],
    parent: true,
    add(s, req) {
        const d = macvlanData('spec', s);
        if (s.macs !== undefined) {
            d.macaddrMode = binding_js_1.C.MACVLAN_MACADDR_SET;
            d.macs = macList('spec.macs', s.macs);
        }
        req[req.kind] = d;
    },
    changeKeys: ['mode', 'nopromisc', 'bcQueueLen', 'macs', 'addMacs', 'delMacs'],
    change(field, c, req) {
        const d = macvlanData(field, c);
        // Sent later (macEditRequests), but checked now, before any syscall.
        for (const key of ['addMacs', 'delMacs'])
            if (c[key] !== undefined)
                macList(`${field}.${key}`, c[key]);
        if (c.macs !== undefined) {
            d.macaddrMode = binding_js_1.C.MACVLAN_MACADDR_SET;
            d.macs = macList(`${field}.macs`, c.macs);
        }
        req[req.kind] = d;
    },
};
const IPVLAN = {
    keys: ['parent', 'mode', 'flags', 'allowModeSwitch'],
    parent: true,
    async add(s, req, { ctx, parent: getParent }) {
        const d = ipvlanData('spec', s);
        const allow = s.allowModeSwitch === undefined ? false : v.boolean('spec.allowModeSwitch', s.allowModeSwitch);
        const parent = await getParent();
        // The kernel keeps one mode and one set of flags per parent, and a new ipvlan sets them for all
        // its siblings (it applies its own, or l3 when none is given). Keep siblings as they are.
        const siblings = (await ctx.linkRequest(binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS }))
            .filter((l) => (l.ipvlan || l.ipvtap) && l.parentIndex === parent.index && l.linkNetnsId === undefined);
        if (siblings.length > 0) {
            const cur = (siblings[0].ipvlan ?? siblings[0].ipvtap);
            const differs = (d.mode !== undefined && d.mode !== cur.mode) || (d.flags !== undefined && d.flags !== cur.flags);
            if (differs && !allow) {
                const want = `${IPVLAN_MODE_NAMES.get(d.mode ?? cur.mode)} ${ipvlanFlagName(d.flags ?? cur.flags)}`;
                const e = new Error(`ipvlan mode conflict on parent '${parent.name}': ${siblings.map((l) => `'${l.name}'`).join(', ')} ` +
                    `${siblings.length > 1 ? 'are' : 'is'} in mode ${ipvlanText(cur)}, and the kernel keeps one mode per parent: ` +
                    `adding '${req.name}' in mode ${want} would switch ${siblings.length > 1 ? 'them all' : 'it'}. ` +
                    'Omit mode/flags to use the siblings\' mode, or set allowModeSwitch: true.');
                e.code = 'ERR_IPVLAN_MODE_CONFLICT';
                e.siblings = siblings.map((l) => l.name);
                throw e;
            }
            d.mode ??= cur.mode;
            d.flags ??= cur.flags;
        }
        req[req.kind] = d;
    },
    changeKeys: ['mode', 'flags'],
    change(field, c, req) {
        req[req.kind] = ipvlanData(field, c);
    },
};
const KINDS = {
    macvlan: MACVLAN,
    macvtap: MACVLAN,
    ipvlan: IPVLAN,
    ipvtap: IPVLAN,
    vlan: {
        keys: ['parent', 'id', 'protocol', 'flags', 'egressQos', 'ingressQos'],
        parent: true,
        add(s, req) {
            const d = { id: v.integer('spec.id', s.id, 0, 4094) };
            if (s.protocol !== undefined)
                d.protocol = v.oneOf('spec.protocol', s.protocol, exports.VLAN_PROTOCOLS);
            vlanChange('spec', s, d);
            req.vlan = d;
        },
        changeKeys: ['flags', 'egressQos', 'ingressQos'],
        change(field, c, req) {
            const d = {};
            vlanChange(field, c, d);
            req.vlan = d;
        },
    },
    veth: {
        keys: ['peer'],
        parent: false,
        add(s, req, { release }) {
            if (s.peer === undefined)
                return;
            const p = v.object('spec.peer', s.peer);
            v.knownKeys('spec.peer', p, ['name', 'mtu', 'address', 'promisc', 'allmulti', 'txQueueLen', 'alias', 'group', 'netns']);
            const peer = {};
            if (p.name !== undefined)
                peer.name = v.ifname('spec.peer.name', p.name);
            common('spec.peer', p, peer, release);
            req.peer = peer;
        },
    },
    bridge: { keys: [], parent: false },
    dummy: { keys: [], parent: false },
};
function ipvlanFlagName(flags) {
    return flags & binding_js_1.C.IPVLAN_F_PRIVATE ? 'private' : flags & binding_js_1.C.IPVLAN_F_VEPA ? 'vepa' : 'bridge';
}
function ipvlanText(d) {
    return `${IPVLAN_MODE_NAMES.get(d.mode) ?? d.mode} ${ipvlanFlagName(d.flags)}`;
}
// Namespaces named by a request, opened only once every check that needs no syscall has passed
// (a bad field next to a good `netns` must not open the namespace file first).
const deferredNetns = new WeakMap();
/** Opens the namespaces `common` deferred, for req and its veth peer; `release` closes them. */
function openDeferredNetns(req, release) {
    for (const r of [req, req.peer]) {
        const ref = r && deferredNetns.get(r);
        if (!r || ref === undefined)
            continue;
        const ns = (0, netns_js_1.openNetnsFd)(ref);
        release.push(ns.release);
        r.netnsFd = ns.fd;
        deferredNetns.delete(r);
    }
}
/** The options every link takes, into req; a namespace is opened later by `openDeferredNetns`. */
function common(field, o, req, release) {
    if (o.mtu !== undefined)
        req.mtu = v.integer(`${field}.mtu`, o.mtu, 0, 2 ** 31 - 1);
    if (o.address !== undefined)
        req.address = v.mac(`${field}.address`, o.address);
    if (o.txQueueLen !== undefined)
        req.txQueueLen = v.integer(`${field}.txQueueLen`, o.txQueueLen, 0, 2 ** 32 - 1);
    if (o.alias !== undefined)
        req.alias = v.alias(`${field}.alias`, o.alias);
    if (o.group !== undefined)
        req.group = v.integer(`${field}.group`, o.group, 0, 2 ** 32 - 1);
    const bits = [['up', binding_js_1.C.IFF_UP], ['promisc', binding_js_1.C.IFF_PROMISC], ['allmulti', binding_js_1.C.IFF_ALLMULTI]];
    for (const [key, bit] of bits) {
        if (o[key] === undefined)
            continue;
        req.change = (req.change ?? 0) | bit;
        if (v.boolean(`${field}.${key}`, o[key]))
            req.flags = (req.flags ?? 0) | bit;
    }
    if (o.netns !== undefined) {
        const ref = (0, netns_js_1.validateNetnsRef)(`${field}.netns`, o.netns);
        if (typeof ref === 'object' && 'pid' in ref) {
            req.netnsPid = ref.pid;
        }
        else {
            deferredNetns.set(req, ref);
        }
    }
}
// ---- requests -----------------------------------------------------------------------------------
const SPEC_KEYS = ['kind', 'name', ...COMMON_KEYS];
const CHANGE_KEYS = ['name', ...COMMON_KEYS, 'macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan'];
/** Validates a spec into an RTM_NEWLINK request; `release` closes namespace fds it opened. */
async function linkAddRequest(ctx, spec, release) {
    const s = v.object('spec', spec);
    const kindName = v.string('spec.kind', s.kind);
    const kind = Object.hasOwn(KINDS, kindName) ? KINDS[kindName] : undefined;
    if (!kind)
        throw (0, errors_js_1.rangeError)('spec.kind', `one of ${Object.keys(KINDS).map((k) => `'${k}'`).join(', ')}`, s.kind);
    v.knownKeys('spec', s, [...SPEC_KEYS, ...kind.keys]);
    const req = { name: v.ifname('spec.name', s.name), kind: kindName };
    if (s.master != null)
        v.ifnameOrIndex('spec.master', s.master);
    if (kind.parent) {
        if (s.parent === undefined)
            throw (0, errors_js_1.typeError)('spec.parent', 'a link name or index', undefined);
        v.ifnameOrIndex('spec.parent', s.parent);
    }
    // Every check that needs no syscall is made before the first one: the kind's own checks too, which
    // its add() makes before it asks for the parent.
    common('spec', s, req, release);
    let parent;
    const getParent = () => (parent ??= ctx.resolveLink('spec.parent', s.parent));
    await kind.add?.(s, req, { ctx, release, parent: getParent });
    if (kind.parent) {
        const p = await getParent();
        req.parent = p.index;
        if (req.mtu !== undefined && req.mtu > p.mtu) {
            throw (0, errors_js_1.rangeError)('spec.mtu', `at most the parent '${p.name}''s MTU ${p.mtu}`, req.mtu);
        }
    }
    if (s.master != null)
        req.master = (await ctx.resolveLink('spec.master', s.master)).index;
    openDeferredNetns(req, release);
    return req;
}
/** Validates changes into an RTM_NEWLINK request for an existing link. */
async function linkSetRequest(ctx, ref, changes, release) {
    v.ifnameOrIndex('link', ref);
    const c = v.object('changes', changes);
    v.knownKeys('changes', c, CHANGE_KEYS);
    const req = {};
    const kindKeys = ['macvlan', 'macvtap', 'ipvlan', 'ipvtap', 'vlan'].filter((k) => c[k] !== undefined);
    if (kindKeys.length > 1)
        throw (0, errors_js_1.typeError)('changes', 'at most one of macvlan, macvtap, ipvlan, ipvtap, vlan', kindKeys.join(', '));
    for (const k of kindKeys) {
        const kc = v.object(`changes.${k}`, c[k]);
        const util = KINDS[k];
        v.knownKeys(`changes.${k}`, kc, util.changeKeys);
        req.kind = k;
        util.change(`changes.${k}`, kc, req);
    }
    if (c.name !== undefined)
        req.name = v.ifname('changes.name', c.name);
    if (c.master !== undefined && c.master !== null)
        v.ifnameOrIndex('changes.master', c.master);
    common('changes', c, req, release);
    // A name in the request is the new name, so the link is named by index when renamed.
    if (typeof ref === 'number')
        req.index = ref;
    else if (req.name !== undefined)
        req.index = (await ctx.resolveLink('link', ref)).index;
    else
        req.name = ref;
    if (c.master === null)
        req.master = 0;
    else if (c.master !== undefined)
        req.master = (await ctx.resolveLink('changes.master', c.master)).index;
    openDeferredNetns(req, release);
    return req;
}
/** The source-mode MAC additions and removals: one request per address, as the kernel takes them. */
function macEditRequests(ref, changes) {
    const out = [];
    for (const k of ['macvlan', 'macvtap']) {
        const c = changes[k];
        if (!c)
            continue;
        for (const [key, mode] of [['addMacs', binding_js_1.C.MACVLAN_MACADDR_ADD], ['delMacs', binding_js_1.C.MACVLAN_MACADDR_DEL]]) {
            if (c[key] === undefined)
                continue;
            for (const mac of macList(`changes.${k}.${key}`, c[key])) {
                const req = { kind: k, [k]: { macaddrMode: mode, macs: [mac] } };
                if (typeof ref === 'number')
                    req.index = ref;
                else
                    req.name = ref;
                out.push(req);
            }
        }
    }
    return out;
}
/** The ref of a link as a request names it: `{ index }` or `{ name }`. */
function linkRefRequest(field, ref) {
    v.ifnameOrIndex(field, ref);
    return typeof ref === 'number' ? { index: ref } : { name: ref };
}
function linkFilterRequest(f) {
    const req = { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS };
    if (f === undefined)
        return { req };
    const o = v.object('filter', f);
    v.knownKeys('filter', o, ['kind', 'master']);
    if (o.kind !== undefined)
        req.kind = v.string('filter.kind', o.kind);
    if (o.master !== undefined)
        v.ifnameOrIndex('filter.master', o.master);
    return { req, master: o.master };
}
// ---- decoding -----------------------------------------------------------------------------------
function macvlanInfo(d) {
    const r = {
        mode: MACVLAN_MODE_NAMES.get(d.mode ?? binding_js_1.C.MACVLAN_MODE_VEPA) ?? String(d.mode),
        nopromisc: (d.flags & binding_js_1.C.MACVLAN_FLAG_NOPROMISC) !== 0,
        macs: d.macs,
    };
    if (d.bcQueueLen !== undefined)
        r.bcQueueLen = d.bcQueueLen;
    return r;
}
function ipvlanInfo(d) {
    return { mode: IPVLAN_MODE_NAMES.get(d.mode) ?? String(d.mode), flags: ipvlanFlagName(d.flags) };
}
const IFF = {
    up: binding_js_1.C.IFF_UP, running: binding_js_1.C.IFF_RUNNING, lowerUp: binding_js_1.C.IFF_LOWER_UP, promisc: binding_js_1.C.IFF_PROMISC, allmulti: binding_js_1.C.IFF_ALLMULTI,
    broadcast: binding_js_1.C.IFF_BROADCAST, multicast: binding_js_1.C.IFF_MULTICAST, loopback: binding_js_1.C.IFF_LOOPBACK, noarp: binding_js_1.C.IFF_NOARP,
    pointToPoint: binding_js_1.C.IFF_POINTOPOINT, dormant: binding_js_1.C.IFF_DORMANT,
};
function linkFlags(f) {
    return {
        up: (f & IFF.up) !== 0, running: (f & IFF.running) !== 0, lowerUp: (f & IFF.lowerUp) !== 0,
        promisc: (f & IFF.promisc) !== 0, allmulti: (f & IFF.allmulti) !== 0, broadcast: (f & IFF.broadcast) !== 0,
        multicast: (f & IFF.multicast) !== 0, loopback: (f & IFF.loopback) !== 0, noarp: (f & IFF.noarp) !== 0,
        pointToPoint: (f & IFF.pointToPoint) !== 0, dormant: (f & IFF.dormant) !== 0,
    };
}
/** Maps a native link's enums to names; `nameOf` gives names of links in the same namespace. */
function toLink(raw, nameOf) {
    const l = raw;
    const link = l;
    link.flags = linkFlags(raw.flags);
    link.operState = OPER_STATES.get(raw.operState) ?? 'unknown';
    if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined) {
        const n = nameOf(raw.parentIndex);
        if (n !== undefined)
            link.parent = n;
    }
    if (raw.masterIndex !== undefined) {
        const n = nameOf(raw.masterIndex);
        if (n !== undefined)
            link.master = n;
    }
    if (raw.macvlan)
        link.macvlan = macvlanInfo(raw.macvlan);
    if (raw.macvtap)
        link.macvtap = macvlanInfo(raw.macvtap);
    if (raw.ipvlan)
        link.ipvlan = ipvlanInfo(raw.ipvlan);
    if (raw.ipvtap)
        link.ipvtap = ipvlanInfo(raw.ipvtap);
    if (raw.vlan) {
        const d = raw.vlan;
        const flags = {};
        for (const [name, bit] of VLAN_FLAG_BITS)
            flags[name] = (d.flags & bit) !== 0;
        link.vlan = {
            id: d.id,
            protocol: VLAN_PROTOCOL_NAMES.get(d.protocol) ?? String(d.protocol),
            flags,
            egressQos: d.egressQos,
            ingressQos: d.ingressQos,
        };
    }
    if (raw.kind === 'veth')
        link.veth = raw.parentIndex !== undefined ? { peerIndex: raw.parentIndex } : {};
    return link;
}
/** A NetlinkError for a link that was named but does not exist (the kernel's ENODEV). */
function noSuchLink(field, ref, cause) {
    if (cause instanceof errors_js_1.NetlinkError && cause.code === 'ENODEV') {
        return new errors_js_1.NetlinkError(cause.errno, cause.request, `${field}: no link ${typeof ref === 'number' ? `with index ${ref}` : `named '${ref}'`} in this namespace`);
    }
    return cause;
}
