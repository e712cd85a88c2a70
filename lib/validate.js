"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.object = object;
exports.knownKeys = knownKeys;
exports.integer = integer;
exports.boolean = boolean;
exports.string = string;
exports.oneOf = oneOf;
exports.ifname = ifname;
exports.mac = mac;
exports.alias = alias;
exports.ifnameOrIndex = ifnameOrIndex;
// Checks of user input, before any syscall. Each failure names the field and the value.
const errors_js_1 = require("./errors.js");
/** A plain object (not null, not an array); `field` names it in the error. */
function object(field, v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw (0, errors_js_1.typeError)(field, 'an object', v);
    return v;
}
/** Refuses keys the caller did not mean (a misspelled option would otherwise be silently ignored). */
function knownKeys(field, v, allowed) {
    for (const k of Object.keys(v)) {
        if (!allowed.includes(k))
            throw (0, errors_js_1.typeError)(`${field}.${k}`, `one of the known options (${allowed.join(', ')})`, k);
    }
}
function integer(field, v, min, max) {
    if (typeof v !== 'number')
        throw (0, errors_js_1.typeError)(field, `an integer from ${min} to ${max}`, v);
    if (!Number.isInteger(v) || v < min || v > max)
        throw (0, errors_js_1.rangeError)(field, `an integer from ${min} to ${max}`, v);
    return v;
}
function boolean(field, v) {
    if (typeof v !== 'boolean')
        throw (0, errors_js_1.typeError)(field, 'a boolean', v);
    return v;
}
function string(field, v) {
    if (typeof v !== 'string')
        throw (0, errors_js_1.typeError)(field, 'a string', v);
    return v;
}
/** One of the names in `table`; returns its value. */
function oneOf(field, v, table) {
    const names = [...table.keys()].map((k) => `'${k}'`).join(', ');
    if (typeof v !== 'string')
        throw (0, errors_js_1.typeError)(field, `one of ${names}`, v);
    const r = table.get(v);
    if (r === undefined)
        throw (0, errors_js_1.rangeError)(field, `one of ${names}`, v);
    return r;
}
/** Interface names as the kernel accepts them (dev_valid_name): 1..15 bytes, no '/', ':' or space. */
function ifname(field, v) {
    if (typeof v !== 'string')
        throw (0, errors_js_1.typeError)(field, 'an interface name (string)', v);
    const bytes = Buffer.byteLength(v);
    if (bytes === 0 || bytes > 15)
        throw (0, errors_js_1.rangeError)(field, 'an interface name of 1 to 15 bytes', v);
    if (v === '.' || v === '..' || /[/:\s\0]/.test(v)) {
        throw (0, errors_js_1.rangeError)(field, "an interface name without '/', ':', whitespace or NUL, and not '.' or '..'", v);
    }
    return v;
}
const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;
/** A MAC address 'aa:bb:cc:dd:ee:ff' as 6 bytes. */
function mac(field, v) {
    if (typeof v !== 'string')
        throw (0, errors_js_1.typeError)(field, "a MAC address such as '02:42:0a:00:00:05'", v);
    if (!MAC.test(v))
        throw (0, errors_js_1.rangeError)(field, "a MAC address of 6 octets such as '02:42:0a:00:00:05'", v);
    return Uint8Array.from(v.split(':'), (h) => parseInt(h, 16));
}
/** Interface alias (IFLA_IFALIAS): at most 255 bytes, no NUL; '' clears it. */
function alias(field, v) {
    const s = string(field, v);
    if (Buffer.byteLength(s) > 255 || s.includes('\0'))
        throw (0, errors_js_1.rangeError)(field, 'a string of at most 255 bytes without NUL', v);
    return s;
}
/** A link named by name or by index. */
function ifnameOrIndex(field, v) {
    if (typeof v === 'number')
        return integer(field, v, 1, 2 ** 31 - 1);
    if (typeof v === 'string')
        return ifname(field, v);
    throw (0, errors_js_1.typeError)(field, 'a link name or index', v);
}
