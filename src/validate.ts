// Checks of user input, before any syscall. Each failure names the field and the value.
import { rangeError, typeError } from './errors.js';

/** A plain object (not null, not an array); `field` names it in the error. */
export function object<T extends object>(field: string, v: unknown): T {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw typeError(field, 'an object', v);
  return v as T;
}

/** Refuses keys the caller did not mean (a misspelled option would otherwise be silently ignored). */
export function knownKeys(field: string, v: object, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw typeError(`${field}.${k}`, `one of the known options (${allowed.join(', ')})`, k);
  }
}

export function integer(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number') throw typeError(field, `an integer from ${min} to ${max}`, v);
  if (!Number.isInteger(v) || v < min || v > max) throw rangeError(field, `an integer from ${min} to ${max}`, v);
  return v;
}

export function boolean(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw typeError(field, 'a boolean', v);
  return v;
}

export function string(field: string, v: unknown): string {
  if (typeof v !== 'string') throw typeError(field, 'a string', v);
  return v;
}

/** One of the names in `table`; returns its value. */
export function oneOf<V>(field: string, v: unknown, table: ReadonlyMap<string, V>): V {
  const names = [...table.keys()].map((k) => `'${k}'`).join(', ');
  if (typeof v !== 'string') throw typeError(field, `one of ${names}`, v);
  const r = table.get(v);
  if (r === undefined) throw rangeError(field, `one of ${names}`, v);
  return r;
}

/** Interface names as the kernel accepts them (dev_valid_name): 1..15 bytes, no '/', ':' or space. */
export function ifname(field: string, v: unknown): string {
  if (typeof v !== 'string') throw typeError(field, 'an interface name (string)', v);
  const bytes = Buffer.byteLength(v);
  if (bytes === 0 || bytes > 15) throw rangeError(field, 'an interface name of 1 to 15 bytes', v);
  if (v === '.' || v === '..' || /[/:\s\0]/.test(v)) {
    throw rangeError(field, "an interface name without '/', ':', whitespace or NUL, and not '.' or '..'", v);
  }
  return v;
}

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** A MAC address 'aa:bb:cc:dd:ee:ff' as 6 bytes. */
export function mac(field: string, v: unknown): Uint8Array {
  if (typeof v !== 'string') throw typeError(field, "a MAC address such as '02:42:0a:00:00:05'", v);
  if (!MAC.test(v)) throw rangeError(field, "a MAC address of 6 octets such as '02:42:0a:00:00:05'", v);
  return Uint8Array.from(v.split(':'), (h) => parseInt(h, 16));
}

/** Interface alias (IFLA_IFALIAS): at most 255 bytes, no NUL; '' clears it. */
export function alias(field: string, v: unknown): string {
  const s = string(field, v);
  if (Buffer.byteLength(s) > 255 || s.includes('\0')) throw rangeError(field, 'a string of at most 255 bytes without NUL', v);
  return s;
}

/** A link named by name or by index. */
export function ifnameOrIndex(field: string, v: unknown): string | number {
  if (typeof v === 'number') return integer(field, v, 1, 2 ** 31 - 1);
  if (typeof v === 'string') return ifname(field, v);
  throw typeError(field, 'a link name or index', v);
}
