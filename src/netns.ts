// Named network namespaces, interoperable with `ip netns` (the same files under /run/netns), and the
// references by which a namespace is named elsewhere in the API (name, path, pid or fd).
import fs from 'node:fs';
import { native } from './binding.js';
import { NetnsError, rangeError, typeError } from './errors.js';
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
