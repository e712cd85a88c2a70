// Must NOT compile (test/package/run.sh checks that tsc refuses it, naming the bad value): a macvlan
// mode that does not exist.
import { links } from 'rtnl';

export const p = links.add({ kind: 'macvlan', name: 'mv0', parent: 'up0', mode: 'brige' });
