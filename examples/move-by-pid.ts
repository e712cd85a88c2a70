// Moving an existing link into a process's namespace by pid: the seed's
//
//   ip link set eth0.1 netns 2084
//
// A process that lives in a network namespace of its own (`unshare --net sleep 60`, standing in for a
// container's init; its namespace has no name under /run/netns, only the pid) gets a macvlan made
// in the "host" namespace on up0, the stand-in for eth0. The far end, up1, is in the "wire"
// namespace at 10.50.0.1. The process is killed at the end, and its namespace goes with it.
//
// Run as root: node --import tsx examples/move-by-pid.ts
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { runExample } from './scaffold.js';

runExample('move-by-pid', async (ex) => {
  const host = await ex.netns('host');
  const wire = await ex.netns('wire');
  await host.h.links.add({ kind: 'veth', name: 'up0', peer: { name: 'up1', netns: wire.name } });
  await host.h.links.set('up0', { up: true });
  await wire.h.links.set('up1', { up: true });
  await wire.h.addresses.add('up1', '10.50.0.1/24');
  console.log(`${host.name}: up0 (eth0) <-> up1 10.50.0.1/24 in ${wire.name}`);

  // The "container": a process in a fresh, unnamed network namespace.
  const child = spawn('unshare', ['--net', 'sleep', '60'], { stdio: 'ignore' });
  ex.defer(() => child.kill('SIGKILL'));
  const pid = child.pid!;
  const ours = readlinkSync('/proc/self/ns/net');
  for (let i = 0; ; i++) {
    // unshare execs sleep in the same process: the pid is the container's once its namespace differs.
    try {
      if (readlinkSync(`/proc/${pid}/ns/net`) !== ours) break;
    } catch { /* not started yet */ }
    if (i === 200) throw new Error(`process ${pid} did not enter a namespace of its own`);
    await new Promise((r) => setTimeout(r, 10));
  }
  console.log(`process ${pid}: unshare --net sleep 60, in ${readlinkSync(`/proc/${pid}/ns/net`)}`);

  // ip link add eth0.1 link eth0 type macvlan mode bridge; ip link set eth0.1 netns PID
  const mv = await host.h.links.add({ kind: 'macvlan', name: 'eth0.1', parent: 'up0', mode: 'bridge' });
  await host.h.links.set('eth0.1', { netns: { pid } });
  const gone = await host.h.links.get('eth0.1').then(() => false, (e: NodeJS.ErrnoException) => e.code === 'ENODEV');
  ex.check(`eth0.1 (index ${mv.index}) moved into process ${pid}'s namespace: gone from ${host.name}`, gone);

  // Read it back where it now lives: ip -n is for named namespaces; a pid is enough for open().
  const inside = await ex.open({ pid });
  const l = await inside.links.get('eth0.1');
  ex.check(`in process ${pid}'s namespace: eth0.1 macvlan ${l.macvlan?.mode} ${l.address}, parent index ${l.parentIndex} in another namespace (netnsid ${l.linkNetnsId})`,
    l.kind === 'macvlan' && l.address === mv.address && l.linkNetnsId !== undefined && l.parent === undefined);
  await inside.addresses.add('eth0.1', '10.50.0.2/24');
  await inside.links.set('eth0.1', { up: true });
  const lo = await inside.links.get('lo');
  await inside.links.set(lo.index, { up: true });

  await ex.ping(`process ${pid}`, { pid }, '10.50.0.1', true);
  await ex.ping('wire', wire.name, '10.50.0.2', true);

  // The process ends; once nothing holds its namespace (our socket in it neither), the kernel frees
  // it, a moment later, and the macvlan in it is deleted with it.
  inside.close();
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  let answered = true;
  for (let i = 0; i < 10 && answered; i++) answered = await ex.reaches(wire.name, '10.50.0.2', 1);
  ex.check(`wire -> 10.50.0.2 after process ${pid} was killed: ${answered ? 'reaches' : 'no reply'}`, !answered, 'no reply');
});
