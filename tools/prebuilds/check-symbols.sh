#!/usr/bin/env bash
# Checks prebuilt addons against what official Node 20 itself needs of the system, so they load
# wherever Node 20 runs: symbol versions at most GLIBC_2.28, GLIBCXX_3.4.25 and CXXABI_1.3.11 (glibc
# and libstdc++ of GCC 8, as on RHEL 8), and no undefined symbol that the dynamic loader would have to
# find without a version, except Node's own (napi_*, uv_*). Also checks each file's ELF machine
# against its folder (linux-x64: x86-64, linux-arm64: AArch64). Exits 1 on the first violation list.
#   tools/prebuilds/check-symbols.sh FILE.node...
set -euo pipefail
status=0
fail() { echo "check-symbols: $1: $2" >&2; status=1; }
newer() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n1)" != "$2" ]; } # is $1 > $2
for f in "$@"; do
  machine=$(readelf -h "$f" | sed -n 's/^ *Machine: *//p')
  case "$f" in
    */linux-x64/*) [[ "$machine" == *X86-64* ]] || fail "$f" "machine is '$machine', expected X86-64" ;;
    */linux-arm64/*) [[ "$machine" == *AArch64* ]] || fail "$f" "machine is '$machine', expected AArch64" ;;
  esac
  # Versions this file needs (the .gnu.version_r section: "Name: GLIBC_2.14 ...").
  for v in $(readelf -V "$f" | sed -n 's/.*Name: \([A-Z_]*_[0-9.]*\).*/\1/p' | sort -u); do
    name=${v%_*} num=${v##*_}
    case "$name" in
      GLIBC) newer "$num" 2.28 && fail "$f" "needs $v (more than 2.28)" ;;
      GLIBCXX) newer "$num" 3.4.25 && fail "$f" "needs $v (more than 3.4.25)" ;;
      CXXABI) newer "$num" 1.3.11 && fail "$f" "needs $v (more than 1.3.11)" ;;
      GCC) newer "$num" 7.0.0 && fail "$f" "needs libgcc_s $v (more than GCC_7.0.0)" ;;
      *) fail "$f" "needs $v, a version of a library Node does not bring" ;;
    esac
  done
  # Undefined, not weak, without a version, and not Node's own: the loader could not bind it.
  loose=$(nm -D --undefined-only "$f" | awk '$1 == "U" && $2 !~ /@/ && $2 !~ /^(napi_|uv_|node_)/ { print $2 }')
  [ -z "$loose" ] || fail "$f" "undefined symbols no system library provides: $(echo $loose)"
  # Defined and exported: N-API's entry points only (exports.map), so nothing binds to node's copies.
  extra=$(nm -D --defined-only "$f" | awk '{ print $3 }' | grep -v -x -e napi_register_module_v1 -e node_api_module_get_api_version_v1 || true)
  [ -z "$extra" ] || fail "$f" "exports more than N-API's entry points: $(echo $extra)"
  echo "check-symbols: $f: $machine; needs $(readelf -V "$f" | sed -n 's/.*Name: \([A-Z_]*_[0-9.]*\).*/\1/p' | sort -u | sort -t_ -k1,1 -k2V | tr '\n' ' ')"
done
exit $status
