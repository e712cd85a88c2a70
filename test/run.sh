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
declare -A rcs=([host]=$host_rc)
if [ -n "$uml" ] && [ -x "$uml" ]; then
  echo "# test kernel: User-Mode Linux $("$uml" --version 2>/dev/null | head -n1) (test/kernel/uml.sh)"
  start=$(date +%s)
  # A UML guest runs on one CPU, so the whole suite (no file arguments) is split between
  # RTNL_UML_SHARDS guests (default: one per CPU, at most 4) that run side by side. Files go to the
  # shard with the least work so far, the slowest first; the weights are the seconds each file took
  # in the test kernel in a CI run on this project's machine kind (2026-12-01), 20 for a file not
  # listed.
  shards=1
  if [ $# -eq 0 ]; then
    shards=${RTNL_UML_SHARDS:-$(nproc)}
    [ "$shards" -gt 4 ] && shards=4
  fi
  if [ "$shards" -le 1 ]; then
    # Everything is slower under UML (a syscall is a ptrace round trip): a longer per-file timeout.
    RTNL_SUMMARY_FILE=$tmp/uml.json RTNL_SUMMARY_PREFIX='# UML kernel: ' \
      test/kernel/uml.sh "$tap" --reporter=./test/reporter.mjs --timeout=900 "$@"
    rcs[uml]=$?
    runs="host uml"
  else
    declare -A weight=(
      [examples]=182 [attach-crash]=155 [attach]=128 [kinds]=121 [link]=116 [route]=78
      [kinds-table]=73 [socket]=59 [route-options]=52 [types]=51 [soak]=50 [addr]=45 [watch]=45
      [link-options]=28 [connectivity]=27 [inetconf]=27 [fdb]=26 [unprivileged]=25 [recipes]=21
      [errors]=20 [kinds-rules]=19 [bridge-vlan]=19 [bridge]=17 [netns]=13 [neigh-addr-options]=10
      [bulk]=9 [neigh]=9 [rule]=9 [badinput]=8 [netns-ids]=6 [netns-safety]=4 [sysctl]=3
    )
    declare -a load files_of pids
    for ((i = 0; i < shards; i++)); do load[i]=0; files_of[i]=; done
    while read -r w f; do
      best=0
      for ((i = 1; i < shards; i++)); do [ "${load[i]}" -lt "${load[best]}" ] && best=$i; done
      load[best]=$((load[best] + w))
      files_of[best]+=" $f"
    done < <(find test -name '*.test.ts' | sort | while read -r f; do
      n=$(basename "$f" .test.ts); echo "${weight[$n]:-20} $f"; done | sort -rn -s -k1,1)
    for ((i = 0; i < shards; i++)); do
      # shellcheck disable=SC2086
      RTNL_SUMMARY_FILE=$tmp/uml-$i.json RTNL_SUMMARY_PREFIX="# UML kernel, shard $((i + 1)) of $shards: " \
        test/kernel/uml.sh "$tap" --reporter=./test/reporter.mjs --timeout=900 ${files_of[i]} >"$tmp/uml-$i.out" 2>&1 &
      pids[i]=$!
    done
    for ((i = 0; i < shards; i++)); do
      wait "${pids[i]}"
      rcs[uml-$i]=$?
      echo "# UML shard $((i + 1)) of $shards:${files_of[i]}"
      cat "$tmp/uml-$i.out"
      runs+=" uml-$i"
    done
  fi
  echo "# UML run: $(($(date +%s) - start)) s"
else
  echo "linux.uml not found: install user-mode-linux to run the ipvlan/vlan/dummy tests"
fi

# One closing line for both runs. A run that failed without a failed assertion (a crash, a timeout,
# a guest that did not boot) counts as one failure, so the line never reads clean when the exit
# status does not.
rc_list=
for r in $runs; do rc_list+=" $r=${rcs[$r]}"; done
node - "$tmp" "$rc_list" <<'EOF'
const { readFileSync } = require('node:fs');
const [dir, list] = process.argv.slice(2);
const total = { pass: 0, fail: 0, skip: 0 };
for (const item of list.trim().split(' ')) {
  const [run, rc] = item.split('=');
  let c = { pass: 0, fail: 0, skip: 0 };
  try { c = JSON.parse(readFileSync(`${dir}/${run}.json`, 'utf8')); } catch {}
  if (Number(rc) !== 0 && c.fail === 0) {
    console.log(`# ${run} run exited with status ${rc} without a failed assertion: counted as 1 failed`);
    c.fail = 1;
  }
  for (const k of Object.keys(total)) total[k] += c[k] ?? 0;
}
console.log(`${total.pass} passed, ${total.fail} failed, ${total.skip} skipped`);
EOF
ok=0
for r in $runs; do [ "${rcs[$r]}" -eq 0 ] || ok=1; done
exit $ok
