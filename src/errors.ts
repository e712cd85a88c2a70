// Errors: NetlinkError for what the kernel refuses, Node-shaped system errors for syscalls, and the
// TypeError/RangeError helpers that name the field and the value of bad input.
import util from 'node:util';

const errnoMap = util.getSystemErrorMap();

function errnoName(errno: number): [string, string] {
  const [name, text] = errnoMap.get(-errno) ?? [`E${errno}`, `errno ${errno}`];
  // Linux has one number for both; netlink speaks of operations, so name it as the kernel does.
  return [name === 'ENOTSUP' ? 'EOPNOTSUPP' : name, text];
}

let requestNames: Map<number, string> | undefined;

/** Registers the RTM_* names so errors can name the request (called by the handle module). */
export function setRequestNames(constants: Readonly<Record<string, number>>): void {
  requestNames = new Map(
    Object.entries(constants).filter(([k]) => k.startsWith('RTM_')).map(([k, v]) => [v, k]),
  );
}

/**
 * What the kernel refused: Node's system-error shape (`code`, `errno`, `syscall`) with the request
 * named (`'RTM_NEWLINK'`) and the kernel's extended-ack text, when it sent one, in `kernelMessage`
 * and in the message.
 *
 * @example
 * ```ts
 * try { await links.add({ kind: 'macvlan', name: 'mv0', parent: 'eth0' }); }
 * catch (e) { if (e instanceof NetlinkError && e.code === 'EEXIST') { ... } }
 * ```
 */
export class NetlinkError extends Error {
  /** Positive errno, as in Node's system errors. */
  readonly errno: number;
  /** `'EEXIST'`, `'ENODEV'`, `'EBUSY'`, ...; `'ERR_DUMP_INTERRUPTED'` for a dump that kept changing. */
  readonly code: string;
  /** The netlink request that failed, such as `'RTM_NEWLINK'`. */
  readonly request: string;
  /** Same as `request`, for code written against Node's system errors. */
  readonly syscall: string;
  /** The kernel's extended-ack text ("Unknown device type", ...), when it sent one. */
  readonly kernelMessage?: string;

  constructor(errno: number, requestType: number | string, kernelMessage = '', code?: string) {
    const [name, text] = errnoName(errno);
    const request = typeof requestType === 'string' ? requestType : (requestNames?.get(requestType) ?? `request ${requestType}`);
    super(`${request} failed: ${kernelMessage || text} (${code ?? name})`);
    this.name = 'NetlinkError';
    this.errno = errno;
    this.code = code ?? name;
    this.request = request;
    this.syscall = request;
    if (kernelMessage) this.kernelMessage = kernelMessage;
  }
}

/** An Error shaped like Node's own system errors, for a syscall outside netlink. */
export function systemError(errno: number, syscall: string, path?: string): Error {
  const [name, text] = errnoName(errno);
  const e = new Error(`${syscall} ${path ? `'${path}' ` : ''}failed: ${text} (${name})`) as NodeJS.ErrnoException;
  e.errno = errno;
  e.code = name;
  e.syscall = syscall;
  if (path) e.path = path;
  return e;
}

/** A short, quoted rendering of a bad value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return 'an array';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 60)}...` : s;
  } catch {
    return 'an object';
  }
}

/** TypeError: `field` has the wrong type. */
export function typeError(field: string, expected: string, value: unknown): TypeError {
  const e = new TypeError(`${field} must be ${expected}, got ${show(value)}`);
  (e as NodeJS.ErrnoException).code = 'ERR_INVALID_ARG_TYPE';
  return e;
}

/** RangeError: `field` has the right type but an impossible value. */
export function rangeError(field: string, expected: string, value: unknown): RangeError {
  const e = new RangeError(`${field} must be ${expected}, got ${show(value)}`);
  (e as NodeJS.ErrnoException).code = 'ERR_OUT_OF_RANGE';
  return e;
}
