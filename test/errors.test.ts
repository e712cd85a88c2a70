// Errors: bad input is refused before any syscall with a TypeError/RangeError naming the field and
// the value; what the kernel refuses is a NetlinkError with its code, request and extended-ack text;
// after each, the process, the handle and the namespace are intact.
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { NetlinkError, NetnsError, netns, open, type LinkSpec, type Rtnl } from '../src/index.js';
import { freshNetns, ip, ipJson, kernelHas, needsRoot } from './helpers.js';

interface Refusal {
  what: string;
  call: (h: Rtnl) => Promise<unknown>;
  error: 'TypeError' | 'RangeError';
  /** The field and the value the message must name. */
  field: string;
  value: string;
}

const mv = (extra: Record<string, unknown>): LinkSpec => ({ kind: 'macvlan', name: 'mv0', parent: 'up0', ...extra }) as LinkSpec;

const refusals: Refusal[] = [
  { what: 'a 16-byte name', call: (h) => h.links.add(mv({ name: 'abcdefghijklmnop' })), error: 'RangeError', field: 'spec.name', value: '"abcdefghijklmnop"' },
  { what: "a name with '/'", call: (h) => h.links.add(mv({ name: 'a/b' })), error: 'RangeError', field: 'spec.name', value: '"a/b"' },
  { what: 'a name with a space', call: (h) => h.links.add(mv({ name: 'a b' })), error: 'RangeError', field: 'spec.name', value: '"a b"' },
  { what: 'a name with a tab', call: (h) => h.links.add(mv({ name: 'a\tb' })), error: 'RangeError', field: 'spec.name', value: '"a\\tb"' },
  { what: 'an empty name', call: (h) => h.links.add(mv({ name: '' })), error: 'RangeError', field: 'spec.name', value: '""' },
  { what: 'a name that is no string', call: (h) => h.links.add(mv({ name: 7 })), error: 'TypeError', field: 'spec.name', value: '7' },
  { what: 'a MAC of 5 octets', call: (h) => h.links.add(mv({ address: '02:42:0a:00:00' })), error: 'RangeError', field: 'spec.address', value: '"02:42:0a:00:00"' },
  { what: 'a MAC of 5 octets in set', call: (h) => h.links.set('up0', { address: '02:42:0a:00:00' }), error: 'RangeError', field: 'changes.address', value: '"02:42:0a:00:00"' },
  { what: 'a source MAC of 5 octets', call: (h) => h.links.add(mv({ mode: 'source', macs: ['02:00:00:00:00:01', '02:00:00:00:01'] })), error: 'RangeError', field: 'spec.macs[1]', value: '"02:00:00:00:01"' },
  { what: "an unknown mode 'brige'", call: (h) => h.links.add(mv({ mode: 'brige' })), error: 'RangeError', field: 'spec.mode', value: '"brige"' },
  { what: "an unknown mode 'brige' in set", call: (h) => h.links.set('up0', { macvlan: { mode: 'brige' as never } }), error: 'RangeError', field: 'changes.macvlan.mode', value: '"brige"' },
  { what: 'an unknown kind', call: (h) => h.links.add(mv({ kind: 'macvlna' })), error: 'RangeError', field: 'spec.kind', value: '"macvlna"' },
  { what: 'a negative MTU', call: (h) => h.links.add(mv({ mtu: -1 })), error: 'RangeError', field: 'spec.mtu', value: '-1' },
  { what: 'a non-integer MTU', call: (h) => h.links.add(mv({ mtu: 1500.5 })), error: 'RangeError', field: 'spec.mtu', value: '1500.5' },
  { what: 'an MTU that is no number', call: (h) => h.links.set('up0', { mtu: '1500' as never }), error: 'TypeError', field: 'changes.mtu', value: '"1500"' },
  { what: 'a negative MTU in set', call: (h) => h.links.set('up0', { mtu: -5 }), error: 'RangeError', field: 'changes.mtu', value: '-5' },
  { what: 'an unknown option key', call: (h) => h.links.add(mv({ mdoe: 'bridge' })), error: 'TypeError', field: 'spec.mdoe', value: '"mdoe"' },
  { what: 'an unknown option key in set', call: (h) => h.links.set('up0', { promiscuous: true } as never), error: 'TypeError', field: 'changes.promiscuous', value: '"promiscuous"' },
  { what: 'an unknown filter key', call: (h) => h.links.list({ knd: 'veth' } as never), error: 'TypeError', field: 'filter.knd', value: '"knd"' },
  { what: 'a link ref that is no name', call: (h) => h.links.get('a/b'), error: 'RangeError', field: 'link', value: '"a/b"' },
  { what: 'a link index of 0', call: (h) => h.links.delete(0), error: 'RangeError', field: 'link', value: '0' },
  { what: 'a bad namespace name in netns:', call: (h) => h.links.add(mv({ netns: '../x' })), error: 'RangeError', field: 'spec.netns', value: '"../x"' },
  { what: 'a missing parent key', call: (h) => h.links.add({ kind: 'macvlan', name: 'mv0' } as never), error: 'TypeError', field: 'spec.parent', value: 'undefined' },
];

t.test('bad input is refused before any syscall, naming the field and the value', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  // What a refused request could have changed; not operstate, which the kernel sets by itself a
  // moment after up0/up1 came up.
  const links = (): string[] => ipJson<{ ifindex: number; ifname: string; mtu: number; address: string; flags: string[] }[]>(ns, 'link', 'show')
    .map((l) => `${l.ifindex} ${l.ifname} mtu ${l.mtu} ${l.address} ${l.flags.filter((f) => f !== 'LOWER_UP').join(',')}`);
  const before = links();
  // A closed handle fails every syscall with ERR_RTNL_CLOSED: what it refuses with a TypeError or
  // RangeError was refused before one.
  const closed = await open({ netns: ns });
  closed.close();
  for (const r of refusals) {
    for (const [which, handle] of [['open handle', h], ['closed handle', closed]] as const) {
      const e = await r.call(handle).then(() => undefined, (err: unknown) => err as Error);
      t.ok(e, `${r.what} (${which}): refused`);
      if (!e) continue;
      t.equal(e.name, r.error, `${r.what} (${which}): ${r.error}: ${e.message}`);
      t.ok(e.message.includes(r.field), `${r.what}: the message names the field ${r.field}`);
      t.ok(e.message.includes(r.value), `${r.what}: the message names the value ${r.value}`);
      t.notOk(e instanceof NetlinkError, `${r.what}: not a kernel error`);
    }
  }
  t.same(links(), before, 'the namespace is unchanged');
  t.equal((await h.links.get('up0')).name, 'up0', 'the handle is still usable');
});

t.test('the kernel\'s refusals are NetlinkErrors with code, request and its text', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const intact = async (what: string): Promise<void> => {
    t.equal((await h.links.get('up0')).name, 'up0', `${what}: the handle is still usable`);
    t.ok(ipJson<{ ifname: string }[]>(ns, 'link', 'show').some((l) => l.ifname === 'up1'), `${what}: the namespace is intact`);
  };

  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
  const dup = await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' }).catch((e: unknown) => e);
  t.ok(dup instanceof NetlinkError, 'duplicate name: a NetlinkError');
  t.match(dup, { name: 'NetlinkError', code: 'EEXIST', errno: 17, request: 'RTM_NEWLINK', syscall: 'RTM_NEWLINK' }, 'duplicate name: EEXIST from RTM_NEWLINK');
  t.match((dup as Error).message, /RTM_NEWLINK/, 'the message names the request');
  const dupIp = await h.links.add({ kind: 'bridge', name: 'up1' }).catch((e: unknown) => e);
  t.match(dupIp, { code: 'EEXIST', request: 'RTM_NEWLINK' }, 'a name ip made too');
  await intact('EEXIST');

  const noParent = await h.links.add({ kind: 'macvlan', name: 'mv1', parent: 'eth9' }).catch((e: unknown) => e);
  t.ok(noParent instanceof NetlinkError, 'missing parent: a NetlinkError');
  t.match(noParent, { code: 'ENODEV', errno: 19 }, 'missing parent: ENODEV');
  t.match((noParent as Error).message, /spec\.parent/, 'the message names the field');
  t.match((noParent as Error).message, /eth9/, 'and the name asked for');
  const noParentIdx = await h.links.add({ kind: 'macvtap', name: 'mv1', parent: 9999 }).catch((e: unknown) => e);
  t.match(noParentIdx, { code: 'ENODEV', message: /spec\.parent.*9999/ }, 'missing parent by index');
  const noMaster = await h.links.set('up0', { master: 'br9' }).catch((e: unknown) => e);
  t.match(noMaster, { code: 'ENODEV', message: /changes\.master.*br9/ }, 'missing master names its field');
  const noLink = await h.links.set('nope0', { up: true }).catch((e: unknown) => e);
  t.match(noLink, { code: 'ENODEV', message: /link.*nope0/ }, 'a change to a missing link');
  t.notOk(ipJson<{ ifname: string }[]>(ns, 'link', 'show').some((l) => l.ifname === 'mv1'), 'nothing was made');
  await intact('ENODEV');

  const tooBig = await h.links.set('up0', { mtu: 70000 }).catch((e: unknown) => e);
  t.match(tooBig, { name: 'NetlinkError', code: 'EINVAL', request: 'RTM_NEWLINK' }, 'an MTU above the device maximum: EINVAL');
  t.match((tooBig as NetlinkError).kernelMessage, /mtu/i, `with the kernel's text: ${(tooBig as NetlinkError).kernelMessage}`);
  t.match((tooBig as Error).message, (tooBig as NetlinkError).kernelMessage!, 'in the message');
  const passthru2 = await (async () => {
    await h.links.add({ kind: 'macvlan', name: 'pt0', parent: 'up1', mode: 'passthru' });
    return h.links.add({ kind: 'macvlan', name: 'pt1', parent: 'up1', mode: 'passthru' }).catch((e: unknown) => e);
  })();
  t.match(passthru2, { name: 'NetlinkError', code: 'EINVAL' }, 'a second passthru link on one parent');
  await intact('EINVAL');
});

t.test('ipvlan on a kernel without it', { skip: needsRoot }, async (t) => {
  const skip = (await kernelHas('ipvlan')) ? 'this kernel has ipvlan, so it cannot refuse it as an unknown device type' : false;
  await t.test('is EOPNOTSUPP with "Unknown device type"', { skip }, async (t) => {
    const { ns, h } = await freshNetns(t, { veth: true });
    const e = await h.links.add({ kind: 'ipvlan', name: 'iv0', parent: 'up0', mode: 'l2' }).catch((err: unknown) => err);
    t.ok(e instanceof NetlinkError, 'a NetlinkError');
    t.match(e, { code: 'EOPNOTSUPP', errno: 95, request: 'RTM_NEWLINK', kernelMessage: 'Unknown device type' });
    t.match((e as Error).message, /Unknown device type/, 'the kernel\'s text is in the message');
    let ipSays = '';
    try {
      ip(ns, 'link', 'add', 'iv0', 'link', 'up0', 'type', 'ipvlan');
    } catch (err) {
      ipSays = String((err as { stderr?: string }).stderr);
    }
    t.match(ipSays, /Unknown device type/, 'ip gets the same refusal');
    t.equal((await h.links.get('up0')).name, 'up0', 'the handle is still usable');
    t.ok((await h.links.list()).every((l) => l.name !== 'iv0'), 'nothing was made');
  });
});

t.test('NetlinkError has Node\'s system-error shape', async (t) => {
  const e = new NetlinkError(17, 'RTM_NEWLINK', 'File exists');
  t.ok(e instanceof Error);
  t.equal(e.name, 'NetlinkError');
  t.equal(e.code, 'EEXIST');
  t.equal(e.errno, 17);
  t.equal(e.request, 'RTM_NEWLINK');
  t.equal(e.kernelMessage, 'File exists');
  t.match(e.message, /RTM_NEWLINK.*File exists.*EEXIST/);
  t.equal(new NetlinkError(95, 'RTM_NEWLINK').code, 'EOPNOTSUPP', 'errno 95 is named as the kernel names it');
  t.equal(new NetlinkError(95, 'RTM_NEWLINK').kernelMessage, undefined, 'no kernel text when none was sent');
});

t.test('kernel refusals say which object, where, and what is missing', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const other = await freshNetns(t);
  const where = `namespace '${ns}'`;
  const refusal = (p: Promise<unknown>): Promise<NetlinkError> => p.then(() => { throw new Error('not refused'); }, (e: NetlinkError) => e);

  await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
  const link = await refusal(h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' }));
  t.match(link, { name: 'NetlinkError', code: 'EEXIST', errno: 17, request: 'RTM_NEWLINK', syscall: 'RTM_NEWLINK' }, 'code, errno and request are kept');
  t.ok(link.message.startsWith(`RTM_NEWLINK failed: link 'mv0' already exists in ${where}`) && link.message.endsWith('(EEXIST)'), link.message);
  t.notMatch(link.kernelMessage ?? '', /already exists in/, "kernelMessage holds only the kernel's text");
  const veth = await refusal(h.links.add({ kind: 'veth', name: 'v0', peer: { name: 'up1' } }));
  t.match(veth.message, `link 'v0' or its peer 'up1' already exists in ${where}`, veth.message);
  await h.links.add({ kind: 'bridge', name: 'br0', netns: other.ns });
  const there = await refusal(h.links.add({ kind: 'bridge', name: 'br0', netns: other.ns }));
  t.match(there.message, `link 'br0' already exists in namespace '${other.ns}'`, 'a link made in another namespace names that one');
  const rename = await refusal(h.links.set('mv0', { name: 'up1' }));
  t.match(rename, { code: 'EEXIST', message: `link 'up1' already exists in ${where}` }, 'a rename onto a taken name');

  await h.addresses.add('up0', '172.16.10.5/24');
  const addr = await refusal(h.addresses.add('up0', '172.16.10.5/24'));
  t.match(addr, { code: 'EEXIST', request: 'RTM_NEWADDR', message: `RTM_NEWADDR failed: address 172.16.10.5/24 already exists on 'up0' in ${where}` }, addr.message);
  const addrByIndex = await refusal(h.addresses.add((await h.links.get('up0')).index, '172.16.10.5/24'));
  t.match(addrByIndex.message, `on 'up0' in ${where}`, 'a link given by index is named');

  await h.routes.add({ dst: '10.10.40.0/24', link: 'up0' });
  await h.routes.add({ dst: '10.10.40.0/24', link: 'up0', table: 100 });
  const route = await refusal(h.routes.add({ dst: '10.10.40.0/24', link: 'up0' }));
  t.match(route, { code: 'EEXIST', request: 'RTM_NEWROUTE', message: `route 10.10.40.0/24 already exists in table main of ${where}` }, route.message);
  const route100 = await refusal(h.routes.add({ dst: '10.10.40.0/24', link: 'up0', table: 100 }));
  t.match(route100.message, `route 10.10.40.0/24 already exists in table 100 of ${where}`, route100.message);
  const blackhole = await refusal((async () => {
    await h.routes.add({ dst: '10.10.50.0/24', type: 'blackhole' });
    return h.routes.add({ dst: '10.10.50.0/24', type: 'blackhole' });
  })());
  t.match(blackhole.message, `route 10.10.50.0/24 already exists in table main of ${where}`, 'a route without a link too');

  await h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45', state: 'permanent' });
  const neigh = await refusal(h.neighbours.add({ link: 'up0', address: '172.16.10.1', lladdr: '00:21:d7:c5:f2:45', state: 'permanent' }));
  t.match(neigh, { code: 'EEXIST', message: `neighbour 172.16.10.1 already exists on 'up0' in ${where}` }, neigh.message);

  // rtnl's own findings are in the message, not in kernelMessage; the namespace is named.
  const parent = await refusal(h.links.add({ kind: 'macvlan', name: 'mv1', parent: 'eth9' }));
  t.match(parent, { code: 'ENODEV', errno: 19, request: 'RTM_GETLINK', message: `RTM_GETLINK failed: spec.parent: no link named 'eth9' in ${where} (ENODEV)` }, parent.message);
  t.equal(parent.kernelMessage, undefined, 'kernelMessage is not rtnl\'s finding');
  const gone = await refusal(h.links.delete('nope0'));
  t.match(gone.message, `link: no link named 'nope0' in ${where}`, gone.message);
  const free = await refusal(h.links.delete(['up0', 'nope1']));
  t.match(free.message, `links[1]: no link named 'nope1' in ${where}`, free.message);
  t.ok((await h.links.list()).some((l) => l.name === 'up0'), 'and nothing was deleted');
});

t.test('a kind the kernel lacks is named, with its module', { skip: needsRoot }, async (t) => {
  const missing = (['ipvlan', 'vlan', 'dummy', 'ipvtap'] as const);
  const kinds = [];
  for (const k of missing) if (!(await kernelHas(k))) kinds.push(k);
  if (kinds.length === 0) {
    t.plan(0, 'this kernel has ipvlan, ipvtap, vlan and dummy: none is refused as an unknown device type');
    return;
  }
  const { h } = await freshNetns(t, { veth: true });
  const modules: Record<string, string> = { ipvlan: 'ipvlan', ipvtap: 'ipvtap', vlan: '8021q', dummy: 'dummy' };
  for (const kind of kinds) {
    const spec = { kind, name: 'k0', ...(kind !== 'dummy' && { parent: 'up0' }), ...(kind === 'vlan' && { id: 5 }) } as LinkSpec;
    const e = await h.links.add(spec).catch((err: NetlinkError) => err);
    t.match(e, { name: 'NetlinkError', code: 'EOPNOTSUPP', errno: 95, request: 'RTM_NEWLINK', kernelMessage: 'Unknown device type' }, `${kind}: code, request and the kernel's text kept`);
    t.match((e as Error).message, `RTM_NEWLINK failed: kind '${kind}' is not supported by this kernel (module ${modules[kind]} is not loaded or not built); kernel: Unknown device type (EOPNOTSUPP)`, (e as Error).message);
  }
});

t.test('namespace failures are NetnsErrors that say the problem and keep the system-error fields', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t);
  const none = `rtnl-none-${process.pid}`;
  const refusal = (p: Promise<unknown>): Promise<NetnsError> => p.then(() => { throw new Error('not refused'); }, (e: NetnsError) => e);
  const open1 = await refusal(open({ netns: none }));
  t.ok(open1 instanceof NetnsError, 'a NetnsError');
  t.match(open1, { name: 'NetnsError', code: 'ENOENT', errno: 2, syscall: 'open', path: `/run/netns/${none}`, message: `namespace '${none}' does not exist (ENOENT)` }, open1.message);
  const inSpec = await refusal((async () => {
    const h = await open({ netns: ns });
    try {
      return await h.links.add({ kind: 'bridge', name: 'br0', netns: none });
    } finally {
      h.close();
    }
  })());
  t.match(inSpec, { name: 'NetnsError', code: 'ENOENT', message: `namespace '${none}' does not exist (ENOENT)` }, 'a netns option naming a missing one');
  const created = await refusal(netns.create(ns));
  t.match(created, { name: 'NetnsError', code: 'EEXIST', errno: 17, syscall: 'open', path: `/run/netns/${ns}`, message: `namespace '${ns}' already exists (EEXIST)` }, created.message);
  const deleted = await refusal(netns.delete(none));
  t.match(deleted, { name: 'NetnsError', code: 'ENOENT', path: `/run/netns/${none}`, message: `namespace '${none}' does not exist (ENOENT)` }, deleted.message);
  t.match(deleted.syscall, /^(umount2|unlink)$/, `the syscall is named (${deleted.syscall})`);
  const pid = await refusal(open({ netns: { pid: 2 ** 31 - 1 } }));
  t.match(pid, { name: 'NetnsError', code: 'ENOENT', message: `process ${2 ** 31 - 1} does not exist (no /proc/${2 ** 31 - 1}/ns/net) (ENOENT)` }, pid.message);
  const file = await refusal(open({ netns: { path: '/nonexistent/netns' } }));
  t.match(file, { name: 'NetnsError', code: 'ENOENT', message: "namespace '/nonexistent/netns' does not exist (ENOENT)" }, file.message);
  const notNs = await refusal(open({ netns: { path: '/etc/hostname' } }));
  t.match(notNs, { name: 'NetnsError', code: 'EINVAL', syscall: 'fstatfs', message: "'/etc/hostname' is not a network namespace file: it is not on nsfs (EINVAL)" }, notNs.message);
});

t.test('NODE_DEBUG=rtnl traces each request with its type and flag names', { skip: needsRoot }, async (t) => {
  const { ns } = await freshNetns(t);
  const child = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', '-e', `
    const { links, addresses } = require(${JSON.stringify(require.resolve('../src/index.ts'))});
    (async () => {
      await links.add({ kind: 'bridge', name: 'br0' });
      await links.list();
      await addresses.add('br0', '10.0.0.1/24');
      await addresses.replace('br0', '10.0.0.1/24');
      await links.delete('nope0').catch(() => {});
    })().catch((e) => { console.error(e); process.exitCode = 1; });
  `], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_DEBUG: 'rtnl' } });
  t.equal(child.status, 0, child.stderr.slice(-500));
  const lines = child.stderr.split('\n').filter((l) => l.startsWith('RTNL '));
  const has = (re: RegExp, what: string): void => {
    t.ok(lines.some((l) => re.test(l)), `${what}: ${lines.find((l) => re.test(l)) ?? lines.join(' / ')}`);
  };
  has(/^RTNL \d+: RTM_NEWLINK flags=REQUEST\|ACK\|ECHO\|CREATE\|EXCL -> \d+ replies in [\d.]+us$/, 'links.add');
  has(/^RTNL \d+: RTM_GETLINK flags=REQUEST\|DUMP -> \d+ replies/, 'links.list');
  has(/^RTNL \d+: RTM_NEWADDR flags=REQUEST\|ACK\|CREATE\|EXCL -> /, 'addresses.add');
  has(/^RTNL \d+: RTM_NEWADDR flags=REQUEST\|ACK\|CREATE\|REPLACE -> /, 'addresses.replace');
  has(/^RTNL \d+: RTM_DELLINK flags=REQUEST\|ACK -> RTM_DELLINK failed: .*\(ENODEV\)$/, 'a refusal');
  t.notOk(lines.some((l) => /flags=0x/.test(l)), 'no flags as bare numbers');
});
