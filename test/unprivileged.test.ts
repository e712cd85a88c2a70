// Without privileges: a process without CAP_NET_ADMIN over the current namespace gets NetlinkError
// 'EPERM' naming the request for every write, can still read (list, get, watch), and nothing
// crashes. The child runs in a test namespace three ways: under setpriv as nobody with no
// capabilities (when nobody can read the repository), as root with every capability dropped, and in
// a user namespace of its own (root there, nobody to the namespace's owner).
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import t from 'tap';
import { freshNetns, ip, ipJson, needsRoot } from './helpers.js';

const child = path.join(__dirname, 'fixtures', 'unprivileged-child.ts');
const root = path.join(__dirname, '..');

/** Whether user `nobody` can read the files the child loads (the repository and node_modules). */
function nobodyCanRead(): boolean {
  const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'test', '-r', child, '-a', '-r',
    path.join(root, 'node_modules', 'tsx', 'package.json')]);
  return r.status === 0;
}

const variants: { name: string; argv: string[]; skip: () => string | false }[] = [
  {
    name: 'setpriv as nobody, no capabilities',
    argv: ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'],
    skip: () => needsRoot || (nobodyCanRead() ? false : 'nobody cannot read the repository'),
  },
  {
    // Runs wherever the repository is (a clone in a 0700 folder is readable by its owner only).
    name: 'setpriv as root with every capability dropped',
    argv: ['setpriv', '--inh-caps=-all', '--ambient-caps=-all', '--bounding-set=-all', '--securebits=+noroot,+noroot_locked'],
    skip: () => needsRoot,
  },
  {
    name: 'unshare --user (root of a user namespace that does not own this network namespace)',
    argv: ['unshare', '--user', '--map-root-user'],
    skip: () => {
      if (needsRoot) return needsRoot;
      try {
        execFileSync('unshare', ['--user', '--map-root-user', 'true'], { stdio: 'ignore' });
        return false;
      } catch {
        return 'user namespaces are not available here';
      }
    },
  },
];

for (const v of variants) {
  t.test(`without CAP_NET_ADMIN (${v.name}): writes are EPERM, reads work, nothing crashes`, { skip: v.skip() }, async (t) => {
    // The child runs in a namespace of this test's own, holding up0/up1 and an address to refuse to delete.
    const { ns } = await freshNetns(t, { veth: true });
    ip(ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'up0');
    // IPv4 only: what the child tries is IPv4, and IPv6 state (DAD, multicast neighbours) changes by itself.
    const state = (): string =>
      ipJson<{ ifname: string }[]>(ns, 'link', 'show').map((l) => l.ifname).join(' ') + ip(ns, '-4', '-j', 'addr', 'show') + ip(ns, '-4', '-j', 'route', 'show') + ip(ns, '-4', '-j', 'neigh', 'show');
    const before = state();
    const r = spawnSync('ip', ['netns', 'exec', ns, ...v.argv, process.execPath, '--import', 'tsx', child], {
      cwd: root, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, HOME: '/tmp', NODE_OPTIONS: '', RTNL_TEST_NS: ns },
    });
    t.equal(r.signal, null, 'the child was not killed by a signal');
    t.equal(r.status, 0, 'the child exited cleanly', { stderr: r.stderr.slice(-2000) });
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    t.equal(report.unprivileged, true, `the child had no privileges (CapEff ${report.capEff}, uid_map ${report.uidMap})`);
    t.ok(report.list?.count >= 1, 'list works');
    t.ok(report.list?.names.includes('lo'), 'list includes lo');
    t.same(report.getByIndex, { ok: true, value: 'lo' }, 'get by index works');
    t.equal(report.getByName?.ok, true, 'get by name works');
    t.match(report.getMissing, { ok: false, name: 'NetlinkError', code: 'ENODEV', request: 'RTM_GETLINK' }, 'a missing link is ENODEV, not EPERM');
    for (const op of ['add', 'addBridge', 'setByName', 'setByIndex']) {
      t.match(report[op], { ok: false, name: 'NetlinkError', code: 'EPERM', request: 'RTM_NEWLINK' }, `${op}: EPERM on RTM_NEWLINK`);
    }
    for (const op of ['delete', 'deleteLo']) {
      t.match(report[op], { ok: false, name: 'NetlinkError', code: 'EPERM', request: 'RTM_DELLINK' }, `${op}: EPERM on RTM_DELLINK`);
    }
    t.match(report.netnsCreate, { ok: false, name: 'NetnsError', code: /^E(PERM|ACCES|ROFS)$/, message: /^creating namespace 'rtnl-nopriv-\d+'/ }, 'netns.create is refused with a NetnsError');
    if (/^E(PERM|ACCES)$/.test(report.netnsCreate?.code)) t.match(report.netnsCreate.message, /needs CAP_SYS_ADMIN \(E(PERM|ACCES)\)$/, 'naming the capability');
    t.match(report.netnsEnter, { ok: false, name: 'NetnsError', code: 'EPERM', message: `entering namespace '${ns}' needs CAP_SYS_ADMIN (EPERM)` },
      'open({ netns }) without CAP_SYS_ADMIN: a NetnsError naming the capability');
    t.match(report.add.message, /^RTM_NEWLINK failed: not permitted without CAP_NET_ADMIN over the current namespace \(EPERM\)$/, 'EPERM names the capability and the namespace');
    t.match(report.addressAdd.message, /RTM_NEWADDR failed: not permitted without CAP_NET_ADMIN over the current namespace/, 'for addresses too');
    t.match(report.routeAdd.message, /RTM_NEWROUTE failed: not permitted without CAP_NET_ADMIN over the current namespace/, 'for routes too');
    t.equal(report.watch?.ok, true, `watch with listExisting works (${JSON.stringify(report.watch)})`);
    t.ok(report.watch?.value >= 1, 'watch listed the links');
    t.same(report.stillWorks, { ok: true, value: report.list.count }, 'the handle still works after the refusals');
    t.equal(report.pendingAfter, 0, 'nothing left pending');
    const refused: [string, string][] = [
      ['addressAdd', 'RTM_NEWADDR'], ['addressDelete', 'RTM_DELADDR'], ['routeAdd', 'RTM_NEWROUTE'], ['neighbourAdd', 'RTM_NEWNEIGH'],
    ];
    for (const [op, request] of refused) {
      t.match(report[op], { ok: false, name: 'NetlinkError', code: 'EPERM', request }, `${op}: EPERM on ${request}`);
    }
    t.same(report.addressList, { ok: true, value: ['192.0.2.1/24'] }, 'addresses.list works');
    t.ok(report.routeList?.ok && report.routeList.value >= 1, 'routes.list works');
    t.equal(report.neighbourList?.ok, true, 'neighbours.list works');
    t.equal(state(), before, "the namespace's links, addresses, routes and neighbours are as they were");
    t.notOk(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).includes(`rtnl-nopriv-`), 'no namespace was created');
  });
}
