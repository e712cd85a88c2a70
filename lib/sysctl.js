"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sysctl = void 0;
exports.sysctlPath = sysctlPath;
exports.confName = confName;
// Namespace sysctls (net.* only): read and written by a helper thread that enters the handle's
// namespace, whose /proc/sys/net is that namespace's. No child process.
const binding_js_1 = require("./binding.js");
const errors_js_1 = require("./errors.js");
const netns_js_1 = require("./netns.js");
/** The path under /proc/sys of a checked `net.*` name; throws RangeError naming `field` otherwise. */
function sysctlPath(field, name) {
    if (typeof name !== 'string')
        throw (0, errors_js_1.typeError)(field, "a sysctl name such as 'net.ipv4.ip_forward'", name);
    const parts = name.split('.');
    const ok = parts.length >= 2 && parts[0] === 'net' && parts.every((p) => {
        const c = p.replaceAll('/', '.');
        // eslint-disable-next-line no-control-regex
        return c !== '' && c !== '.' && c !== '..' && !/[\s\x00-\x1f\x7f]/.test(c);
    });
    if (!ok)
        throw (0, errors_js_1.rangeError)(field, "a sysctl name under 'net.' such as 'net.ipv4.conf.all.arp_ignore' (a dot inside an interface name written as '/')", name);
    return `/proc/sys/${parts.map((p) => p.replaceAll('/', '.')).join('/')}`;
}
/** The sysctl name for a per-interface setting: `net.ipv4.conf.<ifname>.<key>`, dots in the name as '/'. */
function confName(family, ifname, key) {
    return `net.ipv${family}.conf.${ifname.replaceAll('.', '/')}.${key}`;
}
function valueText(field, value) {
    if (typeof value === 'number') {
        if (!Number.isSafeInteger(value))
            throw (0, errors_js_1.rangeError)(field, 'an integer', value);
        return String(value);
    }
    if (typeof value === 'boolean')
        return value ? '1' : '0';
    if (typeof value !== 'string')
        throw (0, errors_js_1.typeError)(field, 'a number, boolean or string', value);
    // eslint-disable-next-line no-control-regex
    if (value === '' || /[\x00\n]/.test(value))
        throw (0, errors_js_1.rangeError)(field, 'a non-empty string without NUL or newline', value);
    return value;
}
// The file is read or written by a helper thread off Node's thread; the namespace's fd stays open until it is done.
async function access(netns, name, path, value) {
    const ns = netns === undefined ? undefined : (0, netns_js_1.openNetnsFd)(netns);
    try {
        return await binding_js_1.native.sysctl(ns?.fd ?? -1, path, value);
    }
    catch (e) {
        const err = e;
        if (err.code === 'ENOENT' && err.syscall === 'open')
            err.message = `sysctl ${(0, errors_js_1.show)(name)} does not exist in this namespace (ENOENT)`;
        else if (err.code === 'EINVAL' && err.syscall === 'write')
            err.message = `sysctl ${(0, errors_js_1.show)(name)}: the kernel refused the value ${(0, errors_js_1.show)(value)} (EINVAL)`;
        throw err;
    }
    finally {
        ns?.release();
    }
}
/** `net.*` sysctls of one namespace (a handle's). */
class Sysctl {
    #netns;
    /** @internal Use `handle.sysctl`. */
    constructor(netns) {
        this.#netns = netns;
    }
    /**
     * The value as the kernel prints it, without the trailing newline (several values are separated
     * by tabs, as in `net.ipv4.ip_local_port_range`).
     *
     * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.conf.all.arp_ignore`
     */
    async get(name) {
        const path = sysctlPath('name', name);
        return (await access(this.#netns(), name, path)).replace(/\n$/, '');
    }
    /**
     * The value as an integer; rejects with a RangeError when it is not one.
     *
     * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.ip_forward`
     */
    async getInt(name) {
        const text = await this.get(name);
        if (!/^-?\d+$/.test(text))
            throw (0, errors_js_1.rangeError)(`sysctl ${name}`, 'an integer', text);
        return Number(text);
    }
    /**
     * Writes the value (a boolean is written as 1 or 0).
     *
     * Equivalent to: `ip netns exec NS sysctl -w net.ipv4.conf.all.arp_ignore=1`
     */
    async set(name, value) {
        const path = sysctlPath('name', name);
        const text = valueText('value', value);
        await access(this.#netns(), name, path, text);
    }
}
exports.Sysctl = Sysctl;
