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

/** `ip -d -j link show` output for one link, projected. */
export function ipKindView(o: any): KindView {
  const flags: string[] = o.flags ?? [];
  const kind: string | undefined = o.linkinfo?.info_kind;
  const d = o.linkinfo?.info_data ?? {};
  return strip<KindView>({
    ...ipView(o),
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
  t.strictSame(rtnlKindView(l), ipKindView(ipLink(ns, l.name)), `${msg ? `${msg}: ` : ''}${l.name} (${l.kind}) reads the same in rtnl and ip -d -j`);
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
