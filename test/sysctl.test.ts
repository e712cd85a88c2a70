// sysctl: net.* settings of a namespace, read and written by the namespace helper thread; compared
// with sysctl(8) run inside the namespace. Only the test's own namespaces are written.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import t from 'tap';
import * as rtnl from '../src/index.js';
import { freshNetns, needsRoot } from './helpers.js';

const sysctlIn = (ns: string, name: string): string =>
  execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-n', name], { encoding: 'utf8' }).trim();

t.test('get and set in a namespace agree with sysctl(8) there, and stay in that namespace', { skip: needsRoot }, async (t) => {
  const { ns, h } = await freshNetns(t, { veth: true });
  const hostForward = readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim();
  const set: [rtnl.SysctlName, number | boolean, string][] = [
    ['net.ipv4.ip_forward', hostForward === '1' ? 0 : 1, 'net.ipv4.ip_forward'],
    ['net.ipv4.conf.all.arp_ignore', 1, 'net.ipv4.conf.all.arp_ignore'],
    ['net.ipv4.conf.up0.arp_announce', 2, 'net.ipv4.conf.up0.arp_announce'],
    ['net.ipv6.conf.up0.ndisc_notify', true, 'net.ipv6.conf.up0.ndisc_notify'],
  ];
  for (const [name, value, oracle] of set) {
    await h.sysctl.set(name, value);
    const want = String(typeof value === 'boolean' ? Number(value) : value);
    t.equal(sysctlIn(ns, oracle), want, `${name} = ${want}, as sysctl -n reads it in the namespace`);
    t.equal(await h.sysctl.get(name), want, `${name} reads back`);
    t.equal(await h.sysctl.getInt(name), Number(want));
  }
  t.equal(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim(), hostForward, "the host's own ip_forward is untouched");
  // Several values: tab-separated, as the kernel prints them.
  t.equal(await h.sysctl.get('net.ipv4.ip_local_port_range'), sysctlIn(ns, 'net.ipv4.ip_local_port_range').replace(/\s+/, '\t'));
  await t.rejects(h.sysctl.getInt('net.ipv4.ip_local_port_range'), RangeError);

  // An interface name with a dot is written with '/', as sysctl(8) does.
  await h.links.add({ kind: 'macvlan', name: 'up0.7', parent: 'up0' });
  await h.sysctl.set('net.ipv4.conf.up0/7.rp_filter', 2);
  t.equal(sysctlIn(ns, 'net.ipv4.conf.up0/7.rp_filter'), '2');

  await t.rejects(h.sysctl.get('net.ipv4.no_such_thing'), { code: 'ENOENT', message: /sysctl "net\.ipv4\.no_such_thing" does not exist/ });
  await t.rejects(h.sysctl.set('net.ipv4.conf.up0.arp_ignore', 'x'), { code: 'EINVAL' });
});

t.test('the free sysctl reads the current namespace', { skip: needsRoot }, async (t) => {
  t.equal(await rtnl.sysctl.get('net.ipv4.ip_forward'), readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8').trim());
  t.equal(await rtnl.sysctl.get('net.core.somaxconn'), readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());
});

t.test('names outside net.* and values that cannot be right are refused before anything is opened', async (t) => {
  const h = rtnl.sysctl;
  for (const name of ['kernel.hostname', 'net', 'net.', 'net..ipv4', 'net.ipv4.conf.all..', 'net.ipv4/../../kernel.x', 'net.../x', 'net.ipv4.a b', 'net.ipv4.\0', 'vm.swappiness', '/proc/sys/net/ipv4/ip_forward', 42, undefined]) {
    await t.rejects(h.get(name as never), { message: /^name must be/ }, `get(${JSON.stringify(name)})`);
    await t.rejects(h.set(name as never, 1), { message: /^name must be/ }, `set(${JSON.stringify(name)})`);
  }
  for (const value of [1.5, NaN, '', 'a\nb', null, {}, [1]]) {
    await t.rejects(h.set('net.ipv4.ip_forward', value as never), { message: /^value must be/ }, `value ${JSON.stringify(value)}`);
  }
});
