// Named network namespaces, interoperable with `ip netns` (the same files under /run/netns), and the
// references by which a namespace is named elsewhere in the API (name, path, pid or fd).
import fs from 'node:fs';
import { C, native, type NativeNsidRequest, type NativeSocket } from './binding.js';
import { NetnsError, rangeError, typeError } from './errors.js';
import { sendPacked } from './pack.js';
import { integer, object, string } from './validate.js';

/** @internal Where named namespaces live, as iproute2 keeps them. */
export const NETNS_RUN_DIR = '/run/netns';

/** A network namespace: a name under /run/netns, a namespace file path, a process id or an open fd. */
export type NetnsRef = string | { path: string } | { pid: number } | { fd: number };

/** @internal Checks a namespace name the way iproute2 does: no '/', not '.' or '..', 1 to 255 bytes. */
export function validateNetnsName(field: string, v: unknown): string {
  const name = string(field, v);
  const bytes = Buffer.byteLength(name);
  if (bytes === 0 || bytes > 255 || name.includes('/') || name.includes('\0') || name === '.' || name === '..') {
    throw rangeError(field, "a namespace name of 1 to 255 bytes, without '/' or NUL, not '.' or '..'", v);
  }
  return name;
}

/** @internal A namespace reference, checked; `field` names it in errors. */
export function validateNetnsRef(field: string, v: unknown): NetnsRef {
  if (typeof v === 'string') return validateNetnsName(field, v);
  const o = object<Record<string, unknown>>(field, v);
  const keys = Object.keys(o);
  if (keys.length !== 1 || !['path', 'pid', 'fd'].includes(keys[0]!)) {
    throw typeError(field, 'a namespace name, { path }, { pid } or { fd }', v);
  }
  if ('path' in o) {
    const p = string(`${field}.path`, o.path);
    if (p.length === 0 || p.includes('\0')) throw rangeError(`${field}.path`, 'a file path', p);
    return { path: p };
  }
  if ('pid' in o) return { pid: integer(`${field}.pid`, o.pid, 1, 2 ** 31 - 1) };
  return { fd: integer(`${field}.fd`, o.fd, 0, 2 ** 31 - 1) };
}

/** @internal How messages name a namespace: "namespace 'blue'", "the namespace of process 1234", ... */
export function describeNetns(ref: NetnsRef | undefined): string {
  if (ref === undefined) return 'the current namespace';
  if (typeof ref === 'string') return `namespace '${ref}'`;
  if ('pid' in ref) return `the namespace of process ${ref.pid}`;
  if ('fd' in ref) return `the namespace of fd ${ref.fd}`;
  return `namespace '${ref.path}'`;
}

/**
 * @internal A failed namespace syscall told as the problem it is. `doing` is what was being done with the
 * namespace ('opening', 'entering', 'creating', 'deleting'); `what` is how it is named.
 */
export function netnsError(e: unknown, doing: string, what: string, ref?: NetnsRef): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err === null || typeof err !== 'object' || typeof err.code !== 'string' || err instanceof NetnsError) return e;
  let message: string;
  if (err.code === 'ENOENT') {
    message = typeof ref === 'object' && 'pid' in ref ? `process ${ref.pid} does not exist (no ${err.path})` : `${what} does not exist`;
  } else if (err.code === 'EEXIST' && doing === 'creating') {
    message = `${what} already exists`;
  } else if (err.code === 'EPERM' || err.code === 'EACCES') {
    message = `${doing} ${what} needs CAP_SYS_ADMIN${doing === 'opening' ? ' (or read access to its file)' : ''}`;
  } else if (err.code === 'EINVAL' && (err.syscall === 'fstatfs' || err.syscall === 'ioctl(NS_GET_NSTYPE)')) {
    // The native check refuses what is no network namespace file: say so rather than name the check.
    message = `'${err.path}' is not a network namespace file: ${err.syscall === 'fstatfs' ? 'it is not on nsfs' : 'it is a namespace of another type'}`;
  } else {
    message = `${doing} ${what} failed: ${err.message.replace(/ \([A-Z0-9]+\)$/, '')}`;
  }
  return new NetnsError(message, err);
}

/**
 * @internal An open namespace fd for `ref` (checked to be a network namespace file), and how to let it go:
 * `release()` closes what this call opened and leaves a caller's `{ fd }` open.
 */
export function openNetnsFd(ref: NetnsRef): { fd: number; release(): void } {
  if (typeof ref === 'object' && 'fd' in ref) return { fd: ref.fd, release() {} };
  const path = typeof ref === 'string' ? `${NETNS_RUN_DIR}/${ref}`
    : 'pid' in ref ? `/proc/${ref.pid}/ns/net` : ref.path;
  let fd: number;
  try {
    fd = native.openNetns(path);
  } catch (e) {
    throw netnsError(e, 'opening', describeNetns(ref), ref);
  }
  let open = true;
  return {
    fd,
    release() {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}

/**
 * Creates a named network namespace.
 *
 * Equivalent to: `ip netns add NAME`
 */
export async function create(name: string): Promise<void> {
  const n = validateNetnsName('name', name);
  try {
    native.netnsCreate(NETNS_RUN_DIR, n);
  } catch (e) {
    throw netnsError(e, 'creating', describeNetns(n), n);
  }
}

/**
 * Deletes a named network namespace (its links go with it once nothing else holds it).
 *
 * Equivalent to: `ip netns delete NAME`
 */
// `delete` is a reserved word as a declaration name; it is exported under that name below.
async function remove(name: string): Promise<void> {
  const n = validateNetnsName('name', name);
  try {
    native.netnsDelete(`${NETNS_RUN_DIR}/${n}`);
  } catch (e) {
    throw netnsError(e, 'deleting', describeNetns(n), n);
  }
}
export { remove as delete };

/**
 * The names of the namespaces under /run/netns.
 *
 * Equivalent to: `ip netns list`
 */
export async function list(): Promise<string[]> {
  try {
    return (await fs.promises.readdir(NETNS_RUN_DIR)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Whether a named namespace exists (a namespace file under /run/netns). */
export async function exists(name: string): Promise<boolean> {
  try {
    fs.closeSync(native.openNetns(`${NETNS_RUN_DIR}/${validateNetnsName('name', name)}`));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EINVAL') return false;
    throw e;
  }
  return true;
}

/** A namespace id as `netns.listIds` reports it. */
export interface NetnsId {
  /** The id the namespace gives the other one (`nsid`). */
  nsid: number;
  /** That namespace's name under /run/netns, when it has one. */
  name?: string;
}

/** Options of `netns.setId` and `netns.listIds`. */
export interface NetnsIdOptions {
  /** The namespace whose ids these are (`ip -n NS netns ...`); default: the current one. */
  netns?: NetnsRef;
}

/** An error of entering `ref` (setns) as one naming the namespace; others as they are. */
function enterError(e: unknown, ref: NetnsRef): unknown {
  return (e as NodeJS.ErrnoException).syscall === 'setns' ? netnsError(e, 'entering', describeNetns(ref), ref) : e;
}

/**
 * @internal A netlink socket in the current namespace, or inside `ref`: made there by a helper
 * thread off Node's thread, which goes on with other work meanwhile (concurrent opens overlap).
 */
export async function openSocket(ref: NetnsRef | undefined): Promise<NativeSocket> {
  if (ref === undefined) return new native.Socket(-1);
  const ns = openNetnsFd(ref);
  try {
    return await native.Socket.open(ns.fd);
  } catch (e) {
    throw enterError(e, ref);
  } finally {
    ns.release();
  }
}

/** @internal {@link openSocket} with Node's thread waiting, for callers that must return at once (`watch()`). */
export function openSocketSync(ref: NetnsRef | undefined): NativeSocket {
  if (ref === undefined) return new native.Socket(-1);
  const ns = openNetnsFd(ref);
  try {
    return new native.Socket(ns.fd);
  } catch (e) {
    throw enterError(e, ref);
  } finally {
    ns.release();
  }
}

/** A request on a short-lived socket in `ref`'s namespace (the current one when undefined). */
async function nsidRequest(
  ref: NetnsRef | undefined, run: (request: (type: number, flags: number, req: NativeNsidRequest) => Promise<unknown[]>) => Promise<unknown>,
): Promise<unknown> {
  const sock = await openSocket(ref);
  try {
    return await run((type, flags, req) => sendPacked(sock, type, flags, req));
  } finally {
    sock.close();
  }
}

function idOptions(options: unknown): NetnsRef | undefined {
  const o = object<Record<string, unknown>>('options', options);
  for (const k of Object.keys(o)) if (k !== 'netns') throw typeError(`options.${k}`, 'one of the known options (netns)', k);
  return o.netns === undefined ? undefined : validateNetnsRef('options.netns', o.netns);
}

/**
 * Gives the named namespace an id in the current namespace (or in `options.netns`): the id by which
 * links whose peer or parent lives there report it (`linkNetnsId`). 'auto' lets the kernel pick the
 * next free one. An id, once given, stays for the namespace's life: a second one is refused.
 *
 * Equivalent to: `ip [-n NS] netns set NAME ID|auto`
 */
export async function setId(name: string, id: number | 'auto', options: NetnsIdOptions = {}): Promise<void> {
  const n = validateNetnsName('name', name);
  const nsid = id === 'auto' ? -1 : integer('id', id, 0, 2 ** 31 - 1);
  const where = idOptions(options);
  const peer = openNetnsFd(n);
  try {
    await nsidRequest(where, (request) => request(C.RTM_NEWNSID!, 0, { fd: peer.fd, nsid }));
  } finally {
    peer.release();
  }
}

/**
 * The ids the current namespace (or `options.netns`) has given other namespaces, with their names
 * where they have one under /run/netns, in id order.
 *
 * Equivalent to: `ip [-n NS] netns list-id`
 */
export async function listIds(options: NetnsIdOptions = {}): Promise<NetnsId[]> {
  const where = idOptions(options);
  return (await nsidRequest(where, async (request) => {
    const ids = (await request(C.RTM_GETNSID!, C.NLM_F_DUMP!, {}) as { nsid: number }[]).map((r) => r.nsid).filter((x) => x >= 0);
    // The kernel names namespaces by id only: the names are found by asking the id of each file.
    const names = new Map<number, string>();
    for (const name of await list()) {
      let peer: { fd: number; release(): void };
      try {
        peer = openNetnsFd(name);
      } catch {
        continue; // gone meanwhile, or not a namespace file
      }
      try {
        const [r] = await request(C.RTM_GETNSID!, 0, { fd: peer.fd }) as { nsid: number }[];
        if (r && r.nsid >= 0 && !names.has(r.nsid)) names.set(r.nsid, name);
      } finally {
        peer.release();
      }
    }
    return [...new Set(ids)].sort((a, b) => a - b).map((nsid) => {
      const e: NetnsId = { nsid };
      const name = names.get(nsid);
      if (name !== undefined) e.name = name;
      return e;
    });
  })) as NetnsId[];
}
