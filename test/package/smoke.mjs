// The packed package at work, as a consumer imports it (ESM): run by test/package/run.sh in fresh
// projects that installed the tarball, on x64 and, under qemu-aarch64, with a real arm64 Node.
// Everything happens in a namespace this script creates and deletes. Exits 1 on the first failure.
import { open, netns, NetlinkError } from 'rtnl';
import { randomBytes } from 'node:crypto';

const ns = `rtnl-pkg-${randomBytes(4).toString('hex')}`;
let failed = false;
const ok = (cond, what) => {
  console.log(`${cond ? 'ok' : 'not ok'} - ${what}`);
  if (!cond) failed = true;
};

await netns.create(ns);
const h = await open({ netns: ns });
try {
  console.log(`# ${process.arch} node ${process.version}, in namespace ${ns}`);
  // Subscribed before the change it must report.
  const watch = h.watch('link');
  const sawMv0 = (async () => {
    for await (const ev of watch) if (ev.type === 'link' && ev.action === 'new' && ev.data.name === 'mv0') return ev.data;
  })();

  await h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1' } });
  await h.links.set('up0', { up: true });
  const mv = await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' });
  ok(mv.kind === 'macvlan' && mv.macvlan?.mode === 'bridge' && mv.parent === 'up0', `macvlan mv0 created on up0 (kind ${mv.kind}, mode ${mv.macvlan?.mode}, parent ${mv.parent})`);
  const back = await h.links.get('mv0');
  ok(back.index === mv.index && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(back.address ?? ''), `mv0 read back: index ${back.index}, address ${back.address}`);

  await h.addresses.add('mv0', '192.0.2.5/24');
  const addrs = await h.addresses.list({ link: 'mv0', family: 4 });
  ok(addrs.some((a) => a.cidr === '192.0.2.5/24'), `address 192.0.2.5/24 on mv0 (${addrs.map((a) => a.cidr).join(', ')})`);

  // A backstop, not a timing assertion: the event is normally there at once (qemu is slow).
  let timer;
  const ev = await Promise.race([sawMv0, new Promise((r) => { timer = setTimeout(r, 120_000); })]);
  clearTimeout(timer);
  ok(ev?.index === mv.index, `watch reported the new link mv0 (index ${ev?.index})`);
  await watch.return();

  try {
    await h.links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0' });
    ok(false, 'adding mv0 twice is refused');
  } catch (e) {
    ok(e instanceof NetlinkError && e.code === 'EEXIST' && e.request === 'RTM_NEWLINK', `adding mv0 twice: ${e.name} ${e.code}: ${e.message}`);
  }

  await h.links.delete('mv0');
  await h.links.delete('up0');
  const left = (await h.links.list()).map((l) => l.name);
  ok(left.join(',') === 'lo', `deleted: the namespace holds ${left.join(', ')}`);
} catch (e) {
  ok(false, `unexpected ${e?.stack ?? e}`);
} finally {
  h.close();
  await netns.delete(ns);
}
ok(!(await netns.exists(ns)), `namespace ${ns} deleted`);
process.exitCode = failed ? 1 : 0;
