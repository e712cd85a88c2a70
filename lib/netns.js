"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.NETNS_RUN_DIR = void 0;
exports.validateNetnsName = validateNetnsName;
exports.validateNetnsRef = validateNetnsRef;
exports.describeNetns = describeNetns;
exports.netnsError = netnsError;
exports.openNetnsFd = openNetnsFd;
exports.create = create;
exports.delete = remove;
exports.list = list;
exports.exists = exists;
exports.openSocket = openSocket;
exports.openSocketSync = openSocketSync;
exports.setId = setId;
exports.listIds = listIds;
// Named network namespaces, interoperable with `ip netns` (the same files under /run/netns), and the
// references by which a namespace is named elsewhere in the API (name, path, pid or fd).
const node_fs_1 = __importDefault(require("node:fs"));
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const pack_js_1 = require("./pack.js");
const validate_js_1 = require("./validate.js");
/** @internal Where named namespaces live, as iproute2 keeps them. */
exports.NETNS_RUN_DIR = '/run/netns';
/** @internal Checks a namespace name the way iproute2 does: no '/', not '.' or '..', 1 to 255 bytes. */
function validateNetnsName(field, v) {
    const name = (0, validate_js_1.string)(field, v);
    const bytes = Buffer.byteLength(name);
    if (bytes === 0 || bytes > 255 || name.includes('/') || name.includes('\0') || name === '.' || name === '..') {
        throw (0, errors_js_1.rangeError)(field, "a namespace name of 1 to 255 bytes, without '/' or NUL, not '.' or '..'", v);
    }
    return name;
}
/** @internal A namespace reference, checked; `field` names it in errors. */
function validateNetnsRef(field, v) {
    if (typeof v === 'string')
        return validateNetnsName(field, v);
    const o = (0, validate_js_1.object)(field, v);
    const keys = Object.keys(o);
    if (keys.length !== 1 || !['path', 'pid', 'fd'].includes(keys[0])) {
        throw (0, errors_js_1.typeError)(field, 'a namespace name, { path }, { pid } or { fd }', v);
    }
    if ('path' in o) {
        const p = (0, validate_js_1.string)(`${field}.path`, o.path);
        if (p.length === 0 || p.includes('\0'))
            throw (0, errors_js_1.rangeError)(`${field}.path`, 'a file path', p);
        return { path: p };
    }
    if ('pid' in o)
        return { pid: (0, validate_js_1.integer)(`${field}.pid`, o.pid, 1, 2 ** 31 - 1) };
    return { fd: (0, validate_js_1.integer)(`${field}.fd`, o.fd, 0, 2 ** 31 - 1) };
}
/** @internal How messages name a namespace: "namespace 'blue'", "the namespace of process 1234", ... */
function describeNetns(ref) {
    if (ref === undefined)
        return 'the current namespace';
    if (typeof ref === 'string')
        return `namespace '${ref}'`;
    if ('pid' in ref)
        return `the namespace of process ${ref.pid}`;
    if ('fd' in ref)
        return `the namespace of fd ${ref.fd}`;
    return `namespace '${ref.path}'`;
}
/**
 * @internal A failed namespace syscall told as the problem it is. `doing` is what was being done with the
 * namespace ('opening', 'entering', 'creating', 'deleting'); `what` is how it is named.
 */
function netnsError(e, doing, what, ref) {
    const err = e;
    if (err === null || typeof err !== 'object' || typeof err.code !== 'string' || err instanceof errors_js_1.NetnsError)
        return e;
    let message;
    if (err.code === 'ENOENT') {
        message = typeof ref === 'object' && 'pid' in ref ? `process ${ref.pid} does not exist (no ${err.path})` : `${what} does not exist`;
    }
    else if (err.code === 'EEXIST' && doing === 'creating') {
        message = `${what} already exists`;
    }
    else if (err.code === 'EPERM' || err.code === 'EACCES') {
        message = `${doing} ${what} needs CAP_SYS_ADMIN${doing === 'opening' ? ' (or read access to its file)' : ''}`;
    }
    else if (err.code === 'EINVAL' && (err.syscall === 'fstatfs' || err.syscall === 'ioctl(NS_GET_NSTYPE)')) {
        // The native check refuses what is no network namespace file: say so rather than name the check.
        message = `'${err.path}' is not a network namespace file: ${err.syscall === 'fstatfs' ? 'it is not on nsfs' : 'it is a namespace of another type'}`;
    }
    else {
        message = `${doing} ${what} failed: ${err.message.replace(/ \([A-Z0-9]+\)$/, '')}`;
    }
    return new errors_js_1.NetnsError(message, err);
}
/**
 * @internal An open namespace fd for `ref` (checked to be a network namespace file), and how to let it go:
 * `release()` closes what this call opened and leaves a caller's `{ fd }` open.
 */
function openNetnsFd(ref) {
    if (typeof ref === 'object' && 'fd' in ref)
        return { fd: ref.fd, release() { } };
    const path = typeof ref === 'string' ? `${exports.NETNS_RUN_DIR}/${ref}`
        : 'pid' in ref ? `/proc/${ref.pid}/ns/net` : ref.path;
    let fd;
    try {
        fd = binding_js_1.native.openNetns(path);
    }
    catch (e) {
        throw netnsError(e, 'opening', describeNetns(ref), ref);
    }
    let open = true;
    return {
        fd,
        release() {
            if (open)
                node_fs_1.default.closeSync(fd);
            open = false;
        },
    };
}
/**
 * Creates a named network namespace.
 *
 * Equivalent to: `ip netns add NAME`
 */
async function create(name) {
    const n = validateNetnsName('name', name);
    try {
        binding_js_1.native.netnsCreate(exports.NETNS_RUN_DIR, n);
    }
    catch (e) {
        throw netnsError(e, 'creating', describeNetns(n), n);
    }
}
/**
 * Deletes a named network namespace (its links go with it once nothing else holds it).
 *
 * Equivalent to: `ip netns delete NAME`
 */
// `delete` is a reserved word as a declaration name; it is exported under that name below.
async function remove(name) {
    const n = validateNetnsName('name', name);
    try {
        binding_js_1.native.netnsDelete(`${exports.NETNS_RUN_DIR}/${n}`);
    }
    catch (e) {
        throw netnsError(e, 'deleting', describeNetns(n), n);
    }
}
/**
 * The names of the namespaces under /run/netns.
 *
 * Equivalent to: `ip netns list`
 */
async function list() {
    try {
        return (await node_fs_1.default.promises.readdir(exports.NETNS_RUN_DIR)).sort();
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return [];
        throw e;
    }
}
/** Whether a named namespace exists (a namespace file under /run/netns). */
async function exists(name) {
    try {
        node_fs_1.default.closeSync(binding_js_1.native.openNetns(`${exports.NETNS_RUN_DIR}/${validateNetnsName('name', name)}`));
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOENT' || code === 'EINVAL')
            return false;
        throw e;
    }
    return true;
}
/** An error of entering `ref` (setns) as one naming the namespace; others as they are. */
function enterError(e, ref) {
    return e.syscall === 'setns' ? netnsError(e, 'entering', describeNetns(ref), ref) : e;
}
/**
 * @internal A netlink socket in the current namespace, or inside `ref`: made there by a helper
 * thread off Node's thread, which goes on with other work meanwhile (concurrent opens overlap).
 */
async function openSocket(ref) {
    if (ref === undefined)
        return new binding_js_1.native.Socket(-1);
    const ns = openNetnsFd(ref);
    try {
        return await binding_js_1.native.Socket.open(ns.fd);
    }
    catch (e) {
        throw enterError(e, ref);
    }
    finally {
        ns.release();
    }
}
/** @internal {@link openSocket} with Node's thread waiting, for callers that must return at once (`watch()`). */
function openSocketSync(ref) {
    if (ref === undefined)
        return new binding_js_1.native.Socket(-1);
    const ns = openNetnsFd(ref);
    try {
        return new binding_js_1.native.Socket(ns.fd);
    }
    catch (e) {
        throw enterError(e, ref);
    }
    finally {
        ns.release();
    }
}
/** A request on a short-lived socket in `ref`'s namespace (the current one when undefined). */
async function nsidRequest(ref, run) {
    const sock = await openSocket(ref);
    try {
        return await run((type, flags, req) => (0, pack_js_1.sendPacked)(sock, type, flags, req));
    }
    finally {
        sock.close();
    }
}
function idOptions(options) {
    const o = (0, validate_js_1.object)('options', options);
    for (const k of Object.keys(o))
        if (k !== 'netns')
            throw (0, errors_js_1.typeError)(`options.${k}`, 'one of the known options (netns)', k);
    return o.netns === undefined ? undefined : validateNetnsRef('options.netns', o.netns);
}
/**
 * Gives the named namespace an id in the current namespace (or in `options.netns`): the id by which
 * links whose peer or parent lives there report it (`linkNetnsId`). 'auto' lets the kernel pick the
 * next free one. An id, once given, stays for the namespace's life: a second one is refused.
 *
 * Equivalent to: `ip [-n NS] netns set NAME ID|auto`
 */
async function setId(name, id, options = {}) {
    const n = validateNetnsName('name', name);
    const nsid = id === 'auto' ? -1 : (0, validate_js_1.integer)('id', id, 0, 2 ** 31 - 1);
    const where = idOptions(options);
    const peer = openNetnsFd(n);
    try {
        await nsidRequest(where, (request) => request(binding_js_1.C.RTM_NEWNSID, 0, { fd: peer.fd, nsid }));
    }
    finally {
        peer.release();
    }
}
/**
 * The ids the current namespace (or `options.netns`) has given other namespaces, with their names
 * where they have one under /run/netns, in id order.
 *
 * Equivalent to: `ip [-n NS] netns list-id`
 */
async function listIds(options = {}) {
    const where = idOptions(options);
    return (await nsidRequest(where, async (request) => {
        const ids = (await request(binding_js_1.C.RTM_GETNSID, binding_js_1.C.NLM_F_DUMP, {})).map((r) => r.nsid).filter((x) => x >= 0);
        // The kernel names namespaces by id only: the names are found by asking the id of each file.
        const names = new Map();
        for (const name of await list()) {
            let peer;
            try {
                peer = openNetnsFd(name);
            }
            catch {
                continue; // gone meanwhile, or not a namespace file
            }
            try {
                const [r] = await request(binding_js_1.C.RTM_GETNSID, 0, { fd: peer.fd });
                if (r && r.nsid >= 0 && !names.has(r.nsid))
                    names.set(r.nsid, name);
            }
            finally {
                peer.release();
            }
        }
        return [...new Set(ids)].sort((a, b) => a - b).map((nsid) => {
            const e = { nsid };
            const name = names.get(nsid);
            if (name !== undefined)
                e.name = name;
            return e;
        });
    }));
}
