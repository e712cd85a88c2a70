// The public types as a consumer's strict tsc sees them: Link narrows on `kind` to the kind's own
// type (details without `?.`), every link still reads `l.macvlan?.mode`, and unknown kinds stay
// representable. A small program is typechecked in memory against src/index.ts.
import path from 'node:path';
import t from 'tap';
import ts from 'typescript';

const dir = path.join(__dirname, '..', 'test');

/** tsc's diagnostics for `source`, as 'line N: message' strings. */
function typecheck(source: string): string[] {
  const file = path.join(dir, '__consumer__.ts');
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], skipLibCheck: true, noUncheckedIndexedAccess: true,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => f === file || fileExists.call(host, f);
  host.readFile = (f) => (f === file ? source : readFile.call(host, f));
  host.getSourceFile = (f, v, ...rest) => (f === file ? ts.createSourceFile(f, source, v) : getSourceFile.call(host, f, v, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => {
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

const header = "import type { Link } from '../src/index.js';\ndeclare const l: Link;\ndeclare const all: Link[];\n";

t.test('Link narrows on kind: the kind\'s details need no ?.', async (t) => {
  const errors = typecheck(header + `
if (l.kind === 'macvlan') { const m: string = l.macvlan.mode; const macs: string[] = l.macvlan.macs; }
if (l.kind === 'macvtap') l.macvtap.nopromisc;
if (l.kind === 'ipvlan') { const mode: 'l2' | 'l3' | 'l3s' = l.ipvlan.mode; }
if (l.kind === 'ipvtap') l.ipvtap.flags;
switch (l.kind) {
  case 'vlan': { const id: number = l.vlan.id; l.vlan.ingressQos[0]?.to; break; }
  case 'veth': l.veth.peerIndex; break;
  case 'bridge': { const f: boolean | undefined = l.bridge.vlanFiltering; l.bridge.forwardDelay; break; }
  case 'dummy': l.index; break;
  case 'vxlan': { const id: number | undefined = l.vxlan.id; break; }
  case 'bond': { const m: string | undefined = l.bond.mode; break; }
  case 'tun': { const tt: 'tun' | 'tap' = l.tun.type; break; }
  case 'gre': { const ok: boolean = l.gre.ocsum; break; }
  case 'ifb': l.index; break;
  case 'nlmon': l.index; break;
}
const modes: string[] = all.flatMap((x) => (x.kind === 'macvlan' ? [x.macvlan.mode] : []));
const any: string | undefined = l.macvlan?.mode ?? l.vlan?.protocol;
const kind: string | undefined = l.kind;
if (l.kind === undefined) l.name;
const port: string | undefined = l.bridgePort?.state;
const physical: Link = { index: 2, name: 'eth0', flags: l.flags, operState: 'up', mtu: 1500, txQueueLen: 1000, promiscuity: 0, group: 0 } as Link;
`);
  t.same(errors, [], 'compiles under strict');
});

t.test('without narrowing, details are optional; narrowed to one kind, another kind\'s are absent', async (t) => {
  const errors = typecheck(header + `
l.macvlan.mode;
if (l.kind === 'vlan') l.macvlan.mode;
`);
  t.equal(errors.length, 2, errors.join('\n'));
  t.match(errors[0], /^line 5: .*'l\.macvlan' is possibly 'undefined'/, 'an un-narrowed link may have no macvlan details');
  t.match(errors[1], /^line 6: /, 'a vlan has no macvlan details');
});
