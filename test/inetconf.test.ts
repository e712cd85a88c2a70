// Per-link IPv4/IPv6 settings over netlink (IFLA_AF_SPEC): written with links.set, read back on Link,
// and compared with sysctl(8) and iproute2 inside the test's own namespace.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

const sysctlIn = (ns: string, name: string): string =>
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-n', name], { encoding: 'utf8' }).trim();

// rtnl's names (from the kernel's IPV4_DEVCONF_*/DEVCONF_* constants) and the sysctl files they are.
const V4: [string, string, number][] = [
  ['arpNotify', 'arp_notify', 1], ['arpIgnore', 'arp_ignore', 1], ['arpAnnounce', 'arp_announce', 2],
  ['rpFilter', 'rp_filter', 2], ['proxyArp', 'proxy_arp', 1], ['forwarding', 'forwarding', 1],
  ['acceptLocal', 'accept_local', 1], ['routeLocalnet', 'route_localnet', 1], ['logMartians', 'log_martians', 1],
  ['arpfilter', 'arp_filter', 1], ['arpAccept', 'arp_accept', 1], ['dropGratuitousArp', 'drop_gratuitous_arp', 1],
];
const V6: [string, string][] = [
  ['ndiscNotify', 'ndisc_notify'], ['disableIpv6', 'disable_ipv6'], ['acceptRa', 'accept_ra'], ['hoplimit', 'hop_limit'],
  ['mtu6', 'mtu'], ['forwarding', 'forwarding'], ['dadTransmits', 'dad_transmits'], ['keepAddrOnDown', 'keep_addr_on_down'],
];

t.test('links.set inet: IPv4 settings by name, as sysctl reads them, and read back on Link', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const before = await h.links.get('up0');
  t.ok(before.inet, 'a link has its IPv4 settings');
  for (const [name, file] of V4) t.equal(before.inet![name], Number(sysctlIn(ns, `net.ipv4.conf.up0.${file}`)), `before: ${name} = ${file}`);
  // ip link set up0 ... has no form for these; sysctl -w net.ipv4.conf.up0.X=V does each.
  await h.links.set('up0', { inet: Object.fromEntries(V4.map(([name, , value]) => [name, value])) });
  const after = await h.links.get('up0');
  for (const [name, file, value] of V4) {
    t.equal(sysctlIn(ns, `net.ipv4.conf.up0.${file}`), String(value), `${name}: sysctl reads ${value}`);
    t.equal(after.inet![name], value, `${name}: read back`);
  }
  t.equal(sysctlIn(ns, 'net.ipv4.conf.up1.arp_notify'), '0', 'the other link is untouched');
  // And the other way: set by sysctl(8), read by rtnl.
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.conf.up1.arp_ignore=2']);
  t.equal((await h.links.get('up1')).inet!.arpIgnore, 2);
  t.equal((await h.links.list()).find((l) => l.name === 'up1')!.inet!.arpIgnore, 2, 'in a dump too');
});

t.test('links.set inet6: addrGenMode and token as iproute2 reads them; IPv6 settings read back by name', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const l = await h.links.get('up0');
  t.equal(l.inet6?.addrGenMode, ipJson(ns, '-d', 'link', 'show', 'dev', 'up0')[0].inet6_addr_gen_mode, 'addrGenMode as ip -d link shows it');
  for (const [name, file] of V6) t.equal(l.inet6!.conf[name], Number(sysctlIn(ns, `net.ipv6.conf.up0.${file}`)), `${name} = ${file}`);
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.up0.ndisc_notify=1']);
  t.equal((await h.links.get('up0')).inet6!.conf.ndiscNotify, 1, 'a change by sysctl is read back');

  // ip link set up0 addrgenmode none; ip token set ::1:2:3:4 dev up0
  await h.links.set('up0', { inet6: { addrGenMode: 'none', token: '::1:2:3:4' } });
  t.equal(ipJson(ns, '-d', 'link', 'show', 'dev', 'up0')[0].inet6_addr_gen_mode, 'none');
  t.match(ip(ns, 'token', 'get', 'dev', 'up0'), /token ::1:2:3:4 dev up0/);
  const after = await h.links.get('up0');
  t.equal(after.inet6?.addrGenMode, 'none');
  t.equal(after.inet6?.token, '::1:2:3:4');
  // And what ip sets, rtnl reads.
  ip(ns, 'link', 'set', 'up1', 'addrgenmode', 'random');
  t.equal((await h.links.get('up1')).inet6?.addrGenMode, 'random');
  t.equal((await h.links.get('up1')).inet6?.token, undefined, 'no token: none reported');
});

t.test('bad inet/inet6 changes are refused naming the field, before any request', async (t) => {
  const { links } = await import('../src/index.js');
  const cases: [string, unknown, RegExp][] = [
    ['an unknown IPv4 setting', { inet: { arpNotfy: 1 } }, /^changes\.inet must be IPv4 settings by name .*got "arpNotfy"/],
    ['a non-integer value', { inet: { rpFilter: 1.5 } }, /^changes\.inet\.rpFilter must be/],
    ['inet as a number', { inet: 1 }, /^changes\.inet must be/],
    ['an unknown IPv6 key', { inet6: { ndiscNotify: 1 } }, /^changes\.inet6\.ndiscNotify/],
    ["addrGenMode 'eui48'", { inet6: { addrGenMode: 'eui48' } }, /^changes\.inet6\.addrGenMode must be one of 'eui64', 'none', 'stable-privacy', 'random'/],
    ['a token with a prefix', { inet6: { token: '2001:db8::1' } }, /^changes\.inet6\.token must be an interface identifier/],
    ['an IPv4 token', { inet6: { token: '10.0.0.1' } }, /^changes\.inet6\.token/],
  ];
  for (const [what, changes, message] of cases) await t.rejects(links.set('lo-no-such', changes as never), { message }, what);
});

// A dump's links are decoded at once, with their settings: every setting the kernel has a sysctl
// file for reads the same, and every object of a Link is plain data (no getters: spread and JSON
// keep all of it).
t.test('a dump\'s links: every IPv4/IPv6 setting as sysctl reads it, and plain data properties throughout', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  ip(ns, 'link', 'add', 'mv0', 'link', 'up0', 'type', 'macvlan', 'mode', 'bridge');
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv4.conf.mv0.arp_ignore=2', 'net.ipv6.conf.mv0.ndisc_notify=1']);
  const listed = await h.links.list();
  const mv0 = listed.find((l) => l.name === 'mv0')!;
  // sysctl -a for mv0: net.ipv4.conf.mv0.arp_ignore = 2, ...; rtnl's names are the camelCased files
  // where the kernel's constant is named as the file (most are).
  const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  for (const [family, settings] of [['ipv4', mv0.inet!], ['ipv6', mv0.inet6!.conf]] as const) {
    const files = execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-a', '-r', `^net\\.${family}\\.conf\\.mv0\\.`], { encoding: 'utf8' })
      .trim().split('\n').map((line) => line.split(' = ')).map(([k, v]) => [k!.split('.').pop()!, v!.trim()] as const);
    let compared = 0;
    for (const [file, value] of files) {
      const name = family === 'ipv6' && file === 'hop_limit' ? 'hoplimit' : family === 'ipv6' && file === 'mtu' ? 'mtu6' : camel(file);
      if (!(name in settings) || !/^-?\d+$/.test(value)) continue;
      // Both 32-bit: the kernel keeps each as an int, and sysctl prints a few (ioam6_id_wide) unsigned.
      t.equal(settings[name]! | 0, Number(value) | 0, `${family} ${file}`);
      compared++;
    }
    t.ok(compared >= 15, `${family}: ${compared} settings compared with sysctl`);
  }
  t.equal(mv0.inet!.arpIgnore, 2, 'a setting changed by sysctl');
  t.equal(mv0.inet6!.conf.ndiscNotify, 1, 'an IPv6 setting changed by sysctl');

  const accessors = (o: object, path: string): string[] => Object.entries(Object.getOwnPropertyDescriptors(o)).flatMap(([k, d]) =>
    Array.isArray(o) && k === 'length' ? []
      : !('value' in d) || !d.enumerable ? [`${path}.${k}`]
      : d.value !== null && typeof d.value === 'object' ? accessors(d.value as object, `${path}.${k}`) : []);
  for (const l of listed) {
    t.equal(Object.getPrototypeOf(l), Object.prototype, `${l.name}: a plain object`);
    t.same(accessors(l, l.name), [], `${l.name}: own enumerable data properties only`);
    t.same(JSON.parse(JSON.stringify(l)), { ...l }, `${l.name}: JSON and spread keep every field`);
    // Links with equal settings share one settings object: frozen, so no link's changes another's.
    t.ok(Object.isFrozen(l.inet) && Object.isFrozen(l.inet6!.conf), `${l.name}: its settings objects are frozen`);
  }
  const [up0, up1] = ['up0', 'up1'].map((n) => listed.find((l) => l.name === n)!);
  t.same(up0!.inet6!.conf, up1!.inet6!.conf, 'two fresh veths: equal IPv6 settings');
  t.not(up0!.inet!.arpIgnore, mv0.inet!.arpIgnore, 'a link whose settings differ has its own');
  t.same(Object.keys(listed.find((l) => l.name === 'up0')!), Object.keys(listed.find((l) => l.name === 'up1')!), 'two veths: the same keys in the same order');
});
