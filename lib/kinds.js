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
exports.PORT_KINDS = exports.ATTR_KINDS = void 0;
exports.nameAttrKinds = nameAttrKinds;
exports.linkIndexesOf = linkIndexesOf;
// The link kinds whose options are plain attributes (vxlan, geneve, the GRE and IP tunnels, vrf, bond,
// tun/tap, ifb) and the bond port: each is one declarative table of fields, from which one validator
// builds the native request and one decoder names the kernel's reply. native/link.cc holds the
// matching attribute tables (native/attrspec.h). Names are `ip -d -j link show`'s info_data keys,
// camelCased.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const inet_js_1 = require("./inet.js");
const netns_js_1 = require("./netns.js");
const v = __importStar(require("./validate.js"));
const u8 = { t: 'int', max: 255 };
const u16 = { t: 'int', max: 65535 };
const u32 = { t: 'int', max: 2 ** 32 - 1 };
const bool = { t: 'bool' };
const ip = { t: 'ip' };
const vni = { t: 'int', max: 2 ** 24 - 1 };
const label = { t: 'int', max: 0xfffff };
const enumOf = (entries) => ({ t: 'enum', values: new Map(entries) });
// Values of the kernel's option tables (drivers/net/bonding/bond_options.c) not in the UAPI headers:
// their order there, which is their number on the wire.
const ordinal = (...names) => enumOf(names.map((n, i) => [n, i]));
const df = enumOf([['unset', binding_js_1.C.VXLAN_DF_UNSET], ['set', binding_js_1.C.VXLAN_DF_SET], ['inherit', binding_js_1.C.VXLAN_DF_INHERIT]]);
const VXLAN_FIELDS = {
    id: vni, remote: ip, group: ip, local: ip, port: u16, portRange: { t: 'range' }, ttl: u8, ttlInherit: bool, tos: u8,
    df, label, learning: bool, proxy: bool, rsc: bool, l2miss: bool, l3miss: bool, udpCsum: bool,
    udpZeroCsum6Tx: bool, udpZeroCsum6Rx: bool, gbp: bool, external: bool, ageing: u32, limit: u32,
};
const GENEVE_FIELDS = {
    id: vni, remote: ip, ttl: u8, ttlInherit: bool, tos: u8,
    df: enumOf([['unset', binding_js_1.C.GENEVE_DF_UNSET], ['set', binding_js_1.C.GENEVE_DF_SET], ['inherit', binding_js_1.C.GENEVE_DF_INHERIT]]),
    label, port: u16, external: bool, udpCsum: bool, udpZeroCsum6Tx: bool, udpZeroCsum6Rx: bool,
};
const TUNNEL_FIELDS = { local: ip, remote: ip, ttl: u8, external: bool };
const TUNNEL4_FIELDS = { ...TUNNEL_FIELDS, tos: u8, pmtudisc: bool };
const TUNNEL6_FIELDS = { ...TUNNEL_FIELDS, encapLimit: u8, flowlabel: label, tclass: u8 };
const GRE_KEY_FIELDS = { key: u32, ikey: u32, okey: u32, csum: bool, icsum: bool, ocsum: bool, seq: bool, iseq: bool, oseq: bool };
const BOND_FIELDS = {
    mode: enumOf([
        ['balance-rr', binding_js_1.C.BOND_MODE_ROUNDROBIN], ['active-backup', binding_js_1.C.BOND_MODE_ACTIVEBACKUP], ['balance-xor', binding_js_1.C.BOND_MODE_XOR],
        ['broadcast', binding_js_1.C.BOND_MODE_BROADCAST], ['802.3ad', binding_js_1.C.BOND_MODE_8023AD], ['balance-tlb', binding_js_1.C.BOND_MODE_TLB],
        ['balance-alb', binding_js_1.C.BOND_MODE_ALB],
    ]),
    activeSlave: { t: 'link' }, miimon: u32, updelay: u32, downdelay: u32, peerNotifyDelay: u32, useCarrier: bool,
    arpInterval: u32, arpIpTarget: { t: 'ips', family: 4 }, nsIp6Target: { t: 'ips', family: 6 },
    arpValidate: ordinal('none', 'active', 'backup', 'all', 'filter', 'filter_active', 'filter_backup'),
    arpAllTargets: ordinal('any', 'all'), arpMissedMax: u8, primary: { t: 'link' },
    primaryReselect: ordinal('always', 'better', 'failure'), failOverMac: ordinal('none', 'active', 'follow'),
    xmitHashPolicy: enumOf([
        ['layer2', binding_js_1.C.BOND_XMIT_POLICY_LAYER2], ['layer3+4', binding_js_1.C.BOND_XMIT_POLICY_LAYER34], ['layer2+3', binding_js_1.C.BOND_XMIT_POLICY_LAYER23],
        ['encap2+3', binding_js_1.C.BOND_XMIT_POLICY_ENCAP23], ['encap3+4', binding_js_1.C.BOND_XMIT_POLICY_ENCAP34],
        ...(binding_js_1.C.BOND_XMIT_POLICY_VLAN_SRCMAC === undefined ? [] : [['vlan+srcmac', binding_js_1.C.BOND_XMIT_POLICY_VLAN_SRCMAC]]),
    ]),
    resendIgmp: u32, numPeerNotif: u8, allSlavesActive: bool, minLinks: u32, lpInterval: u32, packetsPerSlave: u32,
    adLacpRate: ordinal('slow', 'fast'), adLacpActive: ordinal('off', 'on'), adSelect: ordinal('stable', 'bandwidth', 'count'),
    adActorSysPrio: u16, adUserPortKey: u16, adActorSystem: { t: 'mac' }, tlbDynamicLb: bool,
};
const BOND_PORT_FIELDS = {
    state: enumOf([['ACTIVE', binding_js_1.C.BOND_STATE_ACTIVE], ['BACKUP', binding_js_1.C.BOND_STATE_BACKUP]]),
    miiStatus: enumOf([['UP', binding_js_1.C.BOND_LINK_UP], ['GOING_DOWN', binding_js_1.C.BOND_LINK_FAIL], ['DOWN', binding_js_1.C.BOND_LINK_DOWN], ['GOING_BACK', binding_js_1.C.BOND_LINK_BACK]]),
    queueId: u16, prio: { t: 'int', max: 2 ** 31 - 1 },
};
const TUN_TYPES = new Map([['tun', binding_js_1.C.IFF_TUN], ['tap', binding_js_1.C.IFF_TAP]]);
/** A value of `field` (validated) as the native request carries it; link refs stay refs (resolved later). */
function encodeField(name, f, val) {
    switch (f.t) {
        case 'int': return v.integer(name, val, 0, f.max);
        case 'bool': return v.boolean(name, val) ? 1 : 0;
        case 'ip': return (0, inet_js_1.ipAddress)(name, val, f.family).bytes;
        case 'ips':
            if (!Array.isArray(val))
                throw (0, errors_js_1.typeError)(name, `an array of IPv${f.family} addresses`, val);
            if (val.length > 16)
                throw (0, errors_js_1.rangeError)(name, 'at most 16 addresses', val.length);
            return Array.from(val, (a, i) => (0, inet_js_1.ipAddress)(`${name}[${i}]`, a, f.family).bytes);
        case 'mac': return v.mac(name, val);
        case 'range': {
            const r = v.object(name, val);
            v.knownKeys(name, r, ['low', 'high']);
            const low = v.integer(`${name}.low`, r.low, 1, 65535);
            return { low, high: v.integer(`${name}.high`, r.high, low, 65535) };
        }
        case 'link': return v.ifnameOrIndex(name, val);
        case 'enum': return v.oneOf(name, val, f.values);
    }
}
/** The kind's own options of `s` named in `keys` (validated), into native attrs; link refs resolved through `ctx`. */
async function encodeFields(field, s, fields, keys, resolve) {
    const d = {};
    const refs = [];
    for (const k of keys) {
        if (s[k] === undefined || !fields[k])
            continue;
        const x = encodeField(`${field}.${k}`, fields[k], s[k]);
        if (fields[k].t === 'link')
            refs.push([k, x]);
        else
            d[k] = x;
    }
    for (const [k, ref] of refs)
        d[k] = await resolve(`${field}.${k}`, ref);
    return d;
}
/** Native attrs named back: enums to names, link indexes to names where `nameOf` knows them. */
function decodeFields(d, fields, nameOf) {
    const out = {};
    for (const [k, x] of Object.entries(d)) {
        const f = fields[k];
        if (f?.t === 'enum')
            out[k] = namesOf(f.values).get(x) ?? x;
        else if (f?.t === 'link') {
            if (x !== 0)
                out[k] = nameOf(x) ?? x;
        }
        else
            out[k] = x;
    }
    return out;
}
const nameTables = new WeakMap();
function namesOf(m) {
    let r = nameTables.get(m);
    if (!r)
        nameTables.set(m, (r = new Map([...m].map(([k, x]) => [x, k]))));
    return r;
}
/** A kind whose options are exactly its fields, named as the native table names them. */
function plain(fields, changeKeys, extra = {}) {
    return {
        keys: Object.keys(fields),
        changeKeys,
        encode: (field, s, keys, ctx) => encodeFields(field, s, fields, keys, ctx.resolve),
        decode: (d, nameOf) => decodeFields(d, fields, nameOf),
        ...extra,
    };
}
const isMulticast = (a) => (a.includes(':') ? /^ff/i.test(a) : Number(a.split('.')[0]) >= 224 && Number(a.split('.')[0]) <= 239);
/** The lower device of tunnels and vxlan travels in their own data (IFLA_*_LINK), not IFLA_LINK. */
async function lower(field, s, d, ctx) {
    if (s.parent !== undefined)
        d.link = await ctx.resolve(`${field}.parent`, v.ifnameOrIndex(`${field}.parent`, s.parent));
}
const VXLAN = {
    keys: [...Object.keys(VXLAN_FIELDS), 'parent'],
    changeKeys: ['remote', 'group', 'local', 'ttl', 'ttlInherit', 'tos', 'df', 'label', 'learning', 'ageing', 'limit'],
    check(s) {
        if (s.id === undefined && s.external !== true)
            throw (0, errors_js_1.typeError)('spec.id', 'a VNI from 0 to 16777215 (or external: true)', undefined);
    },
    async encode(field, s, keys, ctx) {
        if (s.remote !== undefined && s.group !== undefined)
            throw (0, errors_js_1.typeError)(field, 'remote or group, not both', 'both');
        const d = await encodeFields(field, s, VXLAN_FIELDS, keys, ctx.resolve);
        // One attribute carries either: the kernel tells them apart by the address.
        if (d.remote !== undefined) {
            if (isMulticast(s.remote))
                throw (0, errors_js_1.rangeError)(`${field}.remote`, 'a unicast address (a multicast one is `group`)', s.remote);
            d.group = d.remote;
            delete d.remote;
        }
        else if (d.group !== undefined && !isMulticast(s.group)) {
            throw (0, errors_js_1.rangeError)(`${field}.group`, 'a multicast address (a unicast one is `remote`)', s.group);
        }
        await lower(field, s, d, ctx);
        return d;
    },
    decode(d) {
        const out = decodeFields(d, VXLAN_FIELDS, () => undefined);
        delete out.link;
        if (typeof out.group === 'string' && !isMulticast(out.group)) {
            out.remote = out.group;
            delete out.group;
        }
        return out;
    },
};
/** GRE: key/csum/seq in i/oflags; IPv6 flowlabel and tclass in flowinfo; encaplimit 'none' a flag. */
function tunnelKind(family, kind, protos) {
    const fields = {
        ...(family === 4 ? TUNNEL4_FIELDS : TUNNEL6_FIELDS),
        ...(kind === 'gre' ? GRE_KEY_FIELDS : {}),
        ...(protos ? { proto: enumOf(protos) } : {}),
    };
    for (const k of ['local', 'remote'])
        fields[k] = { t: 'ip', family };
    const changeKeys = Object.keys(fields).filter((k) => k !== 'external' && k !== 'proto');
    return {
        keys: [...Object.keys(fields), 'parent'],
        changeKeys,
        merge: true,
        async encode(field, s, keys, ctx, current) {
            if (s.encapLimit === 'none')
                s = { ...s, encapLimit: undefined, ignEncapLimit: true };
            const named = await encodeFields(field, s, fields, keys, ctx.resolve);
            const d = { ...(current ? toRequest(current) : {}), ...named };
            if (kind === 'gre') {
                const both = (one, i, o) => {
                    if (s[one] !== undefined && (s[i] !== undefined || s[o] !== undefined))
                        throw (0, errors_js_1.typeError)(field, `${one} or ${i}/${o}, not both`, one);
                };
                both('key', 'ikey', 'okey');
                both('csum', 'icsum', 'ocsum');
                both('seq', 'iseq', 'oseq');
                const bit = (dir, flag, set) => {
                    if (set === undefined)
                        return;
                    const cur = d[`${dir}flags`] ?? 0;
                    d[`${dir}flags`] = set ? cur | flag : cur & ~flag;
                };
                for (const dir of ['i', 'o']) {
                    const key = named.key ?? named[`${dir}key`];
                    if (key !== undefined) {
                        d[`${dir}key`] = key;
                        bit(dir, binding_js_1.C.GRE_KEY, true);
                    }
                    const csum = s.csum ?? s[`${dir}csum`];
                    const seq = s.seq ?? s[`${dir}seq`];
                    bit(dir, binding_js_1.C.GRE_CSUM, csum);
                    bit(dir, binding_js_1.C.GRE_SEQ, seq);
                }
                for (const k of ['key', 'csum', 'icsum', 'ocsum', 'seq', 'iseq', 'oseq'])
                    delete d[k];
            }
            if (family === 6) {
                const fi = d.flowinfo ?? 0;
                if (named.flowlabel !== undefined || named.tclass !== undefined) {
                    const fl = named.flowlabel ?? (fi & binding_js_1.C.IPV6_FLOWINFO_FLOWLABEL);
                    const tc = named.tclass ?? ((fi & binding_js_1.C.IPV6_FLOWINFO_PRIORITY) >>> 20);
                    d.flowinfo = (fl | (tc << 20)) >>> 0;
                }
                delete d.flowlabel;
                delete d.tclass;
                const flags = d.flags ?? 0;
                if (s.ignEncapLimit)
                    d.flags = flags | binding_js_1.C.IP6_TNL_F_IGN_ENCAP_LIMIT;
                else if (s.encapLimit !== undefined)
                    d.flags = flags & ~binding_js_1.C.IP6_TNL_F_IGN_ENCAP_LIMIT;
            }
            await lower(field, s, d, ctx);
            return d;
        },
        decode(d) {
            const out = decodeFields(d, fields, () => undefined);
            delete out.link;
            for (const k of ['local', 'remote'])
                if (out[k] === '0.0.0.0' || out[k] === '::')
                    delete out[k];
            if (kind === 'gre') {
                for (const dir of ['i', 'o']) {
                    const flags = d[`${dir}flags`] ?? 0;
                    if (!(flags & binding_js_1.C.GRE_KEY))
                        delete out[`${dir}key`];
                    out[`${dir}csum`] = (flags & binding_js_1.C.GRE_CSUM) !== 0;
                    out[`${dir}seq`] = (flags & binding_js_1.C.GRE_SEQ) !== 0;
                    delete out[`${dir}flags`];
                }
            }
            if (family === 6) {
                const fi = d.flowinfo ?? 0;
                out.flowlabel = fi & binding_js_1.C.IPV6_FLOWINFO_FLOWLABEL;
                out.tclass = (fi & binding_js_1.C.IPV6_FLOWINFO_PRIORITY) >>> 20;
                if ((d.flags ?? 0) & binding_js_1.C.IP6_TNL_F_IGN_ENCAP_LIMIT)
                    out.encapLimit = 'none';
                delete out.flowinfo;
                delete out.flags;
                delete out.tos;
                delete out.pmtudisc;
            }
            else {
                delete out.encapLimit;
                delete out.flowinfo;
                delete out.flags;
            }
            return out;
        },
    };
}
/** Attrs as the addon decoded them, as a request carries them again: addresses as bytes, booleans as 0/1. */
function toRequest(d) {
    const out = {};
    for (const [k, x] of Object.entries(d)) {
        if (typeof x === 'boolean')
            out[k] = x ? 1 : 0;
        else if (typeof x === 'number')
            out[k] = x;
        else if (typeof x === 'string')
            out[k] = (0, inet_js_1.ipAddress)(k, x).bytes;
    }
    return out;
}
const PROTO_IPIP = ['ipip', binding_js_1.C.IPPROTO_IPIP];
const PROTO_MPLS = ['mplsip', binding_js_1.C.IPPROTO_MPLS];
const TUN = {
    keys: ['type', 'user', 'group', 'pi', 'vnetHdr', 'multiQueue'],
    changeKeys: [],
    check(s) {
        v.oneOf('spec.type', s.type, TUN_TYPES);
    },
    async encode(field, s) {
        // Validated here; sent by create() as TUNSETIFF flags and TUNSETOWNER/TUNSETGROUP.
        const d = { type: v.oneOf(`${field}.type`, s.type, TUN_TYPES) };
        if (s.user !== undefined)
            d.user = v.integer(`${field}.user`, s.user, 0, 2 ** 32 - 2);
        if (s.group !== undefined)
            d.group = v.integer(`${field}.group`, s.group, 0, 2 ** 32 - 2);
        for (const k of ['pi', 'vnetHdr', 'multiQueue'])
            if (s[k] !== undefined)
                d[k] = v.boolean(`${field}.${k}`, s[k]) ? 1 : 0;
        return d;
    },
    create(s, netns) {
        // IFF_TUN_EXCL: an existing device of that name is an error, not attached to.
        let flags = (s.type === 'tap' ? binding_js_1.C.IFF_TAP : binding_js_1.C.IFF_TUN) | binding_js_1.C.IFF_TUN_EXCL;
        if (!s.pi)
            flags |= binding_js_1.C.IFF_NO_PI;
        if (s.vnetHdr)
            flags |= binding_js_1.C.IFF_VNET_HDR;
        if (s.multiQueue)
            flags |= binding_js_1.C.IFF_MULTI_QUEUE;
        const ns = netns === undefined ? undefined : (0, netns_js_1.openNetnsFd)(netns);
        try {
            binding_js_1.native.tunCreate(ns?.fd ?? -1, s.name, flags, s.user ?? -1, s.group ?? -1);
        }
        catch (e) {
            if (e instanceof Error) {
                const exists = e.code === 'EBUSY' ? `: link '${String(s.name)}' already exists` : '';
                e.message += ` (creating tun/tap '${String(s.name)}' in ${(0, netns_js_1.describeNetns)(netns)}${exists})`;
            }
            throw e;
        }
        finally {
            ns?.release();
        }
    },
    decode(d) {
        const out = { ...d, type: d.type === binding_js_1.C.IFF_TAP ? 'tap' : 'tun' };
        // An unset owner reads as -1 (u32 0xffffffff).
        if (out.user === 2 ** 32 - 1)
            delete out.user;
        if (out.group === 2 ** 32 - 1)
            delete out.group;
        return out;
    },
};
/** The kinds of this module by name: the link code merges them into its kind table. */
exports.ATTR_KINDS = {
    vxlan: VXLAN,
    geneve: plain(GENEVE_FIELDS, ['remote', 'ttl', 'ttlInherit', 'tos', 'df', 'label'], {
        check(s) {
            if (s.id === undefined && s.external !== true)
                throw (0, errors_js_1.typeError)('spec.id', 'a VNI from 0 to 16777215 (or external: true)', undefined);
        },
    }),
    gre: tunnelKind(4, 'gre'),
    gretap: tunnelKind(4, 'gre'),
    ip6gre: tunnelKind(6, 'gre'),
    ip6gretap: tunnelKind(6, 'gre'),
    ipip: tunnelKind(4, 'iptun', [['any', 0], PROTO_IPIP, PROTO_MPLS]),
    sit: tunnelKind(4, 'iptun', [['any', 0], ['ip6ip', binding_js_1.C.IPPROTO_IPV6], PROTO_IPIP, PROTO_MPLS]),
    ip6tnl: tunnelKind(6, 'iptun', [['any', 0], ['ip6ip6', binding_js_1.C.IPPROTO_IPV6], ['ipip6', binding_js_1.C.IPPROTO_IPIP]]),
    vrf: plain({ table: { t: 'int', max: 2 ** 32 - 1 } }, [], {
        check(s) {
            v.integer('spec.table', s.table, 1, 2 ** 32 - 1);
        },
    }),
    bond: plain(BOND_FIELDS, Object.keys(BOND_FIELDS)),
    tun: TUN,
    ifb: plain({}, []),
};
/** Port kinds: what a master's port carries, under `link.<key>`, by the master's kind. */
exports.PORT_KINDS = {
    bondPort: { slaveKind: 'bond', kind: plain(BOND_PORT_FIELDS, ['queueId', 'prio']) },
};
/** The details of `raw` of this module's kinds and port kinds, named (in place). */
function nameAttrKinds(raw, link, nameOf) {
    const k = raw.kind;
    if (k !== undefined && Object.hasOwn(exports.ATTR_KINDS, k)) {
        const d = raw[k];
        if (d) {
            // The lower device of vxlan (IFLA_VXLAN_LINK) is the link's parent, as for macvlan.
            if (k === 'vxlan' && typeof d.link === 'number' && d.link !== 0 && raw.parentIndex === undefined) {
                link.parentIndex = d.link;
                const n = nameOf(d.link);
                if (n !== undefined)
                    link.parent = n;
            }
            link[k] = exports.ATTR_KINDS[k].decode(d, nameOf);
        }
    }
    for (const [key, p] of PORT_ENTRIES) {
        const d = raw[key];
        if (d)
            link[key] = p.kind.decode(d, nameOf);
    }
}
const PORT_ENTRIES = Object.entries(exports.PORT_KINDS);
/** Link indexes this module's details name (bond primary, active port, vxlan's lower device), for name lookups. */
function linkIndexesOf(raw) {
    const out = [];
    const r = raw;
    for (const x of [r.bond?.primary, r.bond?.activeSlave, r.vxlan?.link])
        if (typeof x === 'number' && x !== 0)
            out.push(x);
    return out;
}
