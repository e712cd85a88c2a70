// The kinds declared by field tables (src/kinds.ts, native/link.cc): vxlan, geneve, the GRE and IP
// tunnels, vrf, bond (and its ports), tun/tap and ifb, on a real kernel with iproute2 as the oracle
// both ways: what rtnl creates reads back the same in `ip -d -j link show`, and what `ip link add`
// creates reads back the same through rtnl, with the values asked for. The host kernel has vxlan,
// tun and ifb; the others run in the test kernel (npm run test:uml) and skip here with the reason.
import t from 'tap';
import type { Link, LinkKind, LinkSpec } from '../src/index.js';
import { freshNetns, ip, ipLink } from './helpers.js';
import { sameAsIp, skipUnless } from './kinds-oracle.js';

interface Case {
  /** What rtnl is asked for (name and kind added per test). */
  spec: Record<string, unknown>;
  /** The same link as `ip link add NAME ARGS` makes it. */
  ip: string[];
  /** What the details must hold either way. */
  want: Record<string, unknown>;
  /** The parent the link must report. */
  parent?: string;
}

const CASES: { [K in LinkKind]?: Case[] } = {
  vxlan: [
    {
      spec: {
        id: 42, remote: '198.51.100.2', local: '198.51.100.1', parent: 'up0', port: 4789, portRange: { low: 1000, high: 2000 },
        ttl: 5, tos: 16, learning: false, rsc: true, l2miss: true, l3miss: true, gbp: true, ageing: 100, limit: 9, udpCsum: false,
      },
      ip: ['type', 'vxlan', 'id', '42', 'remote', '198.51.100.2', 'local', '198.51.100.1', 'dev', 'up0', 'dstport', '4789',
        'srcport', '1000', '2000', 'ttl', '5', 'tos', '0x10', 'nolearning', 'rsc', 'l2miss', 'l3miss', 'gbp', 'ageing', '100',
        'maxaddress', '9', 'noudpcsum'],
      want: { id: 42, remote: '198.51.100.2', local: '198.51.100.1', port: 4789, portRange: { low: 1000, high: 2000 }, ttl: 5, tos: 16,
        learning: false, rsc: true, l2miss: true, l3miss: true, gbp: true, ageing: 100, limit: 9, udpCsum: false },
      parent: 'up0',
    },
    {
      spec: { id: 43, group: 'ff05::1', parent: 'up0', port: 0, label: 7, udpZeroCsum6Tx: true, udpZeroCsum6Rx: true, proxy: true, ttlInherit: true },
      ip: ['type', 'vxlan', 'id', '43', 'group', 'ff05::1', 'dev', 'up0', 'dstport', '0', 'flowlabel', '7', 'udp6zerocsumtx',
        'udp6zerocsumrx', 'proxy', 'ttl', 'inherit'],
      want: { id: 43, group: 'ff05::1', port: 8472, label: 7, udpZeroCsum6Tx: true, udpZeroCsum6Rx: true, proxy: true, ttlInherit: true },
      parent: 'up0',
    },
    {
      spec: { external: true, port: 4790, df: 'set' },
      ip: ['type', 'vxlan', 'external', 'dstport', '4790', 'df', 'set'],
      want: { external: true, port: 4790, df: 'set' },
    },
    {
      spec: { id: 16777215, remote: '2001:db8::2', local: '2001:db8::1', df: 'inherit', port: 4789 },
      ip: ['type', 'vxlan', 'id', '16777215', 'remote', '2001:db8::2', 'local', '2001:db8::1', 'df', 'inherit', 'dstport', '4789'],
      want: { id: 16777215, remote: '2001:db8::2', local: '2001:db8::1', df: 'inherit' },
    },
  ],
  geneve: [
    {
      spec: { id: 77, remote: '192.0.2.9', ttl: 9, tos: 32, port: 6082, udpCsum: false },
      ip: ['type', 'geneve', 'id', '77', 'remote', '192.0.2.9', 'ttl', '9', 'tos', '0x20', 'dstport', '6082', 'noudpcsum'],
      want: { id: 77, remote: '192.0.2.9', ttl: 9, tos: 32, port: 6082, udpCsum: false },
    },
    {
      spec: { id: 78, remote: '2001:db8::9', label: 0x12345, udpZeroCsum6Tx: true },
      ip: ['type', 'geneve', 'id', '78', 'remote', '2001:db8::9', 'flowlabel', '0x12345', 'udp6zerocsumtx'],
      want: { id: 78, remote: '2001:db8::9', label: 0x12345, udpZeroCsum6Tx: true, port: 6081 },
    },
    { spec: { external: true, port: 6090 }, ip: ['type', 'geneve', 'external', 'dstport', '6090'], want: { external: true, port: 6090 } },
  ],
  gre: [{
    spec: { local: '192.0.2.1', remote: '192.0.2.2', ttl: 10, tos: 16, ikey: 5, okey: 6, icsum: true, ocsum: true, iseq: true, oseq: true, pmtudisc: false, parent: 'up0' },
    ip: ['type', 'gre', 'local', '192.0.2.1', 'remote', '192.0.2.2', 'ttl', '10', 'tos', '0x10', 'ikey', '5', 'okey', '6', 'icsum',
      'ocsum', 'iseq', 'oseq', 'nopmtudisc', 'dev', 'up0'],
    want: { local: '192.0.2.1', remote: '192.0.2.2', ttl: 10, tos: 16, ikey: 5, okey: 6, icsum: true, ocsum: true, iseq: true, oseq: true, pmtudisc: false },
    parent: 'up0',
  }],
  gretap: [{
    spec: { local: '192.0.2.1', remote: '192.0.2.3', key: 7, csum: true },
    ip: ['type', 'gretap', 'local', '192.0.2.1', 'remote', '192.0.2.3', 'key', '7', 'csum'],
    want: { local: '192.0.2.1', remote: '192.0.2.3', ikey: 7, okey: 7, icsum: true, ocsum: true, iseq: false, oseq: false },
  }],
  ip6gre: [{
    spec: { local: '2001:db8::1', remote: '2001:db8::2', encapLimit: 4, flowlabel: 0x12, tclass: 16, key: 8, ttl: 20 },
    ip: ['type', 'ip6gre', 'local', '2001:db8::1', 'remote', '2001:db8::2', 'encaplimit', '4', 'flowlabel', '0x12', 'tclass', '0x10',
      'key', '8', 'hoplimit', '20'],
    want: { local: '2001:db8::1', remote: '2001:db8::2', encapLimit: 4, flowlabel: 0x12, tclass: 16, ikey: 8, okey: 8, ttl: 20 },
  }],
  ip6gretap: [{
    spec: { local: '2001:db8::1', remote: '2001:db8::3', encapLimit: 'none' },
    ip: ['type', 'ip6gretap', 'local', '2001:db8::1', 'remote', '2001:db8::3', 'encaplimit', 'none'],
    want: { local: '2001:db8::1', remote: '2001:db8::3', encapLimit: 'none' },
  }],
  ipip: [{
    spec: { local: '192.0.2.1', remote: '192.0.2.4', ttl: 3, parent: 'up0', proto: 'any' },
    ip: ['type', 'ipip', 'local', '192.0.2.1', 'remote', '192.0.2.4', 'ttl', '3', 'dev', 'up0', 'mode', 'any'],
    want: { local: '192.0.2.1', remote: '192.0.2.4', ttl: 3, proto: 'any', pmtudisc: true },
    parent: 'up0',
  }],
  sit: [{
    spec: { local: '192.0.2.1', remote: '192.0.2.5', proto: 'ip6ip', ttl: 64 },
    ip: ['type', 'sit', 'local', '192.0.2.1', 'remote', '192.0.2.5', 'mode', 'ip6ip', 'ttl', '64'],
    want: { local: '192.0.2.1', remote: '192.0.2.5', proto: 'ip6ip', ttl: 64 },
  }],
  ip6tnl: [{
    spec: { local: '2001:db8::1', remote: '2001:db8::4', proto: 'ipip6', encapLimit: 2, flowlabel: 5, ttl: 30 },
    ip: ['type', 'ip6tnl', 'local', '2001:db8::1', 'remote', '2001:db8::4', 'mode', 'ipip6', 'encaplimit', '2', 'flowlabel', '5', 'hoplimit', '30'],
    want: { local: '2001:db8::1', remote: '2001:db8::4', proto: 'ipip6', encapLimit: 2, flowlabel: 5, ttl: 30 },
  }],
  vrf: [{ spec: { table: 100 }, ip: ['type', 'vrf', 'table', '100'], want: { table: 100 } }],
  bond: [
    {
      spec: { mode: 'active-backup', miimon: 100, updelay: 200, downdelay: 200, arpIpTarget: ['192.0.2.1', '192.0.2.2'], minLinks: 1, primaryReselect: 'better', failOverMac: 'active', numPeerNotif: 3 },
      ip: ['type', 'bond', 'mode', 'active-backup', 'miimon', '100', 'updelay', '200', 'downdelay', '200', 'arp_ip_target',
        '192.0.2.1,192.0.2.2', 'min_links', '1', 'primary_reselect', 'better', 'fail_over_mac', 'active', 'num_grat_arp', '3'],
      want: { mode: 'active-backup', miimon: 100, updelay: 200, downdelay: 200, arpIpTarget: ['192.0.2.1', '192.0.2.2'], minLinks: 1,
        primaryReselect: 'better', failOverMac: 'active', numPeerNotif: 3 },
    },
    {
      spec: { mode: '802.3ad', adLacpRate: 'fast', adSelect: 'count', xmitHashPolicy: 'layer3+4', adActorSysPrio: 100, adUserPortKey: 5, adActorSystem: '02:00:00:00:00:01' },
      ip: ['type', 'bond', 'mode', '802.3ad', 'lacp_rate', 'fast', 'ad_select', 'count', 'xmit_hash_policy', 'layer3+4',
        'ad_actor_sys_prio', '100', 'ad_user_port_key', '5', 'ad_actor_system', '02:00:00:00:00:01'],
      want: { mode: '802.3ad', adLacpRate: 'fast', adSelect: 'count', xmitHashPolicy: 'layer3+4', adActorSysPrio: 100, adUserPortKey: 5, adActorSystem: '02:00:00:00:00:01' },
    },
    {
      spec: { mode: 'balance-alb', tlbDynamicLb: true, lpInterval: 3, allSlavesActive: true, resendIgmp: 5, useCarrier: false },
      ip: ['type', 'bond', 'mode', 'balance-alb', 'tlb_dynamic_lb', '1', 'lp_interval', '3', 'all_slaves_active', '1', 'resend_igmp', '5', 'use_carrier', '0'],
      want: { mode: 'balance-alb', tlbDynamicLb: true, lpInterval: 3, allSlavesActive: true, resendIgmp: 5, useCarrier: false },
    },
    {
      spec: { mode: 'balance-rr', packetsPerSlave: 4, arpInterval: 500, arpIpTarget: ['192.0.2.9'], arpValidate: 'all', arpAllTargets: 'all' },
      ip: ['type', 'bond', 'mode', 'balance-rr', 'packets_per_slave', '4', 'arp_interval', '500', 'arp_ip_target', '192.0.2.9',
        'arp_validate', 'all', 'arp_all_targets', 'all'],
      want: { mode: 'balance-rr', packetsPerSlave: 4, arpInterval: 500, arpIpTarget: ['192.0.2.9'], arpValidate: 'all', arpAllTargets: 'all' },
    },
  ],
  ifb: [{ spec: {}, ip: ['type', 'ifb'], want: {} }],
};

// Not kind + digit: the namespace's fallback devices are named so (gre0, sit0, ip6tnl0...).
const short = (k: string): string => `x-${k}`;

for (const [kind, cases] of Object.entries(CASES) as [LinkKind, Case[]][]) {
  t.test(`${kind}: made by rtnl, read back the same in ip -d -j link, with the values asked for`, async (t) => {
    if (await skipUnless(t, kind)) return;
    const { ns, h } = await freshNetns(t, { veth: true });
    for (const [i, c] of cases.entries()) {
      const name = `${short(kind)}${i}`;
      const made = await h.links.add({ kind, name, ...c.spec } as LinkSpec);
      t.equal(made.kind, kind);
      const details = (made as unknown as Record<string, unknown>)[kind];
      if (kind === 'ifb') t.equal(details, undefined, 'ifb has no details');
      else t.match(details, c.want, `${name}: the link add resolved to the values asked for`);
      t.equal(made.parent, c.parent, `${name}: parent`);
      sameAsIp(t, ns, await h.links.get(name), JSON.stringify(c.spec));
    }
  });

  t.test(`${kind}: made by ip, read back the same through rtnl`, async (t) => {
    if (await skipUnless(t, kind)) return;
    const { ns, h } = await freshNetns(t, { veth: true });
    for (const [i, c] of cases.entries()) {
      const name = `${short(kind)}${i}`;
      ip(ns, 'link', 'add', name, ...c.ip);
      const l = await h.links.get(name);
      t.equal(l.kind, kind);
      if (kind !== 'ifb') t.match((l as unknown as Record<string, unknown>)[kind], c.want, `${name}: ${c.ip.join(' ')}`);
      t.equal(l.parent, c.parent, `${name}: parent`);
      sameAsIp(t, ns, l, c.ip.join(' '));
    }
  });
}

t.test('vxlan: links.set changes what the kernel lets change; the rest stays', async (t) => {
  if (await skipUnless(t, 'vxlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'vxlan', name: 'vx0', id: 42, remote: '198.51.100.2', parent: 'up0', port: 4789, ttl: 5, learning: false });
  await h.links.set('vx0', { vxlan: { ttl: 9, learning: true, remote: '198.51.100.7', ageing: 42, tos: 8 } });
  const l = await h.links.get('vx0');
  t.match(l.vxlan, { id: 42, remote: '198.51.100.7', ttl: 9, learning: true, ageing: 42, tos: 8, port: 4789 });
  t.equal(ipLink(ns, 'vx0').linkinfo.info_data.remote, '198.51.100.7', 'ip sees the new remote');
  sameAsIp(t, ns, l);
  await t.rejects(h.links.set('vx0', { vxlan: { port: 1 } as never }), { name: 'TypeError', message: /changes\.vxlan\.port/ },
    'the port cannot change (the kernel refuses it): refused before any syscall');
});

t.test('gre, ip6gre and ipip: links.set changes one setting and keeps the others (the kernel replaces them whole)', async (t) => {
  if (await skipUnless(t, 'gre')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'gre', name: 'g0', local: '192.0.2.1', remote: '192.0.2.2', ikey: 5, okey: 6, icsum: true, ttl: 10, parent: 'up0' });
  await h.links.set('g0', { gre: { ttl: 20 } });
  let l = await h.links.get('g0');
  t.match(l.gre, { local: '192.0.2.1', remote: '192.0.2.2', ikey: 5, okey: 6, icsum: true, ocsum: false, ttl: 20 });
  t.equal(l.parent, 'up0');
  sameAsIp(t, ns, l);
  await h.links.set('g0', { gre: { remote: '192.0.2.9', icsum: false, oseq: true } });
  l = await h.links.get('g0');
  t.match(l.gre, { remote: '192.0.2.9', ikey: 5, okey: 6, icsum: false, oseq: true, ttl: 20 });
  sameAsIp(t, ns, l);

  await h.links.add({ kind: 'ip6gre', name: 'g6', local: '2001:db8::1', remote: '2001:db8::2', flowlabel: 0x12, tclass: 16, encapLimit: 4 });
  await h.links.set('g6', { ip6gre: { tclass: 32 } });
  l = await h.links.get('g6');
  t.match(l.ip6gre, { local: '2001:db8::1', remote: '2001:db8::2', flowlabel: 0x12, tclass: 32, encapLimit: 4 });
  sameAsIp(t, ns, l);
  await h.links.set('g6', { ip6gre: { encapLimit: 'none' } });
  t.match((await h.links.get('g6')).ip6gre, { encapLimit: 'none', flowlabel: 0x12 });
  sameAsIp(t, ns, await h.links.get('g6'));

  await h.links.add({ kind: 'ipip', name: 't0', local: '192.0.2.1', remote: '192.0.2.4', ttl: 3 });
  await h.links.set('t0', { ipip: { pmtudisc: false, ttl: 0 } });
  t.match((await h.links.get('t0')).ipip, { local: '192.0.2.1', remote: '192.0.2.4', ttl: 0, pmtudisc: false });
  sameAsIp(t, ns, await h.links.get('t0'));
});

t.test('geneve: links.set changes the ttl and tos', async (t) => {
  if (await skipUnless(t, 'geneve')) return;
  const { ns, h } = await freshNetns(t);
  await h.links.add({ kind: 'geneve', name: 'gn0', id: 5, remote: '192.0.2.9' });
  await h.links.set('gn0', { geneve: { ttl: 33, tos: 4 } });
  const l = await h.links.get('gn0');
  t.match(l.geneve, { id: 5, remote: '192.0.2.9', ttl: 33, tos: 4 });
  sameAsIp(t, ns, l);
});

t.test('bond: ports join with master; bondPort reads back as ip shows it; options and port options change', async (t) => {
  if (await skipUnless(t, 'bond')) return;
  const { ns, h } = await freshNetns(t);
  await h.links.add({ kind: 'veth', name: 'p0', peer: { name: 'q0' } });
  await h.links.add({ kind: 'veth', name: 'p1', peer: { name: 'q1' } });
  await h.links.add({ kind: 'bond', name: 'bond0', mode: 'active-backup', miimon: 100 });
  await h.links.set('p0', { master: 'bond0' });
  ip(ns, 'link', 'set', 'p1', 'master', 'bond0');
  await h.links.set('bond0', { bond: { primary: 'p1', updelay: 300 } });
  const bond = await h.links.get('bond0');
  t.match(bond.bond, { mode: 'active-backup', miimon: 100, updelay: 300, primary: 'p1' });
  sameAsIp(t, ns, bond);
  for (const p of ['p0', 'p1']) {
    const l = await h.links.get(p);
    t.equal(l.master, 'bond0');
    t.equal(l.slaveKind, 'bond');
    t.match(l.bondPort, { state: /^(ACTIVE|BACKUP)$/, miiStatus: /^(UP|DOWN|GOING_DOWN|GOING_BACK)$/, linkFailureCount: Number, queueId: 0 });
    sameAsIp(t, ns, l);
  }
  await h.links.set('p0', { bondPort: { queueId: 3 } });
  t.equal((await h.links.get('p0')).bondPort?.queueId, 3);
  t.equal(ipLink(ns, 'p0').linkinfo.info_slave_data.queue_id, 3, 'ip sees the queue id');
  if ((await h.links.get('p0')).bondPort?.prio !== undefined) {
    await h.links.set('p1', { bondPort: { prio: 7 } });
    t.equal(ipLink(ns, 'p1').linkinfo.info_slave_data.prio, 7, 'ip sees the port priority');
  }
  ip(ns, 'link', 'set', 'p1', 'type', 'bond_slave', 'queue_id', '2');
  t.equal((await h.links.get('p1')).bondPort?.queueId, 2, 'set by ip, read by rtnl');
  sameAsIp(t, ns, await h.links.get('p1'));
  await t.rejects(h.links.set('bond0', { bond: { mode: 'broadcast' } }), { name: 'NetlinkError' }, 'the kernel refuses a mode change while the bond has ports');

  // 802.3ad: a port reports its aggregator and LACP port states.
  await h.links.add({ kind: 'veth', name: 'p2', peer: { name: 'q2' } });
  await h.links.add({ kind: 'bond', name: 'bond1', mode: '802.3ad', adLacpRate: 'fast' });
  await h.links.set('p2', { master: 'bond1' });
  await h.links.set('bond1', { up: true });
  const p2 = await h.links.get('p2');
  t.match(p2.bondPort, { adAggregatorId: Number, adActorOperPortState: Number, adPartnerOperPortState: Number }, '802.3ad port details');
  sameAsIp(t, ns, p2);
});

t.test('vrf: links enslaved with master; the table reads back', async (t) => {
  if (await skipUnless(t, 'vrf')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'vrf', name: 'blue', table: 10, up: true });
  await h.links.set('up0', { master: 'blue' });
  const l = await h.links.get('up0');
  t.equal(l.master, 'blue');
  t.equal(l.slaveKind, 'vrf');
  sameAsIp(t, ns, l);
  t.strictSame((await h.links.get('blue')).vrf, { table: 10 });
  sameAsIp(t, ns, await h.links.get('blue'));
});

t.test('tun/tap: persistent devices made with the tun ioctls, read back both ways, deleted', async (t) => {
  if (await skipUnless(t, 'tun')) return;
  const { ns, h } = await freshNetns(t);
  const tap = await h.links.add({ kind: 'tun', name: 'tap0', type: 'tap', user: 12345, group: 54321, vnetHdr: true, multiQueue: true, mtu: 1400, up: true });
  t.match(tap, { kind: 'tun', mtu: 1400 });
  t.equal(tap.flags.up, true, 'the common options were applied');
  t.match(tap.tun, { type: 'tap', user: 12345, group: 54321, vnetHdr: true, multiQueue: true, pi: false, persist: true });
  // Up without a reader attached: no carrier. The kernel settles its operstate a moment later.
  sameAsIp(t, ns, await h.links.waitFor('tap0', (l) => l.operState === 'down', { timeout: 10_000 }));
  const tun = await h.links.add({ kind: 'tun', name: 'tun0', type: 'tun', pi: true });
  t.strictSame(tun.tun, { type: 'tun', pi: true, vnetHdr: false, persist: true, multiQueue: false }, 'no owner, pi on');
  sameAsIp(t, ns, await h.links.get('tun0'));
  ip(ns, 'tuntap', 'add', 'tap1', 'mode', 'tap', 'user', '4242', 'vnet_hdr');
  ip(ns, 'tuntap', 'add', 'tun1', 'mode', 'tun', 'pi');
  t.match((await h.links.get('tap1')).tun, { type: 'tap', user: 4242, vnetHdr: true, pi: false, persist: true });
  t.match((await h.links.get('tun1')).tun, { type: 'tun', pi: true });
  sameAsIp(t, ns, await h.links.get('tap1'));
  sameAsIp(t, ns, await h.links.get('tun1'));
  await h.links.delete('tap0');
  await h.links.delete('tun1');
  const left = ipJson(ns).map((l: { ifname: string }) => l.ifname);
  t.notOk(left.includes('tap0') || left.includes('tun1'), 'deleted');
  await t.rejects(h.links.add({ kind: 'tun', name: 'tap1', type: 'tap' }), { code: 'EBUSY', message: /'tap1' already exists/ }, 'a name in use is refused (IFF_TUN_EXCL), not attached to');
  t.match((await h.links.get('tap1')).tun, { user: 4242, vnetHdr: true }, 'and left as it was');
});

t.test('tun/tap: created directly in another namespace', async (t) => {
  if (await skipUnless(t, 'tun')) return;
  const { h } = await freshNetns(t);
  const other = await freshNetns(t);
  const l = await h.links.add({ kind: 'tun', name: 'tapx', type: 'tap', netns: other.ns, mtu: 1300 });
  t.equal(l.mtu, 1300);
  t.match(ipLink(other.ns, 'tapx').linkinfo.info_data, { type: 'tap' }, 'it lives in the other namespace');
  await t.rejects(h.links.get('tapx'), { code: 'ENODEV' }, 'not in this one');
});

t.test('the table kinds\' options are checked before any syscall, errors naming the field and value', async (t) => {
  const { h } = await freshNetns(t);
  const bad: [Record<string, unknown>, RegExp, string][] = [
    [{ kind: 'vxlan', name: 'x', id: 2 ** 24 }, /spec\.id.*16777216/, 'RangeError'],
    [{ kind: 'vxlan', name: 'x' }, /spec\.id/, 'TypeError'],
    [{ kind: 'vxlan', name: 'x', id: 1, remote: '239.1.1.1' }, /spec\.remote.*239\.1\.1\.1/, 'RangeError'],
    [{ kind: 'vxlan', name: 'x', id: 1, group: '10.0.0.1' }, /spec\.group.*10\.0\.0\.1/, 'RangeError'],
    [{ kind: 'vxlan', name: 'x', id: 1, portRange: { low: 10, high: 5 } }, /spec\.portRange\.high/, 'RangeError'],
    [{ kind: 'vxlan', name: 'x', id: 1, df: 'maybe' }, /spec\.df.*maybe/, 'RangeError'],
    [{ kind: 'vxlan', name: 'x', id: 1, learning: 'yes' }, /spec\.learning/, 'TypeError'],
    [{ kind: 'gre', name: 'x', remote: '2001:db8::1' }, /spec\.remote/, 'RangeError'],
    [{ kind: 'gre', name: 'x', key: 1, ikey: 2 }, /spec.*key/, 'TypeError'],
    [{ kind: 'ip6gre', name: 'x', flowlabel: 0x100000 }, /spec\.flowlabel/, 'RangeError'],
    [{ kind: 'bond', name: 'x', mode: 'active_backup' }, /spec\.mode.*active_backup/, 'RangeError'],
    [{ kind: 'bond', name: 'x', arpIpTarget: ['2001:db8::1'] }, /spec\.arpIpTarget\[0\]/, 'RangeError'],
    [{ kind: 'bond', name: 'x', primary: 'no/such' }, /spec\.primary/, 'RangeError'],
    [{ kind: 'vrf', name: 'x' }, /spec\.table/, 'TypeError'],
    [{ kind: 'vrf', name: 'x', table: 0 }, /spec\.table/, 'RangeError'],
    [{ kind: 'tun', name: 'x', type: 'tapp' }, /spec\.type.*tapp/, 'RangeError'],
    [{ kind: 'tun', name: 'x', type: 'tap', user: -1 }, /spec\.user/, 'RangeError'],
    [{ kind: 'ifb', name: 'x', id: 1 }, /spec\.id/, 'TypeError'],
  ];
  for (const [spec, message, name] of bad) {
    await t.rejects(h.links.add(spec as unknown as LinkSpec), { name, message }, JSON.stringify(spec));
  }
  await t.rejects(h.links.set('lo', { bondPort: { queueId: 70000 } }), { name: 'RangeError', message: /changes\.bondPort\.queueId/ });
  await t.rejects(h.links.set('lo', { vrf: { table: 5 } } as never), { name: 'TypeError', message: /changes\.vrf/ }, 'a vrf\'s table cannot change');
});

function ipJson(ns: string): { ifname: string }[] {
  return JSON.parse(ip(ns, '-j', 'link', 'show')) as { ifname: string }[];
}

// Type-level: the new kinds narrow like the old ones.
export const narrow = (l: Link): number | undefined => (l.kind === 'vrf' ? l.vrf.table : l.kind === 'bond' ? l.bond.miimon : undefined);
