"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendPacked = sendPacked;
// Requests cross into the addon packed: one byte string per request (the format is in
// native/packed.h), written here into one reusable buffer, instead of the addon reading each field
// of a JS object through N-API (about 0.5 us a field). Numbers, strings, Uint8Arrays, plain objects
// and arrays of those; undefined fields are left out, as if absent.
const node_os_1 = require("node:os");
const NUMBER = 1;
const STRING = 2;
const BYTES = 3;
const OBJECT = 4;
const LIST = 5;
const le = (0, node_os_1.endianness)() === 'LE';
const encoder = new TextEncoder();
let buf = new Uint8Array(64 * 1024);
let view = new DataView(buf.buffer);
let at = 0;
function room(n) {
    if (at + n <= buf.length)
        return;
    let size = buf.length * 2;
    while (at + n > size)
        size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(buf.subarray(0, at));
    buf = bigger;
    view = new DataView(buf.buffer);
}
/** A length to fill in once what it measures is written: its offset. */
function lengthSlot() {
    room(4);
    at += 4;
    return at - 4;
}
function fillLength(slot) {
    view.setUint32(slot, at - slot - 4, le);
}
function writeString(s) {
    const slot = lengthSlot();
    room(s.length);
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
            ascii = false;
            break;
        }
        buf[at + i] = c;
    }
    if (ascii) {
        at += s.length;
    }
    else {
        room(s.length * 3);
        at += encoder.encodeInto(s, buf.subarray(at)).written;
    }
    fillLength(slot);
}
function writeValue(key, v) {
    room(9);
    if (typeof v === 'number') {
        buf[at] = NUMBER;
        view.setFloat64(at + 1, v, le);
        at += 9;
    }
    else if (typeof v === 'string') {
        buf[at++] = STRING;
        writeString(v);
    }
    else if (v instanceof Uint8Array) {
        buf[at++] = BYTES;
        room(4 + v.length);
        view.setUint32(at, v.length, le);
        buf.set(v, at + 4);
        at += 4 + v.length;
    }
    else if (Array.isArray(v)) {
        buf[at++] = LIST;
        const slot = lengthSlot();
        room(4);
        view.setUint32(at, v.length, le);
        at += 4;
        for (const item of v)
            writeValue(key, item);
        fillLength(slot);
    }
    else if (typeof v === 'object' && v !== null) {
        buf[at++] = OBJECT;
        const slot = lengthSlot();
        writeObject(v);
        fillLength(slot);
    }
    else {
        throw new TypeError(`rtnl native request: '${key}' cannot be ${v === null ? 'null' : typeof v}`);
    }
}
function writeObject(o) {
    room(2);
    const countAt = at;
    at += 2;
    let count = 0;
    for (const key in o) {
        const v = o[key];
        if (v === undefined)
            continue;
        room(1 + key.length);
        buf[at++] = key.length;
        for (let i = 0; i < key.length; i++)
            buf[at++] = key.charCodeAt(i);
        writeValue(key, v);
        count++;
    }
    view.setUint16(countAt, count, le);
}
/**
 * Sends one request on a native socket, packed. The bytes are valid until the next request is
 * packed; the addon copies them into the message it builds before it returns.
 */
function sendPacked(sock, type, flags, req) {
    at = 0;
    writeObject(req);
    return sock.request(type, flags, buf, at);
}
