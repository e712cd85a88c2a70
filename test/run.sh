#!/bin/bash
# npm test: the suite on the host kernel, then again inside the User-Mode Linux test kernel (which has
# the link kinds the host kernel may lack: ipvlan, ipvtap, 8021q, dummy) when linux.uml is installed.
# Arguments go to tap in both runs (`npm test -- test/kinds.test.ts`). Exits non-zero when either
# run failed. The last line of output is the combined count CI reads: `N passed, N failed, N skipped`.
set -u
cd "$(dirname "$0")/.." || exit 1

tap=node_modules/.bin/tap
tmp=$(mktemp -d /tmp/rtnl-test.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "# host kernel $(uname -r); addon $(node -p "require('node-gyp-build').path('.')" 2>&1)"
RTNL_SUMMARY_FILE=$tmp/host.json RTNL_SUMMARY_PREFIX='# host kernel: ' \
  "$tap" --reporter=./test/reporter.mjs "$@"
host_rc=$?

uml=${LINUX_UML:-$(command -v linux.uml || true)}
[ -z "$uml" ] && [ -x /usr/bin/linux.uml ] && uml=/usr/bin/linux.uml
runs=host
uml_rc=0
if [ -n "$uml" ] && [ -x "$uml" ]; then
  echo "# test kernel: User-Mode Linux $("$uml" --version 2>/dev/null | head -n1) (test/kernel/uml.sh)"
  start=$(date +%s)
  # Everything is slower under UML (a syscall is a ptrace round trip): a longer per-file timeout.
  RTNL_SUMMARY_FILE=$tmp/uml.json RTNL_SUMMARY_PREFIX='# UML kernel: ' \
    test/kernel/uml.sh "$tap" --reporter=./test/reporter.mjs --timeout=900 "$@"
  uml_rc=$?
  echo "# UML run: $(($(date +%s) - start)) s"
  runs="host uml"
else
  echo "linux.uml not found: install user-mode-linux to run the ipvlan/vlan/dummy tests"
fi

# One closing line for both runs. A run that failed without a failed assertion (a crash, a timeout,
# a guest that did not boot) counts as one failure, so the line never reads clean when the exit
# status does not.
node - "$tmp" "$runs" "$host_rc" "$uml_rc" <<'EOF'
const { readFileSync } = require('node:fs');
const [dir, runs, hostRc, umlRc] = process.argv.slice(2);
const rcs = { host: Number(hostRc), uml: Number(umlRc) };
const total = { pass: 0, fail: 0, skip: 0 };
for (const run of runs.split(' ')) {
  let c = { pass: 0, fail: 0, skip: 0 };
  try { c = JSON.parse(readFileSync(`${dir}/${run}.json`, 'utf8')); } catch {}
  if (rcs[run] !== 0 && c.fail === 0) {
    console.log(`# ${run} run exited with status ${rcs[run]} without a failed assertion: counted as 1 failed`);
    c.fail = 1;
  }
  for (const k of Object.keys(total)) total[k] += c[k] ?? 0;
}
console.log(`${total.pass} passed, ${total.fail} failed, ${total.skip} skipped`);
EOF
[ "$host_rc" -eq 0 ] && [ "$uml_rc" -eq 0 ]
