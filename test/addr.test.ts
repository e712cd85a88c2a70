// Addresses against the kernel, with iproute2 as the oracle both ways (rtnl sets, `ip -j addr`
// reads; ip sets, rtnl reads), IPv4 and IPv6; kernel-side filtering; bad input and refusals.
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { C } from '../src/binding.js';
import { NetlinkError, type Address } from '../src/index.js';
import { freshNetns, ip, ipJson, needsRoot, settled } from './helpers.js';

/** The fields both report, as rtnl names them; lifetimes are compared apart (they count down). */
interface AddrView {
  link: string; family: number; address: string; prefixLength: number; peer?: string; broadcast?: string;
  label?: string; scope: string | number; flags: string[];
}
const FLAG_NAMES: [keyof Address['flags'], string][] = [
  ['tentative', 'tentative'], ['dadfailed', 'dadfailed'], ['deprecated', 'deprecated'], ['noprefixroute', 'noprefixroute'],
  ['nodad', 'nodad'], ['homeaddress', 'home'], ['managetempaddr', 'mngtmpaddr'], ['optimistic', 'optimistic'],
];
const IP_SCOPES: Record<string, string | number> = { global: 'universe', link: 'link', host: 'host', site: 'site' };

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function view(a: Address): AddrView {
  const flags = FLAG_NAMES.filter(([k]) => a.flags[k]).map(([, n]) => n);
  if (!a.flags.permanent) flags.push('dynamic');
  return defined<AddrView>({
    link: a.link!, family: a.family, address: a.address, prefixLength: a.prefixLength, peer: a.peer,
    broadcast: a.broadcast, label: a.label, scope: a.scope, flags: flags.sort(),
  });
}

/** `ip -j addr show` in NS, flattened to one view per address. */
function ipAddrs(ns: string, ...args: string[]): (AddrView & { valid: number; preferred: number })[] {
  return ipJson<any[]>(ns, 'addr', 'show', ...args).flatMap((l) => (l.addr_info as any[]).map((a) => {
    const flags = ['tentative', 'dadfailed', 'deprecated', 'noprefixroute', 'nodad', 'home', 'mngtmpaddr', 'optimistic', 'dynamic']
      .filter((f) => a[f] === true).sort();
    const peer = a.address !== undefined && a.address !== a.local ? a.address : undefined;
    return {
      ...defined<AddrView>({
        link: l.ifname, family: a.family === 'inet' ? 4 : 6, address: a.local, prefixLength: a.prefixlen, peer,
        broadcast: a.broadcast, label: a.label, scope: IP_SCOPES[a.scope] ?? a.scope, flags,
      }),
      valid: a.valid_life_time, preferred: a.preferred_life_time,
    };
  }));
}

const byCidr = (a: { address: string; prefixLength: number }, b: { address: string; prefixLength: number }): number =>
  `${a.address}/${a.prefixLength}`.localeCompare(`${b.address}/${b.prefixLength}`);
const FOREVER = 4294967295;

t.test('addresses set by rtnl read back the same in ip -j addr show, field by field', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '172.16.10.5/24', { label: 'up0:a', validLifetime: 300, preferredLifetime: 200 });
  await h.addresses.add('up0', '172.16.11.6/24', { broadcast: false, scope: 'link' });
  await h.addresses.add('up0', '10.1.0.1/8', { broadcast: '10.255.255.254' });
  await h.addresses.add('up1', '10.0.0.1/32', { peer: '10.0.0.2' });
  await h.addresses.add('up0', '2001:db8:babe:cafe::5/64', { nodad: true, noprefixroute: true });
  await h.addresses.add('up0', '2001:db8:1::5/64', { nodad: true, managetempaddr: true, validLifetime: 600 });
  await h.addresses.add('up1', '2001:db8:2::5/64', { homeaddress: true, nodad: true });
  const mine = (await h.addresses.list()).filter((a) => !a.address.startsWith('fe80'));
  const theirs = ipAddrs(ns).filter((a) => !a.address.startsWith('fe80'));
  t.equal(mine.length, 7, 'seven addresses');
  t.same(mine.map(view).sort(byCidr), theirs.map(({ valid, preferred, ...rest }) => rest).sort(byCidr), 'every field agrees with ip');
  // And what was asked for is what ip shows.
  const o = (cidr: string): any => theirs.find((a) => `${a.address}/${a.prefixLength}` === cidr);
  t.equal(o('172.16.10.5/24').broadcast, '172.16.10.255', 'broadcast computed as brd + does');
  t.equal(o('172.16.10.5/24').label, 'up0:a');
  t.ok(Math.abs(o('172.16.10.5/24').valid - 300) <= 2 && Math.abs(o('172.16.10.5/24').preferred - 200) <= 2, 'lifetimes');
  t.equal(o('172.16.11.6/24').broadcast, undefined, 'broadcast: false sends none');
  t.equal(o('172.16.11.6/24').scope, 'link');
  t.equal(o('10.1.0.1/8').broadcast, '10.255.255.254', 'an explicit broadcast');
  t.equal(o('10.0.0.1/32').peer, '10.0.0.2', 'peer');
  t.same(o('2001:db8:babe:cafe::5/64').flags, ['nodad', 'noprefixroute']);
  t.same(o('2001:db8:1::5/64').flags, ['dynamic', 'mngtmpaddr', 'nodad']);
  t.ok(Math.abs(o('2001:db8:1::5/64').valid - 600) <= 2 && Math.abs(o('2001:db8:1::5/64').preferred - 600) <= 2, 'preferred defaults to valid');
  t.same(o('2001:db8:2::5/64').flags, ['home', 'nodad']);
  const lifetimes = mine.find((a) => a.cidr === '172.16.10.5/24')!;
  t.ok(lifetimes.validLifetime! <= 300 && lifetimes.validLifetime! >= 298, 'validLifetime read back');
  t.equal(mine.find((a) => a.cidr === '2001:db8:babe:cafe::5/64')!.validLifetime, undefined, 'forever reads as undefined');
  t.equal(mine.find((a) => a.cidr === '2001:db8:babe:cafe::5/64')!.linkIndex, ipJson<any[]>(ns, 'link', 'show', 'up0')[0].ifindex);

  // replace changes an address in place; delete removes it.
  await h.addresses.replace('up0', '172.16.10.5/24', { label: 'up0:a', validLifetime: 1000, preferredLifetime: 900 });
  t.ok(Math.abs(ipAddrs(ns, 'dev', 'up0').find((a) => a.address === '172.16.10.5')!.valid - 1000) <= 2, 'replace changed the lifetime');
  await h.addresses.replace('up0', '172.16.10.7/24');
  t.ok(ipAddrs(ns, 'dev', 'up0').some((a) => a.address === '172.16.10.7'), 'replace adds a missing address');
  await h.addresses.delete('up0', '172.16.10.5/24');
  await h.addresses.delete('up0', '2001:db8:babe:cafe::5/64');
  const left = ipAddrs(ns, 'dev', 'up0').map((a) => `${a.address}/${a.prefixLength}`);
  t.notOk(left.includes('172.16.10.5/24') || left.includes('2001:db8:babe:cafe::5/64'), 'deleted');
});

t.test('a point-to-point address is deleted by naming its peer, on a handle and with the free function', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const has = (local: string): boolean => ipAddrs(ns, 'dev', 'up0').some((a) => a.address === local);
  await h.addresses.add('up0', '10.0.0.1/32', { peer: '10.9.9.9' });
  await h.addresses.add('up0', '2001:db8:7::1/128', { peer: '2001:db8:9::9', nodad: true });
  t.equal(ipAddrs(ns, 'dev', 'up0').find((a) => a.address === '10.0.0.1')?.peer, '10.9.9.9', 'ip shows the peer');
  // Without the peer the kernel matches the local address against the prefix, and finds nothing.
  await t.rejects(h.addresses.delete('up0', '10.0.0.1/32'), { code: 'EADDRNOTAVAIL' }, 'without its peer: not found, as with ip');
  await h.addresses.delete('up0', '10.0.0.1/32', { peer: '10.9.9.9' });
  t.notOk(has('10.0.0.1'), 'ip addr del 10.0.0.1/32 peer 10.9.9.9: gone');
  await h.addresses.delete('up0', '2001:db8:7::1/128', { peer: '2001:db8:9::9' });
  t.notOk(has('2001:db8:7::1'), 'IPv6 with its peer: gone');
  await t.rejects(h.addresses.delete('up0', '10.0.0.1/32', { peer: '2001:db8::1' }),
    { name: 'RangeError', message: /options\.peer must be an IPv4 address, got "2001:db8::1"/ }, 'a peer of the other family');
  await t.rejects(h.addresses.delete('up0', '10.0.0.1/32', { per: '10.9.9.9' } as never),
    { name: 'TypeError', message: /options\.per must be one of the known options/ }, 'an unknown option is refused, not ignored');

  // The free function, in a process of its own inside the namespace (its default handle is there).
  await h.addresses.add('up0', '10.0.0.2/32', { peer: '10.8.8.8' });
  const child = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', '-e', `
    const { addresses } = require(${JSON.stringify(require.resolve('../src/index.ts'))});
    addresses.delete('up0', '10.0.0.2/32', { peer: '10.8.8.8' }).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
  `], { encoding: 'utf8', timeout: 120_000 });
  t.equal(child.status, 0, `the free addresses.delete passes the peer on (${child.stderr.trim().slice(0, 300)})`);
  t.notOk(has('10.0.0.2'), 'gone');
});

t.test("address scope 'nowhere' (255), by name and by number, as ip takes it", { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '10.3.0.1/24', { scope: 'nowhere' });
  await h.addresses.add('up0', '10.3.1.1/24', { scope: 255 });
  ip(ns, 'addr', 'add', '10.3.2.1/24', 'dev', 'up0', 'scope', 'nowhere');
  const theirs = ipAddrs(ns, 'dev', 'up0').filter((a) => a.family === 4);
  t.same(theirs.map((a) => [a.address, a.scope]).sort(), [['10.3.0.1', 'nowhere'], ['10.3.1.1', 'nowhere'], ['10.3.2.1', 'nowhere']], 'ip sees scope nowhere');
  const mine = await h.addresses.list({ link: 'up0', family: 4 });
  t.same(mine.map((a) => [a.address, a.scope]).sort(), [['10.3.0.1', 'nowhere'], ['10.3.1.1', 'nowhere'], ['10.3.2.1', 'nowhere']], 'rtnl reads it back by name');
  t.same(mine.map(view).sort(byCidr), theirs.map(({ valid, preferred, ...rest }) => rest).sort(byCidr), 'every field agrees with ip');
});

t.test('addresses set by ip read back the same through rtnl', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'addr', 'add', '172.16.10.5/24', 'brd', '+', 'dev', 'up0', 'label', 'up0:x', 'valid_lft', '300', 'preferred_lft', '100');
  ip(ns, 'addr', 'add', '192.168.7.1', 'peer', '192.168.7.2/32', 'dev', 'up1');
  ip(ns, 'addr', 'add', '127.0.0.2/8', 'dev', 'up1');
  ip(ns, 'addr', 'add', '2001:db8::5/64', 'dev', 'up0', 'nodad', 'noprefixroute');
  ip(ns, 'addr', 'add', '2001:db8:9::5/64', 'dev', 'up1', 'nodad', 'home', 'mngtmpaddr', 'valid_lft', '900', 'preferred_lft', '0');
  // Every address is compared, the link-local ones the kernel makes included: not while they appear.
  await settled(ns, ['up0', 'up1']);
  const theirs = ipAddrs(ns);
  const mine = await h.addresses.list();
  t.same(mine.map(view).sort(byCidr), theirs.map(({ valid, preferred, ...rest }) => rest).sort(byCidr), 'every field agrees with ip');
  for (const a of mine) {
    const o = theirs.find((x) => x.address === a.address)!;
    t.equal(a.cidr, `${o.address}/${o.prefixLength}`);
    if (o.valid === FOREVER) t.equal(a.validLifetime, undefined, `${a.cidr}: valid forever`);
    else t.ok(Math.abs(a.validLifetime! - o.valid) <= 2, `${a.cidr}: valid lifetime`);
    if (o.preferred === FOREVER) t.equal(a.preferredLifetime, undefined, `${a.cidr}: preferred forever`);
    else t.ok(Math.abs(a.preferredLifetime! - o.preferred) <= 2, `${a.cidr}: preferred lifetime`);
  }
  const dep = mine.find((a) => a.address === '2001:db8:9::5')!;
  t.ok(dep.flags.deprecated && dep.flags.homeaddress && dep.flags.managetempaddr, 'preferred_lft 0: deprecated');
  t.equal(mine.find((a) => a.address === '127.0.0.2')!.scope, 'host', 'loopback range: scope host');
  t.equal(mine.find((a) => a.address === '192.168.7.1')!.peer, '192.168.7.2');
});

t.test('addresses.list filters by link and family', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '172.16.10.5/24');
  await h.addresses.add('up0', '2001:db8::5/64', { nodad: true });
  await h.addresses.add('up1', '172.16.10.6/24');
  const up0 = await h.addresses.list({ link: 'up0' });
  t.ok(up0.length >= 2 && up0.every((a) => a.link === 'up0'), 'by link name');
  const up1Index = (await h.links.get('up1')).index;
  t.same((await h.addresses.list({ link: up1Index, family: 4 })).map((a) => a.cidr), ['172.16.10.6/24'], 'by index and family');
  t.ok((await h.addresses.list({ family: 6 })).every((a) => a.family === 6), 'by family');
  t.same((await h.addresses.list({ link: 'up0', family: 6 })).filter((a) => !a.address.startsWith('fe80')).map((a) => a.cidr), ['2001:db8::5/64']);
});

t.test('listing by link or family is filtered in the kernel: 500 links, one reply', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t);
  const pairs = 250;
  await Promise.all(Array.from({ length: pairs }, (_, i) => h.links.add({ kind: 'veth', name: `a${i}`, peer: { name: `b${i}` } })));
  await Promise.all(Array.from({ length: pairs }, (_, i) => Promise.all([
    h.addresses.add(`a${i}`, `10.${i >> 8}.${i & 255}.1/30`),
    h.addresses.add(`b${i}`, `10.${i >> 8}.${i & 255}.2/30`),
  ])));
  const index = (await h.links.get('b123')).index;
  // The native request answers with what the kernel sent: no filtering after it.
  let t0 = process.hrtime.bigint();
  const full = await h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, { family: C.AF_UNSPEC! });
  const fullUs = Number(process.hrtime.bigint() - t0) / 1000;
  t0 = process.hrtime.bigint();
  const one = await h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, { family: C.AF_UNSPEC!, index });
  const oneUs = Number(process.hrtime.bigint() - t0) / 1000;
  const v4 = await h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, { family: C.AF_INET! });
  const v6 = await h.request(C.RTM_GETADDR!, C.NLM_F_DUMP!, { family: C.AF_INET6! });
  t.comment(`full dump: ${full.length} replies in ${fullUs.toFixed(0)} us; by link: ${one.length} in ${oneUs.toFixed(0)} us`);
  t.ok(full.length >= 2 * pairs, `a full dump has every address (${full.length})`);
  t.equal(one.length, 1, 'the kernel sent only the one address of that link');
  t.equal(v4.length, 2 * pairs, 'the kernel sent only the IPv4 addresses');
  t.equal(v6.length, full.length - 2 * pairs, 'and only the IPv6 ones');
  const listed = await h.addresses.list({ link: 'b123' });
  t.same(listed.map((a) => [a.link, a.cidr]), [['b123', '10.0.123.2/30']]);
});

t.test('waitSettled resolves when DAD is over and rejects when it failed', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '2001:db8::5/64');
  t.ok((await h.addresses.list({ link: 'up0', family: 6 })).some((a) => a.address === '2001:db8::5' && a.flags.tentative), 'tentative at first');
  await h.addresses.waitSettled('up0', { timeout: 10000 });
  t.notOk((await h.addresses.list({ link: 'up0', family: 6 })).some((a) => a.flags.tentative), 'settled');
  // The peer end already has the address: up0's neighbour solicitation is answered, DAD fails.
  await h.addresses.add('up1', '2001:db8:2::7/64', { nodad: true });
  await h.addresses.add('up0', '2001:db8:2::7/64');
  await t.rejects(h.addresses.waitSettled('up0', { timeout: 10000 }), { code: 'ERR_DAD_FAILED', addresses: ['2001:db8:2::7/64'] });
  // Named by index (as attach does), the message still names the interface.
  await t.rejects(h.addresses.waitSettled((await h.links.get('up0')).index, { timeout: 10000 }),
    { code: 'ERR_DAD_FAILED', message: "duplicate address detection failed on 'up0' for 2001:db8:2::7/64" }, 'the message names the interface');
  t.ok((await h.addresses.list({ link: 'up0' })).find((a) => a.address === '2001:db8:2::7')!.flags.dadfailed, 'dadfailed flag read back');
  await h.addresses.add('up1', '2001:db8:3::7/64');
  await t.rejects(h.addresses.waitSettled((await h.links.get('up1')).index, { timeout: 0 }),
    { code: 'ETIMEDOUT', message: /^addresses of 'up1' still tentative after 0 ms: 2001:db8:3::7/ });
});

t.test('bad input is refused before any syscall, naming the field and the value', { skip: needsRoot }, async (t) => {
  const { h } = await freshNetns(t);
  const cases: [() => Promise<unknown>, RegExp, typeof TypeError | typeof RangeError][] = [
    [() => h.addresses.add('lo', '300.1.1.1/24'), /cidr must be .*"300\.1\.1\.1\/24"/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.0/33'), /cidr must be a CIDR with a prefix length from 0 to 32, got "10\.0\.0\.0\/33"/, RangeError],
    [() => h.addresses.add('lo', '2001:db8::1/129'), /prefix length from 0 to 128.*"2001:db8::1\/129"/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.1'), /cidr must be a CIDR/, RangeError],
    [() => h.addresses.add('lo', 42 as never), /cidr must be a CIDR.*got 42/, TypeError],
    [() => h.addresses.add('lo', '10.0.0.1/24', { brd: '+' } as never), /options\.brd must be one of the known options/, TypeError],
    [() => h.addresses.add('lo', '2001:db8::1/64', { broadcast: '10.0.0.255' }), /options\.broadcast must be unset for an IPv6 address/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.1/24', { peer: '2001:db8::1' }), /options\.peer must be an IPv4 address, got "2001:db8::1"/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.1/24', { scope: 'galaxy' as never }), /options\.scope must be one of .*"galaxy"/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.1/24', { validLifetime: 10, preferredLifetime: 20 }), /options\.preferredLifetime must be at most/, RangeError],
    [() => h.addresses.add('lo', '10.0.0.1/24', { label: 'a-label-that-is-too-long' }), /options\.label must be a label of 1 to 15 bytes/, RangeError],
    [() => h.addresses.add('a/b', '10.0.0.1/24'), /link must be an interface name/, RangeError],
    [() => h.addresses.list({ family: 5 as never }), /filter\.family must be 4 or 6, got 5/, RangeError],
    [() => h.addresses.delete('lo', '1.2.3/8'), /cidr must be .*"1\.2\.3\/8"/, RangeError],
  ];
  for (const [fn, message, type] of cases) {
    const before = h.pending;
    await t.rejects(fn(), { name: type.name, message }, String(message));
    t.equal(h.pending, before, 'nothing was sent');
  }
});

t.test('kernel refusals reject with NetlinkError, and the handle stays usable', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  await h.addresses.add('up0', '172.16.10.5/24');
  const exists = await h.addresses.add('up0', '172.16.10.5/24').catch((e) => e);
  t.type(exists, NetlinkError);
  t.match(exists, { code: 'EEXIST', request: 'RTM_NEWADDR' });
  await t.rejects(h.addresses.delete('up0', '172.16.10.9/24'), { name: 'NetlinkError', code: 'EADDRNOTAVAIL', request: 'RTM_DELADDR' });
  await t.rejects(h.addresses.add('nosuch0', '172.16.10.5/24'), { name: 'NetlinkError', code: 'ENODEV', message: /no link named 'nosuch0'/ });
  await t.rejects(h.addresses.list({ link: 'nosuch0' }), { code: 'ENODEV' });
  await h.addresses.add('up0', '172.16.10.6/24');
  t.same(ipAddrs(ns, 'dev', 'up0').filter((a) => a.family === 4).map((a) => a.address).sort(), ['172.16.10.5', '172.16.10.6'], 'still works');
});

t.test('adds by link name all land when made at once; one issued after a delete of the link looks it up again', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  // 200 adds on one link, all at once: one RTM_GETLINK serves them all, and every address lands.
  const many = Array.from({ length: 200 }, (_, i) => `10.9.${i >> 8}.${(i & 255) + 1}/32`);
  await Promise.all(many.map((a) => h.addresses.add('up1', a)));
  const listed = ipJson<{ addr_info: { local: string }[] }[]>(ns, '-4', 'addr', 'show', 'dev', 'up1')[0]!.addr_info;
  t.equal(listed.filter((a) => a.local.startsWith('10.9.')).length, 200, 'all 200 addresses on up1, as ip shows');

  // up0's lookup is in flight when the delete is sent: the add issued after the delete must not
  // reuse the answer given before it. It looks up again and is told that up0 is gone.
  const before = h.addresses.add('up0', '10.8.0.1/32');
  const del = h.links.delete('up0');
  const after = h.addresses.add('up0', '10.8.0.2/32');
  const [b, d, a] = await Promise.allSettled([before, del, after]);
  t.equal(d.status, 'fulfilled', 'the delete went through');
  t.equal(b.status, 'rejected', 'the add issued before the delete found no link to add to (the kernel ran the delete first)');
  t.equal(a.status, 'rejected', 'the add issued after the delete was refused');
  const e = (a as PromiseRejectedResult).reason as NetlinkError;
  t.ok(e instanceof NetlinkError, 'as a NetlinkError');
  t.equal(e.code, 'ENODEV', 'ENODEV');
  t.equal(e.request, 'RTM_GETLINK', 'by its own lookup of up0 (not by an address request on the old index)');
  t.match(e.message, /no link named 'up0'/, 'naming the link it did not find');
});
