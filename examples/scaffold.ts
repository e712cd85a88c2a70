// What every example needs around its recipe: namespaces of its own (ex-<recipe>-<pid>-<role>),
// ping as the traffic generator, a line per expectation, and removal of everything it made at the
// end, also on Ctrl-C or SIGTERM. Exit status: 0 all as expected, 1 an expectation failed or an
// error, 2 the running kernel lacks a link kind the recipe needs.
import { execFile } from 'node:child_process';
import { constants as osConstants, release } from 'node:os';
import { promisify } from 'node:util';
import { netns, open, type NetnsRef, type Rtnl } from 'rtnl';

const run = promisify(execFile);

/** A namespace this example made, and a handle in it. */
export interface Ns {
  name: string;
  h: Rtnl;
}

/** Where a ping starts: a namespace under /run/netns, or the namespace of a process. */
export type PingFrom = string | { pid: number };

/** Thrown when the kernel refuses a link kind it does not know ("Unknown device type"). */
export class KernelLacks extends Error {
  constructor(readonly kind: string, cause: unknown) {
    super(`kernel lacks ${kind}`, { cause });
  }
}

/**
 * Runs `step`; if the kernel answers that it does not know the link kind (EOPNOTSUPP, "Unknown
 * device type", also when wrapped in an AttachError's cause), throws KernelLacks(kind) instead.
 */
export async function needing<T>(kind: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (e) {
    for (let c: unknown = e; c instanceof Error; c = c.cause) {
      if ((c as { code?: unknown }).code === 'EOPNOTSUPP') throw new KernelLacks(kind, e);
    }
    throw e;
  }
}

export class Example {
  /** The prefix of every namespace name this run uses: ex-<recipe>-<pid>. */
  readonly prefix: string;
  readonly #namespaces: string[] = [];
  readonly #handles: Rtnl[] = [];
  readonly #cleanups: (() => unknown)[] = [];
  #checked = 0;
  #failed = 0;
  stopping = false;

  constructor(recipe: string) {
    this.prefix = `ex-${recipe}-${process.pid}`;
  }

  /** A new namespace `<prefix>-<role>` with a handle in it; removed at the end. */
  async netns(role: string): Promise<Ns> {
    if (this.stopping) throw new Error('interrupted');
    const name = `${this.prefix}-${role}`;
    await netns.create(name);
    if (this.stopping) {
      // Ctrl-C while it was being made: the cleanup has not seen it.
      await netns.delete(name);
      throw new Error('interrupted');
    }
    this.#namespaces.push(name);
    const h = await open({ netns: name });
    this.#handles.push(h);
    return { name, h };
  }

  /** A handle in `ref`'s namespace (a pid's, for instance), closed at the end. */
  async open(ref: NetnsRef): Promise<Rtnl> {
    const h = await open({ netns: ref });
    this.#handles.push(h);
    return h;
  }

  /** Runs `fn` at the end, before the namespaces go (last registered, first run). */
  defer(fn: () => unknown): void {
    this.#cleanups.push(fn);
  }

  /**
   * Whether `ping` from `from` gets an answer from `addr` (up to `tries` one-second tries); with
   * `source`, from that address (`ping -I SOURCE`).
   */
  async reaches(from: PingFrom, addr: string, tries: number, source?: string): Promise<boolean> {
    const ping = ['ping', '-n', '-q', '-c1', '-W1', ...(source === undefined ? [] : ['-I', source]), addr];
    const [cmd, ...args] = typeof from === 'string'
      ? ['ip', 'netns', 'exec', from, ...ping]
      : ['nsenter', `--net=/proc/${from.pid}/ns/net`, ...ping];
    for (let i = 0; i < tries; i++) {
      try {
        await run(cmd!, args);
        return true;
      } catch { /* no answer */ }
    }
    return false;
  }

  /**
   * Pings and prints one line: `ok` when the answer is the expected one (`want`: an answer or
   * none), `FAIL` otherwise. An expected answer gets three tries; an expected silence one.
   */
  async ping(what: string, from: PingFrom, addr: string, want: boolean, source?: string): Promise<boolean> {
    const got = await this.reaches(from, addr, want ? 3 : 1, source);
    this.check(`${what} -> ${addr}: ${got ? 'reaches' : 'no reply'}`, got === want, want ? 'reaches' : 'no reply');
    return got;
  }

  /** Prints one checked line; a false `ok` makes the exit status 1. */
  check(line: string, ok: boolean, expected?: string): void {
    this.#checked++;
    if (!ok) this.#failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${line}${ok || expected === undefined ? '' : ` (expected: ${expected})`}`);
  }

  /** The closing line the tests look for: `connectivity: N/M as expected`. */
  summary(): boolean {
    console.log(`connectivity: ${this.#checked - this.#failed}/${this.#checked} as expected`);
    return this.#failed === 0 && this.#checked > 0;
  }

  #cleaning: Promise<void> | undefined;
  /** Removes everything: deferred steps, handles, then the namespaces (which take their links along). */
  cleanup(): Promise<void> {
    this.stopping = true;
    return (this.#cleaning ??= (async () => {
      for (const fn of this.#cleanups.reverse()) {
        try {
          await fn();
        } catch (e) {
          console.error(`cleanup: ${(e as Error).message}`);
        }
      }
      for (const h of this.#handles) h.close();
      for (const name of this.#namespaces.reverse()) {
        await netns.delete(name).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') console.error(`could not delete namespace ${name}: ${e.message}`);
        });
      }
      if (this.#namespaces.length > 0) console.log(`removed namespaces ${this.prefix}-{${[...this.#namespaces].reverse().map((n) => n.slice(this.prefix.length + 1)).join(',')}}`);
    })());
  }
}

/**
 * Runs one example: `body` builds the topology and pings; everything is removed afterwards. Exit
 * status 0 when every check held, 1 otherwise, 2 when the kernel lacks a kind (KernelLacks).
 */
export function runExample(recipe: string, body: (ex: Example) => Promise<void>): void {
  const ex = new Example(recipe);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`${sig}: cleaning up`);
      void ex.cleanup().finally(() => process.exit(128 + osConstants.signals[sig]));
    });
  }
  const main = async (): Promise<number> => {
    if (process.getuid?.() !== 0) {
      console.error('this example creates network namespaces: run it as root (CAP_SYS_ADMIN, CAP_NET_ADMIN)');
      return 1;
    }
    try {
      await body(ex);
      return ex.summary() ? 0 : 1;
    } catch (e) {
      if (ex.stopping) return 1;
      if (e instanceof KernelLacks) {
        console.log(`${e.kind}: the running kernel (${release()}) refuses it: ${(e.cause as Error).message}`);
        console.log(`kernel lacks ${e.kind}`);
        return 2;
      }
      console.error(`${recipe} failed: ${(e as Error).stack ?? String(e)}`);
      return 1;
    } finally {
      await ex.cleanup();
    }
  };
  void main().then((code) => {
    process.exitCode = code;
  });
}
