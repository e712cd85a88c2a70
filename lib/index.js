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
exports.sysctl = exports.rules = exports.fdb = exports.bridgeVlans = exports.neighbours = exports.routes = exports.addresses = exports.links = exports.Sysctl = exports.ATTACH_PARENT_GROUP = exports.ATTACH_PARENT_ALIAS = exports.AttachError = exports.netns = exports.Fdb = exports.BridgeVlans = exports.Rules = exports.Neighbours = exports.Routes = exports.Addresses = exports.NetnsError = exports.NetlinkError = exports.Links = exports.Rtnl = exports.open = void 0;
exports.defaultRtnl = defaultRtnl;
exports.attach = attach;
exports.detach = detach;
exports.check = check;
// rtnl: Linux networking over rtnetlink from Node.js. The public API.
const handle_js_1 = require("./handle.js");
var handle_js_2 = require("./handle.js");
Object.defineProperty(exports, "open", { enumerable: true, get: function () { return handle_js_2.open; } });
Object.defineProperty(exports, "Rtnl", { enumerable: true, get: function () { return handle_js_2.Rtnl; } });
var link_js_1 = require("./link.js");
Object.defineProperty(exports, "Links", { enumerable: true, get: function () { return link_js_1.Links; } });
var errors_js_1 = require("./errors.js");
Object.defineProperty(exports, "NetlinkError", { enumerable: true, get: function () { return errors_js_1.NetlinkError; } });
Object.defineProperty(exports, "NetnsError", { enumerable: true, get: function () { return errors_js_1.NetnsError; } });
var addr_js_1 = require("./addr.js");
Object.defineProperty(exports, "Addresses", { enumerable: true, get: function () { return addr_js_1.Addresses; } });
var route_js_1 = require("./route.js");
Object.defineProperty(exports, "Routes", { enumerable: true, get: function () { return route_js_1.Routes; } });
var neigh_js_1 = require("./neigh.js");
Object.defineProperty(exports, "Neighbours", { enumerable: true, get: function () { return neigh_js_1.Neighbours; } });
var rule_js_1 = require("./rule.js");
Object.defineProperty(exports, "Rules", { enumerable: true, get: function () { return rule_js_1.Rules; } });
var bridge_js_1 = require("./bridge.js");
Object.defineProperty(exports, "BridgeVlans", { enumerable: true, get: function () { return bridge_js_1.BridgeVlans; } });
Object.defineProperty(exports, "Fdb", { enumerable: true, get: function () { return bridge_js_1.Fdb; } });
const netns = __importStar(require("./netns.js"));
exports.netns = netns;
var attach_js_1 = require("./attach.js");
Object.defineProperty(exports, "AttachError", { enumerable: true, get: function () { return attach_js_1.AttachError; } });
Object.defineProperty(exports, "ATTACH_PARENT_ALIAS", { enumerable: true, get: function () { return attach_js_1.ATTACH_PARENT_ALIAS; } });
Object.defineProperty(exports, "ATTACH_PARENT_GROUP", { enumerable: true, get: function () { return attach_js_1.ATTACH_PARENT_GROUP; } });
var sysctl_js_1 = require("./sysctl.js");
Object.defineProperty(exports, "Sysctl", { enumerable: true, get: function () { return sysctl_js_1.Sysctl; } });
const sysctl_js_2 = require("./sysctl.js");
let defaultHandle;
/** The handle the free functions use: opened on first use, in the current namespace, never closed. */
function defaultRtnl() {
    defaultHandle ??= (0, handle_js_1.open)().catch((e) => {
        defaultHandle = undefined;
        throw e;
    });
    return defaultHandle;
}
/** `ip link` in the current namespace, on the default handle; see {@link Links}. */
exports.links = {
    waitFor: async (ref, predicate, options) => (await defaultRtnl()).links.waitFor(ref, predicate, options),
    list: async (filter) => (await defaultRtnl()).links.list(filter),
    get: async (ref, options) => (await defaultRtnl()).links.get(ref, options),
    addAltNames: async (ref, names) => (await defaultRtnl()).links.addAltNames(ref, names),
    deleteAltNames: async (ref, names) => (await defaultRtnl()).links.deleteAltNames(ref, names),
    add: async (spec) => (await defaultRtnl()).links.add(spec),
    set: async (ref, changes) => (await defaultRtnl()).links.set(ref, changes),
    delete: async (ref) => (await defaultRtnl()).links.delete(ref),
};
/**
 * `ip addr` in the current namespace, on the default handle; see {@link Addresses}.
 *
 * Equivalent to: `ip addr show|add|replace|del ...`
 */
exports.addresses = {
    list: async (filter) => (await defaultRtnl()).addresses.list(filter),
    add: async (link, cidr, options) => (await defaultRtnl()).addresses.add(link, cidr, options),
    replace: async (link, cidr, options) => (await defaultRtnl()).addresses.replace(link, cidr, options),
    delete: async (link, cidr, options) => (await defaultRtnl()).addresses.delete(link, cidr, options),
    waitSettled: async (link, options) => (await defaultRtnl()).addresses.waitSettled(link, options),
};
/**
 * `ip route` in the current namespace, on the default handle; see {@link Routes}.
 *
 * Equivalent to: `ip route show|get|add|replace|change|append|del ...`
 */
exports.routes = {
    list: async (filter) => (await defaultRtnl()).routes.list(filter),
    get: async (destination, options) => (await defaultRtnl()).routes.get(destination, options),
    change: async (spec) => (await defaultRtnl()).routes.change(spec),
    add: async (spec) => (await defaultRtnl()).routes.add(spec),
    replace: async (spec) => (await defaultRtnl()).routes.replace(spec),
    append: async (spec) => (await defaultRtnl()).routes.append(spec),
    delete: async (spec) => (await defaultRtnl()).routes.delete(spec),
};
/**
 * `ip neigh` in the current namespace, on the default handle; see {@link Neighbours}.
 *
 * Equivalent to: `ip neigh show|add|replace|del ...`
 */
exports.neighbours = {
    list: async (filter) => (await defaultRtnl()).neighbours.list(filter),
    add: async (spec) => (await defaultRtnl()).neighbours.add(spec),
    replace: async (spec) => (await defaultRtnl()).neighbours.replace(spec),
    delete: async (spec) => (await defaultRtnl()).neighbours.delete(spec),
};
/**
 * `bridge vlan` in the current namespace, on the default handle; see {@link BridgeVlans}.
 *
 * Equivalent to: `bridge vlan show|add|del ...`
 */
exports.bridgeVlans = {
    list: async (filter) => (await defaultRtnl()).bridgeVlans.list(filter),
    add: async (spec) => (await defaultRtnl()).bridgeVlans.add(spec),
    delete: async (spec) => (await defaultRtnl()).bridgeVlans.delete(spec),
};
/**
 * `bridge fdb` in the current namespace, on the default handle; see {@link Fdb}.
 *
 * Equivalent to: `bridge fdb show|add|append|replace|del ...`
 */
exports.fdb = {
    list: async (filter) => (await defaultRtnl()).fdb.list(filter),
    add: async (spec) => (await defaultRtnl()).fdb.add(spec),
    append: async (spec) => (await defaultRtnl()).fdb.append(spec),
    replace: async (spec) => (await defaultRtnl()).fdb.replace(spec),
    delete: async (spec) => (await defaultRtnl()).fdb.delete(spec),
};
/**
 * `ip rule` in the current namespace, on the default handle; see {@link Rules}.
 *
 * Equivalent to: `ip rule show|add|del ...`
 */
exports.rules = {
    list: async (filter) => (await defaultRtnl()).rules.list(filter),
    add: async (spec) => (await defaultRtnl()).rules.add(spec),
    delete: async (spec) => (await defaultRtnl()).rules.delete(spec),
};
/**
 * Attaches a namespace to a macvlan/ipvlan network on a parent in the current namespace; see
 * {@link Rtnl.attach}.
 */
async function attach(options) {
    return (await defaultRtnl()).attach(options);
}
/** Removes an attached interface; see {@link Rtnl.detach}. */
async function detach(options) {
    return (await defaultRtnl()).detach(options);
}
/** Compares an attached interface with what attach would make (CNI's CHECK); see {@link Rtnl.check}. */
async function check(options) {
    return (await defaultRtnl()).check(options);
}
/**
 * `net.*` sysctls of the current namespace; see {@link Sysctl}. Needs no handle.
 *
 * Equivalent to: `sysctl -n net.ipv4.ip_forward`, `sysctl -w net.ipv4.conf.all.arp_ignore=1`
 */
exports.sysctl = new sysctl_js_2.Sysctl(() => undefined);
