#!/bin/sh
# The whole test suite against an AddressSanitizer/UBSan build of the addon (npm run test:asan).
# The sanitized addon is built by node-gyp in build-asan/ (the normal build/ is left alone) and
# loaded through node-gyp-build's RTNL_PREBUILD; node runs with the ASan runtime preloaded. Any
# sanitizer report (written under build-asan/logs/) fails the run, even when every test passed.
# Programs the tests spawn (ip, node children) run without the preload (test/fixtures/asan-child-env.cjs;
# --node-arg on the command line replaces package.json's, so --import=tsx is repeated).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
stage="$root/build-asan/pkg"
logs="$root/build-asan/logs"
mkdir -p "$stage"
rm -rf "$logs"
mkdir -p "$logs"
# node-gyp builds in ./build of the folder it runs in: a folder with the same binding.gyp and
# sources (linked), so the sanitized build lands in build-asan/pkg/build/Release/.
cp "$root/binding.gyp" "$stage/binding.gyp"
ln -sfn "$root/native" "$stage/native"
ln -sfn "$root/node_modules" "$stage/node_modules"
printf '{ "name": "rtnl", "private": true }\n' > "$stage/package.json"
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -g -O1"
(cd "$stage" && CFLAGS="$san" CXXFLAGS="$san" LDFLAGS="-fsanitize=address,undefined" \
  "$root/node_modules/.bin/node-gyp" rebuild --nodedir=/usr >"$root/build-asan/gyp.log" 2>&1) ||
  { cat "$root/build-asan/gyp.log"; exit 1; }
nm -D "$stage/build/Release/rtnl.node" | grep -q __asan_init || { echo "test:asan: the addon is not instrumented" >&2; exit 1; }

asan=$(g++ -print-file-name=libasan.so)
ubsan=$(g++ -print-file-name=libubsan.so)
# Node itself leaks at exit by design; leaks are not what this run looks for.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:log_path=$logs/asan:allow_user_segv_handler=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan"
export RTNL_PREBUILD="$stage"
export RTNL_ASAN=1
# Check that the sanitized addon is the one the tests load.
LD_PRELOAD="$asan $ubsan" node --import tsx -e "require('$root/src/binding.ts');
  const m = require('fs').readFileSync('/proc/self/maps', 'utf8');
  if (!m.includes('$stage/build/Release/rtnl.node')) { console.error('test:asan: the sanitized addon was not loaded'); process.exit(1); }"
status=0
LD_PRELOAD="$asan $ubsan" "$root/node_modules/.bin/tap" --node-arg=--import=tsx --node-arg=--require="$root/test/fixtures/asan-child-env.cjs" "$@" || status=$?
if [ -n "$(ls -A "$logs")" ]; then
  echo "test:asan: sanitizer reports:" >&2
  for f in "$logs"/*; do echo "== $f" >&2; head -60 "$f" >&2; done
  exit 1
fi
echo "test:asan: no sanitizer reports (tap exit $status)"
exit $status
