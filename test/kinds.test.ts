// ipvlan, ipvtap, vlan (802.1Q/802.1ad) and dummy links on a real kernel, with iproute2 as the oracle:
// what rtnl creates reads back the same in `ip -d -j link show`, and what `ip link add` creates reads
// back the same through rtnl. Then changes (links.set) and the drift check over every LinkSpec kind.
// The host kernel here lacks ipvlan, 8021q and dummy: those tests skip there and run in the test
// kernel (npm run test:uml).
import t from 'tap';
import type {
  IpvlanFlag, IpvlanMode, Link, LinkKind, LinkSpec, QosMapping, VlanFlags, VlanProtocol, VlanSpec,
} from '../src/index.js';
import { freshNetns, ip, ipLink, kernelHas } from './helpers.js';
import { ipKindView, sameAsIp, skipUnless } from './kinds-oracle.js';

const MODES: IpvlanMode[] = ['l2', 'l3', 'l3s'];
const FLAGS: IpvlanFlag[] = ['bridge', 'private', 'vepa'];

for (const kind of ['ipvlan', 'ipvtap'] as const) {
  const short = kind === 'ipvlan' ? 'iv' : 'vt';

  t.test(`${kind}: every mode x flag made by rtnl reads back the same in ip -d -j link`, async (t) => {
    if (await skipUnless(t, kind)) return;
    const { ns, h } = await freshNetns(t);
    for (const mode of MODES) {
      for (const flags of FLAGS) {
        // One parent each: the kernel keeps mode and flags per parent.
        const parent = `p-${mode}-${flags}`;
        await h.links.add({ kind: 'veth', name: parent, peer: { name: `q-${mode}-${flags}` } });
        const made = await h.links.add({ kind, name: `${short}-${mode}-${flags}`, parent, mode, flags, mtu: 1400, txQueueLen: 77 });
        t.equal(made.kind, kind);
        t.strictSame(made[kind], { mode, flags }, `${mode} ${flags}: the link add resolved to`);
        t.equal(made.parent, parent);
        t.equal(made.mtu, 1400);
        const o = ipLink(ns, made.name);
        t.equal(o.linkinfo.info_data.mode, mode, `ip sees mode ${mode}`);
        sameAsIp(t, ns, await h.links.get(made.name));
      }
    }
  });

  t.test(`${kind}: every mode x flag made by ip reads back the same through rtnl`, async (t) => {
    if (await skipUnless(t, kind)) return;
    const { ns, h } = await freshNetns(t);
    for (const mode of MODES) {
      for (const flags of FLAGS) {
        const parent = `p-${mode}-${flags}`;
        ip(ns, 'link', 'add', parent, 'type', 'veth', 'peer', 'name', `q-${mode}-${flags}`);
        const name = `${short}-${mode}-${flags}`;
        ip(ns, 'link', 'add', name, 'link', parent, 'mtu', '1300', 'type', kind, 'mode', mode, flags);
        const l = await h.links.get(name);
        t.strictSame(l[kind], { mode, flags }, `${mode} ${flags}`);
        t.equal(l.parent, parent);
        sameAsIp(t, ns, l);
      }
    }
  });
}

interface VlanCase { id: number; protocol?: VlanProtocol; flags?: Partial<VlanFlags>; egressQos?: QosMapping[]; ingressQos?: QosMapping[] }
const VLAN_CASES: VlanCase[] = [
  { id: 50 },
  { id: 50, protocol: '802.1ad' },
  { id: 0, protocol: '802.1Q', flags: { gvrp: true } },
  { id: 1, protocol: '802.1Q', flags: { mvrp: true } },
  { id: 100, protocol: '802.1ad', flags: { looseBinding: true } },
  { id: 200, protocol: '802.1Q', flags: { bridgeBinding: true }, egressQos: [{ from: 10, to: 6 }] },
  { id: 300, protocol: '802.1ad', flags: { reorderHdr: false }, ingressQos: [{ from: 7, to: 1 }] },
  {
    id: 4094, protocol: '802.1ad',
    flags: { reorderHdr: false, gvrp: true, mvrp: true, looseBinding: true, bridgeBinding: true },
    egressQos: [{ from: 0, to: 3 }, { from: 1, to: 4 }, { from: 4294967295, to: 7 }],
    ingressQos: [{ from: 2, to: 5 }, { from: 7, to: 7 }, { from: 0, to: 1 }],
  },
  {
    id: 4000, protocol: '802.1Q', flags: { reorderHdr: true, gvrp: false, mvrp: true, looseBinding: false, bridgeBinding: true },
    egressQos: [{ from: 5, to: 5 }], ingressQos: [{ from: 3, to: 2 }],
  },
  // Ingress maps a VLAN priority (0..7) to an skb priority (32 bits), egress the reverse.
  { id: 4001, egressQos: [{ from: 100, to: 1 }], ingressQos: [{ from: 1, to: 100 }, { from: 6, to: 4294967295 }] },
];

/** What the kernel reports for a case: reorderHdr is on unless turned off, the rest off unless on. */
function expectedVlan(c: VlanCase): NonNullable<Link['vlan']> {
  const f = c.flags ?? {};
  const order = (l: QosMapping[] | undefined): QosMapping[] => [...(l ?? [])].sort((a, b) => a.from - b.from);
  return {
    id: c.id, protocol: c.protocol ?? '802.1Q',
    flags: { reorderHdr: f.reorderHdr ?? true, gvrp: !!f.gvrp, mvrp: !!f.mvrp, looseBinding: !!f.looseBinding, bridgeBinding: !!f.bridgeBinding },
    egressQos: order(c.egressQos), ingressQos: order(c.ingressQos),
  };
}

function sortedQos(v: NonNullable<Link['vlan']>): NonNullable<Link['vlan']> {
  return { ...v, egressQos: [...v.egressQos].sort((a, b) => a.from - b.from), ingressQos: [...v.ingressQos].sort((a, b) => a.from - b.from) };
}

/** `ip link add NAME link PARENT type vlan ...` arguments for a case. */
function ipVlanArgs(c: VlanCase): string[] {
  const a = ['type', 'vlan', 'id', String(c.id)];
  if (c.protocol) a.push('protocol', c.protocol);
  const names: [keyof VlanFlags, string][] = [
    ['reorderHdr', 'reorder_hdr'], ['gvrp', 'gvrp'], ['mvrp', 'mvrp'], ['looseBinding', 'loose_binding'], ['bridgeBinding', 'bridge_binding'],
  ];
  for (const [k, n] of names) if (c.flags?.[k] !== undefined) a.push(n, c.flags[k] ? 'on' : 'off');
  if (c.egressQos) a.push('egress-qos-map', ...c.egressQos.map((m) => `${m.from}:${m.to}`));
  if (c.ingressQos) a.push('ingress-qos-map', ...c.ingressQos.map((m) => `${m.from}:${m.to}`));
  return a;
}

const caseName = (c: VlanCase): string =>
  `${c.protocol ?? 'default protocol'} id ${c.id} flags ${JSON.stringify(c.flags ?? {})}${c.egressQos || c.ingressQos ? ' with QoS maps' : ''}`;

t.test('vlan 802.1Q and 802.1ad with flags and QoS maps, made by rtnl, read back the same in ip -d -j link', async (t) => {
  if (await skipUnless(t, 'vlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  for (const [i, c] of VLAN_CASES.entries()) {
    const spec: VlanSpec = { kind: 'vlan', name: `v${i}`, parent: 'up0', ...c };
    const made = await h.links.add(spec);
    t.strictSame(sortedQos(made.vlan!), expectedVlan(c), `${caseName(c)}: the link add resolved to`);
    t.equal(made.parent, 'up0');
    const o = ipLink(ns, spec.name);
    t.equal(o.linkinfo.info_data.protocol, c.protocol ?? '802.1Q', 'ip sees the protocol (big-endian on the wire)');
    t.equal(o.linkinfo.info_data.id, c.id, 'ip sees the id');
    sameAsIp(t, ns, await h.links.get(spec.name), caseName(c));
  }
});

t.test('vlan 802.1Q and 802.1ad with flags and QoS maps, made by ip, read back the same through rtnl', async (t) => {
  if (await skipUnless(t, 'vlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  for (const [i, c] of VLAN_CASES.entries()) {
    ip(ns, 'link', 'add', `v${i}`, 'link', 'up1', ...ipVlanArgs(c));
    const l = await h.links.get(`v${i}`);
    t.strictSame(sortedQos(l.vlan!), expectedVlan(c), caseName(c));
    t.equal(l.parent, 'up1');
    sameAsIp(t, ns, l, caseName(c));
  }
});

t.test('dummy made by rtnl and by ip reads back the same both ways', async (t) => {
  if (await skipUnless(t, 'dummy')) return;
  const { ns, h } = await freshNetns(t);
  const made = await h.links.add({
    kind: 'dummy', name: 'd0', mtu: 9000, address: '02:00:00:00:00:d0', txQueueLen: 5, alias: 'a dummy', group: 7,
  });
  t.match(made, { kind: 'dummy', mtu: 9000, address: '02:00:00:00:00:d0', txQueueLen: 5, alias: 'a dummy', group: 7 });
  t.equal(made.parentIndex, undefined, 'a dummy has no parent');
  sameAsIp(t, ns, await h.links.get('d0'));

  ip(ns, 'link', 'add', 'd1', 'address', '02:00:00:00:00:d1', 'mtu', '1280', 'txqueuelen', '9', 'type', 'dummy');
  ip(ns, 'link', 'set', 'd1', 'alias', 'made by ip', 'group', '3', 'up');
  const up = await h.links.waitFor('d1', (l) => l.flags.up && l.operState !== 'down', { timeout: 5000 });
  t.match(up, { kind: 'dummy', mtu: 1280, address: '02:00:00:00:00:d1', txQueueLen: 9, alias: 'made by ip', group: 3 });
  t.equal(up.flags.lowerUp, true, 'a dummy that is up has carrier');
  sameAsIp(t, ns, await h.links.get('d1'));
});

t.test('links.set on vlan flags changes only the flags named (flags/mask pair)', async (t) => {
  if (await skipUnless(t, 'vlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'vlan', name: 'v10', parent: 'up0', id: 10, flags: { gvrp: true, looseBinding: true } });
  const ipFlags = (): string[] => ipLink(ns, 'v10').linkinfo.info_data.flags;
  t.strictSame(ipFlags(), ['REORDER_HDR', 'GVRP', 'LOOSE_BINDING']);

  await h.links.set('v10', { vlan: { flags: { mvrp: true } } });
  t.strictSame(ipFlags(), ['REORDER_HDR', 'GVRP', 'MVRP', 'LOOSE_BINDING'], 'mvrp on, the others as they were');
  await h.links.set('v10', { vlan: { flags: { gvrp: false, reorderHdr: false } } });
  t.strictSame(ipFlags(), ['MVRP', 'LOOSE_BINDING'], 'gvrp and reorderHdr off, the others as they were');
  await h.links.set('v10', { vlan: { flags: { bridgeBinding: true, looseBinding: false } } });
  t.strictSame(ipFlags(), ['MVRP', 'BRIDGE_BINDING']);
  await h.links.set('v10', { vlan: { flags: {} } });
  t.strictSame(ipFlags(), ['MVRP', 'BRIDGE_BINDING'], 'no flag named: nothing changes');
  t.strictSame((await h.links.get('v10')).vlan!.flags,
    { reorderHdr: false, gvrp: false, mvrp: true, looseBinding: false, bridgeBinding: true });
  sameAsIp(t, ns, await h.links.get('v10'));
});

t.test('links.set changes a vlan\'s QoS maps (and leaves its flags alone)', async (t) => {
  if (await skipUnless(t, 'vlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({
    kind: 'vlan', name: 'v20', parent: 'up0', id: 20, flags: { mvrp: true },
    egressQos: [{ from: 1, to: 4 }], ingressQos: [{ from: 2, to: 5 }],
  });
  const maps = (): { egress: string[]; ingress: string[] } => {
    const v = ipKindView(ipLink(ns, 'v20')).vlan!;
    return { egress: v.egressQos, ingress: v.ingressQos };
  };
  await h.links.set('v20', { vlan: { egressQos: [{ from: 0, to: 3 }] } });
  t.strictSame(maps(), { egress: ['0:3', '1:4'], ingress: ['2:5'] }, 'an egress mapping is added; the others stay (as the kernel keeps them)');
  await h.links.set('v20', { vlan: { egressQos: [{ from: 1, to: 0 }], ingressQos: [{ from: 2, to: 0 }, { from: 6, to: 6 }] } });
  t.strictSame(maps(), { egress: ['0:3'], ingress: ['6:6'] }, 'a mapping to 0 removes it');
  await h.links.set('v20', { vlan: { egressQos: [{ from: 0, to: 7 }] } });
  t.strictSame(maps(), { egress: ['0:7'], ingress: ['6:6'] }, 'a mapping is replaced');
  const l = await h.links.get('v20');
  t.strictSame(l.vlan!.flags, { reorderHdr: true, gvrp: false, mvrp: true, looseBinding: false, bridgeBinding: false }, 'flags untouched');
  sameAsIp(t, ns, l);
});

t.test('links.set changes an ipvlan\'s mode and flags (for every ipvlan on that parent, as the kernel does)', async (t) => {
  if (await skipUnless(t, 'ipvlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l3', flags: 'bridge' });
  await h.links.add({ kind: 'ipvlan', name: 'iv1', parent: 'up0' });
  const seen = (name: string): unknown => ipKindView(ipLink(ns, name)).ipvlan;
  for (const [change, want] of [
    [{ mode: 'l2' }, { mode: 'l2', flags: 'bridge' }],
    [{ flags: 'private' }, { mode: 'l2', flags: 'private' }],
    [{ mode: 'l3s', flags: 'vepa' }, { mode: 'l3s', flags: 'vepa' }],
    [{ mode: 'l3', flags: 'bridge' }, { mode: 'l3', flags: 'bridge' }],
  ] as const) {
    await h.links.set('iv0', { ipvlan: change });
    t.strictSame(seen('iv0'), want, `set ${JSON.stringify(change)}`);
    t.strictSame(seen('iv1'), want, 'its sibling follows: the kernel keeps one mode per parent');
    t.strictSame((await h.links.get('iv0')).ipvlan, want);
  }
  sameAsIp(t, ns, await h.links.get('iv0'));
});

// The drift check between src/ and native/: every member of the LinkSpec union, created and read
// back on this kernel. The mapped type makes tsc fail when a kind is added to LinkSpec and not here.
const DRIFT: { [K in LinkKind]: (parent: string) => LinkSpec & { kind: K } } = {
  macvlan: (parent) => ({ kind: 'macvlan', name: 'k-macvlan', parent, mode: 'bridge' }),
  macvtap: (parent) => ({ kind: 'macvtap', name: 'k-macvtap', parent, mode: 'vepa' }),
  ipvlan: (parent) => ({ kind: 'ipvlan', name: 'k-ipvlan', parent, mode: 'l2', flags: 'private' }),
  ipvtap: (parent) => ({ kind: 'ipvtap', name: 'k-ipvtap', parent, mode: 'l3s', flags: 'vepa' }),
  vlan: (parent) => ({ kind: 'vlan', name: 'k-vlan', parent, id: 7, protocol: '802.1ad', egressQos: [{ from: 1, to: 2 }] }),
  veth: () => ({ kind: 'veth', name: 'k-veth', peer: { name: 'k-veth-peer' } }),
  bridge: () => ({ kind: 'bridge', name: 'k-bridge' }),
  dummy: () => ({ kind: 'dummy', name: 'k-dummy' }),
  vxlan: (parent) => ({ kind: 'vxlan', name: 'k-vxlan', id: 10, group: '239.1.1.1', parent, port: 4789 }),
  geneve: () => ({ kind: 'geneve', name: 'k-geneve', id: 11, remote: '192.0.2.11' }),
  gre: (parent) => ({ kind: 'gre', name: 'k-gre', remote: '192.0.2.12', key: 12, parent }),
  gretap: () => ({ kind: 'gretap', name: 'k-gretap', remote: '192.0.2.13', csum: true }),
  ip6gre: () => ({ kind: 'ip6gre', name: 'k-ip6gre', remote: '2001:db8::14', flowlabel: 14 }),
  ip6gretap: () => ({ kind: 'ip6gretap', name: 'k-ip6gretap', remote: '2001:db8::15', encapLimit: 'none' }),
  ipip: () => ({ kind: 'ipip', name: 'k-ipip', remote: '192.0.2.16', ttl: 16 }),
  sit: () => ({ kind: 'sit', name: 'k-sit', remote: '192.0.2.17', proto: 'any' }),
  ip6tnl: () => ({ kind: 'ip6tnl', name: 'k-ip6tnl', remote: '2001:db8::18', proto: 'ip6ip6' }),
  vrf: () => ({ kind: 'vrf', name: 'k-vrf', table: 19 }),
  bond: () => ({ kind: 'bond', name: 'k-bond', mode: '802.3ad', xmitHashPolicy: 'layer2+3' }),
  tun: () => ({ kind: 'tun', name: 'k-tun', type: 'tap', user: 21 }),
  ifb: () => ({ kind: 'ifb', name: 'k-ifb' }),
};
/** Where rtnl's Link carries each kind's own details. */
const DETAILS: { [K in LinkKind]: keyof Link | undefined } = {
  macvlan: 'macvlan', macvtap: 'macvtap', ipvlan: 'ipvlan', ipvtap: 'ipvtap', vlan: 'vlan', veth: 'veth', bridge: undefined, dummy: undefined,
  vxlan: 'vxlan', geneve: 'geneve', gre: 'gre', gretap: 'gretap', ip6gre: 'ip6gre', ip6gretap: 'ip6gretap', ipip: 'ipip', sit: 'sit',
  ip6tnl: 'ip6tnl', vrf: 'vrf', bond: 'bond', tun: 'tun', ifb: undefined,
};

t.test('every LinkSpec kind is created and read back on a real kernel (drift check)', async (t) => {
  const { ns, h } = await freshNetns(t);
  const skipped: string[] = [];
  for (const kind of Object.keys(DRIFT) as LinkKind[]) {
    if (!(await kernelHas(kind))) {
      skipped.push(kind);
      continue;
    }
    // A parent of its own per kind: a parent holds macvlans or ipvlans, not both.
    const parent = `p-${kind}`;
    await h.links.add({ kind: 'veth', name: parent, peer: { name: `q-${kind}` } });
    const spec = DRIFT[kind](parent);
    const made = await h.links.add(spec);
    t.equal(made.kind, kind, `${kind}: created`);
    const key = DETAILS[kind];
    if (key) t.ok(made[key], `${kind}: its details come back under '${key}'`);
    const l = await h.links.get(spec.name);
    sameAsIp(t, ns, l, `${kind}: rtnl and ip agree`);
  }
  if (skipped.length > 0) {
    t.comment(`not on this kernel, so not checked here: ${skipped.join(', ')} (npm run test:uml checks them)`);
  }
  if (process.env.RTNL_UML === '1') t.strictSame(skipped, [], 'the test kernel has every kind');
  t.ok(Object.keys(DRIFT).length - skipped.length > 0, 'at least one kind was checked');
});
