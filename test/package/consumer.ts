// A strict consumer of the shipped declarations (test/package/run.sh runs tsc over it with strict,
// module nodenext and skipLibCheck false): it must compile. It is type-checked, never run.
import { open, netns, links, NetlinkError, type Link, type LinkSpec, type Route, type WatchEvent } from 'rtnl';

export async function use(): Promise<string[]> {
  await netns.create('blue');
  const h = await open({ netns: 'blue' });
  const spec: LinkSpec = { kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'bridge' };
  const mv: Link = await h.links.add(spec);
  const mode: string | undefined = mv.macvlan?.mode;
  await h.links.set('mv0', { up: true, mtu: 1400, macvlan: { mode: 'vepa' } });
  await h.links.add({ kind: 'vlan', name: 'up0.50', parent: 'up0', id: 50, protocol: '802.1Q' });
  await h.addresses.add('mv0', '172.16.10.5/24');
  await h.routes.add({ dst: 'default', gateway: '172.16.10.1' });
  const routes: Route[] = await h.routes.list({ family: 4, table: 'main' });
  for await (const ev of h.watch(['link', 'address'])) {
    const e: WatchEvent = ev;
    if (e.type === 'link') break;
  }
  try {
    await links.delete('nope');
  } catch (e) {
    if (e instanceof NetlinkError) return [e.code, e.request, String(e.errno)];
  }
  h.close();
  return [mode ?? '', String(routes.length)];
}
