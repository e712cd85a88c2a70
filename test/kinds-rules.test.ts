// The rules users meet with ipvlan and vlan links: the kernel keeps one ipvlan mode per parent (rtnl
// refuses a silent switch of the siblings), a parent carries macvlans or ipvlans but not both
// (EBUSY from the kernel), an MTU above the parent's, and a VLAN id out of range (refused before
// any syscall).
import t from 'tap';
import { NetlinkError, open, type IpvlanFlag, type IpvlanMode, type LinkSpec } from '../src/index.js';
import { freshNetns, ip, ipLink, kernelHas } from './helpers.js';
import { skipUnless } from './kinds-oracle.js';

/** Whether namespace `ns` holds a link named `name`, asked of ip. */
function ipHas(ns: string, name: string): boolean {
  return ip(ns, '-j', 'link', 'show').includes(`"ifname":"${name}"`);
}

/** An ipvlan's (or ipvtap's) mode and flags as ip shows them. */
function ipMode(ns: string, name: string): string {
  const d = ipLink(ns, name).linkinfo.info_data;
  return `${d.mode} ${d.private ? 'private' : d.vepa ? 'vepa' : 'bridge'}`;
}

t.test('ipvlan: another mode or flags on a parent that has ipvlans is refused, naming them; they stay as they were', async (t) => {
  if (await skipUnless(t, 'ipvlan', 'ipvtap')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l3s', flags: 'vepa' });
  await h.links.add({ kind: 'ipvtap', name: 'vt0', parent: 'up0', mode: 'l3s', flags: 'vepa' });
  const asks: { kind: 'ipvlan' | 'ipvtap'; mode?: IpvlanMode; flags?: IpvlanFlag }[] = [
    { kind: 'ipvlan', mode: 'l2' },
    { kind: 'ipvlan', flags: 'private' },
    { kind: 'ipvlan', mode: 'l3', flags: 'vepa' },
    { kind: 'ipvlan', mode: 'l3s', flags: 'bridge' },
    { kind: 'ipvtap', mode: 'l2', flags: 'bridge' },
  ];
  for (const ask of asks) {
    const e = await h.links.add({ name: 'iv9', parent: 'up0', ...ask }).then(() => undefined, (err: unknown) => err);
    t.ok(e instanceof Error, `${JSON.stringify(ask)} is refused`);
    const err = e as Error & { code?: string; siblings?: string[] };
    t.equal(err.code, 'ERR_IPVLAN_MODE_CONFLICT');
    t.match(err.message, /'iv0', 'vt0' are in mode l3s vepa/, 'the message names the siblings and their mode');
    t.match(err.message, /allowModeSwitch/, 'and says how to switch them on purpose');
    t.strictSame([...(err.siblings ?? [])].sort(), ['iv0', 'vt0']);
    t.notOk(ipHas(ns, 'iv9'), 'nothing was created');
  }
  t.equal(ipMode(ns, 'iv0'), 'l3s vepa', 'iv0 is unchanged');
  t.equal(ipMode(ns, 'vt0'), 'l3s vepa', 'vt0 is unchanged');
});

t.test('ipvlan: omitted mode and flags take the siblings\' (l3 bridge, the kernel\'s default, when there are none)', async (t) => {
  if (await skipUnless(t, 'ipvlan', 'ipvtap')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  const first = await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up1' });
  t.strictSame(first.ipvlan, { mode: 'l3', flags: 'bridge' }, 'no siblings: the kernel default');

  await h.links.add({ kind: 'ipvlan', name: 'iv1', parent: 'up0', mode: 'l2', flags: 'private' });
  const cases: [LinkSpec, string][] = [
    [{ kind: 'ipvlan', name: 'iv2', parent: 'up0' }, 'neither given'],
    [{ kind: 'ipvlan', name: 'iv3', parent: 'up0', mode: 'l2' }, 'the same mode, flags omitted'],
    [{ kind: 'ipvlan', name: 'iv4', parent: 'up0', flags: 'private' }, 'the same flags, mode omitted'],
    [{ kind: 'ipvtap', name: 'vt0', parent: 'up0' }, 'an ipvtap, neither given'],
    [{ kind: 'ipvlan', name: 'iv5', parent: 'up0', mode: 'l2', flags: 'private' }, 'both the same'],
  ];
  for (const [spec, label] of cases) {
    const made = await h.links.add(spec);
    t.strictSame(made.ipvlan ?? made.ipvtap, { mode: 'l2', flags: 'private' }, `${label}: ${spec.name} is l2 private`);
  }
  for (const name of ['iv1', 'iv2', 'iv3', 'iv4', 'iv5', 'vt0']) t.equal(ipMode(ns, name), 'l2 private', `ip: ${name} is l2 private`);
  t.equal(ipMode(ns, 'iv0'), 'l3 bridge', 'the other parent\'s ipvlan is its own');
});

t.test('ipvlan: allowModeSwitch: true switches every sibling on purpose', async (t) => {
  if (await skipUnless(t, 'ipvlan', 'ipvtap')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l3s', flags: 'vepa' });
  await h.links.add({ kind: 'ipvtap', name: 'vt0', parent: 'up0' });
  const made = await h.links.add({ kind: 'ipvlan', name: 'iv1', parent: 'up0', mode: 'l2', flags: 'bridge', allowModeSwitch: true });
  t.strictSame(made.ipvlan, { mode: 'l2', flags: 'bridge' });
  for (const name of ['iv0', 'vt0', 'iv1']) t.equal(ipMode(ns, name), 'l2 bridge', `${name} is now l2 bridge`);
  const same = await h.links.add({ kind: 'ipvlan', name: 'iv2', parent: 'up0', mode: 'l2', allowModeSwitch: true });
  t.strictSame(same.ipvlan, { mode: 'l2', flags: 'bridge' }, 'allowed but not needed: omitted flags still come from the siblings');
});

t.test('an ipvlan on a parent that carries a macvlan (and the reverse) is EBUSY, with the kernel\'s text', async (t) => {
  if (await skipUnless(t, 'ipvlan', 'macvlan')) return;
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' });
  await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up1', mode: 'l2' });
  for (const [spec, holder] of [
    [{ kind: 'ipvlan', name: 'x0', parent: 'up0', mode: 'l2' }, 'mv0'],
    [{ kind: 'ipvtap', name: 'x0', parent: 'up0' }, 'mv0'],
    [{ kind: 'macvlan', name: 'x0', parent: 'up1', mode: 'bridge' }, 'iv0'],
    [{ kind: 'macvtap', name: 'x0', parent: 'up1' }, 'iv0'],
  ] as [LinkSpec, string][]) {
    const e = await h.links.add(spec).then(() => undefined, (err: unknown) => err);
    t.ok(e instanceof NetlinkError, `${spec.kind} on a parent with ${holder}: a NetlinkError`);
    const err = e as NetlinkError;
    t.match(err, { code: 'EBUSY', errno: 16, request: 'RTM_NEWLINK' });
    // The kernel gives this refusal no extended-ack text (6.1): the message carries errno's text.
    t.match(err.message, err.kernelMessage ?? /busy/, 'the message carries the kernel\'s text, or errno\'s');
    t.notOk(ipHas(ns, 'x0'), 'nothing was created');
  }
  t.equal(ipLink(ns, 'mv0').linkinfo.info_data.mode, 'bridge', 'the macvlan is intact');
  t.equal(ipMode(ns, 'iv0'), 'l2 bridge', 'the ipvlan is intact');
});

t.test('an MTU above the parent\'s is a RangeError naming the parent\'s MTU, for every kind with a parent', async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.links.set('up0', { mtu: 1400 });
  const specs: LinkSpec[] = [
    { kind: 'macvlan', name: 'x0', parent: 'up0', mtu: 1500 },
    { kind: 'macvtap', name: 'x0', parent: 'up0', mtu: 9000 },
    { kind: 'ipvlan', name: 'x0', parent: 'up0', mtu: 1401 },
    { kind: 'ipvtap', name: 'x0', parent: 'up0', mtu: 1500 },
    { kind: 'vlan', name: 'x0', parent: 'up0', id: 5, mtu: 1500 },
  ];
  const skipped: string[] = [];
  for (const spec of specs) {
    if (!(await kernelHas(spec.kind))) {
      skipped.push(spec.kind);
      continue;
    }
    await t.rejects(h.links.add(spec), { name: 'RangeError', message: /spec\.mtu.*'up0'.*1400/ }, `${spec.kind} mtu ${spec.mtu}`);
    t.notOk(ipHas(ns, 'x0'), 'nothing was created');
    const ok = await h.links.add({ ...spec, mtu: 1400 });
    t.equal(ok.mtu, 1400, `${spec.kind}: the parent's MTU itself is fine`);
    await h.links.delete('x0');
  }
  if (skipped.length) t.comment(`not on this kernel: ${skipped.join(', ')}`);
});

t.test('vlan id 4095, 5000, -1 (and 1.5, \'7\') is a RangeError/TypeError before any syscall', async (t) => {
  const { h } = await freshNetns(t, { veth: true });
  // A closed handle answers every request with ERR_RTNL_CLOSED: an error other than that one was
  // raised before any request (the parent is looked up with a request too).
  const closed = await open();
  closed.close();
  for (const id of [4095, 5000, -1, 1.5, 2 ** 32]) {
    for (const [label, handle, parent] of [['open handle, no such parent', h, 'nope'], ['closed handle', closed, 'up0']] as const) {
      await t.rejects(handle.links.add({ kind: 'vlan', name: 'v0', parent, id }), { name: 'RangeError', message: /spec\.id/ }, `id ${id}, ${label}`);
    }
  }
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: '7' as unknown as number }), TypeError, "id '7': a TypeError");
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7, protocol: '802.1x' as '802.1Q' }), { message: /spec\.protocol/ });
  await t.rejects(closed.links.add({ kind: 'ipvlan', name: 'i0', parent: 'up0', mode: 'l4' as 'l3' }), { message: /spec\.mode/ });
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7, egressQos: [{ from: 0, to: 8 }] }), { message: /egressQos\[0\]\.to/ });
  // Ingress maps a VLAN priority (from, 0..7) to an skb priority (to, 32 bits): the reverse of egress.
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7, ingressQos: [{ from: 9, to: 3 }] }),
    { name: 'RangeError', message: /spec\.ingressQos\[0\]\.from must be an integer from 0 to 7, got 9/ }, 'ingress from 9: a RangeError');
  await t.rejects(closed.links.set('up0', { vlan: { ingressQos: [{ from: 8, to: 0 }] } }),
    { name: 'RangeError', message: /changes\.vlan\.ingressQos\[0\]\.from/ }, 'ingress from 8 in set: a RangeError');
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7, ingressQos: [{ from: 1, to: 100 }, { from: 7, to: 2 ** 32 - 1 }] }),
    { code: 'ERR_RTNL_CLOSED' }, 'ingress 1:100 and 7:4294967295 (ip link ... ingress-qos-map 1:100) are good');
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7, egressQos: [{ from: 100, to: 7 }] }),
    { code: 'ERR_RTNL_CLOSED' }, 'egress 100:7 is good');
  await t.rejects(closed.links.add({ kind: 'vlan', name: 'v0', parent: 'up0', id: 7 }), { code: 'ERR_RTNL_CLOSED' }, 'a good spec does reach the (closed) socket');
  t.equal((await h.links.list()).filter((l) => l.kind === 'vlan').length, 0, 'no vlan was created');
});
