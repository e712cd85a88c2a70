"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Rtnl = void 0;
exports.open = open;
// The handle: one netlink socket in one namespace, the object families that use it, and `open`.
const node_util_1 = __importDefault(require("node:util"));
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const link_js_1 = require("./link.js");
const netns_js_1 = require("./netns.js");
const validate_js_1 = require("./validate.js");
const pack_js_1 = require("./pack.js");
const watch_js_1 = require("./watch.js");
const addr_js_1 = require("./addr.js");
const route_js_1 = require("./route.js");
const neigh_js_1 = require("./neigh.js");
const bridge_js_1 = require("./bridge.js");
const rule_js_1 = require("./rule.js");
const attach_js_1 = require("./attach.js");
const sysctl_js_1 = require("./sysctl.js");
(0, errors_js_1.setRequestNames)(binding_js_1.C);
const debug = node_util_1.default.debuglog('rtnl');
/** A netlink handle: one socket, bound to one network namespace for its whole life. */
class Rtnl {
    /** Links in this handle's namespace (`ip link`). */
    links;
    /** Addresses in this handle's namespace (`ip addr`). */
    addresses;
    /** Routes in this handle's namespace (`ip route`). */
    routes;
    /** Neighbour (ARP/NDP) entries in this handle's namespace (`ip neigh`). */
    neighbours;
    /** Bridge port VLAN tables in this handle's namespace (`bridge vlan`). */
    bridgeVlans;
    /** Bridge forwarding databases in this handle's namespace (`bridge fdb`). */
    fdb;
    /** Policy routing rules in this handle's namespace (`ip rule`). */
    rules;
    /** The namespace this handle works in, as given to `open()`; undefined for the current one. */
    netns;
    /** `net.*` sysctls of this handle's namespace (`ip netns exec NS sysctl ...`, without a child process). */
    sysctl;
    #sock;
    #closed = false;
    /** @internal Use `open()`. */
    constructor(sock, netns) {
        this.#sock = sock;
        this.netns = netns;
        this.links = new link_js_1.Links({
            request: (type, flags, req) => this.request(type, flags, req),
            netns,
            linkUpdates: (signal) => linkUpdates(this, signal),
            openLinks: (ref) => open({ netns: ref }),
        });
        this.addresses = new addr_js_1.Addresses(this);
        this.routes = new route_js_1.Routes(this);
        this.neighbours = new neigh_js_1.Neighbours(this);
        this.bridgeVlans = new bridge_js_1.BridgeVlans(this);
        this.fdb = new bridge_js_1.Fdb(this);
        this.rules = new rule_js_1.Rules(this);
        this.sysctl = new sysctl_js_1.Sysctl(() => this.netns);
    }
    /** @internal Sends one request on this handle's socket. */
    request(type, flags, req) {
        // The native promise itself, with no async wrapper around it: one layer less on every request.
        if (!debug.enabled) {
            try {
                return (0, pack_js_1.sendPacked)(this.#sock, type, flags, req);
            }
            catch (e) {
                return Promise.reject(e);
            }
        }
        return this.#debugRequest(type, flags, req);
    }
    async #debugRequest(type, flags, req) {
        const t0 = process.hrtime.bigint();
        const what = `${(0, errors_js_1.requestName)(type)} flags=${flagNames(type, flags)}`;
        try {
            const r = await (0, pack_js_1.sendPacked)(this.#sock, type, flags, req);
            debug('%s -> %d replies in %dus', what, r.length, Number(process.hrtime.bigint() - t0) / 1000);
            return r;
        }
        catch (e) {
            debug('%s -> %s', what, e.message);
            throw e;
        }
    }
    /**
     * Attaches a namespace to a macvlan/ipvlan network on a parent in this handle's namespace, in one
     * call that either completes or removes everything it created. See {@link attach}.
     *
     * Equivalent to: `ip link add eth0 link eth0.50 netns NS type macvlan mode bridge;
     * ip netns exec NS sysctl -w net.ipv4.conf.eth0.arp_notify=1; ip -n NS addr add CIDR dev eth0;
     * ip -n NS link set lo up; ip -n NS link set eth0 up; ip -n NS route add default via GW dev eth0`
     */
    attach(options) {
        return (0, attach_js_1.attach)(this, options, (netns) => open({ netns }));
    }
    /**
     * Removes an attached interface, and its `NAME.VID` parent when attach created it and nothing
     * uses it any more. Idempotent: what is already gone (the interface, the namespace) is success.
     * See {@link detach}.
     *
     * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was attach's)
     */
    detach(options) {
        return (0, attach_js_1.detach)(this, options, (netns) => open({ netns }));
    }
    /**
     * CNI's CHECK: the differences between the interface in `options.netns` and what attach would
     * have made with these options; empty when it matches. See {@link check}.
     *
     * Equivalent to: `ip -n NS -d link show eth0; ip -n NS addr; ip -n NS route`, compared with the options
     */
    check(options) {
        return (0, attach_js_1.check)(this, options, (netns) => open({ netns }));
    }
    /**
     * Watches for changes in this handle's namespace, on a subscription socket of its own.
     *
     * Equivalent to: `ip monitor link address route neigh rule` (with `listExisting`: a listing first)
     *
     * @example
     * ```ts
     * for await (const ev of h.watch(['link'], { listExisting: true })) {
     *   if (ev.type === 'link' && ev.data.name === 'mv0' && ev.data.flags.up) break;
     * }
     * ```
     */
    watch(groups, options = {}) {
        const a = (0, watch_js_1.watchArgs)(groups, options);
        return new watch_js_1.Watch((0, netns_js_1.openSocketSync)(this.netns), () => (0, netns_js_1.openSocketSync)(this.netns), a.groups, a.options, a.listExisting);
    }
    /** Requests in flight or queued on this handle. */
    get pending() {
        return this.#sock.pending + (0, pack_js_1.queuedOn)(this.#sock);
    }
    /** Closes the socket. Pending requests reject with code 'ERR_RTNL_CLOSED'; closing twice is harmless. */
    close() {
        if (this.#closed)
            return;
        this.#closed = true;
        this.#sock.close();
        (0, pack_js_1.flushQueued)(this.#sock); // what this run queued is rejected now, unsent
    }
    /** Whether `close()` was called. */
    get closed() {
        return this.#closed;
    }
}
exports.Rtnl = Rtnl;
/**
 * Opens a handle: a netlink socket in the current namespace, or inside `options.netns`.
 * The socket is made inside the namespace by a helper thread while Node's thread goes on with other
 * work (opens of many namespaces overlap); Node's own thread never changes namespace. An idle
 * handle does not keep the process alive.
 *
 * Equivalent to: `ip -n NAME ...` (every call on the handle acts in that namespace)
 */
async function open(options = {}) {
    const o = (0, validate_js_1.object)('options', options);
    (0, validate_js_1.knownKeys)('options', o, ['netns']);
    const ref = o.netns === undefined ? undefined : (0, netns_js_1.validateNetnsRef)('options.netns', o.netns);
    return new Rtnl(await (0, netns_js_1.openSocket)(ref), ref);
}
/**
 * The nlmsg_flags a request goes out with, by name as in the kernel's NLM_F_* (`REQUEST|ACK|CREATE|EXCL`):
 * the socket adds REQUEST, and ACK to all but dumps. Bits without a name here are shown in hex.
 */
function flagNames(type, flags) {
    const dump = (flags & binding_js_1.C.NLM_F_DUMP) === binding_js_1.C.NLM_F_DUMP;
    let left = flags | binding_js_1.C.NLM_F_REQUEST | (dump ? 0 : binding_js_1.C.NLM_F_ACK);
    const names = [];
    const bits = [['REQUEST', binding_js_1.C.NLM_F_REQUEST], ['ACK', binding_js_1.C.NLM_F_ACK], ['ECHO', binding_js_1.C.NLM_F_ECHO]];
    // The high bits mean one thing on new-requests and another on get-requests (RTM_NEW* = 4n, RTM_GET* = 4n + 2).
    if (type % 4 === 2)
        bits.push(['DUMP', binding_js_1.C.NLM_F_DUMP]);
    if (type % 4 === 0)
        bits.push(['CREATE', binding_js_1.C.NLM_F_CREATE], ['EXCL', binding_js_1.C.NLM_F_EXCL], ['REPLACE', binding_js_1.C.NLM_F_REPLACE], ['APPEND', binding_js_1.C.NLM_F_APPEND]);
    for (const [name, bit] of bits) {
        if ((left & bit) !== bit)
            continue;
        names.push(name);
        left &= ~bit;
    }
    if (left)
        names.push(`0x${left.toString(16)}`);
    return names.join('|');
}
/** New and changed links of the handle's namespace, those that exist first, until `signal` aborts. */
async function* linkUpdates(h, signal) {
    for await (const ev of h.watch('link', { listExisting: true, signal })) {
        if (ev.type === 'link' && ev.action === 'new')
            yield ev.data;
    }
}
