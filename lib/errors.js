"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.NetnsError = exports.NetlinkError = void 0;
exports.setRequestNames = setRequestNames;
exports.requestName = requestName;
exports.withDetail = withDetail;
exports.explainRefusal = explainRefusal;
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
const EPERM = 1;
let requestNames;
/** Registers the RTM_* names so errors can name the request (called by the handle module). */
function setRequestNames(constants) {
    requestNames = new Map(Object.entries(constants).filter(([k]) => k.startsWith('RTM_')).map(([k, v]) => [v, k]));
}
/** The RTM_* name of a request type ('RTM_NEWLINK'), or 'request N' for one without a name. */
function requestName(type) {
    return requestNames?.get(type) ?? `request ${type}`;
}
/**
 * What the kernel refused: Node's system-error shape (`code`, `errno`, `syscall`) with the request
 * named (`'RTM_NEWLINK'`). The message says what went wrong in rtnl's words where rtnl knows more
 * than the kernel said (`link 'mv0' already exists in namespace 'blue'`, `spec.parent: no link named
 * 'eth9' in namespace 'blue'`, `kind 'ipvlan' is not supported by this kernel ...`, the capability
 * an EPERM lacks), followed by the kernel's own extended-ack text, which alone is `kernelMessage`.
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
    /** The kernel's extended-ack text ("Unknown device type", ...), exactly as it sent it; unset when it sent none. */
    kernelMessage;
    /**
     * @param detail rtnl's own account of the failure, put in the message before the kernel's text
     *   (never in `kernelMessage`).
     */
    constructor(errno, requestType, kernelMessage = '', code, detail) {
        const [name, text] = errnoName(errno);
        const request = typeof requestType === 'string' ? requestType : requestName(requestType);
        // EPERM: the capability that is missing. The handle's facade names the namespace where it can.
        detail ??= errno === EPERM ? 'not permitted without CAP_NET_ADMIN over the network namespace' : undefined;
        const says = detail === undefined ? (kernelMessage || text) : kernelMessage ? `${detail}; kernel: ${kernelMessage}` : detail;
        super(`${request} failed: ${says} (${code ?? name})`);
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
/** The same refusal (errno, code, request, kernel text) told with rtnl's `detail`. */
function withDetail(e, detail) {
    return new NetlinkError(e.errno, e.request, e.kernelMessage, e.code, detail);
}
/**
 * A kernel refusal of a change told in the user's terms: EEXIST with `exists` (such as "link 'mv0'
 * already exists in namespace 'blue'"), EPERM with the capability and the namespace (`where`).
 * Anything else is returned as it is.
 */
function explainRefusal(e, where, exists) {
    if (!(e instanceof NetlinkError))
        return e;
    if (e.code === 'EEXIST' && exists !== undefined)
        return withDetail(e, exists);
    if (e.code === 'EPERM')
        return withDetail(e, `not permitted without CAP_NET_ADMIN over ${where}`);
    return e;
}
/**
 * A namespace operation that failed: `netns.create`/`netns.delete`, opening a handle in a namespace,
 * a `netns` option naming one. The message says the problem (`namespace 'nope' does not exist`,
 * `namespace 'x' already exists`, `entering namespace 'x' needs CAP_SYS_ADMIN`) and it keeps Node's
 * system-error fields: `code` ('ENOENT', 'EEXIST', 'EPERM', 'EINVAL', ...), `errno`, `syscall`
 * ('open', 'setns', 'umount2', ...) and `path`.
 */
class NetnsError extends Error {
    /** The system error code: 'ENOENT', 'EEXIST', 'EPERM', 'EACCES', 'EINVAL', ... */
    code;
    /** Positive errno, as in Node's system errors. */
    errno;
    /** The syscall that failed ('open', 'setns', 'unshare', 'mount', 'umount2', 'unlink', ...). */
    syscall;
    /** The namespace file it was about, when there is one ('/run/netns/NAME', '/proc/PID/ns/net', ...). */
    path;
    /** @internal */
    constructor(message, cause) {
        super(`${message} (${cause.code})`, { cause });
        this.name = 'NetnsError';
        this.code = cause.code ?? 'EIO';
        this.errno = Math.abs(cause.errno ?? 0);
        this.syscall = cause.syscall ?? '';
        if (cause.path !== undefined)
            this.path = cause.path;
    }
}
exports.NetnsError = NetnsError;
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
