// Namespace sysctls (net.* only): read and written by a helper thread that enters the handle's
// namespace, whose /proc/sys/net is that namespace's. No child process.
import { native } from './binding.js';
import { rangeError, show, typeError } from './errors.js';
import { openNetnsFd, type NetnsRef } from './netns.js';

/**
 * A sysctl name under `net.`, as sysctl(8) writes it: components separated by dots, with a dot
 * inside a component (an interface name like `eth0.50`) written as `/`:
 * `net.ipv4.conf.eth0/50.arp_ignore`.
 */
export type SysctlName = `net.${string}`;

/** The path under /proc/sys of a checked `net.*` name; throws RangeError naming `field` otherwise. */
export function sysctlPath(field: string, name: unknown): string {
  if (typeof name !== 'string') throw typeError(field, "a sysctl name such as 'net.ipv4.ip_forward'", name);
  const parts = name.split('.');
  const ok = parts.length >= 2 && parts[0] === 'net' && parts.every((p) => {
    const c = p.replaceAll('/', '.');
    // eslint-disable-next-line no-control-regex
    return c !== '' && c !== '.' && c !== '..' && !/[\s\x00-\x1f\x7f]/.test(c);
  });
  if (!ok) throw rangeError(field, "a sysctl name under 'net.' such as 'net.ipv4.conf.all.arp_ignore' (a dot inside an interface name written as '/')", name);
  return `/proc/sys/${parts.map((p) => p.replaceAll('/', '.')).join('/')}`;
}

/** The sysctl name for a per-interface setting: `net.ipv4.conf.<ifname>.<key>`, dots in the name as '/'. */
export function confName(family: 4 | 6, ifname: string, key: string): SysctlName {
  return `net.ipv${family}.conf.${ifname.replaceAll('.', '/')}.${key}`;
}

function valueText(field: string, value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw rangeError(field, 'an integer', value);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value !== 'string') throw typeError(field, 'a number, boolean or string', value);
  // eslint-disable-next-line no-control-regex
  if (value === '' || /[\x00\n]/.test(value)) throw rangeError(field, 'a non-empty string without NUL or newline', value);
  return value;
}

// The file is read or written by a helper thread off Node's thread; the namespace's fd stays open until it is done.
async function access(netns: NetnsRef | undefined, name: string, path: string, value?: string): Promise<string | undefined> {
  const ns = netns === undefined ? undefined : openNetnsFd(netns);
  try {
    return await native.sysctl(ns?.fd ?? -1, path, value);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' && err.syscall === 'open') err.message = `sysctl ${show(name)} does not exist in this namespace (ENOENT)`;
    else if (err.code === 'EINVAL' && err.syscall === 'write') err.message = `sysctl ${show(name)}: the kernel refused the value ${show(value)} (EINVAL)`;
    throw err;
  } finally {
    ns?.release();
  }
}

/** `net.*` sysctls of one namespace (a handle's). */
export class Sysctl {
  readonly #netns: () => NetnsRef | undefined;
  /** @internal Use `handle.sysctl`. */
  constructor(netns: () => NetnsRef | undefined) {
    this.#netns = netns;
  }

  /**
   * The value as the kernel prints it, without the trailing newline (several values are separated
   * by tabs, as in `net.ipv4.ip_local_port_range`).
   *
   * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.conf.all.arp_ignore`
   */
  async get(name: SysctlName): Promise<string> {
    const path = sysctlPath('name', name);
    return (await access(this.#netns(), name, path))!.replace(/\n$/, '');
  }

  /**
   * The value as an integer; rejects with a RangeError when it is not one.
   *
   * Equivalent to: `ip netns exec NS sysctl -n net.ipv4.ip_forward`
   */
  async getInt(name: SysctlName): Promise<number> {
    const text = await this.get(name);
    if (!/^-?\d+$/.test(text)) throw rangeError(`sysctl ${name}`, 'an integer', text);
    return Number(text);
  }

  /**
   * Writes the value (a boolean is written as 1 or 0).
   *
   * Equivalent to: `ip netns exec NS sysctl -w net.ipv4.conf.all.arp_ignore=1`
   */
  async set(name: SysctlName, value: number | boolean | string): Promise<void> {
    const path = sysctlPath('name', name);
    const text = valueText('value', value);
    await access(this.#netns(), name, path, text);
  }
}
