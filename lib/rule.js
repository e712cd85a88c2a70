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
exports.Rules = exports.RULE_ACTIONS = void 0;
exports.toRule = toRule;
// Policy routing rules (ip rule): the public types, action names, validation of rule specs into
// native requests (with iproute2's defaults), and decoding of what the kernel reports.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
const inet_js_1 = require("./inet.js");
const route_js_1 = require("./route.js");
const v = __importStar(require("./validate.js"));
// ---- vocabulary ---------------------------------------------------------------------------------
/** The rule actions by name, to their FR_ACT_* numbers. */
exports.RULE_ACTIONS = new Map([
    ['lookup', binding_js_1.C.FR_ACT_TO_TBL], ['goto', binding_js_1.C.FR_ACT_GOTO], ['nop', binding_js_1.C.FR_ACT_NOP], ['blackhole', binding_js_1.C.FR_ACT_BLACKHOLE],
    ['unreachable', binding_js_1.C.FR_ACT_UNREACHABLE], ['prohibit', binding_js_1.C.FR_ACT_PROHIBIT],
]);
const ACTION_NAMES = new Map([...exports.RULE_ACTIONS].map(([k, n]) => [n, k]));
const SPEC_KEYS = [
    'family', 'priority', 'from', 'to', 'iif', 'oif', 'fwmark', 'fwmask', 'tos', 'uidRange', 'suppressPrefixLength',
    'action', 'table', 'goto', 'not', 'protocol',
];
// ---- requests -----------------------------------------------------------------------------------
/**
 * Validates a spec into a request. `del`: as `ip rule del`, only what is given narrows the match
 * (no defaults), and at least one thing must be given: an empty match would delete the first rule.
 */
function checkSpec(spec, del) {
    const s = v.object('spec', spec);
    v.knownKeys('spec', s, SPEC_KEYS);
    if (del && Object.values(s).every((x) => x === undefined)) {
        throw (0, errors_js_1.typeError)('spec', 'at least one of the rule\'s fields (an empty match would delete the first rule)', spec);
    }
    const req = {};
    let family = s.family === undefined ? undefined : (0, inet_js_1.familyOption)('spec.family', s.family);
    let from = 'spec.family';
    for (const key of ['from', 'to']) {
        if (s[key] === undefined)
            continue;
        const field = `spec.${key}`;
        const c = (0, inet_js_1.cidr)(field, s[key], { bare: true });
        if (family !== undefined && c.family !== family)
            throw (0, errors_js_1.rangeError)(field, `an IPv${family} CIDR, as ${from} is IPv${family}`, s[key]);
        family ??= c.family;
        from = field;
        if (key === 'from')
            req.srcLength = c.prefixLength;
        else
            req.dstLength = c.prefixLength;
        if (c.prefixLength > 0)
            req[key === 'from' ? 'src' : 'dst'] = c.bytes;
    }
    req.family = inet_js_1.AF[family ?? 4];
    if (s.priority !== undefined)
        req.priority = v.integer('spec.priority', s.priority, 0, 2 ** 32 - 1);
    if (s.iif !== undefined)
        req.iif = v.ifname('spec.iif', s.iif);
    if (s.oif !== undefined)
        req.oif = v.ifname('spec.oif', s.oif);
    if (s.fwmark !== undefined)
        req.fwmark = v.integer('spec.fwmark', s.fwmark, 0, 2 ** 32 - 1);
    if (s.fwmask !== undefined)
        req.fwmask = v.integer('spec.fwmask', s.fwmask, 0, 2 ** 32 - 1);
    if (s.tos !== undefined)
        req.tos = v.integer('spec.tos', s.tos, 0, 255);
    if (s.uidRange !== undefined) {
        const u = v.object('spec.uidRange', s.uidRange);
        v.knownKeys('spec.uidRange', u, ['start', 'end']);
        const start = v.integer('spec.uidRange.start', u.start, 0, 2 ** 32 - 2);
        const end = v.integer('spec.uidRange.end', u.end, 0, 2 ** 32 - 2);
        if (end < start)
            throw (0, errors_js_1.rangeError)('spec.uidRange.end', `at least start (${start})`, end);
        req.uidRange = { start, end };
    }
    if (s.suppressPrefixLength !== undefined) {
        req.suppressPrefixLength = v.integer('spec.suppressPrefixLength', s.suppressPrefixLength, 0, 128);
    }
    if (s.not !== undefined && v.boolean('spec.not', s.not))
        req.flags = binding_js_1.C.FIB_RULE_INVERT;
    if (s.protocol !== undefined)
        req.protocol = (0, route_js_1.protocol)('spec.protocol', s.protocol);
    if (s.goto !== undefined)
        req.goto = v.integer('spec.goto', s.goto, 1, 2 ** 32 - 1);
    if (s.action !== undefined)
        req.action = v.oneOf('spec.action', s.action, exports.RULE_ACTIONS);
    if (s.table !== undefined)
        req.table = (0, route_js_1.table)('spec.table', s.table);
    if (!del)
        req.action ??= req.goto === undefined ? binding_js_1.C.FR_ACT_TO_TBL : binding_js_1.C.FR_ACT_GOTO;
    if (req.goto !== undefined && req.action !== undefined && req.action !== binding_js_1.C.FR_ACT_GOTO) {
        throw (0, errors_js_1.rangeError)('spec.goto', "unset unless action is 'goto'", s.goto);
    }
    if (!del && req.action === binding_js_1.C.FR_ACT_GOTO && req.goto === undefined) {
        throw (0, errors_js_1.typeError)('spec.goto', "the priority to jump to (action 'goto' needs one)", s.goto);
    }
    if (req.table !== undefined && req.action !== undefined && req.action !== binding_js_1.C.FR_ACT_TO_TBL) {
        throw (0, errors_js_1.rangeError)('spec.table', "unset unless action is 'lookup'", s.table);
    }
    if (!del && req.action === binding_js_1.C.FR_ACT_TO_TBL)
        req.table ??= binding_js_1.C.RT_TABLE_MAIN;
    return req;
}
// ---- decoding -----------------------------------------------------------------------------------
/** Maps a native rule to the public one; undefined for families other than IPv4/IPv6 (ipmr, ...). */
function toRule(raw) {
    const family = (0, inet_js_1.ipFamily)(raw.family);
    if (family === undefined)
        return undefined;
    const r = {
        family, priority: raw.priority, tos: raw.tos, action: (0, inet_js_1.nameOr)(ACTION_NAMES, raw.action), not: raw.not,
        protocol: (0, inet_js_1.nameOr)(route_js_1.PROTOCOL_NAMES, raw.protocol),
    };
    if (raw.srcLength > 0)
        r.from = `${raw.src ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.srcLength}`;
    if (raw.dstLength > 0)
        r.to = `${raw.dst ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.dstLength}`;
    if (raw.iif !== undefined) {
        r.iif = raw.iif;
        r.iifDetached = raw.iifDetached === true;
    }
    if (raw.oif !== undefined) {
        r.oif = raw.oif;
        r.oifDetached = raw.oifDetached === true;
    }
    if (raw.fwmark !== undefined)
        r.fwmark = raw.fwmark;
    if (raw.fwmask !== undefined)
        r.fwmask = raw.fwmask;
    if (raw.uidRange !== undefined)
        r.uidRange = { start: raw.uidRange.start, end: raw.uidRange.end };
    if (raw.suppressPrefixLength !== undefined)
        r.suppressPrefixLength = raw.suppressPrefixLength;
    if (raw.table !== 0)
        r.table = raw.table;
    if (raw.goto !== undefined)
        r.goto = raw.goto;
    return r;
}
// ---- the family on one handle -------------------------------------------------------------------
/** Policy routing rules: `ip rule` on one handle. */
class Rules {
    #h;
    /** @internal Use `handle.rules`. */
    constructor(handle) {
        this.#h = handle;
    }
    /**
     * Lists the rules of both families (or one), in priority order as the kernel keeps them.
     *
     * Equivalent to: `ip [-4|-6] rule show [table T]`
     */
    async list(filter = {}) {
        const f = v.object('filter', filter);
        v.knownKeys('filter', f, ['family', 'table']);
        const family = f.family === undefined ? undefined : (0, inet_js_1.familyOption)('filter.family', f.family);
        const t = f.table === undefined ? undefined : (0, route_js_1.table)('filter.table', f.table);
        // The kernel filters a rule dump by family only (strict checking refuses anything else).
        const raw = (await this.#h.request(binding_js_1.C.RTM_GETRULE, binding_js_1.C.NLM_F_DUMP, {
            family: family === undefined ? binding_js_1.C.AF_UNSPEC : inet_js_1.AF[family],
        }));
        return raw.flatMap((r) => {
            const rule = toRule(r);
            return rule && (family === undefined || rule.family === family) && (t === undefined || rule.table === t) ? [rule] : [];
        });
    }
    /**
     * Adds a rule; rejects with EEXIST when an identical one exists.
     *
     * Equivalent to: `ip rule add [not] from 172.16.10.0/24 [to P] [iif D] [oif D] [fwmark M/MASK]
     * [tos T] [uidrange A-B] [pref N] [protocol P] lookup 10|goto N|nop|blackhole|unreachable|prohibit`
     */
    add(spec) {
        return this.#write(binding_js_1.C.RTM_NEWRULE, binding_js_1.C.NLM_F_CREATE | binding_js_1.C.NLM_F_EXCL, spec, false);
    }
    /**
     * Deletes the first rule that matches what the spec gives (`{ priority: 100 }` is enough); rejects
     * with ENOENT when none does.
     *
     * Equivalent to: `ip rule del pref 100`, `ip rule del from 172.16.10.0/24 table 10`
     */
    delete(spec) {
        return this.#write(binding_js_1.C.RTM_DELRULE, 0, spec, true);
    }
    #write(type, flags, spec, del) {
        let req;
        try {
            req = checkSpec(spec, del);
        }
        catch (e) {
            return Promise.reject(e);
        }
        return this.#h.request(type, flags, req).then(inet_js_1.nothing, (e) => {
            const where = (0, netns_js_1.describeNetns)(this.#h.netns);
            return Promise.reject((0, errors_js_1.explainRefusal)(e, where, `an identical rule already exists in ${where}`));
        });
    }
}
exports.Rules = Rules;
