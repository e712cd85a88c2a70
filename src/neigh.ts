// Neighbours (ip neigh): the public types, state names, validation of entries into native requests,
// and decoding of what the kernel reports. Listing by link or family is filtered in the kernel.
import { C, type NativeNeighbour, type NativeNeighbourRequest } from './binding.js';
import { explainRefusal, rangeError } from './errors.js';
import { describeNetns } from './netns.js';
import type { LinkRef } from './link.js';
import { AF, familyOption, ipAddress, ipFamily, linkFilter, type FamilyContext, type IpFamily } from './inet.js';
import * as v from './validate.js';

// ---- public types -------------------------------------------------------------------------------

/** NUD states, as `ip neigh` names them ('permanent' for static entries). */
export type NeighbourState =
  | 'incomplete' | 'reachable' | 'stale' | 'delay' | 'probe' | 'failed' | 'noarp' | 'permanent' | 'none';

/** A neighbour (ARP or NDP) entry as the kernel reports it (`ip neigh show nud all`). */
export interface Neighbour {
  /** 4 (ARP) or 6 (NDP). */
  family: IpFamily;
  /** The link's index. */
  linkIndex: number;
  /** The link's name. */
  link?: string;
  /** The neighbour's IP address. */
  address: string;
  /** MAC address 'aa:bb:cc:dd:ee:ff'. */
  lladdr?: string;
  /** Its NUD state (`nud` in `ip neigh`). */
  state: NeighbourState;
  /** IPv6: the neighbour is a router. */
  router: boolean;
  /** A proxy entry (`ip neigh add proxy ...`): this host answers for the address. */
  proxy: boolean;
}

/** What `neighbours.add`, `replace` and `delete` take. */
export interface NeighbourSpec {
  /** The link the neighbour is on (`dev NAME`). */
  link: LinkRef;
  /** The neighbour's IP address. */
  address: string;
  /** MAC address; not for proxy entries. */
  lladdr?: string;
  /** Default 'permanent' (as iproute2); not for proxy entries. */
  state?: NeighbourState;
  /** IPv6: the neighbour is a router (`router`). */
  router?: boolean;
  /** A proxy entry (`ip neigh add proxy ADDRESS dev NAME`): this host answers for the address. */
  proxy?: boolean;
}

/** What `neighbours.list` takes. */
export interface NeighbourFilter {
  /** Only the entries of this link (filtered in the kernel). */
  link?: LinkRef;
  /** Only ARP (4) or NDP (6) entries (filtered in the kernel). */
  family?: IpFamily;
  /** List the proxy entries instead of the neighbour cache (`ip neigh show proxy`). */
  proxy?: boolean;
  /**
   * Only entries in this state or these states (`ip neigh show nud STATE`). The kernel takes no state
   * in a dump request (strict checking refuses one), so this filter is applied to its answer.
   */
  state?: NeighbourState | NeighbourState[];
}

// ---- vocabulary ---------------------------------------------------------------------------------

export const NEIGHBOUR_STATES: ReadonlyMap<string, number> = new Map([
  ['incomplete', C.NUD_INCOMPLETE!], ['reachable', C.NUD_REACHABLE!], ['stale', C.NUD_STALE!],
  ['delay', C.NUD_DELAY!], ['probe', C.NUD_PROBE!], ['failed', C.NUD_FAILED!], ['noarp', C.NUD_NOARP!],
  ['permanent', C.NUD_PERMANENT!], ['none', C.NUD_NONE!],
]);
const STATE_NAMES = new Map([...NEIGHBOUR_STATES].map(([k, n]) => [n, k as NeighbourState]));

/** The state's name; for a combination of bits (the kernel reports one), the highest bit's. */
function stateName(state: number): NeighbourState {
  const exact = STATE_NAMES.get(state);
  if (exact !== undefined) return exact;
  for (let bit = 0x80; bit; bit >>= 1) if (state & bit && STATE_NAMES.has(bit)) return STATE_NAMES.get(bit)!;
  return 'none';
}

// ---- requests -----------------------------------------------------------------------------------

interface Checked {
  req: NativeNeighbourRequest;
  link: LinkRef;
}

function checkSpec(spec: unknown, del: boolean): Checked {
  const s = v.object<Record<string, unknown>>('spec', spec);
  v.knownKeys('spec', s, del ? ['link', 'address', 'proxy'] : ['link', 'address', 'lladdr', 'state', 'router', 'proxy']);
  const link = v.ifnameOrIndex('spec.link', s.link);
  const a = ipAddress('spec.address', s.address);
  const proxy = s.proxy === undefined ? false : v.boolean('spec.proxy', s.proxy);
  const req: NativeNeighbourRequest = { family: AF[a.family], dst: a.bytes };
  let flags = proxy ? C.NTF_PROXY! : 0;
  if (!del) {
    if (proxy && s.lladdr !== undefined) throw rangeError('spec.lladdr', 'unset for a proxy entry', s.lladdr);
    if (proxy && s.state !== undefined) throw rangeError('spec.state', 'unset for a proxy entry', s.state);
    if (s.lladdr !== undefined) req.lladdr = v.mac('spec.lladdr', s.lladdr);
    if (!proxy) req.state = s.state === undefined ? C.NUD_PERMANENT! : v.oneOf('spec.state', s.state, NEIGHBOUR_STATES);
    if (s.router !== undefined && v.boolean('spec.router', s.router)) flags |= C.NTF_ROUTER!;
  }
  if (flags) req.flags = flags;
  return { req, link };
}

// ---- decoding -----------------------------------------------------------------------------------

/** Maps a native neighbour to the public one; undefined for other families (bridge FDB entries). */
export function toNeighbour(raw: NativeNeighbour, nameOf: (index: number) => string | undefined): Neighbour | undefined {
  const family = ipFamily(raw.family);
  if (family === undefined || raw.address === undefined) return undefined;
  const n: Neighbour = {
    family, linkIndex: raw.index, address: raw.address, state: stateName(raw.state), router: raw.router, proxy: raw.proxy,
  };
  const link = nameOf(raw.index);
  if (link !== undefined) n.link = link;
  if (raw.lladdr !== undefined) n.lladdr = raw.lladdr;
  return n;
}

// ---- the family on one handle -------------------------------------------------------------------

/** Neighbours: `ip neigh` on one handle. */
export class Neighbours {
  readonly #h: FamilyContext;
  /** @internal Use `handle.neighbours`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists neighbour entries in every state, or in the states asked for (or the proxy entries); the
   * kernel filters by link and family.
   *
   * Equivalent to: `ip [-4|-6] neigh show nud all|STATE [dev NAME]`, `ip neigh show proxy`
   */
  async list(filter: NeighbourFilter = {}): Promise<Neighbour[]> {
    const f = v.object<Record<string, unknown>>('filter', filter);
    v.knownKeys('filter', f, ['link', 'family', 'proxy', 'state']);
    if (f.link !== undefined) v.ifnameOrIndex('filter.link', f.link);
    let states: Set<NeighbourState> | undefined;
    if (f.state !== undefined) {
      if (Array.isArray(f.state) && f.state.length === 0) throw rangeError('filter.state', 'a state or a non-empty array of states', f.state);
      const list = Array.isArray(f.state) ? Array.from(f.state as unknown[], (x, i) => [x, `filter.state[${i}]`] as const) : [[f.state, 'filter.state'] as const];
      states = new Set(list.map(([x, field]) => (v.oneOf(field, x, NEIGHBOUR_STATES), x as NeighbourState)));
    }
    const family = f.family === undefined ? undefined : familyOption('filter.family', f.family);
    const proxy = f.proxy === undefined ? false : v.boolean('filter.proxy', f.proxy);
    const link = await linkFilter(this.#h, 'filter.link', f.link as LinkRef | undefined);
    const req: NativeNeighbourRequest = { family: family === undefined ? C.AF_UNSPEC! : AF[family] };
    if (link.index !== undefined) req.filterIndex = link.index;
    if (proxy) req.flags = C.NTF_PROXY!;
    // The kernel filters with strict checking (4.20+); the same filter here covers older kernels.
    const raw = ((await this.#h.request(C.RTM_GETNEIGH!, C.NLM_F_DUMP!, req)) as NativeNeighbour[])
      .filter((n) => (link.index === undefined || n.index === link.index) && (family === undefined || n.family === AF[family]) &&
        n.proxy === proxy);
    const names = await link.names(raw.map((n) => n.index));
    return raw.flatMap((n) => {
      const entry = toNeighbour(n, (i) => names.get(i));
      return entry && (states === undefined || states.has(entry.state)) ? [entry] : [];
    });
  }

  /**
   * Adds an entry; rejects with EEXIST when there is one for the address.
   *
   * Equivalent to: `ip neigh add 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud permanent [router] dev NAME`,
   * `ip neigh add proxy 172.16.10.9 dev NAME`
   */
  async add(spec: NeighbourSpec): Promise<void> {
    await this.#write(C.RTM_NEWNEIGH!, C.NLM_F_CREATE! | C.NLM_F_EXCL!, spec, false);
  }

  /**
   * Adds an entry or changes the one for the address.
   *
   * Equivalent to: `ip neigh replace 172.16.10.1 lladdr 00:21:d7:c5:f2:45 nud reachable dev NAME`
   */
  async replace(spec: NeighbourSpec): Promise<void> {
    await this.#write(C.RTM_NEWNEIGH!, C.NLM_F_CREATE! | C.NLM_F_REPLACE!, spec, false);
  }

  /**
   * Deletes an entry (lladdr and state are not needed).
   *
   * Equivalent to: `ip neigh del 172.16.10.1 dev NAME`, `ip neigh del proxy 172.16.10.9 dev NAME`
   */
  async delete(spec: Pick<NeighbourSpec, 'link' | 'address' | 'proxy'>): Promise<void> {
    await this.#write(C.RTM_DELNEIGH!, 0, spec, true);
  }

  async #write(type: number, flags: number, spec: unknown, del: boolean): Promise<void> {
    const { req, link } = checkSpec(spec, del);
    const l = await this.#h.links.resolveLink('spec.link', link);
    req.index = l.index;
    const where = describeNetns(this.#h.netns);
    await this.#h.request(type, flags, req).catch((e) => Promise.reject(explainRefusal(e, where,
      `neighbour ${(spec as NeighbourSpec).address} already exists on '${l.name}' in ${where}`)));
  }
}
