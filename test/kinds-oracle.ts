// iproute2 as the oracle for the kinds' own details (ipvlan, ipvtap, vlan) and the fields the shared
// linkView/ipView leave out: one projection of rtnl's Link and one of `ip -d -j link show`, so a
// single t.same() names every field on which the two disagree.
import type { Link } from '../src/index.js';
import { ipLink, ipView, linkView, needsKind, type LinkView } from './helpers.js';

export interface KindView extends LinkView {
  operState: string; group: number; broadcast?: string; minMtu?: number; maxMtu?: number;
  lowerUp: boolean; noarp: boolean; multicast: boolean; broadcastFlag: boolean; pointToPoint: boolean;
  ipvlan?: { mode: string; flags: string };
  vlan?: { id: number; protocol: string; flags: string[]; egressQos: string[]; ingressQos: string[] };
  /** The details of the kinds declared by field tables (vxlan, bond, ...), on the keys ip prints. */
  details?: Record<string, unknown>;
  /** A bond port's details, on the keys ip prints. */
  bondPort?: Record<string, unknown>;
}

/** The kinds whose details are compared generically: ip's info_data keys, camelCased. */
export const TABLE_KINDS = ['vxlan', 'geneve', 'gre', 'gretap', 'ip6gre', 'ip6gretap', 'ipip', 'sit', 'ip6tnl', 'vrf', 'bond', 'tun'] as const;

const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const dotted = (s: string): number => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/**
 * ip's info_data (or info_slave_data) as rtnl names it: keys camelCased, hex strings ('0x10') and
 * dotted GRE keys as numbers, `remote6`/`group6`/`local6` as `remote`/`group`/`local`, 'any'
 * endpoints left out, `ip6_tnl_f_ign_encap_limit` as encapLimit 'none', the lower device (`link`)
 * left to the parent comparison.
 */
export function ipDetails(d: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(d)) {
    // `link` is compared as the parent; `*_str` are ip's spelled-out forms of a number compared as such.
    if (k === 'link' || k.endsWith('_str')) continue;
    if (k === 'ip6_tnl_f_ign_encap_limit') {
      if (x) out.encapLimit = 'none';
      continue;
    }
    const key = /^(remote|group|local)6$/.test(k) ? k.slice(0, -1) : camel(k);
    if ((key === 'remote' || key === 'local') && x === 'any') continue;
    if (key === 'ttl' && x === 'inherit') {
      out.ttlInherit = true;
      continue;
    }
    let val = x;
    if (typeof x === 'string' && /^0x[0-9a-f]+$/i.test(x)) val = parseInt(x, 16);
    if ((key === 'ikey' || key === 'okey') && typeof x === 'string') val = dotted(x);
    if (key === 'arpValidate' && x === null) val = 'none';
    out[key] = val;
  }
  return out;
}

/** rtnl's details on the keys ip printed; where rtnl has a boolean and ip printed 0/1, ip's is made one. */
function onKeys(mine: Record<string, unknown> | undefined, ips: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(ips)) {
    const x = mine?.[k];
    if (typeof x === 'boolean' && typeof ips[k] === 'number') ips[k] = ips[k] !== 0;
    if (Array.isArray(x)) {
      out[k] = [...x].sort();
      ips[k] = [...(ips[k] as unknown[])].sort();
    } else out[k] = x;
  }
  return out;
}

const VLAN_FLAGS: [keyof NonNullable<Link['vlan']>['flags'], string][] = [
  ['reorderHdr', 'REORDER_HDR'], ['gvrp', 'GVRP'], ['mvrp', 'MVRP'],
  ['looseBinding', 'LOOSE_BINDING'], ['bridgeBinding', 'BRIDGE_BINDING'],
];

const qos = (l: { from: number; to: number }[] | undefined): string[] => (l ?? []).map((m) => `${m.from}:${m.to}`).sort();

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** rtnl's Link, projected. */
export function rtnlKindView(l: Link): KindView {
  const iv = l.ipvlan ?? l.ipvtap;
  return strip<KindView>({
    ...linkView(l),
    operState: l.operState, group: l.group, broadcast: l.broadcast, minMtu: l.minMtu, maxMtu: l.maxMtu,
    lowerUp: l.flags.lowerUp, noarp: l.flags.noarp, multicast: l.flags.multicast,
    broadcastFlag: l.flags.broadcast, pointToPoint: l.flags.pointToPoint,
    ipvlan: iv && { mode: iv.mode, flags: iv.flags },
    vlan: l.vlan && {
      id: l.vlan.id, protocol: l.vlan.protocol,
      flags: VLAN_FLAGS.filter(([k]) => l.vlan!.flags[k]).map(([, n]) => n),
      egressQos: qos(l.vlan.egressQos), ingressQos: qos(l.vlan.ingressQos),
    },
  });
}

/** Both views of the table kinds' details and bond port data, on the keys ip prints. */
function tableDetails(l: Link, o: any): { mine: Pick<KindView, 'details' | 'bondPort'>; ips: Pick<KindView, 'details' | 'bondPort'> } {
  const kind = o.linkinfo?.info_kind;
  const mine: Pick<KindView, 'details' | 'bondPort'> = {};
  const ips: Pick<KindView, 'details' | 'bondPort'> = {};
  if ((TABLE_KINDS as readonly string[]).includes(kind)) {
    ips.details = ipDetails(o.linkinfo.info_data ?? {});
    mine.details = onKeys((l as unknown as Record<string, Record<string, unknown>>)[kind], ips.details);
  }
  if (o.linkinfo?.info_slave_kind === 'bond') {
    ips.bondPort = ipDetails(o.linkinfo.info_slave_data ?? {});
    mine.bondPort = onKeys(l.bondPort as unknown as Record<string, unknown>, ips.bondPort);
  }
  return { mine, ips };
}

/** `ip -d -j link show` output for one link, projected. */
export function ipKindView(o: any): KindView {
  const flags: string[] = o.flags ?? [];
  const kind: string | undefined = o.linkinfo?.info_kind;
  const d = o.linkinfo?.info_data ?? {};
  const view = ipView(o);
  // vxlan reports its lower device only in its own data (IFLA_VXLAN_LINK): rtnl reads it as the parent.
  if (kind === 'vxlan' && d.link) view.parent = d.link;
  return strip<KindView>({
    ...view,
    operState: String(o.operstate).toLowerCase(), group: o.group === 'default' ? 0 : Number(o.group),
    broadcast: o.broadcast, minMtu: o.min_mtu, maxMtu: o.max_mtu,
    lowerUp: flags.includes('LOWER_UP'), noarp: flags.includes('NOARP'), multicast: flags.includes('MULTICAST'),
    broadcastFlag: flags.includes('BROADCAST'), pointToPoint: flags.includes('POINTOPOINT'),
    ipvlan: kind === 'ipvlan' || kind === 'ipvtap'
      ? { mode: d.mode, flags: d.private ? 'private' : d.vepa ? 'vepa' : 'bridge' }
      : undefined,
    vlan: kind === 'vlan'
      ? {
          id: d.id, protocol: d.protocol, flags: VLAN_FLAGS.map(([, n]) => n).filter((n) => (d.flags ?? []).includes(n)),
          egressQos: qos(d.egress_qos), ingressQos: qos(d.ingress_qos),
        }
      : undefined,
  });
}

/** Compares a link as rtnl reports it with `ip -d -j link show dev NAME` in `ns`, field by field. */
export function sameAsIp(t: { strictSame(found: any, wanted: any, msg: string): unknown }, ns: string, l: Link, msg?: string): void {
  const o = ipLink(ns, l.name);
  const { mine, ips } = tableDetails(l, o);
  t.strictSame(strip({ ...rtnlKindView(l), ...mine }), strip({ ...ipKindView(o), ...ips }), `${msg ? `${msg}: ` : ''}${l.name} (${l.kind}) reads the same in rtnl and ip -d -j`);
}

/**
 * Ends test `t` as skipped, with the reason, when the running kernel lacks one of `kinds` (the host
 * kernel; the test kernel has them all). Resolves true when it did.
 */
export async function skipUnless(t: { plan(n: number, why?: string): void }, ...kinds: Parameters<typeof needsKind>[0][]): Promise<boolean> {
  for (const k of kinds) {
    const why = await needsKind(k);
    if (why) {
      t.plan(0, why);
      return true;
    }
  }
  return false;
}
