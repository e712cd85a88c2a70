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
exports.bridgePortInfo = exports.bridgeInfo = exports.BRIDGE_KEYS = exports.bridgePortRequest = exports.bridgeRequest = exports.BRIDGE_PORT_STATES = void 0;
// Bridge and bridge port options (ip link ... type bridge / type bridge_slave): the public types, one
// table per object that names each option's type and range, validation into native requests and
// decoding back. Names are iproute2's JSON keys (`ip -d -j link show`) in camelCase.
const binding_js_1 = require("./binding.js");
const v = __importStar(require("./validate.js"));
const bool = { t: 'bool' };
const int = (min, max) => ({ t: 'int', min, max });
const U16 = int(0, 65535);
const U32 = int(0, 2 ** 32 - 1);
const U64 = int(0, Number.MAX_SAFE_INTEGER);
const RO = { t: 'id' };
exports.BRIDGE_PORT_STATES = new Map([
    ['disabled', binding_js_1.C.BR_STATE_DISABLED], ['listening', binding_js_1.C.BR_STATE_LISTENING], ['learning', binding_js_1.C.BR_STATE_LEARNING],
    ['forwarding', binding_js_1.C.BR_STATE_FORWARDING], ['blocking', binding_js_1.C.BR_STATE_BLOCKING],
]);
const BRIDGE_VLAN_PROTOCOLS = new Map([['802.1Q', binding_js_1.C.ETH_P_8021Q], ['802.1ad', binding_js_1.C.ETH_P_8021AD]]);
const BRIDGE = {
    forwardDelay: U32, helloTime: U32, maxAge: U32, ageingTime: U32, stpState: int(0, 1), priority: U16,
    vlanFiltering: bool, vlanProtocol: { t: 'enum', values: BRIDGE_VLAN_PROTOCOLS }, defaultPvid: int(0, 4094),
    vlanStatsEnabled: bool, vlanStatsPerPort: bool, groupFwdMask: U16, groupAddr: { t: 'mac' },
    mcastSnooping: bool, mcastRouter: int(0, 2), mcastQueryUseIfaddr: bool, mcastQuerier: bool,
    mcastHashElasticity: U32, mcastHashMax: U32, mcastLastMemberCnt: U32, mcastStartupQueryCnt: U32,
    mcastLastMemberIntvl: U64, mcastMembershipIntvl: U64, mcastQuerierIntvl: U64, mcastQueryIntvl: U64,
    mcastQueryResponseIntvl: U64, mcastStartupQueryIntvl: U64, mcastStatsEnabled: bool,
    mcastIgmpVersion: int(2, 3), mcastMldVersion: int(1, 2),
    nfCallIptables: bool, nfCallIp6tables: bool, nfCallArptables: bool, noLinklocalLearn: bool, mcastVlanSnooping: bool,
    bridgeId: RO, rootId: RO, rootPort: RO, rootPathCost: RO, topologyChange: { t: 'flag' }, topologyChangeDetected: { t: 'flag' },
    helloTimer: { t: 'timer' }, tcnTimer: { t: 'timer' }, topologyChangeTimer: { t: 'timer' }, gcTimer: { t: 'timer' },
};
const BRIDGE_PORT = {
    hairpin: bool, learning: bool, flood: bool, mcastFlood: bool, bcastFlood: bool, neighSuppress: bool, isolated: bool,
    guard: bool, fastLeave: bool, cost: int(1, 65535), priority: int(0, 63), state: { t: 'enum', values: exports.BRIDGE_PORT_STATES },
    rootBlock: bool, proxyArp: bool, proxyArpWifi: bool, multicastRouter: int(0, 3), mcastToUnicast: bool,
    groupFwdMask: U16, vlanTunnel: bool, locked: bool,
    id: RO, no: RO, designatedPort: RO, designatedCost: RO, bridgeId: RO, rootId: RO,
    holdTimer: { t: 'timer' }, messageAgeTimer: { t: 'timer' }, forwardDelayTimer: { t: 'timer' },
    topologyChangeAck: { t: 'flag' }, configPending: { t: 'flag' },
};
const settable = (table) => Object.keys(table).filter((k) => !['timer', 'flag', 'id'].includes(table[k].t));
const SETTABLE = new Map([[BRIDGE, settable(BRIDGE)], [BRIDGE_PORT, settable(BRIDGE_PORT)]]);
/** A native request from options: every value checked against its option's type and range. */
function encode(field, o, table) {
    const s = v.object(field, o);
    v.knownKeys(field, s, SETTABLE.get(table));
    const out = {};
    for (const [key, value] of Object.entries(s)) {
        if (value === undefined)
            continue;
        const opt = table[key];
        const f = `${field}.${key}`;
        if (opt.t === 'bool')
            out[key] = v.boolean(f, value) ? 1 : 0;
        else if (opt.t === 'int')
            out[key] = v.integer(f, value, opt.min, opt.max);
        else if (opt.t === 'enum')
            out[key] = v.oneOf(f, value, opt.values);
        else if (opt.t === 'mac')
            out[key] = v.mac(f, value);
    }
    return out;
}
function decode(raw, table) {
    const out = {};
    for (const [key, value] of Object.entries(raw)) {
        const opt = table[key];
        if (opt === undefined)
            continue;
        if (opt.t === 'bool' || opt.t === 'flag')
            out[key] = value !== 0;
        else if (opt.t === 'timer')
            out[key] = value / 100;
        else if (opt.t === 'enum')
            out[key] = [...opt.values].find(([, n]) => n === value)?.[0] ?? value;
        else
            out[key] = value;
    }
    return out;
}
/** `links.add({ kind: 'bridge', ... })`'s and `links.set(br, { bridge })`'s options into a native request. */
const bridgeRequest = (field, o) => encode(field, o, BRIDGE);
exports.bridgeRequest = bridgeRequest;
/** `links.set(port, { bridgePort })` into a native request. */
const bridgePortRequest = (field, o) => encode(field, o, BRIDGE_PORT);
exports.bridgePortRequest = bridgePortRequest;
/** The keys a bridge spec takes besides the common ones. */
exports.BRIDGE_KEYS = SETTABLE.get(BRIDGE);
/** A bridge's native details, named. */
const bridgeInfo = (raw) => decode(raw, BRIDGE);
exports.bridgeInfo = bridgeInfo;
/** A bridge port's native details, named. */
const bridgePortInfo = (raw) => decode(raw, BRIDGE_PORT);
exports.bridgePortInfo = bridgePortInfo;
