#!/bin/sh
# Builds the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined) into build-fuzz/, and
# with `run` runs each for FUZZ_SECONDS (default 60) on its corpus in native/fuzz/corpus/<harness>/.
# New inputs go to build-fuzz/corpus/<harness>/ (not the repository); a crash fails the run and
# leaves its input in build-fuzz/crashes/<harness>/ to be copied into the corpus as a regression seed.
#
#   native/fuzz/build.sh          build only
#   native/fuzz/build.sh run      build and run each harness (npm run fuzz)
#   native/fuzz/build.sh regress  build and run each harness once over its corpus (no fuzzing)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/build-fuzz"
CXX=${CXX_FUZZ:-}
if [ -z "$CXX" ]; then
  for c in clang++ clang++-19 clang++-16 clang++-15 clang++-14; do
    if command -v "$c" >/dev/null 2>&1; then CXX=$c; break; fi
  done
fi
[ -n "$CXX" ] || { echo "fuzz: clang++ not found (apt-get install clang libclang-rt-<ver>-dev)" >&2; exit 1; }
mkdir -p "$out/obj"

san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-std=c++17 -g -O1 -fno-omit-frame-pointer $san -I$root/native"
# The codec sources the addon builds (everything in native/ but its N-API parts), instrumented.
objs=""
for f in nlmsg codec attrspec link addr route neigh rule nsid packed bridge; do
  $CXX $cflags -fsanitize=fuzzer-no-link -c -o "$out/obj/$f.o" "$root/native/$f.cc"
  objs="$objs $out/obj/$f.o"
done
# One harness per decoder (fuzz_decode.cc with the family chosen at build time), plus the error
# parser, the datagram walk (dump framing), the message builder and the packed-request reader.
for h in link:kLinkFamily addr:kAddrFamily route:kRouteFamily neigh:kNeighFamily rule:kRuleFamily nsid:kNsidFamily; do
  # shellcheck disable=SC2086
  $CXX $cflags -fsanitize=fuzzer -DRTNL_FUZZ_FAMILY="${h#*:}" -o "$out/fuzz_${h%%:*}" "$here/fuzz_decode.cc" $objs
done
for h in error dump builder request; do
  # shellcheck disable=SC2086
  $CXX $cflags -fsanitize=fuzzer -o "$out/fuzz_$h" "$here/fuzz_$h.cc" $objs
done
harnesses="link addr route neigh rule nsid error dump builder request"
echo "fuzz: built $(echo $harnesses | wc -w) harnesses in $out: $harnesses"

mode=${1:-build}
[ "$mode" = build ] && exit 0
secs=${FUZZ_SECONDS:-60}
status=0
summary=""
for h in $harnesses; do
  seeds="$here/corpus/$h"
  work="$out/corpus/$h"
  crashes="$out/crashes/$h"
  mkdir -p "$seeds" "$work" "$crashes"
  log="$out/fuzz_$h.log"
  if [ "$mode" = regress ]; then
    if "$out/fuzz_$h" -runs=0 "$seeds" >"$log" 2>&1; then r=ok; else r=FAILED; status=1; fi
    summary="$summary\n  $h: corpus $(ls "$seeds" | wc -l) inputs: $r"
    continue
  fi
  if "$out/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$crashes/" "$work" "$seeds" >"$log" 2>&1; then
    r=ok
  else
    r=FAILED; status=1
    tail -40 "$log" >&2
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  summary="$summary\n  $h: ${runs:-?} executions in ${secs}s, $cov: $r"
done
printf "fuzz results:$summary\n"
exit $status
