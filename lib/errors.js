"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.NetlinkError = void 0;
exports.setRequestNames = setRequestNames;
exports.systemError = systemError;
exports.show = show;
exports.typeError = typeError;
exports.rangeError = rangeError;
// Errors: NetlinkError for what the kernel refuses, Node-shaped system errors for syscalls, and the
// TypeError/RangeError helpers that name the field and the value of bad input.
const node_util_1 = __importDefault(require("node:util"));
const errnoMap = node_util_1.default.getSystemErrorMap();
function errnoName(errno) {
    const [name, text] = errnoMap.get(-errno) ?? [`E${errno}`, `errno ${errno}`];
    // Linux has one number for both; netlink speaks of operations, so name it as the kernel does.
    return [name === 'ENOTSUP' ? 'EOPNOTSUPP' : name, text];
}
let requestNames;
/** Registers the RTM_* names so errors can name the request (called by the handle module). */
function setRequestNames(constants) {
    requestNames = new Map(Object.entries(constants).filter(([k]) => k.startsWith('RTM_')).map(([k, v]) => [v, k]));
}
/**
 * What the kernel refused: Node's system-error shape (`code`, `errno`, `syscall`) with the request
 * named (`'RTM_NEWLINK'`) and the kernel's extended-ack text, when it sent one, in `kernelMessage`
 * and in the message.
 *
 * @example
 * ```ts
 * try { await links.add({ kind: 'macvlan', name: 'mv0', parent: 'eth0' }); }
 * catch (e) { if (e instanceof NetlinkError && e.code === 'EEXIST') { ... } }
 * ```
 */
class NetlinkError extends Error {
    /** Positive errno, as in Node's system errors. */
    errno;
    /** `'EEXIST'`, `'ENODEV'`, `'EBUSY'`, ...; `'ERR_DUMP_INTERRUPTED'` for a dump that kept changing. */
    code;
    /** The netlink request that failed, such as `'RTM_NEWLINK'`. */
    request;
    /** Same as `request`, for code written against Node's system errors. */
    syscall;
    /** The kernel's extended-ack text ("Unknown device type", ...), when it sent one. */
    kernelMessage;
    constructor(errno, requestType, kernelMessage = '', code) {
        const [name, text] = errnoName(errno);
        const request = typeof requestType === 'string' ? requestType : (requestNames?.get(requestType) ?? `request ${requestType}`);
        super(`${request} failed: ${kernelMessage || text} (${code ?? name})`);
        this.name = 'NetlinkError';
        this.errno = errno;
        this.code = code ?? name;
        this.request = request;
        this.syscall = request;
        if (kernelMessage)
            this.kernelMessage = kernelMessage;
    }
}
exports.NetlinkError = NetlinkError;
/** An Error shaped like Node's own system errors, for a syscall outside netlink. */
function systemError(errno, syscall, path) {
    const [name, text] = errnoName(errno);
    const e = new Error(`${syscall} ${path ? `'${path}' ` : ''}failed: ${text} (${name})`);
    e.errno = errno;
    e.code = name;
    e.syscall = syscall;
    if (path)
        e.path = path;
    return e;
}
/** A short, quoted rendering of a bad value for error messages. */
function show(value) {
    if (typeof value === 'string') {
        const s = value.length > 40 ? `${value.slice(0, 40)}...` : value;
        return JSON.stringify(s);
    }
    if (typeof value === 'bigint')
        return `${value}n`;
    if (typeof value === 'symbol' || typeof value === 'function')
        return typeof value;
    if (value === null || typeof value !== 'object')
        return String(value);
    if (Array.isArray(value))
        return 'an array';
    try {
        const s = JSON.stringify(value);
        return s.length > 60 ? `${s.slice(0, 60)}...` : s;
    }
    catch {
        return 'an object';
    }
}
/** TypeError: `field` has the wrong type. */
function typeError(field, expected, value) {
    const e = new TypeError(`${field} must be ${expected}, got ${show(value)}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
}
/** RangeError: `field` has the right type but an impossible value. */
function rangeError(field, expected, value) {
    const e = new RangeError(`${field} must be ${expected}, got ${show(value)}`);
    e.code = 'ERR_OUT_OF_RANGE';
    return e;
}
