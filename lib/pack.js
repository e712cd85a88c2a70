"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendPacked = sendPacked;
exports.queuedOn = queuedOn;
exports.flushQueued = flushQueued;
exports.settle = settle;
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
// Requests made in one synchronous run cross into the addon together: each is appended to the
// batch (u16 type, u16 flags, u32 id, u32 length, then the packed object: native/packed.h), and the
// batch goes in one native call from a microtask once the run ends (or at once when a request for
// another socket starts a batch of its own). Each caller holds a plain JS promise, kept here under
// its id; the addon reports outcomes in one call per batch or readable callback (settle).
const HEADER = 12;
let batchSock;
let batchCount = 0;
// The callers' resolving functions by id, in two arrays: ids are handed out in order, so the one
// of id `base + i` is at i (a Map costs more per request, in lookups and in rehashing as it grows).
// Settled slots are cleared; the cleared head is cut off once it is most of the arrays.
let base = 0;
let head = 0;
const resolves = [];
const rejects = [];
// Set by the executor of each new promise (one function for all, no closure per request).
let newResolve;
let newReject;
function executor(resolve, reject) {
    newResolve = resolve;
    newReject = reject;
}
/** The slot of the request with this (u32) id, or -1 when it is not pending. */
function slotOf(id) {
    const i = (id - base) >>> 0; // ids wrap at 2^32 in the batch; fewer than that are ever pending
    return i < resolves.length && resolves[i] !== undefined ? i : -1;
}
/** Settles the request in slot `i` (resolves, or rejects with `error`) and clears the slot. */
function settleSlot(i, replies, error) {
    const resolve = resolves[i];
    const reject = rejects[i];
    resolves[i] = undefined;
    rejects[i] = undefined;
    if (replies !== undefined)
        resolve(replies);
    else
        reject(error);
    if (i !== head)
        return;
    while (head < resolves.length && resolves[head] === undefined)
        head++;
    if (head === resolves.length) {
        base = (base + head) >>> 0;
        head = 0;
        resolves.length = 0;
        rejects.length = 0;
    }
    else if (head >= 1024 && head * 2 >= resolves.length) {
        base = (base + head) >>> 0;
        resolves.splice(0, head);
        rejects.splice(0, head);
        head = 0;
    }
}
// What a request acknowledged without replies resolves to: one array for all of them, frozen.
const NO_REPLIES = Object.freeze([]);
// A batch this large is sent at once, so the buffer (kept between batches) stays bounded.
const MAX_BATCH = 1 << 20;
/**
 * Sends one request on a native socket, packed. Requests made in one synchronous run go to the
 * addon in one call, in order, once the run ends. Throws a TypeError (nothing queued) when a field
 * holds a value that cannot be packed.
 */
function sendPacked(sock, type, flags, req) {
    if (batchSock !== sock) {
        if (batchSock !== undefined)
            flushBatch();
        batchSock = sock;
        queueMicrotask(flushBatch);
    }
    const start = at;
    room(HEADER);
    at += HEADER;
    try {
        writeObject(req);
    }
    catch (e) {
        at = start;
        throw e;
    }
    const id = (base + resolves.length) >>> 0;
    view.setUint16(start, type, le);
    view.setUint16(start + 2, flags, le);
    view.setUint32(start + 4, id, le);
    view.setUint32(start + 8, at - start - HEADER, le);
    batchCount++;
    const promise = new Promise(executor);
    resolves.push(newResolve);
    rejects.push(newReject);
    if (at >= MAX_BATCH)
        flushBatch();
    return promise;
}
/** Requests made on `sock` in this synchronous run, not yet handed to the addon. */
function queuedOn(sock) {
    return batchSock === sock ? batchCount : 0;
}
/**
 * Hands the requests queued for `sock` to the addon now (after `sock.close()`: they are rejected
 * with ERR_RTNL_CLOSED at once, unsent).
 */
function flushQueued(sock) {
    if (batchSock === sock)
        flushBatch();
}
function flushBatch() {
    const sock = batchSock;
    if (sock === undefined)
        return;
    const length = at;
    batchSock = undefined;
    batchCount = 0;
    at = 0;
    if (length === 0)
        return;
    try {
        sock.requests(buf, length);
    }
    catch (e) {
        // The addon refuses a batch whole, before queueing any of it, only if its framing is broken.
        for (let p = 0; p < length; p += HEADER + view.getUint32(p + 8, le)) {
            const i = slotOf(view.getUint32(p + 4, le));
            if (i >= 0)
                settleSlot(i, undefined, e);
        }
    }
}
/**
 * The addon's report of settled requests: `outcomes` holds (id, slot) pairs, slot 0 an
 * acknowledgement without replies, slot k `values[k - 1]` (an array of replies, or an Error).
 */
function settle(outcomes, values) {
    for (let i = 0; i < outcomes.length; i += 2) {
        const at = slotOf(outcomes[i]);
        if (at < 0)
            continue;
        const slot = outcomes[i + 1];
        if (slot === 0) {
            settleSlot(at, NO_REPLIES);
            continue;
        }
        const v = values[slot - 1];
        if (Array.isArray(v))
            settleSlot(at, v);
        else
            settleSlot(at, undefined, v);
    }
}
