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
exports.ATTACH_PARENT_GROUP = exports.ATTACH_PARENT_ALIAS = exports.AttachError = void 0;
exports.attach = attach;
exports.detach = detach;
exports.check = check;
// attach/detach: what Docker's macvlan/ipvlan drivers and the CNI macvlan/ipvlan/vlan plugins do by
// hand, as one call that either completes or leaves nothing behind, and a teardown that converges.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const inet_js_1 = require("./inet.js");
const netns_js_1 = require("./netns.js");
const route_js_1 = require("./route.js");
const sysctl_js_1 = require("./sysctl.js");
const v = __importStar(require("./validate.js"));
/** An attach that failed: what was created has been removed. */
class AttachError extends Error {
    /** The step that failed (see {@link AttachStep}). */
    step;
    code = 'ERR_RTNL_ATTACH';
    constructor(step, what, cause) {
        super(`attach failed at step '${step}' (${what}): ${cause instanceof Error ? cause.message : String(cause)}; everything it created was removed`, { cause });
        this.name = 'AttachError';
        this.step = step;
    }
}
exports.AttachError = AttachError;
/** Marks a `NAME.VID` parent created by attach, on the link itself, so it survives restarts. */
exports.ATTACH_PARENT_ALIAS = 'rtnl:attach-parent';
/**
 * The link group a `NAME.VID` parent created by attach is born in ('rtnl' in ASCII). The kernel
 * sets a group, unlike an alias, in the request that creates the link, so a parent is never
 * unmarked, even when the process dies right after creating it.
 */
exports.ATTACH_PARENT_GROUP = 0x72746e6c;
const VLAN_PARENT = /^(.{1,10})\.(\d{1,4})$/;
const COMMON_KEYS = ['kind', 'parent', 'netns', 'ifname', 'mode', 'flags', 'mtu', 'address', 'addresses', 'gateway', 'metric', 'routes', 'dad', 'dadTimeout', 'announce', 'lo'];
const MACVLAN_MODES = ['private', 'vepa', 'bridge', 'passthru', 'source'];
const IPVLAN_MODES = ['l2', 'l3', 'l3s'];
const IPVLAN_FLAGS = ['bridge', 'private', 'vepa'];
const list = (xs) => xs.map((x) => `'${x}'`).join(', ');
/** Every check that needs no syscall: whatever cannot be right is refused before the first request. */
function checkOptions(options) {
    const o = v.object('options', options);
    v.knownKeys('options', o, COMMON_KEYS);
    const kind = o.kind ?? 'macvlan';
    if (kind !== 'macvlan' && kind !== 'macvtap' && kind !== 'ipvlan' && kind !== 'ipvtap') {
        throw (0, errors_js_1.rangeError)('options.kind', "'macvlan', 'macvtap', 'ipvlan' or 'ipvtap'", kind);
    }
    const ipvlan = kind === 'ipvlan' || kind === 'ipvtap';
    v.ifname('options.parent', o.parent);
    (0, netns_js_1.validateNetnsRef)('options.netns', o.netns);
    const ifname = o.ifname === undefined ? 'eth0' : v.ifname('options.ifname', o.ifname);
    const modes = ipvlan ? IPVLAN_MODES : MACVLAN_MODES;
    const mode = o.mode ?? (ipvlan ? 'l2' : 'bridge');
    if (typeof mode !== 'string' || !modes.includes(mode))
        throw (0, errors_js_1.rangeError)('options.mode', `one of ${list(modes)} for ${kind}`, o.mode);
    if (o.flags !== undefined) {
        if (!ipvlan)
            throw (0, errors_js_1.typeError)('options.flags', `unset for ${kind} (ipvlan flags only)`, o.flags);
        if (typeof o.flags !== 'string' || !IPVLAN_FLAGS.includes(o.flags))
            throw (0, errors_js_1.rangeError)('options.flags', `one of ${list(IPVLAN_FLAGS)}`, o.flags);
    }
    if (o.address !== undefined) {
        if (ipvlan)
            throw (0, errors_js_1.typeError)('options.address', `unset for ${kind} (an ipvlan has its parent's MAC)`, o.address);
        v.mac('options.address', o.address);
    }
    if (o.mtu !== undefined)
        v.integer('options.mtu', o.mtu, 68, 65535);
    if (o.metric !== undefined)
        v.integer('options.metric', o.metric, 0, 2 ** 32 - 1);
    const dad = o.dad ?? 'wait';
    if (dad !== 'wait' && dad !== 'skip')
        throw (0, errors_js_1.rangeError)('options.dad', "'wait' or 'skip'", dad);
    if (o.dadTimeout !== undefined)
        v.integer('options.dadTimeout', o.dadTimeout, 0, 2 ** 31 - 1);
    const announce = o.announce === undefined ? true : v.boolean('options.announce', o.announce);
    const lo = o.lo === undefined ? true : v.boolean('options.lo', o.lo);
    if (o.addresses !== undefined && !Array.isArray(o.addresses))
        throw (0, errors_js_1.typeError)('options.addresses', 'an array of CIDRs', o.addresses);
    // Array.from visits holes (map skips them): a sparse array is refused by index too.
    const addresses = Array.from((o.addresses ?? []), (a, i) => ({ cidr: a, family: (0, inet_js_1.cidr)(`options.addresses[${i}]`, a).family }));
    const gw = o.gateway === undefined ? [] : Array.isArray(o.gateway) ? Array.from(o.gateway) : [o.gateway];
    const gateways = gw.map((g, i) => ({ address: g, family: (0, inet_js_1.ipAddress)(Array.isArray(o.gateway) ? `options.gateway[${i}]` : 'options.gateway', g).family }));
    for (const f of [4, 6]) {
        if (gateways.filter((g) => g.family === f).length > 1)
            throw (0, errors_js_1.rangeError)('options.gateway', 'at most one IPv4 and one IPv6 address', o.gateway);
    }
    if (o.routes !== undefined && !Array.isArray(o.routes))
        throw (0, errors_js_1.typeError)('options.routes', 'an array of routes', o.routes);
    const routeFamilies = new Set(Array.from((o.routes ?? []), (r, i) => (0, route_js_1.checkRouteSpec)(`options.routes[${i}]`, r)));
    return { kind, ipvlan, mode, ifname, dad, addresses, gateways, routeFamilies, announce, lo };
}
// ---- the parent, shared between attaches and detaches -------------------------------------------
// Per parent (the handle's namespace and the parent's name): attach's "find or create the parent,
// then create the link on it" and detach's "is it unused? then remove it" run one at a time in this
// process, so a detach never removes a parent between an attach finding it and using it, and
// concurrent detaches agree on who removes it. Only NAME.VID parents (those attach may create and
// detach may remove) are locked.
const parentLocks = new Map();
// Namespaces that attaches of this process are putting links into, per parent: detach's search for
// users looks there too (they may be unnamed, not under /run/netns).
const attaching = new Map();
function parentKey(host, parent) {
    return `${JSON.stringify(host.netns ?? null)}\0${parent}`;
}
async function withParentLock(key, fn) {
    const prev = parentLocks.get(key) ?? Promise.resolve();
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const mine = prev.then(() => gate);
    parentLocks.set(key, mine);
    await prev;
    try {
        return await fn();
    }
    finally {
        release();
        if (parentLocks.get(key) === mine)
            parentLocks.delete(key);
    }
}
const unlocked = (_key, fn) => fn();
/** Whether attach made this parent: born in ATTACH_PARENT_GROUP, or aliased by an older rtnl. */
function isAttachParent(l) {
    return l.group === exports.ATTACH_PARENT_GROUP || l.alias === exports.ATTACH_PARENT_ALIAS;
}
const code = (e) => e?.code;
/**
 * The parent, created as a VLAN sub-interface when it has the NAME.VID form and does not exist:
 * in one request, up and in ATTACH_PARENT_GROUP (the alias follows). A parent of attach's found
 * down or without its alias (a process died while making it) is finished here.
 */
async function ensureParent(host, name) {
    let link;
    try {
        link = await host.links.get(name);
    }
    catch (e) {
        const m = VLAN_PARENT.exec(name);
        if (code(e) !== 'ENODEV' || !m)
            throw e;
        try {
            const made = await host.links.add({
                kind: 'vlan', name, parent: m[1], id: Number(m[2]), up: true, group: exports.ATTACH_PARENT_GROUP, alias: exports.ATTACH_PARENT_ALIAS,
            });
            return { link: made, created: true };
        }
        catch (err) {
            // Made meanwhile by another process: use it, it is not ours.
            if (code(err) !== 'EEXIST')
                throw err;
            link = await host.links.get(name);
        }
    }
    if (isAttachParent(link) && (!link.flags.up || link.alias !== exports.ATTACH_PARENT_ALIAS)) {
        await host.links.set(link.index, { up: true, alias: exports.ATTACH_PARENT_ALIAS });
        link = await host.links.get(link.index);
    }
    return { link, created: false };
}
/**
 * Deletes the parent unless a link still uses it. "Uses" means: a link whose parent is this link in
 * this namespace. In the parent's namespace that is a link with this parent index and no link
 * namespace; elsewhere (the named namespaces under /run/netns, `also`, and those attaches of this
 * process are filling), a link with this parent index whose link namespace id is the id that
 * namespace gives the parent's (indexes are per namespace: an equal index alone means nothing).
 */
async function removeParentIfUnused(host, parent, also, open) {
    const index = parent.index;
    const here = await host.links.list();
    if (!here.some((l) => l.index === index))
        return false;
    if (here.some((l) => l.parentIndex === index && l.linkNetnsId === undefined && l.index !== index))
        return false;
    const key = parentKey(host, parent.name);
    const refs = [...also, ...(attaching.get(key)?.values() ?? []), ...(await (0, netns_js_1.list)())];
    const self = (0, netns_js_1.openNetnsFd)(host.netns ?? { path: '/proc/self/ns/net' });
    try {
        const seen = new Set();
        for (const ref of refs) {
            const k = JSON.stringify(ref);
            if (seen.has(k))
                continue;
            seen.add(k);
            let links;
            try {
                const h = await open(ref);
                try {
                    links = await h.links.list();
                }
                finally {
                    h.close();
                }
            }
            catch {
                continue; // gone meanwhile, or not ours to read
            }
            const candidates = links.filter((l) => l.parentIndex === index && l.linkNetnsId !== undefined);
            if (candidates.length === 0)
                continue;
            let nsid;
            try {
                const ns = (0, netns_js_1.openNetnsFd)(ref);
                try {
                    nsid = await binding_js_1.native.netnsId(ns.fd, self.fd);
                }
                finally {
                    ns.release();
                }
            }
            catch {
                continue;
            }
            if (nsid >= 0 && candidates.some((l) => l.linkNetnsId === nsid))
                return false;
        }
    }
    finally {
        self.release();
    }
    try {
        await host.links.delete(index);
    }
    catch (e) {
        if (code(e) === 'ENODEV')
            return false; // removed meanwhile by another process
        throw e;
    }
    return true;
}
// ---- attach --------------------------------------------------------------------------------------
/**
 * Attaches a namespace to a macvlan/ipvlan network on `parent` in one call: the link is created
 * directly inside the namespace under its final name (it never appears in the parent's namespace;
 * a name already taken there is a clean EEXIST at step 'create'), its addresses are announced
 * (arp_notify/ndisc_notify), it gets its addresses, is brought up (with `lo`), and gets its routes.
 * If any step fails, everything this call created is removed in reverse order and the call rejects
 * with an {@link AttachError} naming the step. Input that cannot be right is refused with a
 * TypeError/RangeError before the first request.
 *
 * arp_notify is set over netlink (RTM_SETLINK with IFLA_AF_SPEC/AF_INET/IFLA_INET_CONF, as
 * `links.set(link, { inet: { arpNotify: 1 } })`: the same setting the sysctl writes, which `ip` has
 * no command for); ndisc_notify, which netlink cannot set, by the namespace's sysctl. The namespace
 * is entered (its socket, the sysctl) by helper threads off Node's thread, so concurrent attaches
 * overlap.
 *
 * Equivalent to: `ip link add eth0 link eth0.50 netns NS type macvlan mode bridge;
 * ip netns exec NS sysctl -w net.ipv4.conf.eth0.arp_notify=1 net.ipv6.conf.eth0.ndisc_notify=1;
 * ip -n NS addr add 172.16.10.5/24 dev eth0;
 * ip -n NS link set lo up; ip -n NS link set eth0 up; ip -n NS route add default via 172.16.10.1 dev eth0`
 */
async function attach(host, options, open) {
    const o = checkOptions(options);
    const undo = [];
    let step = 'create';
    let what = `namespace ${JSON.stringify(options.netns)}`;
    let target;
    let parentCreated = false;
    const key = parentKey(host, options.parent);
    const token = Symbol('attach');
    try {
        target = await open(options.netns);
        const t = target;
        // Default routes attach would add: refused now when the namespace has one with the same metric.
        const defaults = new Set(o.gateways.map((g) => g.family));
        const l3 = o.ipvlan && (o.mode === 'l3' || o.mode === 'l3s');
        if (l3 && o.gateways.length === 0 && options.routes === undefined)
            for (const a of o.addresses)
                defaults.add(a.family);
        for (const family of defaults) {
            const metric = options.metric ?? (family === 6 ? 1024 : 0);
            const clash = (await t.routes.list({ family, table: 'main' })).find((r) => r.dst === 'default' && (r.metric ?? 0) === metric);
            if (clash) {
                step = 'route';
                what = `default route for IPv${family}`;
                throw Object.assign(new Error(`the namespace already has a default route (default${clash.gateway ? ` via ${clash.gateway}` : ''}${clash.link ? ` dev ${clash.link}` : ''} metric ${metric}); ` +
                    'remove it first, or give attach another metric to add its own beside it'), { code: 'ERR_DEFAULT_ROUTE_EXISTS', route: clash });
            }
        }
        step = 'parent';
        what = `parent '${options.parent}'`;
        let users = attaching.get(key);
        if (!users)
            attaching.set(key, (users = new Map()));
        users.set(token, options.netns);
        // Only a NAME.VID parent can be created or removed by attach/detach: attaches on any other parent
        // need not wait for each other (nothing removes it between finding and using it), so they overlap.
        const created = await (VLAN_PARENT.test(options.parent) ? withParentLock : unlocked)(key, async () => {
            // A parent another process removed between our finding it and using it: find or make it again.
            for (let attempt = 0;; attempt++) {
                step = 'parent';
                what = `parent '${options.parent}'`;
                const parent = await ensureParent(host, options.parent);
                if (parent.created) {
                    parentCreated = true;
                    undo.push(() => withParentLock(key, () => removeParentIfUnused(host, parent.link, [options.netns], open)));
                }
                step = 'create';
                what = `${o.kind} '${o.ifname}' on '${options.parent}'`;
                try {
                    return await host.links.add({
                        ...(o.ipvlan
                            ? { kind: o.kind, mode: o.mode, flags: options.flags ?? 'bridge' }
                            : { kind: o.kind, mode: o.mode }),
                        name: o.ifname, parent: parent.link.index, netns: options.netns,
                        ...(options.mtu !== undefined && { mtu: options.mtu }),
                        ...(options.address !== undefined && { address: options.address }),
                    });
                }
                catch (e) {
                    if (!(e instanceof errors_js_1.NetlinkError && e.code === 'ENODEV' && VLAN_PARENT.test(options.parent) && attempt < 3))
                        throw e;
                }
            }
        });
        undo.push(() => t.links.delete(created.index));
        step = 'settings';
        const v6 = o.addresses.some((a) => a.family === 6) || o.gateways.some((g) => g.family === 6) || o.routeFamilies.has(6);
        if (v6) {
            // IPv6 disabled in the namespace (disable_ipv6 in 'default' or 'all'): enabled again on this
            // interface only, as the CNI plugins do, since it was asked for IPv6.
            what = `IPv6 on '${o.ifname}'`;
            const name = (0, sysctl_js_1.confName)(6, o.ifname, 'disable_ipv6');
            if ((await t.sysctl.get(name)) !== '0')
                await t.sysctl.set(name, 0);
        }
        if (o.announce) {
            // arp_notify over netlink (IFLA_AF_SPEC/AF_INET/IFLA_INET_CONF, kernel 2.6.38+) on the
            // handle's socket; IPv6's IFLA_INET6_CONF is read-only, so ndisc_notify is a sysctl.
            what = `arp_notify on '${o.ifname}'`;
            await t.links.set(created.index, { inet: { arpNotify: 1 } });
            what = `ndisc_notify on '${o.ifname}'`;
            await t.sysctl.set((0, sysctl_js_1.confName)(6, o.ifname, 'ndisc_notify'), 1).catch((e) => {
                if (code(e) !== 'ENOENT')
                    throw e; // a kernel without IPv6: nothing to announce
            });
        }
        step = 'address';
        for (const a of o.addresses) {
            what = `address ${a.cidr}`;
            await t.addresses.add(created.index, a.cidr, o.dad === 'skip' && a.family === 6 ? { nodad: true } : {});
        }
        step = 'up';
        if (o.lo) {
            what = "'lo' up";
            const lo = await t.links.get('lo');
            if (!lo.flags.up) {
                await t.links.set(lo.index, { up: true });
                undo.push(() => t.links.set(lo.index, { up: false }));
            }
        }
        what = `'${o.ifname}' up`;
        await t.links.set(created.index, { up: true });
        if (o.addresses.some((a) => a.family === 6) && o.dad === 'wait') {
            step = 'dad';
            what = `duplicate address detection on '${o.ifname}'`;
            await t.addresses.waitSettled(created.index, { timeout: options.dadTimeout ?? 10000 });
        }
        step = 'route';
        const metric = options.metric === undefined ? {} : { metric: options.metric };
        const routes = o.gateways.map((g) => ({ dst: 'default', family: g.family, gateway: g.address, link: created.index, ...metric }));
        if (l3 && o.gateways.length === 0 && options.routes === undefined) {
            // ipvlan l3: the parent routes; a connected default route per family, as Docker does.
            for (const family of new Set(o.addresses.map((a) => a.family)))
                routes.push({ dst: 'default', family, link: created.index, ...metric });
        }
        for (const r of options.routes ?? [])
            routes.push({ link: created.index, ...r });
        for (const r of routes) {
            what = `route ${r.dst}${r.gateway ? ` via ${r.gateway}` : ''}`;
            await t.routes.add(r);
        }
        return { link: await t.links.get(created.index), parentCreated };
    }
    catch (e) {
        for (const u of undo.reverse())
            await u().catch(() => undefined);
        throw new AttachError(step, what, e);
    }
    finally {
        const users = attaching.get(key);
        users?.delete(token);
        if (users?.size === 0)
            attaching.delete(key);
        target?.close();
    }
}
// ---- detach --------------------------------------------------------------------------------------
/** A namespace that no longer exists (its file removed, its process gone). */
function isGone(e) {
    return code(e) === 'ENOENT' || code(e) === 'ESRCH';
}
/**
 * Removes an attached interface; removes its `NAME.VID` parent too when attach created it and no
 * other link uses it any more. Idempotent and convergent: an interface already gone, or a namespace
 * already gone (the container exited first), is success and the parent step still runs; concurrent
 * detaches and attaches on one auto-created parent never fail because another call removed or
 * created it, and the parent goes exactly when its last user has gone. The result says what this
 * call removed.
 *
 * Equivalent to: `ip -n NS link delete eth0` (and `ip link delete eth0.50` when it was attach's and unused)
 */
async function detach(host, options, open) {
    v.object('options', options);
    v.knownKeys('options', options, ['netns', 'ifname', 'parent']);
    const ns = (0, netns_js_1.validateNetnsRef)('options.netns', options.netns);
    const ifname = options.ifname === undefined ? 'eth0' : v.ifname('options.ifname', options.ifname);
    if (options.parent !== undefined)
        v.ifname('options.parent', options.parent);
    let linkRemoved = false;
    let target;
    try {
        target = await open(ns);
    }
    catch (e) {
        if (!isGone(e))
            throw e;
    }
    if (target) {
        try {
            await target.links.delete(ifname);
            linkRemoved = true;
        }
        catch (e) {
            if (code(e) !== 'ENODEV')
                throw e;
        }
        finally {
            target.close();
        }
    }
    const parent = options.parent;
    if (parent === undefined || !VLAN_PARENT.test(parent))
        return { linkRemoved, parentRemoved: false };
    const parentRemoved = await withParentLock(parentKey(host, parent), async () => {
        let p;
        try {
            p = await host.links.get(parent);
        }
        catch (e) {
            if (code(e) === 'ENODEV')
                return false;
            throw e;
        }
        if (!isAttachParent(p))
            return false;
        return removeParentIfUnused(host, p, target ? [ns] : [], open);
    });
    return { linkRemoved, parentRemoved };
}
/** A CIDR or address as comparable text (the same address written two ways compares equal). */
function sameCidr(text) {
    const c = (0, inet_js_1.cidr)('cidr', text, { bare: true });
    return `${Buffer.from(c.bytes).toString('hex')}/${c.prefixLength}`;
}
/**
 * CNI's CHECK: compares the interface in the namespace with what {@link attach} would have made with
 * the same options (kind, mode and flags, parent, MTU, MAC, addresses, routes, up, arp_notify, lo)
 * and resolves to the differences, an empty array when it matches. Options are checked as attach
 * checks them; nothing is changed.
 *
 * Equivalent to: `ip -n NS -d link show eth0; ip -n NS addr show dev eth0; ip -n NS route show`, compared
 */
async function check(host, options, open) {
    const o = checkOptions(options);
    const diffs = [];
    const diff = (field, want, got) => {
        diffs.push({ field, want, got });
    };
    let t;
    try {
        t = await open(options.netns);
    }
    catch (e) {
        if (!isGone(e))
            throw e;
        return [{ field: 'netns', want: options.netns, got: undefined }];
    }
    try {
        let link;
        try {
            link = await t.links.get(o.ifname);
        }
        catch (e) {
            if (code(e) !== 'ENODEV')
                throw e;
            return [{ field: 'link', want: o.ifname, got: undefined }];
        }
        if (link.kind !== o.kind)
            return [{ field: 'kind', want: o.kind, got: link.kind }];
        const details = link[o.kind];
        if (details?.mode !== o.mode)
            diff('mode', o.mode, details?.mode);
        if (o.ipvlan) {
            const flags = options.flags ?? 'bridge';
            if (details?.flags !== flags)
                diff('flags', flags, details?.flags);
        }
        // The parent: this index in the handle's namespace, seen from the target through its namespace id.
        let parent;
        try {
            parent = await host.links.get(options.parent);
        }
        catch (e) {
            if (code(e) !== 'ENODEV')
                throw e;
        }
        let sameParent = parent !== undefined && link.parentIndex === parent.index;
        if (sameParent && link.linkNetnsId !== undefined) {
            const self = (0, netns_js_1.openNetnsFd)(host.netns ?? { path: '/proc/self/ns/net' });
            const ns = (0, netns_js_1.openNetnsFd)(options.netns);
            try {
                sameParent = (await binding_js_1.native.netnsId(ns.fd, self.fd)) === link.linkNetnsId;
            }
            finally {
                ns.release();
                self.release();
            }
        }
        if (!sameParent)
            diff('parent', options.parent, parent ? link.parentIndex : undefined);
        if (options.mtu !== undefined && link.mtu !== options.mtu)
            diff('mtu', options.mtu, link.mtu);
        if (options.address !== undefined && link.address?.toLowerCase() !== options.address.toLowerCase())
            diff('address', options.address, link.address);
        if (!link.flags.up)
            diff('up', true, false);
        if (o.announce && link.inet && link.inet.arpNotify !== 1)
            diff('arpNotify', 1, link.inet.arpNotify);
        if (o.lo && !(await t.links.get('lo')).flags.up)
            diff('lo', 'up', 'down');
        const have = (await t.addresses.list({ link: link.index })).filter((a) => a.scope === 'universe');
        const haveSet = new Set(have.map((a) => sameCidr(a.cidr)));
        const wantSet = new Set(o.addresses.map((a) => sameCidr(a.cidr)));
        for (const a of o.addresses)
            if (!haveSet.has(sameCidr(a.cidr)))
                diff('addresses', a.cidr, undefined);
        for (const a of have)
            if (!wantSet.has(sameCidr(a.cidr)))
                diff('addresses', undefined, a.cidr);
        const routes = (await t.routes.list({ table: 'main' })).concat(await t.routes.list({ family: 6, table: 'main' }));
        const wantRoutes = o.gateways.map((g) => ({ dst: 'default', family: g.family, gateway: g.address, ...(options.metric !== undefined && { metric: options.metric }) }));
        const l3 = o.ipvlan && (o.mode === 'l3' || o.mode === 'l3s');
        if (l3 && o.gateways.length === 0 && options.routes === undefined) {
            for (const family of new Set(o.addresses.map((a) => a.family)))
                wantRoutes.push({ dst: 'default', family, ...(options.metric !== undefined && { metric: options.metric }) });
        }
        wantRoutes.push(...(options.routes ?? []));
        for (const w of wantRoutes) {
            const dst = w.dst === 'default' ? 'default' : sameCidr(w.dst);
            const onLink = w.link === undefined ? link.index : undefined;
            const found = routes.some((r) => (r.dst === 'default' ? 'default' : sameCidr(r.dst)) === dst
                && (w.dst !== 'default' || w.family === undefined || r.family === w.family)
                && (w.gateway === undefined || (r.gateway !== undefined && sameCidr(r.gateway) === sameCidr(w.gateway)))
                && (onLink === undefined || r.linkIndex === onLink)
                && (w.metric === undefined || (r.metric ?? 0) === w.metric));
            if (!found)
                diff('routes', w, undefined);
        }
        return diffs;
    }
    finally {
        t.close();
    }
}
