// Connectivity: two namespaces, each holding a macvlan that rtnl created on the same parent (a veth
// up0/up1 in a third namespace standing in for the physical NIC, with no hairpin switch behind it).
// In bridge mode they reach each other; in vepa and private mode they do not.
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { type MacvlanMode } from '../src/index.js';
import { freshNetns, ip, ipLink, needsRoot, pings } from './helpers.js';

function pingPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v ping'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

t.test('ping is installed', { skip: needsRoot }, async (t) => {
  // Not a skip: without ping this file proves nothing, and CI must say so.
  const found = pingPath();
  if (found) t.pass(`ping found at ${found}`);
  else t.fail('ping not found: install iputils-ping (apt-get install -y iputils-ping) to run the connectivity tests');
});

for (const [mode, reach] of [['bridge', true], ['vepa', false], ['private', false]] as [MacvlanMode, boolean][]) {
  t.test(`macvlans in ${mode} mode on one parent ${reach ? 'reach' : 'do not reach'} each other`, { skip: needsRoot }, async (t) => {
    if (!pingPath()) {
      t.fail('ping not found: install iputils-ping (apt-get install -y iputils-ping) to run the connectivity tests');
      return;
    }
    const phys = await freshNetns(t, { veth: true });
    const a = await freshNetns(t);
    const b = await freshNetns(t);
    const ends = [[a, 'mva', '172.16.10.2'], [b, 'mvb', '172.16.10.3']] as const;
    for (const [x, name, addr] of ends) {
      const l = await phys.h.links.add({ kind: 'macvlan', name, parent: 'up0', mode, netns: x.ns });
      t.equal(l.macvlan?.mode, mode, `${name} made in ${mode} mode`);
      t.equal(ipLink(x.ns, name).linkinfo.info_data.mode, mode, `ip sees ${name} in ${mode} mode in its namespace`);
      // No address API yet: addresses and up through ip.
      ip(x.ns, 'addr', 'add', `${addr}/24`, 'dev', name);
      ip(x.ns, 'link', 'set', name, 'up');
    }
    t.ok(ipLink(phys.ns, 'up0').flags.includes('LOWER_UP'), 'the parent has carrier');

    const ab = pings(a.ns, '172.16.10.3', reach ? 3 : 2);
    const ba = pings(b.ns, '172.16.10.2', reach ? 3 : 2);
    t.equal(ab, reach, `${mode}: a -> b ${reach ? 'answers' : 'gets no answer'}`);
    t.equal(ba, reach, `${mode}: b -> a ${reach ? 'answers' : 'gets no answer'}`);

    if (!reach) {
      // The same two links, switched to bridge mode in their own namespaces, do reach each other:
      // the silence above was the mode's doing, not a broken setup.
      await a.h.links.set('mva', { macvlan: { mode: 'bridge' } });
      await b.h.links.set('mvb', { macvlan: { mode: 'bridge' } });
      t.equal(ipLink(a.ns, 'mva').linkinfo.info_data.mode, 'bridge');
      t.ok(pings(a.ns, '172.16.10.3', 3), `after switching ${mode} -> bridge: a -> b answers`);
    }
  });
}
