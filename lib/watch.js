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
exports.Watch = void 0;
exports.registerWatchFamily = registerWatchFamily;
exports.watchArgs = watchArgs;
// Watching the kernel: rtnetlink notifications as an async iterator, with the current objects first
// (listExisting), overruns surfaced, and a resync that re-lists after the kernel dropped events.
// See: man 7 rtnetlink (RTNLGRP_* multicast groups), man 7 netlink (ENOBUFS on overrun).
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const addr_js_1 = require("./addr.js");
const link_js_1 = require("./link.js");
const neigh_js_1 = require("./neigh.js");
const route_js_1 = require("./route.js");
const rule_js_1 = require("./rule.js");
const v = __importStar(require("./validate.js"));
const pack_js_1 = require("./pack.js");
/** Dumps per address family: both when the family-less group is chosen. */
function perFamily(groups, all, v4, v6) {
    if (groups.has(all) || (groups.has(v4) && groups.has(v6)))
        return [binding_js_1.C.AF_UNSPEC];
    return [...(groups.has(v4) ? [binding_js_1.C.AF_INET] : []), ...(groups.has(v6) ? [binding_js_1.C.AF_INET6] : [])];
}
const families = [];
const isBridgeFamily = (raw) => raw.family === binding_js_1.C.AF_BRIDGE;
/** Registers a family for watching (called by each family's module). */
function registerWatchFamily(f) {
    families.push(f);
}
registerWatchFamily({
    type: 'link',
    groups: { link: [binding_js_1.C.RTNLGRP_LINK] },
    newType: binding_js_1.C.RTM_NEWLINK,
    delType: binding_js_1.C.RTM_DELLINK,
    dumps: () => [{ type: binding_js_1.C.RTM_GETLINK, req: { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS } }],
    // AF_BRIDGE link messages are a bridge port's VLANs and STP state (`bridge monitor`), not a link.
    decode: (raw, names) => (isBridgeFamily(raw) ? undefined : (0, link_js_1.toLink)(raw, (i) => names.get(i))),
});
registerWatchFamily({
    type: 'address',
    groups: {
        address: [binding_js_1.C.RTNLGRP_IPV4_IFADDR, binding_js_1.C.RTNLGRP_IPV6_IFADDR],
        'ipv4-address': [binding_js_1.C.RTNLGRP_IPV4_IFADDR],
        'ipv6-address': [binding_js_1.C.RTNLGRP_IPV6_IFADDR],
    },
    newType: binding_js_1.C.RTM_NEWADDR,
    delType: binding_js_1.C.RTM_DELADDR,
    dumps: (g) => perFamily(g, 'address', 'ipv4-address', 'ipv6-address').map((family) => ({ type: binding_js_1.C.RTM_GETADDR, req: { family } })),
    decode: (raw, names) => (0, addr_js_1.toAddress)(raw, (i) => names.get(i)),
});
registerWatchFamily({
    type: 'route',
    groups: {
        route: [binding_js_1.C.RTNLGRP_IPV4_ROUTE, binding_js_1.C.RTNLGRP_IPV6_ROUTE],
        'ipv4-route': [binding_js_1.C.RTNLGRP_IPV4_ROUTE],
        'ipv6-route': [binding_js_1.C.RTNLGRP_IPV6_ROUTE],
    },
    newType: binding_js_1.C.RTM_NEWROUTE,
    delType: binding_js_1.C.RTM_DELROUTE,
    // Every table, as the notifications come from every table.
    dumps: (g) => perFamily(g, 'route', 'ipv4-route', 'ipv6-route').map((family) => ({ type: binding_js_1.C.RTM_GETROUTE, req: { family } })),
    decode: (raw, names) => (0, route_js_1.toRoute)(raw, (i) => names.get(i)),
});
registerWatchFamily({
    type: 'neighbour',
    groups: { neighbour: [binding_js_1.C.RTNLGRP_NEIGH] },
    newType: binding_js_1.C.RTM_NEWNEIGH,
    delType: binding_js_1.C.RTM_DELNEIGH,
    dumps: () => [{ type: binding_js_1.C.RTM_GETNEIGH, req: { family: binding_js_1.C.AF_UNSPEC } }],
    decode: (raw, names) => (0, neigh_js_1.toNeighbour)(raw, (i) => names.get(i)),
});
registerWatchFamily({
    type: 'rule',
    groups: { rule: [binding_js_1.C.RTNLGRP_IPV4_RULE, binding_js_1.C.RTNLGRP_IPV6_RULE], 'ipv4-rule': [binding_js_1.C.RTNLGRP_IPV4_RULE], 'ipv6-rule': [binding_js_1.C.RTNLGRP_IPV6_RULE] },
    newType: binding_js_1.C.RTM_NEWRULE,
    delType: binding_js_1.C.RTM_DELRULE,
    dumps: (g) => perFamily(g, 'rule', 'ipv4-rule', 'ipv6-rule').map((family) => ({ type: binding_js_1.C.RTM_GETRULE, req: { family } })),
    decode: (raw) => (0, rule_js_1.toRule)(raw),
});
const GROUP_NAMES = [
    'link', 'address', 'ipv4-address', 'ipv6-address', 'route', 'ipv4-route', 'ipv6-route', 'neighbour', 'fdb', 'rule', 'ipv4-rule', 'ipv6-rule',
];
/**
 * The event stream of one subscription socket. Iterate it with `for await`; `break`, `return()` or
 * the signal close the socket.
 */
class Watch {
    #sock;
    #openListSocket;
    #groups;
    #families;
    #resync;
    #queue = [];
    // Live events read since the current listing began wait here, to follow it.
    #held;
    // Counts listings begun: a listing that an overrun (or a newer listing) made pointless drops out.
    #listing = 0;
    #backoff;
    #wake;
    #error;
    #done = false;
    #names = new Map();
    #reportLinks;
    #onAbort = () => {
        this.#queue.length = 0;
        this.#finish();
    };
    #signal;
    /** @internal Use `handle.watch()`. */
    constructor(sock, openListSocket, groups, options, listExisting) {
        this.#sock = sock;
        this.#openListSocket = openListSocket;
        this.#groups = groups;
        this.#families = families.filter((f) => Object.keys(f.groups).some((g) => groups.has(g)));
        this.#resync = options.resync ?? listExisting;
        this.#signal = options.signal;
        const ids = this.#families.flatMap((f) => Object.entries(f.groups).filter(([g]) => groups.has(g)).flatMap(([, ids]) => ids));
        // Addresses, routes and neighbours name their links: link events keep the names current (and are
        // reported only when 'link' is watched), a first link listing gives the names to start with.
        this.#reportLinks = groups.has('link');
        if (this.#families.some((f) => f.type !== 'link'))
            ids.push(binding_js_1.C.RTNLGRP_LINK);
        // Subscribe first, then list: whatever changes during the listing arrives as events after it.
        // With resync, the notifications still queued when the kernel reports a drop are older than
        // the loss: the socket discards them and says when it has caught up, and the listing starts
        // then, so nothing read before it is delivered after it as news.
        sock.subscribe([...new Set(ids)], (evs) => this.#onEvents(evs), options.receiveBufferSize, this.#resync ? () => this.#onCaughtUp() : undefined);
        this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
        if (this.#signal?.aborted)
            this.#finish();
        else if (listExisting || !this.#reportLinks)
            void this.#list(listExisting);
    }
    #onEvents(evs) {
        if (this.#done)
            return;
        if (evs === null) {
            this.#push({ type: 'overrun' });
            if (this.#resync) {
                // A listing under way may miss what was lost: it is abandoned, and the one that replaces
                // it begins once the socket has caught up (#onCaughtUp).
                this.#listing++;
                this.#held = [];
                this.#stopBackoff();
            }
            return;
        }
        if (this.#held)
            this.#held.push(...evs);
        else
            for (const ev of evs)
                this.#emit(ev, false);
    }
    #onCaughtUp() {
        if (!this.#done)
            void this.#list();
    }
    #emit(ev, existing) {
        // A bridge port's AF_BRIDGE RTM_DELLINK means it left its bridge, not that it is gone.
        const link = (ev.type === binding_js_1.C.RTM_NEWLINK || ev.type === binding_js_1.C.RTM_DELLINK) && !isBridgeFamily(ev.data);
        if (link) {
            const l = ev.data;
            if (ev.type === binding_js_1.C.RTM_NEWLINK)
                this.#names.set(l.index, l.name);
            if (!this.#reportLinks)
                return;
        }
        // Families that share a message type (neighbours and FDB entries) each take their own objects.
        for (const f of ev.family ? [ev.family] : this.#families.filter((x) => x.newType === ev.type || x.delType === ev.type)) {
            const action = ev.type === f.delType ? 'delete' : 'new';
            const data = f.decode(ev.data, this.#names);
            if (data === undefined)
                continue;
            const out = { type: f.type, action, data };
            if (existing)
                out.existing = true;
            this.#push(out);
        }
        if (link && ev.type === binding_js_1.C.RTM_DELLINK)
            this.#names.delete(ev.data.index);
    }
    // Lists on a socket of its own, so a flood of notifications on the subscription socket cannot
    // overflow the listing's replies; the subscription was made first, so nothing falls in between.
    // Events read while it runs are held and delivered after it: each carries its object whole, so
    // replaying changes that the listing already shows converges on the same state.
    async #list(objects = true) {
        const id = ++this.#listing;
        const current = () => id === this.#listing && !this.#done;
        let ls;
        try {
            ls = this.#openListSocket();
            for (let attempt = 0;; attempt++) {
                // Events read before this attempt began are older than what it lists: dropped.
                this.#held = [];
                let listed;
                try {
                    listed = await this.#dumpAll(ls, objects);
                }
                catch (e) {
                    if (!current() || e.code !== 'ERR_DUMP_INTERRUPTED')
                        throw e;
                    // The tables kept changing under every try (the socket asks a few times itself): wait,
                    // longer each time (up to a second), and list again. The watch does not end because the
                    // system is busy; live events go on being read meanwhile.
                    await this.#pause(Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random() / 2));
                    if (!current())
                        return;
                    continue;
                }
                if (!current())
                    return;
                // The listing names every link there is now; names of links deleted unseen go.
                this.#names.clear();
                for (const ev of listed)
                    this.#emit(ev, true);
                if (objects)
                    this.#push({ type: 'synced' });
                const held = this.#held;
                this.#held = undefined;
                for (const ev of held)
                    this.#emit(ev, false);
                return;
            }
        }
        catch (e) {
            if (current())
                this.#fail(e);
        }
        finally {
            ls?.close();
        }
    }
    async #dumpAll(ls, objects) {
        const listed = [];
        if (!this.#reportLinks) {
            for (const data of await (0, pack_js_1.sendPacked)(ls, binding_js_1.C.RTM_GETLINK, binding_js_1.C.NLM_F_DUMP, { extMask: binding_js_1.C.RTEXT_FILTER_SKIP_STATS })) {
                listed.push({ type: binding_js_1.C.RTM_NEWLINK, data });
            }
        }
        for (const f of objects ? this.#families : []) {
            for (const d of f.dumps(this.#groups)) {
                for (const data of await (0, pack_js_1.sendPacked)(ls, d.type, binding_js_1.C.NLM_F_DUMP, d.req))
                    listed.push({ type: f.newType, data, family: f });
            }
        }
        return listed;
    }
    #pause(ms) {
        return new Promise((resolve) => {
            this.#backoff = { timer: setTimeout(resolve, ms), resolve };
        }).finally(() => {
            this.#backoff = undefined;
        });
    }
    #stopBackoff() {
        if (!this.#backoff)
            return;
        clearTimeout(this.#backoff.timer);
        this.#backoff.resolve();
    }
    #push(ev) {
        this.#queue.push(ev);
        this.#wake?.();
    }
    #fail(e) {
        this.#error = e;
        this.#finish();
    }
    #finish() {
        if (this.#done)
            return;
        this.#done = true;
        this.#signal?.removeEventListener('abort', this.#onAbort);
        this.#stopBackoff();
        this.#sock.close();
        this.#wake?.();
    }
    async next() {
        for (;;) {
            const ev = this.#queue.shift();
            if (ev)
                return { value: ev, done: false };
            if (this.#error !== undefined) {
                const e = this.#error;
                this.#error = undefined;
                throw e;
            }
            if (this.#done)
                return { value: undefined, done: true };
            await new Promise((resolve) => (this.#wake = resolve));
            this.#wake = undefined;
        }
    }
    /** Stops watching and closes the socket (what `break` in `for await` calls). */
    async return() {
        this.#finish();
        this.#queue.length = 0;
        return { value: undefined, done: true };
    }
    [Symbol.asyncIterator]() {
        return this;
    }
}
exports.Watch = Watch;
/** Checks watch() arguments; returns the groups and whether to list existing objects. */
function watchArgs(groups, options) {
    const list = typeof groups === 'string' ? [groups] : groups;
    if (!Array.isArray(list) || list.length === 0)
        throw (0, errors_js_1.typeError)('groups', `a non-empty array of ${GROUP_NAMES.map((g) => `'${g}'`).join(', ')}`, groups);
    const set = new Set();
    for (const [i, g] of list.entries()) {
        if (!GROUP_NAMES.includes(g))
            throw (0, errors_js_1.rangeError)(`groups[${i}]`, `one of ${GROUP_NAMES.map((x) => `'${x}'`).join(', ')}`, g);
        if (!families.some((f) => g in f.groups))
            throw (0, errors_js_1.rangeError)(`groups[${i}]`, 'a group this build can watch', g);
        set.add(g);
    }
    const o = v.object('options', options ?? {});
    v.knownKeys('options', o, ['signal', 'listExisting', 'resync', 'receiveBufferSize']);
    if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
        throw (0, errors_js_1.typeError)('options.signal', 'an AbortSignal', o.signal);
    const listExisting = o.listExisting === undefined ? false : v.boolean('options.listExisting', o.listExisting);
    if (o.resync !== undefined)
        v.boolean('options.resync', o.resync);
    if (o.receiveBufferSize !== undefined)
        v.integer('options.receiveBufferSize', o.receiveBufferSize, 1024, 2 ** 31 - 1);
    return { groups: set, options: o, listExisting };
}
