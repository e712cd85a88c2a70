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
exports.Links = exports.VLAN_PROTOCOLS = exports.IPVLAN_FLAGS = exports.IPVLAN_MODES = exports.MACVLAN_MODES = void 0;
exports.linkAddRequest = linkAddRequest;
exports.linkSetRequest = linkSetRequest;
exports.macEditRequests = macEditRequests;
exports.linkRefRequest = linkRefRequest;
exports.linkFilterRequest = linkFilterRequest;
exports.toLink = toLink;
exports.noSuchLink = noSuchLink;
// Links (ip link): the public types, the per-kind vocabulary in a table keyed by kind, validation of
// specs and changes into native requests, decoding enum numbers back into names, and the `Links`
// family on one handle.
const node_crypto_1 = require("node:crypto");
const node_os_1 = require("node:os");
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const v = __importStar(require("./validate.js"));
const bridgeopts_js_1 = require("./bridgeopts.js");
const inetconf_js_1 = require("./inetconf.js");
const kinds_js_1 = require("./kinds.js");
const osErrno = node_os_1.constants.errno;
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
const COMMON_KEYS = [
    'up', 'mtu', 'address', 'promisc', 'allmulti', 'noarp', 'multicast', 'txQueueLen', 'alias', 'master', 'group', 'netns',
    'gsoMaxSize', 'gsoMaxSegs', 'groMaxSize',
];
/** A kind of src/kinds.ts (declared by field tables) as the link code uses kinds. */
function attrKind(name) {
    const k = kinds_js_1.ATTR_KINDS[name];
    const resolver = (ctx) => ({ resolve: async (field, ref) => (await ctx.resolveLink(field, ref)).index });
    return {
        keys: k.keys,
        parent: false,
        async add(s, req, { ctx }) {
            k.check?.(s);
            req[name] = await k.encode('spec', s, k.keys, resolver(ctx));
        },
        changeKeys: k.changeKeys,
        async change(field, c, req, ctx, ref) {
            // Checked in full before the current state is asked for.
            await k.encode(field, c, k.changeKeys, { resolve: async () => 0 });
            const current = 'merge' in k && k.merge ? (await ctx.resolveLink('link', ref))[name] : undefined;
            req[name] = await k.encode(field, c, k.changeKeys, resolver(ctx), current);
        },
        create: 'create' in k ? k.create : undefined,
    };
}
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
/**
 * A QoS map. Egress maps an skb priority (`from`, 32 bits) to a VLAN priority (`to`, 0..7); ingress
 * is the reverse: a VLAN priority (`from`, 0..7) to an skb priority (`to`, 32 bits), as
 * `ip link ... egress-qos-map FROM:TO` / `ingress-qos-map FROM:TO` read them.
 */
function qosList(field, list, direction) {
    if (!Array.isArray(list))
        throw (0, errors_js_1.typeError)(field, 'an array of { from, to } mappings', list);
    const [fromMax, toMax] = direction === 'egress' ? [2 ** 32 - 1, 7] : [7, 2 ** 32 - 1];
    return Array.from(list, (m, i) => {
        const o = v.object(`${field}[${i}]`, m);
        v.knownKeys(`${field}[${i}]`, o, ['from', 'to']);
        return { from: v.integer(`${field}[${i}].from`, o.from, 0, fromMax), to: v.integer(`${field}[${i}].to`, o.to, 0, toMax) };
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
        d.egressQos = qosList(`${field}.egressQos`, s.egressQos, 'egress');
    if (s.ingressQos !== undefined)
        d.ingressQos = qosList(`${field}.ingressQos`, s.ingressQos, 'ingress');
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
            v.knownKeys('spec.peer', p, [
                'name', 'mtu', 'address', 'promisc', 'allmulti', 'noarp', 'multicast', 'txQueueLen', 'alias', 'group', 'netns',
                'gsoMaxSize', 'gsoMaxSegs', 'groMaxSize', 'index', 'numTxQueues', 'numRxQueues',
            ]);
            const peer = {};
            if (p.name !== undefined)
                peer.name = v.ifname('spec.peer.name', p.name);
            common('spec.peer', p, peer, release);
            creation('spec.peer', p, peer);
            req.peer = peer;
        },
    },
    bridge: {
        keys: bridgeopts_js_1.BRIDGE_KEYS,
        parent: false,
        add(s, req) {
            const o = Object.fromEntries(bridgeopts_js_1.BRIDGE_KEYS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
            req.bridge = (0, bridgeopts_js_1.bridgeRequest)('spec', o);
        },
        changeKeys: bridgeopts_js_1.BRIDGE_KEYS,
        change(field, c, req) {
            req.bridge = (0, bridgeopts_js_1.bridgeRequest)(field, c);
        },
    },
    dummy: { keys: [], parent: false },
    ...Object.fromEntries(Object.keys(kinds_js_1.ATTR_KINDS).map((k) => [k, attrKind(k)])),
};
/** The keys of `changes` that carry a kind's own settings. */
const KIND_CHANGE_KEYS = Object.keys(KINDS).filter((k) => KINDS[k].change && KINDS[k].changeKeys.length > 0);
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
    // The kernel checks these against its own limits (GSO_MAX_SIZE, GSO_MAX_SEGS, GRO_MAX_SIZE).
    for (const key of ['gsoMaxSize', 'gsoMaxSegs', 'groMaxSize']) {
        if (o[key] !== undefined)
            req[key] = v.integer(`${field}.${key}`, o[key], 0, 2 ** 32 - 1);
    }
    const bits = [
        ['up', binding_js_1.C.IFF_UP], ['promisc', binding_js_1.C.IFF_PROMISC], ['allmulti', binding_js_1.C.IFF_ALLMULTI], ['noarp', binding_js_1.C.IFF_NOARP], ['multicast', binding_js_1.C.IFF_MULTICAST],
    ];
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
const SPEC_KEYS = ['kind', 'name', 'index', 'numTxQueues', 'numRxQueues', ...COMMON_KEYS];
const CHANGE_KEYS = ['name', ...COMMON_KEYS, ...KIND_CHANGE_KEYS, ...Object.keys(kinds_js_1.PORT_KINDS), 'bridgePort', 'inet', 'inet6'];
/** What only a new link takes: its index and its queue counts. */
function creation(field, o, req) {
    if (o.index !== undefined)
        req.index = v.integer(`${field}.index`, o.index, 1, 2 ** 31 - 1);
    for (const key of ['numTxQueues', 'numRxQueues']) {
        if (o[key] !== undefined)
            req[key] = v.integer(`${field}.${key}`, o[key], 1, 4096);
    }
}
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
    // A kind whose own options have a `group` (vxlan's multicast group, tun's owner group) takes it for itself.
    common('spec', kind.keys.includes('group') ? { ...s, group: undefined } : s, req, release);
    creation('spec', s, req);
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
    const kindKeys = KIND_CHANGE_KEYS.filter((k) => c[k] !== undefined);
    if (kindKeys.length > 1)
        throw (0, errors_js_1.typeError)('changes', `at most one of ${KIND_CHANGE_KEYS.join(', ')}`, kindKeys.join(', '));
    const kindChanges = kindKeys.map((k) => {
        const kc = v.object(`changes.${k}`, c[k]);
        v.knownKeys(`changes.${k}`, kc, KINDS[k].changeKeys);
        return [k, kc];
    });
    const portChanges = Object.keys(kinds_js_1.PORT_KINDS).filter((k) => c[k] !== undefined).map((k) => {
        const pc = v.object(`changes.${k}`, c[k]);
        v.knownKeys(`changes.${k}`, pc, kinds_js_1.PORT_KINDS[k].kind.changeKeys);
        return [k, pc];
    });
    if (c.bridgePort !== undefined)
        req.bridgePort = (0, bridgeopts_js_1.bridgePortRequest)('changes.bridgePort', c.bridgePort);
    if (c.name !== undefined)
        req.name = v.ifname('changes.name', c.name);
    if (c.inet !== undefined || c.inet6 !== undefined)
        req.afSpec = (0, inetconf_js_1.afSpecRequest)(c.inet, c.inet6);
    if (c.master !== undefined && c.master !== null)
        v.ifnameOrIndex('changes.master', c.master);
    common('changes', c, req, release);
    for (const [k, kc] of kindChanges) {
        req.kind = k;
        await KINDS[k].change(`changes.${k}`, kc, req, ctx, ref);
    }
    for (const [k, pc] of portChanges) {
        req[k] = await kinds_js_1.PORT_KINDS[k].kind.encode(`changes.${k}`, pc, kinds_js_1.PORT_KINDS[k].kind.changeKeys, { resolve: async () => 0 });
    }
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
/** Validates a `links.list` filter into a dump request (the master still to be resolved). */
function linkFilterRequest(f) {
    const req = { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS };
    if (f === undefined)
        return { req };
    const o = v.object('filter', f);
    v.knownKeys('filter', o, ['kind', 'master', 'stats']);
    if (o.kind !== undefined)
        req.kind = v.string('filter.kind', o.kind);
    if (o.stats !== undefined && v.boolean('filter.stats', o.stats))
        delete req.extMask;
    if (o.master !== undefined)
        v.ifnameOrIndex('filter.master', o.master);
    return { req, master: o.master };
}
// ---- decoding -----------------------------------------------------------------------------------
function macvlanInfo(d) {
    const r = {
        mode: MACVLAN_MODE_NAMES.get(d.mode ?? binding_js_1.C.MACVLAN_MODE_VEPA) ?? String(d.mode),
        nopromisc: (d.flags & binding_js_1.C.MACVLAN_FLAG_NOPROMISC) !== 0,
        macs: d.macs ?? [],
    };
    if (d.bcQueueLen !== undefined)
        r.bcQueueLen = d.bcQueueLen;
    if (d.bcQueueLenUsed !== undefined)
        r.bcQueueLenUsed = d.bcQueueLenUsed;
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
/**
 * Maps a native link's enums to names; `nameOf` gives names of links in the same namespace. The
 * counters stay only when asked for (`stats`): notifications carry them unasked.
 */
function toLink(raw, nameOf, stats = false) {
    const l = raw;
    const link = l;
    link.flags = linkFlags(raw.flags);
    link.altNames = raw.altNames ?? [];
    // Only when there: `delete` of an absent property still turns the object into a dictionary.
    if (!stats && raw.stats !== undefined)
        delete raw.stats;
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
    if (raw.bridge)
        link.bridge = (0, bridgeopts_js_1.bridgeInfo)(raw.bridge);
    if (raw.bridgePort)
        link.bridgePort = (0, bridgeopts_js_1.bridgePortInfo)(raw.bridgePort);
    if (raw.kind === 'veth')
        link.veth = raw.parentIndex !== undefined ? { peerIndex: raw.parentIndex } : {};
    (0, kinds_js_1.nameAttrKinds)(raw, link, nameOf);
    (0, inetconf_js_1.nameInetConf)(link);
    return link;
}
/**
 * A NetlinkError for a link that was named but does not exist (the kernel's ENODEV), naming the
 * field, the link and the namespace (`where`) in the message; `kernelMessage` stays the kernel's.
 */
function noSuchLink(field, ref, cause, where = 'this namespace') {
    if (cause instanceof errors_js_1.NetlinkError && cause.code === 'ENODEV') {
        return (0, errors_js_1.withDetail)(cause, `${field}: no link ${typeof ref === 'number' ? `with index ${ref}` : `named '${ref}'`} in ${where}`);
    }
    return cause;
}
/** The kernel module that provides each kind, for "not supported by this kernel". */
const KIND_MODULES = {
    macvlan: 'macvlan', macvtap: 'macvtap', ipvlan: 'ipvlan', ipvtap: 'ipvtap', vlan: '8021q', veth: 'veth', bridge: 'bridge', dummy: 'dummy',
    vxlan: 'vxlan', geneve: 'geneve', gre: 'ip_gre', gretap: 'ip_gre', ip6gre: 'ip6_gre', ip6gretap: 'ip6_gre', ipip: 'ipip',
    sit: 'sit', ip6tnl: 'ip6_tunnel', vrf: 'vrf', bond: 'bonding', tun: 'tun', ifb: 'ifb',
};
/**
 * A refused RTM_NEWLINK told in the user's terms: which link exists where (EEXIST), which kind the
 * kernel lacks and its module (EOPNOTSUPP "Unknown device type"), the capability (EPERM).
 */
function explainAdd(e, spec, where) {
    if (e instanceof errors_js_1.NetlinkError && e.code === 'EOPNOTSUPP' && (e.kernelMessage ?? 'Unknown device type') === 'Unknown device type') {
        const module = KIND_MODULES[spec.kind] ?? spec.kind;
        return (0, errors_js_1.withDetail)(e, `kind '${spec.kind}' is not supported by this kernel (module ${module} is not loaded or not built)`);
    }
    const peer = spec.kind === 'veth' ? spec.peer?.name : undefined;
    const names = peer === undefined ? `link '${spec.name}'` : `link '${spec.name}' or its peer '${peer}'`;
    // A chosen index that is taken is refused alike (EEXIST on older kernels, EBUSY on newer).
    const index = spec.index === undefined ? '' : ` (or a link with index ${spec.index})`;
    return (0, errors_js_1.explainRefusal)(e, where, `${names}${index} already exists in ${where}`);
}
/** An alternative name: 1..127 bytes (ALTIFNAMSIZ - 1), no '/', ':', whitespace or NUL, not '.' or '..'. */
function altName(field, value) {
    const s = v.string(field, value);
    const bytes = Buffer.byteLength(s);
    if (bytes === 0 || bytes >= binding_js_1.C.ALTIFNAMSIZ || s === '.' || s === '..' || /[/:\s\0]/.test(s)) {
        throw (0, errors_js_1.rangeError)(field, `an alternative name of 1 to ${binding_js_1.C.ALTIFNAMSIZ - 1} bytes without '/', ':', whitespace or NUL, and not '.' or '..'`, value);
    }
    return s;
}
// ---- the family on one handle -------------------------------------------------------------------
const GET_FLAGS = { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS };
/**
 * xs.map(fn), letting the event loop run whenever a slice has taken `sliceMs`: the native side
 * decodes a big dump a datagram at a time, and its naming here should not stall the loop in one
 * stretch either. Sliced by time, not by count, so a slower machine yields as often.
 */
async function mapInSlices(xs, fn, sliceMs = 2) {
    const out = [];
    let start = performance.now();
    for (let i = 0; i < xs.length; i++) {
        // The clock is read every 64 items: a read costs more than naming a link.
        if ((i & 63) === 63 && performance.now() - start >= sliceMs) {
            await new Promise((resolve) => setImmediate(resolve));
            start = performance.now();
        }
        out.push(fn(xs[i]));
    }
    return out;
}
/** Links: `ip link` on one handle. */
class Links {
    #h;
    #lookups = new Map();
    /** Link changes (add, set, delete) this handle has sent: a lookup is shared only within one count. */
    #changes = 0;
    /** @internal Use `handle.links`. */
    constructor(host) {
        this.#h = host;
    }
    /**
     * Resolves with the link once it exists in this namespace and `predicate` holds for it (for
     * example: up with carrier), from events rather than by polling. Rejects with code 'ETIMEDOUT'
     * after `timeout` ms, or with the signal's reason when aborted.
     *
     * Equivalent to: `ip monitor link` until the link shows up as wanted
     */
    async waitFor(ref, predicate = () => true, options = {}) {
        v.ifnameOrIndex('link', ref);
        if (typeof predicate !== 'function')
            throw (0, errors_js_1.typeError)('predicate', 'a function', predicate);
        const o = v.object('options', options);
        v.knownKeys('options', o, ['timeout', 'signal']);
        const timeout = o.timeout === undefined ? undefined : v.integer('options.timeout', o.timeout, 0, 2 ** 31 - 1);
        const outer = o.signal;
        if (outer !== undefined && !(outer instanceof AbortSignal))
            throw (0, errors_js_1.typeError)('options.signal', 'an AbortSignal', outer);
        outer?.throwIfAborted();
        const stop = new AbortController();
        const onAbort = () => stop.abort(outer.reason);
        outer?.addEventListener('abort', onAbort, { once: true });
        const timer = timeout === undefined ? undefined : setTimeout(() => {
            const e = new Error(`link ${typeof ref === 'number' ? ref : `'${ref}'`} was not as wanted within ${timeout} ms`);
            e.code = 'ETIMEDOUT';
            stop.abort(e);
        }, timeout);
        try {
            for await (const l of this.#h.linkUpdates(stop.signal)) {
                if ((typeof ref === 'number' ? l.index === ref : l.name === ref) && predicate(l))
                    return l;
            }
            throw stop.signal.reason;
        }
        finally {
            clearTimeout(timer);
            outer?.removeEventListener('abort', onAbort);
        }
    }
    /** @internal */
    linkRequest(type, flags, req) {
        if (type !== binding_js_1.C.RTM_GETLINK)
            this.#changes++;
        return this.#h.request(type, flags, req);
    }
    /**
     * @internal The link a ref names, for resolving parents and masters; errors name `field`. The
     * answer is shared: callers must not change it.
     */
    async resolveLink(field, ref) {
        // Lookups of one link made while one for it is in flight share its answer (1000 macvlans added
        // at once on one parent look the parent up once), as long as this handle has sent no link
        // change since that lookup went out: requests go out in order, so a lookup made after a rename
        // or delete must see it. The answer is never older than what a caller has seen: the entry goes
        // in the first reaction to the reply, before any later reply's.
        let entry = this.#lookups.get(ref);
        if (!entry || entry.changes !== this.#changes) {
            const req = { ...linkRefRequest(field, ref), ...GET_FLAGS };
            const sent = this.linkRequest(binding_js_1.C.RTM_GETLINK, 0, req);
            const mine = { changes: this.#changes, sent };
            const drop = () => {
                if (this.#lookups.get(ref) === mine)
                    this.#lookups.delete(ref);
            };
            sent.then(drop, drop);
            entry = mine;
            this.#lookups.set(ref, entry);
        }
        try {
            return (await entry.sent)[0];
        }
        catch (e) {
            throw noSuchLink(field, ref, e, this.#where());
        }
    }
    /** How errors name this handle's namespace. */
    #where() {
        return (0, netns_js_1.describeNetns)(this.#h.netns);
    }
    /** The link with its parent's and master's names; `known` holds names already at hand. */
    async #names(raw, known, stats = false) {
        const names = new Map(known);
        const want = new Set();
        if (raw.parentIndex !== undefined && raw.linkNetnsId === undefined && !names.has(raw.parentIndex))
            want.add(raw.parentIndex);
        if (raw.masterIndex !== undefined && !names.has(raw.masterIndex))
            want.add(raw.masterIndex);
        for (const i of (0, kinds_js_1.linkIndexesOf)(raw))
            if (!names.has(i))
                want.add(i);
        await Promise.all([...want].map(async (i) => {
            try {
                names.set(i, (await this.resolveLink('index', i)).name);
            }
            catch { /* gone meanwhile: the index stays, without a name */ }
        }));
        return toLink(raw, (i) => names.get(i), stats);
    }
    /**
     * Lists the links of this namespace with their kind's details (and with `stats: true`, their
     * counters).
     *
     * Equivalent to: `ip -d [-s -s] link show [type KIND] [master DEV]`
     */
    async list(filter) {
        const { req, master } = linkFilterRequest(filter);
        const stats = req.extMask === undefined;
        if (master !== undefined)
            req.master = (await this.resolveLink('filter.master', master)).index;
        // The kernel filters dumps only with strict checking (4.20+), and ignores a kind it does not
        // know (an unknown kind would list every link): the filter is applied here as well.
        const raw = (await this.linkRequest(binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, req))
            .filter((l) => (req.kind === undefined || l.kind === req.kind) && (req.master === undefined || l.masterIndex === req.master));
        let names;
        // Filtered lists may not hold the parents; a full list names them from itself.
        const nameOf = (i) => {
            if (!names) {
                names = new Map(); // without an [index, name] array per link
                for (const l of raw)
                    names.set(l.index, l.name);
            }
            return names.get(i);
        };
        if (req.kind === undefined && req.master === undefined)
            return mapInSlices(raw, (l) => toLink(l, nameOf, stats));
        return Promise.all(raw.map((l) => this.#names(l, undefined, stats)));
    }
    /**
     * One link, by name, alternative name (up to 127 bytes) or index; with `stats: true`, with its
     * counters.
     *
     * Equivalent to: `ip -d [-s -s] link show dev NAME`
     */
    async get(ref, options = {}) {
        const o = v.object('options', options);
        v.knownKeys('options', o, ['stats']);
        const stats = o.stats === undefined ? false : v.boolean('options.stats', o.stats);
        // A name too long for IFLA_IFNAME can only be an alternative name (IFLA_ALT_IFNAME).
        const alt = typeof ref === 'string' && Buffer.byteLength(ref) > 15 ? altName('link', ref) : undefined;
        // A copy: toLink names the fields in place, and the lookup's answer may be shared.
        if (!stats && alt === undefined)
            return this.#names({ ...(await this.resolveLink('link', ref)) });
        const req = alt === undefined ? linkRefRequest('link', ref) : { altName: alt };
        if (!stats)
            req.extMask = binding_js_1.C.RTEXT_FILTER_SKIP_STATS;
        const [raw] = await this.linkRequest(binding_js_1.C.RTM_GETLINK, 0, req)
            .catch((e) => Promise.reject(noSuchLink('link', ref, e, this.#where())));
        return this.#names(raw, undefined, stats);
    }
    /**
     * Gives a link alternative names (each 1..127 bytes); `get` finds the link by any of them.
     *
     * Equivalent to: `ip link property add dev NAME altname ALT [altname ALT2 ...]`
     */
    addAltNames(ref, names) {
        return this.#altNames(binding_js_1.C.RTM_NEWLINKPROP, ref, names);
    }
    /**
     * Removes alternative names from a link.
     *
     * Equivalent to: `ip link property del dev NAME altname ALT [altname ALT2 ...]`
     */
    deleteAltNames(ref, names) {
        return this.#altNames(binding_js_1.C.RTM_DELLINKPROP, ref, names);
    }
    async #altNames(type, ref, names) {
        const req = linkRefRequest('link', ref);
        if (!Array.isArray(names) || names.length === 0)
            throw (0, errors_js_1.typeError)('names', 'a non-empty array of alternative names', names);
        req.altNames = Array.from(names, (n, i) => Buffer.from(altName(`names[${i}]`, n)));
        const flags = type === binding_js_1.C.RTM_NEWLINKPROP ? binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL : 0;
        await this.linkRequest(type, flags, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(noSuchLink('link', ref, e, this.#where()), this.#where(), `${names.length > 1 ? 'one of ' : ''}${names.map((n) => `'${n}'`).join(', ')} is already a link's name in ${this.#where()}`)));
    }
    /**
     * Creates a link and resolves to it as the kernel reports it.
     *
     * Equivalent to: `ip link add NAME link PARENT type macvlan mode bridge` (and the other kinds:
     * `type ipvlan mode l3 bridge`, `type vlan id 50 protocol 802.1Q`, `type veth peer name P`,
     * `type bridge`, `type dummy`, `type vxlan id 42 remote A dstport 4789`, `type geneve id 7 remote A`,
     * `type gre|gretap|ip6gre|ip6gretap|ipip|sit|ip6tnl local A remote B`, `type vrf table 10`,
     * `type bond mode active-backup miimon 100`, `type ifb`; `ip tuntap add NAME mode tap` for kind
     * 'tun'), with `netns NS` to create it inside another namespace.
     */
    async add(spec) {
        const release = [];
        try {
            const req = await linkAddRequest(this, spec, release);
            // The kernel ignores IFLA_IFALIAS when it creates a link (it sets an alias only on change), so
            // aliases are set once the link exists, as `ip link set NAME alias TEXT` does.
            const alias = req.alias || undefined;
            const peerAlias = req.peer?.alias || undefined;
            delete req.alias;
            if (req.peer)
                delete req.peer.alias;
            const flags = binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL | binding_js_1.C.NLM_F_ECHO;
            const create = KINDS[spec.kind]?.create;
            // A kind made by other means (tun/tap: ioctls) gets the common options as a change once it exists.
            const byOther = create && (() => {
                create(spec, spec.netns ?? this.#h.netns);
                const { kind: _kind, [spec.kind]: _own, netnsFd: _fd, netnsPid: _pid, ...rest } = req;
                return rest;
            })();
            const [echo] = byOther
                ? [undefined]
                : await this.linkRequest(binding_js_1.C.RTM_NEWLINK, flags, req)
                    .catch((e) => Promise.reject(explainAdd(e, spec, spec.netns === undefined ? this.#where() : (0, netns_js_1.describeNetns)(spec.netns))));
            // Kernels before 6.3 do not echo a new link; nor does any kernel when the link is made in
            // another namespace. Then it is read back where it now lives.
            const there = spec.netns === undefined ? undefined : await this.#h.openLinks(spec.netns);
            try {
                const links = there?.links ?? this;
                if (byOther && Object.keys(byOther).length > 1)
                    await links.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, byOther);
                if (alias !== undefined)
                    await links.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, { name: req.name, alias });
                // The parent and master were just looked up by the names given: no need to ask again.
                const known = new Map();
                const parent = spec.parent;
                if (typeof parent === 'string' && req.parent !== undefined)
                    known.set(req.parent, parent);
                if (typeof spec.master === 'string' && req.master !== undefined)
                    known.set(req.master, spec.master);
                const made = echo && !there && alias === undefined ? await this.#names(echo, known) : await links.get(req.name);
                if (peerAlias !== undefined && made.parentIndex !== undefined) {
                    // The peer's index as the link reports it is its index in the peer's own namespace.
                    const peerNs = spec.kind === 'veth' ? spec.peer?.netns : undefined;
                    const p = peerNs === undefined ? undefined : await this.#h.openLinks(peerNs);
                    try {
                        await (p?.links ?? this).linkRequest(binding_js_1.C.RTM_NEWLINK, 0, { index: made.parentIndex, alias: peerAlias });
                    }
                    finally {
                        p?.close();
                    }
                }
                return made;
            }
            finally {
                there?.close();
            }
        }
        finally {
            for (const r of release)
                r();
        }
    }
    /**
     * Changes a link: state, MTU, MAC, name, promiscuity, master, namespace, and its kind's settings.
     *
     * Equivalent to: `ip link set NAME up mtu 1400 address 02:42:0a:00:00:05 promisc on`,
     * `ip link set NAME netns NS`, `ip link set NAME type macvlan mode vepa`
     */
    async set(ref, changes) {
        const release = [];
        try {
            const req = await linkSetRequest(this, ref, changes, release);
            const edits = macEditRequests(req.index ?? ref, changes);
            // The MAC list edits go to the link where it is: after the change, unless the change moves it
            // to another namespace (then before, while this handle still sees it).
            const moves = req.netnsFd !== undefined || req.netnsPid !== undefined;
            const sendEdits = async () => {
                for (const edit of edits)
                    await this.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, edit);
            };
            if (moves)
                await sendEdits();
            // The kernel takes a port's options only from a link that is a port already: with a new master
            // in the same change, they follow it.
            let portReq;
            if (req.bridgePort !== undefined && req.master !== undefined) {
                portReq = { bridgePort: req.bridgePort, ...(req.index === undefined ? { name: req.name } : { index: req.index }) };
                delete req.bridgePort;
            }
            await this.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, req).catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(noSuchLink('link', ref, e, this.#where()), this.#where(), changes.name === undefined ? undefined : `link '${changes.name}' already exists in ${this.#where()}`)));
            if (portReq)
                await this.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, portReq);
            if (!moves)
                await sendEdits();
        }
        finally {
            for (const r of release)
                r();
        }
    }
    /**
     * Deletes a link (a veth takes its peer with it; a parent takes its macvlans, ipvlans and vlans).
     *
     * Given an array, deletes all those links in one kernel batch: the kernel waits for one RCU grace
     * period for the whole batch instead of one per link (about 16 ms each), so 1000 links go in well
     * under a second. The named links are moved into a fresh link group that no other link is in, and
     * that group is deleted; links not named are never deleted (except what each named link takes with
     * it, as above). A name that does not exist rejects before anything changes; when the batch fails,
     * the links are put back in their own groups.
     *
     * Equivalent to: `ip link delete NAME`; for an array, `ip link set NAME group G` for each link,
     * then `ip link delete group G`
     */
    async delete(ref) {
        if (Array.isArray(ref))
            return this.#deleteMany(ref);
        await this.linkRequest(binding_js_1.C.RTM_DELLINK, 0, linkRefRequest('link', ref))
            .catch((e) => Promise.reject((0, errors_js_1.explainRefusal)(noSuchLink('link', ref, e, this.#where()), this.#where())));
    }
    async #deleteMany(refs) {
        for (let i = 0; i < refs.length; i++)
            v.ifnameOrIndex(`links[${i}]`, refs[i]); // holes too, which forEach skips
        if (refs.length === 0)
            return;
        const dump = () => this.linkRequest(binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, { ...GET_FLAGS });
        const all = await dump();
        const byName = new Map(all.map((l) => [l.name, l]));
        const byIndex = new Map(all.map((l) => [l.index, l]));
        const targets = new Map();
        refs.forEach((r, i) => {
            const l = typeof r === 'number' ? byIndex.get(r) : byName.get(r);
            if (!l)
                throw noSuchLink(`links[${i}]`, r, new errors_js_1.NetlinkError(osErrno.ENODEV, binding_js_1.C.RTM_DELLINK), this.#where());
            targets.set(l.index, l);
        });
        if (targets.size === 1)
            return this.delete([...targets.keys()][0]);
        const used = new Set(all.map((l) => l.group));
        let group;
        do
            group = (0, node_crypto_1.randomInt)(1, 2 ** 31);
        while (used.has(group));
        const moves = await Promise.allSettled([...targets.values()].map((l) => this.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, { index: l.index, group }).then(() => l)));
        const moved = moves.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
        const putBack = () => Promise.allSettled(moved.map((l) => this.linkRequest(binding_js_1.C.RTM_NEWLINK, 0, { index: l.index, group: l.group })));
        try {
            const failed = moves.find((m) => m.status === 'rejected');
            if (failed)
                throw failed.reason;
            // Nothing but the named links may be in the group when it is deleted.
            const strangers = (await dump()).filter((l) => l.group === group && !targets.has(l.index));
            if (strangers.length > 0) {
                throw Object.assign(new Error(`links.delete: link group ${group} was joined meanwhile by ${strangers.map((l) => `'${l.name}'`).join(', ')}; nothing was deleted`), { code: 'ERR_RTNL_GROUP_TAKEN' });
            }
            await this.linkRequest(binding_js_1.C.RTM_DELLINK, 0, { group });
        }
        catch (e) {
            await putBack();
            throw e;
        }
    }
}
exports.Links = Links;
