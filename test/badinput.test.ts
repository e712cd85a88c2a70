// Bad input across the whole public API: every public function fed wrong types and impossible
// values rejects (or throws) a TypeError/RangeError whose message names the field, before any
// syscall; afterwards the handle still works, nothing was created, Object.prototype is clean.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import * as rtnl from '../src/index.js';
import { native } from '../src/binding.js';
import { freshNetns, needsRoot } from './helpers.js';

type H = rtnl.Rtnl;
// Values are deliberately of the wrong type: the table calls through `any`.
type Call = (h: any) => unknown;
interface Case { name: string; call: Call; field: string; free?: boolean }

const LONG = 'x'.repeat(100_000);
const proto = (json: string): unknown => JSON.parse(json);
const cases: Case[] = [];
const add = (name: string, field: string, call: Call, free = false): void => {
  cases.push({ name, field, call, free });
};

// Wrong values for a link reference (name or index).
const BAD_REFS: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['0', 0], ['-1', -1], ['1.5', 1.5], ['NaN', NaN], ['Infinity', Infinity],
  ['2^31', 2 ** 31], ["''", ''], ['16 bytes', 'abcdefghijklmnop'], ['NUL', 'a\0b'], ["'/'", 'a/b'], ["'..'", '..'],
  ['space', 'a b'], ['object', {}], ['array', ['lo']], ['true', true], ['bigint', 1n], ['very long', LONG],
];
// Wrong values for a namespace name.
const BAD_NS_NAMES: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['number', 42], ["''", ''], ["'.'", '.'], ["'..'", '..'], ["'../x'", '../x'],
  ['absolute', '/etc'], ["'a/b'", 'a/b'], ['NUL', 'a\0b'], ['256 bytes', 'n'.repeat(256)], ['object', { name: 'x' }],
  ['array', ['x']], ['very long', LONG],
];

// ---- open ----
add('open(42)', 'options', () => rtnl.open(42 as never));
add("open('blue')", 'options', () => rtnl.open('blue' as never));
add('open(null)', 'options', () => rtnl.open(null as never));
add('open({ netns, extra })', 'options.extra', () => rtnl.open({ netns: 'x', extra: 1 } as never));
add('open({ nentns }) misspelled', 'options.nentns', () => rtnl.open({ nentns: 'x' } as never));
add('open(__proto__ key)', 'options.__proto__', () => rtnl.open(proto('{"__proto__": {"netns": "x"}}') as never));
for (const [what, v] of BAD_NS_NAMES.filter(([w]) => w !== 'undefined' && w !== 'object')) {
  add(`open({ netns: ${what} })`, 'options.netns', () => rtnl.open({ netns: v } as never));
}
add('open({ netns: { path: "" } })', 'options.netns.path', () => rtnl.open({ netns: { path: '' } }));
add('open({ netns: { path: NUL } })', 'options.netns.path', () => rtnl.open({ netns: { path: '/run/netns/a\0b' } }));
add('open({ netns: { path: 42 } })', 'options.netns.path', () => rtnl.open({ netns: { path: 42 } } as never));
add('open({ netns: { pid: -1 } })', 'options.netns.pid', () => rtnl.open({ netns: { pid: -1 } }));
add('open({ netns: { pid: 1.5 } })', 'options.netns.pid', () => rtnl.open({ netns: { pid: 1.5 } }));
add("open({ netns: { pid: '1' } })", 'options.netns.pid', () => rtnl.open({ netns: { pid: '1' } } as never));
add('open({ netns: { fd: -1 } })', 'options.netns.fd', () => rtnl.open({ netns: { fd: -1 } }));
add('open({ netns: { fd: NaN } })', 'options.netns.fd', () => rtnl.open({ netns: { fd: NaN } }));
add('open({ netns: { pid, fd } })', 'options.netns', () => rtnl.open({ netns: { pid: 1, fd: 3 } } as never));
add('open({ netns: { nspath } })', 'options.netns', () => rtnl.open({ netns: { nspath: '/x' } } as never));
add('open({ netns: __proto__ path })', 'options.netns', () => rtnl.open({ netns: proto('{"__proto__": {"path": "/proc/1/ns/net"}}') } as never));

// ---- netns ----
for (const [what, v] of BAD_NS_NAMES) {
  add(`netns.create(${what})`, 'name', () => rtnl.netns.create(v as string));
  add(`netns.delete(${what})`, 'name', () => rtnl.netns.delete(v as string));
  add(`netns.exists(${what})`, 'name', () => rtnl.netns.exists(v as string));
}

add("netns.setId('../x', 1)", 'name', () => rtnl.netns.setId('../x', 1));
add("netns.setId(name, -1)", 'id', () => rtnl.netns.setId('rtnl-no-such-ns', -1));
add("netns.setId(name, 'x')", 'id', () => rtnl.netns.setId('rtnl-no-such-ns', 'x' as never));
add("netns.setId(name, 1, { netns: '..' })", 'options.netns', () => rtnl.netns.setId('rtnl-no-such-ns', 1, { netns: '..' }));
add('netns.setId(name, 1, { ns })', 'options.ns', () => rtnl.netns.setId('rtnl-no-such-ns', 1, { ns: 'x' } as never));
add('netns.listIds(42)', 'options', () => rtnl.netns.listIds(42 as never));

// ---- links ----
for (const [what, v] of BAD_REFS) {
  // 16 bytes is too long for a name but may be an alternative name: links.get asks the kernel.
  if (what !== '16 bytes') add(`links.get(${what})`, 'link', (h) => h.links.get(v));
  // An array is a batch delete for links.delete; its own cases are below.
  if (what !== 'array') add(`links.delete(${what})`, 'link', (h) => h.links.delete(v));
}
add('links.delete([[lo]])', 'links[0]', (h) => h.links.delete([['lo']]));
add('links.get(128-byte altname)', 'link', (h) => h.links.get('a'.repeat(128)));
add("links.get('a b c d e f g h i')", 'link', (h) => h.links.get('a b c d e f g h i'));
add("links.get(up0, { stats: 'y' })", 'options.stats', (h) => h.links.get('up0', { stats: 'y' }));
add('links.get(up0, { stat })', 'options.stat', (h) => h.links.get('up0', { stat: true }));
add("links.list({ stats: 1 })", 'filter.stats', (h) => h.links.list({ stats: 1 }));
add('links.addAltNames(up0, [])', 'names', (h) => h.links.addAltNames('up0', []));
add("links.addAltNames(up0, 'x')", 'names', (h) => h.links.addAltNames('up0', 'x'));
add("links.addAltNames(up0, [''])", 'names[0]', (h) => h.links.addAltNames('up0', ['']));
add('links.addAltNames(up0, [128 bytes])', 'names[1]', (h) => h.links.addAltNames('up0', ['ok', 'a'.repeat(128)]));
add("links.addAltNames(up0, ['a/b'])", 'names[0]', (h) => h.links.addAltNames('up0', ['a/b']));
add('links.deleteAltNames(NaN, [x])', 'link', (h) => h.links.deleteAltNames(NaN, ['x']));
add('links.deleteAltNames(up0, [42])', 'names[0]', (h) => h.links.deleteAltNames('up0', [42]));
for (const [what, v] of BAD_REFS.slice(0, 8)) {
  add(`links.set(${what}, {})`, 'link', (h) => h.links.set(v, { up: true }));
  add(`links.waitFor(${what})`, 'link', (h) => h.links.waitFor(v, undefined, { timeout: 10 }));
}
add('links.delete([ok, null])', 'links[1]', (h) => h.links.delete(['up0', null]));
add('links.delete([NaN])', 'links[0]', (h) => h.links.delete([NaN]));
add('links.delete(sparse)', 'links[0]', (h) => h.links.delete(new Array(1)));
add("links.set('up0', vlan egressQos sparse)", 'changes.vlan.egressQos[0]', (h) => h.links.set('up0', { vlan: { egressQos: new Array(2) } }));
add('links.list(42)', 'filter', (h) => h.links.list(42));
add("links.list('veth')", 'filter', (h) => h.links.list('veth'));
add('links.list({ kind: 1 })', 'filter.kind', (h) => h.links.list({ kind: 1 }));
add('links.list({ knd }) misspelled', 'filter.knd', (h) => h.links.list({ knd: 'veth' }));
add('links.list({ master: -1 })', 'filter.master', (h) => h.links.list({ master: -1 }));
add('links.list(__proto__)', 'filter.__proto__', (h) => h.links.list(proto('{"__proto__": {"kind": "veth"}}')));
add('links.waitFor(ref, "x")', 'predicate', (h) => h.links.waitFor('up0', 'x'));
add('links.waitFor({ timeout: -1 })', 'options.timeout', (h) => h.links.waitFor('up0', undefined, { timeout: -1 }));
add("links.waitFor({ timeout: '1' })", 'options.timeout', (h) => h.links.waitFor('up0', undefined, { timeout: '1' }));
add('links.waitFor({ timeout: Infinity })', 'options.timeout', (h) => h.links.waitFor('up0', undefined, { timeout: Infinity }));
add('links.waitFor({ signal: {} })', 'options.signal', (h) => h.links.waitFor('up0', undefined, { signal: {} }));
add('links.waitFor({ tiemout })', 'options.tiemout', (h) => h.links.waitFor('up0', undefined, { tiemout: 1 }));

const veth = (extra: Record<string, unknown>): Record<string, unknown> => ({ kind: 'veth', name: 'bad0', ...extra });
const mv = (extra: Record<string, unknown>): Record<string, unknown> => ({ kind: 'macvlan', name: 'bad0', parent: 'up0', ...extra });
const addCases: [string, string, unknown][] = [
  ['undefined', 'spec', undefined], ['null', 'spec', null], ["'veth'", 'spec', 'veth'], ['array', 'spec', []],
  ['kind missing', 'spec.kind', { name: 'bad0' }], ["kind 'brige'", 'spec.kind', { kind: 'brige', name: 'bad0' }],
  ['kind 1', 'spec.kind', { kind: 1, name: 'bad0' }], ["kind 'constructor'", 'spec.kind', { kind: 'constructor', name: 'bad0' }],
  ["kind 'toString'", 'spec.kind', { kind: 'toString', name: 'bad0' }], ["kind '__proto__'", 'spec.kind', { kind: '__proto__', name: 'bad0' }],
  ['name missing', 'spec.name', { kind: 'veth' }], ['name 16 bytes', 'spec.name', veth({ name: 'abcdefghijklmnop' })],
  ['name NUL', 'spec.name', veth({ name: 'a\0b' })], ['name 42', 'spec.name', veth({ name: 42 })],
  ['name very long', 'spec.name', veth({ name: LONG })], ["name '..'", 'spec.name', veth({ name: '..' })],
  ["mtu '1500'", 'spec.mtu', veth({ mtu: '1500' })], ['mtu -1', 'spec.mtu', veth({ mtu: -1 })], ['mtu NaN', 'spec.mtu', veth({ mtu: NaN })],
  ['mtu 2^53', 'spec.mtu', veth({ mtu: 2 ** 53 })], ['mtu 1.5', 'spec.mtu', veth({ mtu: 1.5 })],
  ['address 5 octets', 'spec.address', veth({ address: '02:00:00:00:00' })], ['address 42', 'spec.address', veth({ address: 42 })],
  ['address NUL', 'spec.address', veth({ address: '02:00:00:00:00:01\0' })],
  ['txQueueLen -1', 'spec.txQueueLen', veth({ txQueueLen: -1 })], ['alias 256 bytes', 'spec.alias', veth({ alias: 'a'.repeat(256) })],
  ['alias NUL', 'spec.alias', veth({ alias: 'a\0b' })], ["up 'yes'", 'spec.up', veth({ up: 'yes' })],
  ['group 2^32', 'spec.group', veth({ group: 2 ** 32 })], ["netns '../x'", 'spec.netns', veth({ netns: '../x' })],
  ["netns { path: '' }", 'spec.netns.path', veth({ netns: { path: '' } })], ['master {}', 'spec.master', veth({ master: {} })],
  ["peer 'x'", 'spec.peer', veth({ peer: 'x' })], ['peer { nme }', 'spec.peer.nme', veth({ peer: { nme: 'x' } })],
  ["peer { name: 'a/b' }", 'spec.peer.name', veth({ peer: { name: 'a/b' } })], ['peer { mtu: -5 }', 'spec.peer.mtu', veth({ peer: { mtu: -5 } })],
  ["noarp 'y'", 'spec.noarp', veth({ noarp: 'y' })], ['multicast 1', 'spec.multicast', veth({ multicast: 1 })],
  ['index 0', 'spec.index', veth({ index: 0 })], ['index 2^31', 'spec.index', veth({ index: 2 ** 31 })],
  ['numTxQueues 0', 'spec.numTxQueues', veth({ numTxQueues: 0 })], ['numRxQueues 4097', 'spec.numRxQueues', veth({ numRxQueues: 4097 })],
  ['gsoMaxSize -1', 'spec.gsoMaxSize', veth({ gsoMaxSize: -1 })], ["gsoMaxSegs '5'", 'spec.gsoMaxSegs', veth({ gsoMaxSegs: '5' })],
  ['groMaxSize 1.5', 'spec.groMaxSize', veth({ groMaxSize: 1.5 })], ['peer { index: -1 }', 'spec.peer.index', veth({ peer: { index: -1 } })],
  ['veth with mode', 'spec.mode', veth({ mode: 'bridge' })], ['extra key', 'spec.frobnicate', veth({ frobnicate: true })],
  ['__proto__ key', 'spec.__proto__', { ...(proto('{"__proto__": {"up": true}}') as object), kind: 'veth', name: 'bad0' }],
  ['constructor key', 'spec.constructor', veth(proto('{"constructor": {"prototype": {"polluted": 1}}}') as Record<string, unknown>)],
  ['macvlan no parent', 'spec.parent', { kind: 'macvlan', name: 'bad0' }], ['macvlan parent NaN', 'spec.parent', mv({ parent: NaN })],
  ["macvlan mode 'brige'", 'spec.mode', mv({ mode: 'brige' })], ['macvlan mode 1', 'spec.mode', mv({ mode: 1 })],
  ["macvlan macs ['zz']", 'spec.macs[0]', mv({ mode: 'source', macs: ['zz'] })], ["macvlan macs 'x'", 'spec.macs', mv({ macs: 'x' })],
  ['macvlan bcQueueLen -1', 'spec.bcQueueLen', mv({ bcQueueLen: -1 })], ["macvlan nopromisc 'y'", 'spec.nopromisc', mv({ nopromisc: 'y' })],
  ["ipvlan mode 'l4'", 'spec.mode', { kind: 'ipvlan', name: 'bad0', parent: 'up0', mode: 'l4' }],
  ["ipvlan flags 'x'", 'spec.flags', { kind: 'ipvlan', name: 'bad0', parent: 'up0', flags: 'x' }],
  ['vlan id 5000', 'spec.id', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5000 }],
  ['vlan id missing', 'spec.id', { kind: 'vlan', name: 'bad0', parent: 'up0' }],
  ["vlan protocol '802.1x'", 'spec.protocol', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5, protocol: '802.1x' }],
  ['vlan egressQos to 8', 'spec.egressQos[0].to', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5, egressQos: [{ from: 0, to: 8 }] }],
  ["vlan flags { gvrp: 'y' }", 'spec.flags.gvrp', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5, flags: { gvrp: 'y' } }],
  // Sparse arrays: Array.prototype.map skips holes, so a hole must be refused by name all the same.
  ['macvlan macs sparse', 'spec.macs[0]', mv({ mode: 'source', macs: new Array(1) })],
  ['vlan egressQos sparse', 'spec.egressQos[0]', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5, egressQos: new Array(1) }],
];
for (const [what, field, spec] of addCases) add(`links.add(${what})`, field, (h) => h.links.add(spec));
// A valid namespace next to a bad field: the namespace file must not be opened before the refusal.
// (`$NS` is replaced by the test's own namespace.)
const withNetns: [string, string, Record<string, unknown>][] = [
  ["macvlan mode 'brige'", 'spec.mode', mv({ mode: 'brige', netns: '$NS' })],
  ['vlan id 5000', 'spec.id', { kind: 'vlan', name: 'bad0', parent: 'up0', id: 5000, netns: '$NS' }],
  ["ipvlan mode 'l4'", 'spec.mode', { kind: 'ipvlan', name: 'bad0', parent: 'up0', mode: 'l4', netns: '$NS' }],
  ['veth peer mtu -1', 'spec.peer.mtu', veth({ netns: '$NS', peer: { name: 'bad1', mtu: -1 } })],
  ["macvlan master 'a b'", 'spec.master', mv({ netns: '$NS', master: 'a b' })],
];
for (const [what, field, spec] of withNetns) add(`links.add(${what}, valid netns)`, field, (h) => h.links.add({ ...spec, netns: h.netns }));
add("links.set('up0', { name, macvlan: { addMacs: ['x'] } })", 'changes.macvlan.addMacs[0]', (h) => h.links.set('up0', { name: 'up9', macvlan: { addMacs: ['x'] } }));
add("links.set('up0', { netns: valid, macvlan: { mode: 'x' } })", 'changes.macvlan.mode', (h) => h.links.set('up0', { netns: h.netns, macvlan: { mode: 'x' } }));

const setCases: [string, string, unknown][] = [
  ['null', 'changes', null], ["'up'", 'changes', 'up'], ['mtu -1', 'changes.mtu', { mtu: -1 }], ['up 1', 'changes.up', { up: 1 }],
  ["noarp 'off'", 'changes.noarp', { noarp: 'off' }], ['multicast null', 'changes.multicast', { multicast: null }],
  ['gsoMaxSize 2^32', 'changes.gsoMaxSize', { gsoMaxSize: 2 ** 32 }], ['index on set', 'changes.index', { index: 5 }],
  ['numTxQueues on set', 'changes.numTxQueues', { numTxQueues: 2 }],
  ["name 'a b'", 'changes.name', { name: 'a b' }], ['name NUL', 'changes.name', { name: 'x\0' }],
  ["macvlan mode 'x'", 'changes.macvlan.mode', { macvlan: { mode: 'x' } }], ['macvlan and vlan', 'changes', { macvlan: {}, vlan: {} }],
  ["vlan gvrp 'yes'", 'changes.vlan.flags.gvrp', { vlan: { flags: { gvrp: 'yes' } } }], ['vlan { gvr }', 'changes.vlan.flags.gvr', { vlan: { flags: { gvr: true } } }],
  ["netns '..'", 'changes.netns', { netns: '..' }], ['master 1.5', 'changes.master', { master: 1.5 }],
  ['extra key', 'changes.frobnicate', { frobnicate: 1 }], ['__proto__ key', 'changes.__proto__', proto('{"__proto__": {"up": true}}')],
  ['macvlan addMacs bad', 'changes.macvlan.addMacs[0]', { macvlan: { addMacs: ['nope'] } }],
];
for (const [what, field, changes] of setCases) add(`links.set('up0', ${what})`, field, (h) => h.links.set('up0', changes));

// ---- watch (synchronous: throws) ----
add('watch([])', 'groups', (h) => h.watch([]));
add("watch('links')", 'groups[0]', (h) => h.watch('links'));
add("watch(['link', 'x'])", 'groups[1]', (h) => h.watch(['link', 'x']));
add('watch(42)', 'groups', (h) => h.watch(42));
add('watch(link, { signal: 1 })', 'options.signal', (h) => h.watch('link', { signal: 1 }));
add("watch(link, { listExisting: 'y' })", 'options.listExisting', (h) => h.watch('link', { listExisting: 'y' }));
add('watch(link, { receiveBufferSize: 10 })', 'options.receiveBufferSize', (h) => h.watch('link', { receiveBufferSize: 10 }));
add('watch(link, { bufsize })', 'options.bufsize', (h) => h.watch('link', { bufsize: 1 }));
add('watch(link, 42)', 'options', (h) => h.watch('link', 42));

// ---- addresses, routes, neighbours ----
for (const [what, v] of BAD_REFS.slice(0, 6)) add(`addresses.add(${what}, cidr)`, 'link', (h) => h.addresses.add(v, '10.0.0.1/24'));
const badCidrs: [string, unknown][] = [
  ["'300.1.1.1/24'", '300.1.1.1/24'], ["'10.0.0.1/33'", '10.0.0.1/33'], ["'::1/129'", '::1/129'], ["'x'", 'x'], ['42', 42],
  ['undefined', undefined], ['NUL', '10.0.0.1\0/24'], ['very long', LONG], ["'10.0.0.1/-1'", '10.0.0.1/-1'],
];
for (const [what, v] of badCidrs) {
  add(`addresses.add('up0', ${what})`, 'cidr', (h) => h.addresses.add('up0', v));
  add(`addresses.delete('up0', ${what})`, 'cidr', (h) => h.addresses.delete('up0', v));
}
add("addresses.add(scope 'galaxy')", 'options.scope', (h) => h.addresses.add('up0', '10.0.0.1/24', { scope: 'galaxy' }));
add('addresses.add(label 16 bytes)', 'options.label', (h) => h.addresses.add('up0', '10.0.0.1/24', { label: 'l'.repeat(16) }));
add('addresses.add(validLifetime -1)', 'options.validLifetime', (h) => h.addresses.add('up0', '10.0.0.1/24', { validLifetime: -1 }));
add("addresses.add(broadcast 'x')", 'options.broadcast', (h) => h.addresses.add('up0', '10.0.0.1/24', { broadcast: 'x' }));
add("addresses.add(nodad 'yes')", 'options.nodad', (h) => h.addresses.add('up0', '10.0.0.1/24', { nodad: 'yes' }));
add('addresses.add({ lable })', 'options.lable', (h) => h.addresses.add('up0', '10.0.0.1/24', { lable: 'x' }));
add('addresses.add(__proto__)', 'options.__proto__', (h) => h.addresses.add('up0', '10.0.0.1/24', proto('{"__proto__": {"nodad": true}}')));
add('addresses.list({ family: 5 })', 'filter.family', (h) => h.addresses.list({ family: 5 }));
add('addresses.list({ link: null })', 'filter.link', (h) => h.addresses.list({ link: null }));
add('addresses.list(42)', 'filter', (h) => h.addresses.list(42));
add('addresses.waitSettled(up0, { timeout: -1 })', 'options.timeout', (h) => h.addresses.waitSettled('up0', { timeout: -1 }));
add('addresses.waitSettled(NaN)', 'link', (h) => h.addresses.waitSettled(NaN));

const routeCases: [string, string, unknown][] = [
  ['undefined', 'spec', undefined], ['null', 'spec', null], ["'default'", 'spec', 'default'], ['dst missing', 'spec.dst', {}],
  ["dst 'x'", 'spec.dst', { dst: 'x' }], ["dst '10.0.0.0/33'", 'spec.dst', { dst: '10.0.0.0/33' }], ['dst 42', 'spec.dst', { dst: 42 }],
  ["gateway '1.2.3'", 'spec.gateway', { dst: 'default', gateway: '1.2.3' }], ["table 'mian'", 'spec.table', { dst: 'default', link: 'up0', table: 'mian' }],
  ['table -1', 'spec.table', { dst: 'default', link: 'up0', table: -1 }], ['metric -1', 'spec.metric', { dst: 'default', link: 'up0', metric: -1 }],
  ["scope 'x'", 'spec.scope', { dst: 'default', link: 'up0', scope: 'x' }], ["type 'x'", 'spec.type', { dst: 'default', link: 'up0', type: 'x' }],
  ['protocol -1', 'spec.protocol', { dst: 'default', link: 'up0', protocol: -1 }], ["multipath 'x'", 'spec.multipath', { dst: 'default', multipath: 'x' }],
  ['link NaN', 'spec.link', { dst: 'default', link: NaN }], ['family 5', 'spec.family', { dst: 'default', link: 'up0', family: 5 }],
  ['multipath sparse', 'spec.multipath[0]', { dst: 'default', multipath: new Array(1) }],
  ['{ dts } misspelled', 'spec.dts', { dts: 'default', link: 'up0' }], ['__proto__', 'spec.__proto__', proto('{"__proto__": {"dst": "default"}, "link": "up0"}')],
];
for (const [what, field, spec] of routeCases) add(`routes.add(${what})`, field, (h) => h.routes.add(spec));
const routeOptionCases: [string, string, unknown][] = [
  ['tos 256', 'spec.tos', { dst: '10.0.0.0/8', link: 'up0', tos: 256 }], ['hopLimit 0', 'spec.hopLimit', { dst: '10.0.0.0/8', link: 'up0', hopLimit: 0 }],
  ['realm 65536', 'spec.realm', { dst: '10.0.0.0/8', link: 'up0', realm: 65536 }], ['realmFrom without realm', 'spec.realm', { dst: '10.0.0.0/8', link: 'up0', realmFrom: 1 }],
  ["mtuLock 'y'", 'spec.mtuLock', { dst: '10.0.0.0/8', link: 'up0', mtu: 1400, mtuLock: 'y' }], ['mtuLock without mtu', 'spec.mtu', { dst: '10.0.0.0/8', link: 'up0', mtuLock: true }],
  ['rtoMin 0', 'spec.rtoMin', { dst: '10.0.0.0/8', link: 'up0', rtoMin: 0 }], ["congestionControl 'a b'", 'spec.congestionControl', { dst: '10.0.0.0/8', link: 'up0', congestionControl: 'a b' }],
  ['congestionControl 16 bytes', 'spec.congestionControl', { dst: '10.0.0.0/8', link: 'up0', congestionControl: 'c'.repeat(16) }],
  ['gateway IPv6, family 6, dst IPv4', 'spec.dst', { family: 6, dst: '10.0.0.0/8', gateway: 'fe80::1' }],
];
for (const [what, field, spec] of routeOptionCases) add(`routes.add(${what})`, field, (h) => h.routes.add(spec));
add('routes.change(null)', 'spec', (h) => h.routes.change(null));
add("routes.change({ tos: 'x' })", 'spec.tos', (h) => h.routes.change({ dst: '10.0.0.0/8', link: 'up0', tos: 'x' }));
add("routes.get(v4, { from: v6 })", 'options.from', (h) => h.routes.get('10.0.0.1', { from: '2001:db8::1' }));
add('routes.get(x, { iif: NaN })', 'options.iif', (h) => h.routes.get('10.0.0.1', { iif: NaN }));
add("routes.get(x, { oif: 'a/b' })", 'options.oif', (h) => h.routes.get('10.0.0.1', { oif: 'a/b' }));
add('routes.get(x, { mark: -1 })', 'options.mark', (h) => h.routes.get('10.0.0.1', { mark: -1 }));
add('routes.get(x, { uid: 2^32-1 })', 'options.uid', (h) => h.routes.get('10.0.0.1', { uid: 2 ** 32 - 1 }));
add("routes.get(x, { fibmatch: 'y' })", 'options.fibmatch', (h) => h.routes.get('10.0.0.1', { fibmatch: 'y' }));
add('routes.get(x, { frm })', 'options.frm', (h) => h.routes.get('10.0.0.1', { frm: '10.0.0.2' }));
add("routes.list({ dst: 'x' })", 'filter.dst', (h) => h.routes.list({ dst: 'x' }));
add("routes.list({ family: 6, dst: '10.0.0.0/8' })", 'filter.dst', (h) => h.routes.list({ family: 6, dst: '10.0.0.0/8' }));
add('routes.delete(null)', 'spec', (h) => h.routes.delete(null));
add("routes.get('x')", 'destination', (h) => h.routes.get('x'));
add('routes.get(42)', 'destination', (h) => h.routes.get(42));
add("routes.list({ table: 'x' })", 'filter.table', (h) => h.routes.list({ table: 'x' }));
add('routes.list({ famly })', 'filter.famly', (h) => h.routes.list({ famly: 4 }));

const neighCases: [string, string, unknown][] = [
  ['null', 'spec', null], ["address 'x'", 'spec.address', { link: 'up0', address: 'x', lladdr: '02:00:00:00:00:01' }],
  ["lladdr 'x'", 'spec.lladdr', { link: 'up0', address: '10.0.0.9', lladdr: 'x' }],
  ["state 'x'", 'spec.state', { link: 'up0', address: '10.0.0.9', lladdr: '02:00:00:00:00:01', state: 'x' }],
  ["router 'y'", 'spec.router', { link: 'up0', address: '10.0.0.9', lladdr: '02:00:00:00:00:01', router: 'y' }],
  ['link missing', 'spec.link', { address: '10.0.0.9', lladdr: '02:00:00:00:00:01' }],
  ['extra key', 'spec.llаddr', { link: 'up0', address: '10.0.0.9', 'llаddr': '02:00:00:00:00:01' }],
];
for (const [what, field, spec] of neighCases) add(`neighbours.add(${what})`, field, (h) => h.neighbours.add(spec));
add('neighbours.delete(null)', 'spec', (h) => h.neighbours.delete(null));
add('neighbours.list({ family: 5 })', 'filter.family', (h) => h.neighbours.list({ family: 5 }));
add("neighbours.list({ proxy: 'y' })", 'filter.proxy', (h) => h.neighbours.list({ proxy: 'y' }));
add("neighbours.list({ state: 'gone' })", 'filter.state', (h) => h.neighbours.list({ state: 'gone' }));
add('neighbours.list({ state: [] })', 'filter.state', (h) => h.neighbours.list({ state: [] }));
add("neighbours.list({ state: ['stale', 42] })", 'filter.state[1]', (h) => h.neighbours.list({ state: ['stale', 42] }));
add("addresses.add(optimistic 'y')", 'options.optimistic', (h) => h.addresses.add('up0', '2001:db8::1/64', { optimistic: 'y' }));
add('addresses.add(protocol 256)', 'options.protocol', (h) => h.addresses.add('up0', '10.0.0.1/24', { protocol: 256 }));
add("addresses.add(protocol 'kernel')", 'options.protocol', (h) => h.addresses.add('up0', '10.0.0.1/24', { protocol: 'kernel' }));

const ruleCases: [string, string, unknown][] = [
  ['null', 'spec', null], ["from 'x'", 'spec.from', { from: 'x' }], ["from '10.0.0.0/33'", 'spec.from', { from: '10.0.0.0/33' }],
  ['to 42', 'spec.to', { to: 42 }], ['family 6 with an IPv4 from', 'spec.from', { family: 6, from: '10.0.0.0/8' }],
  ['from v4, to v6', 'spec.to', { from: '10.0.0.0/8', to: '2001:db8::/32' }], ['priority -1', 'spec.priority', { priority: -1 }],
  ['priority 2^32', 'spec.priority', { priority: 2 ** 32 }], ["iif 16 bytes", 'spec.iif', { iif: 'abcdefghijklmnop' }],
  ['oif 42', 'spec.oif', { oif: 42 }], ['fwmark 1.5', 'spec.fwmark', { fwmark: 1.5 }], ["fwmask '0xff'", 'spec.fwmask', { fwmark: 1, fwmask: '0xff' }],
  ['tos 256', 'spec.tos', { tos: 256 }], ['uidRange end < start', 'spec.uidRange.end', { uidRange: { start: 10, end: 5 } }],
  ['uidRange 2^32-1', 'spec.uidRange.start', { uidRange: { start: 2 ** 32 - 1, end: 2 ** 32 - 1 } }],
  ['uidRange { from }', 'spec.uidRange.from', { uidRange: { from: 1, start: 1, end: 2 } }],
  ['suppressPrefixLength 129', 'spec.suppressPrefixLength', { suppressPrefixLength: 129 }],
  ["action 'drop'", 'spec.action', { action: 'drop' }], ["table 'mian'", 'spec.table', { table: 'mian' }],
  ["goto with action 'lookup'", 'spec.goto', { goto: 100, action: 'lookup' }], ["action 'goto' without goto", 'spec.goto', { action: 'goto' }],
  ["table with action 'blackhole'", 'spec.table', { table: 10, action: 'blackhole' }], ["not 'yes'", 'spec.not', { not: 'yes' }],
  ["protocol 'x'", 'spec.protocol', { protocol: 'x' }], ['{ pref } misspelled', 'spec.pref', { pref: 100 }],
  ['__proto__', 'spec.__proto__', proto('{"__proto__": {"priority": 5}, "table": 10}')],
];
for (const [what, field, spec] of ruleCases) add(`rules.add(${what})`, field, (h) => h.rules.add(spec));
add('rules.delete({}): an empty match would delete the first rule', 'spec', (h) => h.rules.delete({}));
add('rules.delete(null)', 'spec', (h) => h.rules.delete(null));
add('rules.list({ family: 5 })', 'filter.family', (h) => h.rules.list({ family: 5 }));
add("rules.list({ table: 'x' })", 'filter.table', (h) => h.rules.list({ table: 'x' }));
add("watch('rules')", 'groups[0]', (h) => h.watch('rules'));

// ---- attach, detach, sysctl: every option checked before the first request ----
// The namespace and parent need not exist: nothing may be looked up before the options are checked.
const A = { parent: 'up0', netns: 'rtnl-no-such-ns' };
const attachCases: [string, string, Record<string, unknown>][] = [
  ["kind 'bond'", 'options.kind', { kind: 'bond' }],
  ["macvlan mode 'l2'", 'options.mode', { kind: 'macvlan', mode: 'l2' }],
  ["macvlan (default kind) mode 'l3s'", 'options.mode', { mode: 'l3s' }],
  ["ipvlan mode 'bridge'", 'options.mode', { kind: 'ipvlan', mode: 'bridge' }],
  ['mode 42', 'options.mode', { mode: 42 }],
  ['macvlan with ipvlan flags', 'options.flags', { kind: 'macvlan', flags: 'bridge' }],
  ["ipvlan flags 'brdge'", 'options.flags', { kind: 'ipvlan', flags: 'brdge' }],
  ['ipvlan with a MAC', 'options.address', { kind: 'ipvlan', address: '02:00:00:00:00:01' }],
  ['a MAC of 5 octets', 'options.address', { address: '02:42:0a:00:00' }],
  ['an address without prefix length', 'options.addresses[0]', { addresses: ['172.16.10.5'] }],
  ['an impossible address', 'options.addresses[1]', { addresses: ['172.16.10.5/24', '300.1.1.1/24'] }],
  ['a prefix length of 33', 'options.addresses[0]', { addresses: ['172.16.10.5/33'] }],
  ['addresses as a string', 'options.addresses', { addresses: '172.16.10.5/24' }],
  ['a hole in addresses', 'options.addresses[0]', { addresses: [, '172.16.10.5/24'] }],
  ["gateway 'nope'", 'options.gateway', { gateway: 'nope' }],
  ['a gateway with a prefix', 'options.gateway', { gateway: '172.16.10.1/24' }],
  ['a bad second gateway', 'options.gateway[1]', { gateway: ['172.16.10.1', 'x'] }],
  ['two IPv4 gateways', 'options.gateway', { gateway: ['172.16.10.1', '172.16.10.2'] }],
  ['a route with /33', 'options.routes[0].dst', { routes: [{ dst: '10.1.0.0/33' }] }],
  ['a route of mixed families', 'options.routes[1].gateway', { routes: [{ dst: '10.1.0.0/16' }, { dst: '2001:db8:2::/48', gateway: '10.0.0.1' }] }],
  ['a route with an unknown key', 'options.routes[0].via', { routes: [{ dst: 'default', via: '1.1.1.1' }] }],
  ['routes as an object', 'options.routes', { routes: { dst: 'default' } }],
  ["mtu '1500'", 'options.mtu', { mtu: '1500' }],
  ['mtu 1.5', 'options.mtu', { mtu: 1.5 }],
  ['mtu 70000', 'options.mtu', { mtu: 70000 }],
  ['metric -1', 'options.metric', { metric: -1 }],
  ["dad 'maybe'", 'options.dad', { dad: 'maybe' }],
  ['dadTimeout -1', 'options.dadTimeout', { dadTimeout: -1 }],
  ["announce 'yes'", 'options.announce', { announce: 'yes' }],
  ['lo 1', 'options.lo', { lo: 1 }],
  ["ifname 'a/b'", 'options.ifname', { ifname: 'a/b' }],
  ['a 16-byte parent', 'options.parent', { parent: 'abcdefghijklmnop' }],
  ["netns '../x'", 'options.netns', { netns: '../x' }],
  ['a misspelled key', 'options.ifnmae', { ifnmae: 'eth1' }],
];
for (const [what, field, o] of attachCases) {
  add(`attach(${what})`, field, (h) => h.attach({ ...A, ...o }));
  add(`attach(${what}) [free]`, field, () => rtnl.attach({ ...A, ...o } as never), true);
  add(`check(${what})`, field, (h) => h.check({ ...A, ...o }));
}
add('attach(null)', 'options', (h) => h.attach(null));
add("detach({ netns: '../x' })", 'options.netns', (h) => h.detach({ netns: '../x' }));
add("detach({ ifname: '' })", 'options.ifname', (h) => h.detach({ netns: 'x', ifname: '' }));
add("detach({ parent: 'a b' })", 'options.parent', (h) => h.detach({ netns: 'x', parent: 'a b' }));
add("sysctl.get('kernel.hostname')", 'name', (h) => h.sysctl.get('kernel.hostname'));
add("sysctl.set('net.ipv4..x')", 'name', (h) => h.sysctl.set('net.ipv4..x', 1));
add('sysctl.set(NaN)', 'value', (h) => h.sysctl.set('net.ipv4.ip_forward', NaN));
add("sysctl.get('vm.swappiness') [free]", 'name', () => rtnl.sysctl.get('vm.swappiness' as never), true);

// ---- the free functions on the default handle (read-only calls and inputs that name nothing) ----
add('links.get(null) [free]', 'link', () => rtnl.links.get(null as never), true);
add('links.list(42) [free]', 'filter', () => rtnl.links.list(42 as never), true);
add('links.add(undefined) [free]', 'spec', () => rtnl.links.add(undefined as never), true);
add('links.set(NaN) [free]', 'link', () => rtnl.links.set(NaN, {}), true);
add('links.delete(undefined) [free]', 'link', () => rtnl.links.delete(undefined as never), true);
add('links.waitFor({}) [free]', 'link', () => rtnl.links.waitFor({} as never), true);
add('addresses.list(42) [free]', 'filter', () => rtnl.addresses.list(42 as never), true);
add('routes.add(null) [free]', 'spec', () => rtnl.routes.add(null as never), true);
add('neighbours.add(null) [free]', 'spec', () => rtnl.neighbours.add(null as never), true);
add('rules.add(null) [free]', 'spec', () => rtnl.rules.add(null as never), true);

t.test(`bad input: ${cases.length} cases, each refused naming the field before any syscall`, { skip: needsRoot }, async (t) => {
  t.ok(cases.length >= 100, `at least 100 cases (${cases.length})`);
  const { h } = await freshNetns(t, { veth: true });
  const before = await h.links.list();
  const netnsBefore = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

  // Every way to the kernel or the file system is counted: requests on the handle, new sockets,
  // namespace files opened, created or deleted.
  let calls: string[] = [];
  const hh = h as H & { request: H['request'] };
  const request = hh.request.bind(h);
  hh.request = (type, flags, req) => {
    calls.push(`request ${type}`);
    return request(type, flags, req);
  };
  const saved = { Socket: native.Socket, openNetns: native.openNetns, netnsCreate: native.netnsCreate, netnsDelete: native.netnsDelete, sysctl: native.sysctl, netnsId: native.netnsId };
  const n = native as { -readonly [K in keyof typeof native]: (typeof native)[K] };
  // Socket.open (inherited) makes its socket through this constructor too.
  n.Socket = class extends saved.Socket {
    constructor(nsfd: number, fd?: number) {
      calls.push('socket');
      super(nsfd, fd);
    }
  };
  n.openNetns = (p) => (calls.push(`openNetns ${p}`), saved.openNetns(p));
  n.netnsCreate = (d, x) => (calls.push(`netnsCreate ${x}`), saved.netnsCreate(d, x));
  n.netnsDelete = (p) => (calls.push(`netnsDelete ${p}`), saved.netnsDelete(p));
  n.sysctl = (fd, p, value) => (calls.push(`sysctl ${p}`), saved.sysctl(fd, p, value));
  n.netnsId = (fd, peer) => (calls.push(`netnsId ${fd}`), saved.netnsId(fd, peer));
  t.teardown(() => Object.assign(native, saved));
  await rtnl.links.list(); // opens the default handle (the free functions' socket) up front

  for (const c of cases) {
    calls = [];
    let error: unknown;
    try {
      await c.call(h);
    } catch (e) {
      error = e;
    }
    const ok = (error instanceof TypeError || error instanceof RangeError) && error.message.includes(c.field);
    t.ok(ok, `${c.name}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 160)}` : 'did not throw'}`, { field: c.field });
    t.same(calls, [], `${c.name}: no syscall`);
  }
  Object.assign(native, saved);

  t.equal(Object.keys(Object.prototype).length, 0, 'Object.prototype has no new keys');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'no polluted property');
  t.equal(({} as Record<string, unknown>).up, undefined, 'no up on every object');
  t.equal(h.pending, 0, 'nothing pending on the handle');
  const after = await h.links.list();
  t.same(after.map((l) => l.name).sort(), before.map((l) => l.name).sort(), 'no link was created or deleted');
  t.same((await h.links.get('up0')).mtu, before.find((l) => l.name === 'up0')!.mtu, 'the handle still works');
  // Other test files create their own namespaces meanwhile (rtnl-*); none other may appear.
  const names = (out: string): string[] => out.split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
  const created = names(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }))
    .filter((x) => !names(netnsBefore).includes(x) && !/^rtnl|^rt\d/.test(x));
  t.same(created, [], 'no namespace was created');
});
