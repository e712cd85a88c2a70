#!/usr/bin/env bash
# npm run prebuilds: builds prebuilds/linux-x64/rtnl.glibc.node and prebuilds/linux-arm64/rtnl.glibc.node
# from the sources, on a Debian 12 x64 machine, so that `npm install rtnl` needs no compiler.
#
#   tools/prebuilds/build.sh            build both and write them into prebuilds/ (commit the result)
#   tools/prebuilds/build.sh --check    build both elsewhere and fail unless they equal the committed ones
#
# How, and why this way (see README "Building the prebuilds"):
# - Compiler: Debian 12's GCC 12 (g++ for x64, g++-aarch64-linux-gnu for arm64): C++17, from the
#   distribution, identical on every machine of this kind.
# - C library: glibc 2.17 sysroots from pinned npm packages (tools/prebuilds/package-lock.json holds
#   their integrity hashes). Linking against 2.17 binds every glibc symbol to a version <= 2.17, so the
#   addon loads wherever Node 20 runs (RHEL 8, Ubuntu 20.04, Debian 11, Amazon Linux 2 and newer).
# - Kernel headers: Debian 12's (linux-libc-dev 6.1) for both, not the sysroot's 3.10, so the prebuild knows
#   every attribute a source build knows; newer kernels' additions stay #ifndef-guarded in native/.
# - libstdc++ is linked statically and its symbols are hidden (--exclude-libs): the addon needs no
#   GLIBCXX version at all. It exports only N-API's entry points (exports.map), so none of its calls
#   binds to node's own copies of std:: code. glibc-compat.c supplies the three glibc 2.25+ symbols that GCC 12's
#   libstdc++.a refers to; include/bits/c++config.h turns off the pthread functions glibc 2.17 lacks.
# - Deterministic: no paths (-ffile-prefix-map, stripped), no timestamps; the same sources and
#   toolchain give the same bytes, which is what --check compares. BUILD-INFO records the toolchain.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools="$root/tools/prebuilds"
work="$root/build-prebuilds"
check=0
[ "${1:-}" = --check ] && check=1

say() { echo "prebuilds: $*" >&2; }
need() { command -v "$1" >/dev/null || { say "$1 not found: apt-get install -y $2"; exit 1; }; }
need g++ g++
need aarch64-linux-gnu-g++ g++-aarch64-linux-gnu
need readelf binutils
[ -d /usr/aarch64-linux-gnu/include/asm ] || { say "arm64 kernel headers missing: apt-get install -y linux-libc-dev-arm64-cross"; exit 1; }

# The pinned sysroot packages, and their sysroots unpacked once (a stamp names the package version).
if [ ! -d "$tools/node_modules/@napi-rs" ]; then
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
sysroot() { # ARCH TRIPLE -> path of the unpacked sysroot
  local arch=$1 triple=$2 pkg="$tools/node_modules/@napi-rs/cross-toolchain-x64-target-$3"
  local dir="$work/sysroot-$arch" ver
  ver=$(node -p "require('$pkg/package.json').version")
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$ver" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    tar xJf "$pkg/$triple.tar.xz" -C "$dir" --strip-components=3 "./$triple/sysroot"
    echo "$ver" >"$dir/.stamp"
  fi
  echo "$dir"
}

out="$root/prebuilds"
[ "$check" = 1 ] && out=$(mktemp -d /tmp/rtnl-prebuilds.XXXXXX)
stage="$work/stage"

build() { # ARCH(node) TRIPLE CROSS-PREFIX KERNEL-INCLUDE ASM-INCLUDE
  local arch=$1 triple=$2 prefix=$3 kinc=$4 asm=$5
  local sr; sr=$(sysroot "$arch" "$triple" "${triple%%-*}")
  local inc="$work/include-$arch"
  rm -rf "$inc" && mkdir -p "$inc"
  ln -s "$kinc/linux" "$inc/linux"
  ln -s "$kinc/asm-generic" "$inc/asm-generic"
  ln -s "$asm" "$inc/asm"
  local cc="${prefix}gcc --sysroot=$sr" cxx="${prefix}g++ --sysroot=$sr"
  local map="-ffile-prefix-map=$root=. -ffile-prefix-map=$work=."
  $cc -O2 -fPIC -fvisibility=hidden -isystem "$inc" $map -c "$tools/glibc-compat.c" -o "$work/glibc-compat-$arch.o"

  # node-gyp builds in ./build of the folder it runs in: a folder with the same binding.gyp and
  # sources (linked), so the developer's own build/ is left alone.
  rm -rf "$stage" && mkdir -p "$stage"
  cp "$root/binding.gyp" "$stage/"
  ln -s "$root/native" "$stage/native"
  ln -s "$root/node_modules" "$stage/node_modules"
  printf '{ "name": "rtnl", "version": "0.0.0", "private": true }\n' >"$stage/package.json"
  (cd "$stage" &&
    CC="$cc" CXX="$cxx" LINK="$cxx" \
    CFLAGS="-isystem $inc $map" CXXFLAGS="-isystem $tools/include -isystem $inc $map" \
    LDFLAGS="-L$sr/usr/lib -static-libstdc++ -Wl,--exclude-libs,ALL -Wl,--version-script=$tools/exports.map -Wl,--hash-style=gnu $work/glibc-compat-$arch.o" \
    PREBUILD_STRIP_BIN="${prefix}strip" npm_config_nodedir=/usr \
    "$root/node_modules/.bin/prebuildify" --napi --strip --tag-libc --arch="$arch" --out "$stage" \
      >"$work/build-$arch.log" 2>&1) || { cat "$work/build-$arch.log" >&2; say "build for $arch failed"; exit 1; }
  mkdir -p "$out/linux-$arch"
  cp "$stage/prebuilds/linux-$arch/"*.node "$out/linux-$arch/"
}

mkdir -p "$work"
build x64 x86_64-unknown-linux-gnu "" /usr/include /usr/include/x86_64-linux-gnu/asm
# One set of kernel headers for both (linux-libc-dev; the arm64 cross package lags behind it), with
# each architecture's own asm/.
build arm64 aarch64-unknown-linux-gnu aarch64-linux-gnu- /usr/include /usr/aarch64-linux-gnu/include/asm
"$tools/check-symbols.sh" "$out"/linux-*/*.node

info() { # what the bytes depend on besides the sources
  echo "# written by npm run prebuilds (tools/prebuilds/build.sh); --check rebuilds and compares bytes"
  echo "g++: $(g++ --version | head -n1)"
  echo "aarch64-linux-gnu-g++: $(aarch64-linux-gnu-g++ --version | head -n1)"
  echo "binutils: $(ld --version | head -n1); $(aarch64-linux-gnu-ld --version | head -n1)"
  echo "kernel headers: $(dpkg-query -W -f '${Package} ${Version}' linux-libc-dev 2>/dev/null)"
  echo "sysroots: $(cd "$tools" && node -p "Object.entries(require('./package-lock.json').packages).filter(([k]) => k).map(([k, v]) => k.replace('node_modules/', '') + '@' + v.version).join(', ')")"
  echo "node-addon-api: $(node -p "require('$root/node_modules/node-addon-api/package.json').version")"
  (cd "$out" && sha256sum linux-*/*.node)
}
info >"$out/BUILD-INFO"

if [ "$check" = 1 ]; then
  status=0
  for f in "$out"/linux-*/*.node; do
    rel=${f#"$out"/}
    if ! cmp -s "$f" "$root/prebuilds/$rel"; then
      say "prebuilds/$rel differs from what the committed sources build"
      status=1
    fi
  done
  if [ "$status" != 0 ]; then
    diff -u "$root/prebuilds/BUILD-INFO" "$out/BUILD-INFO" >&2 || true
    say "stale or not reproducible: run npm run prebuilds and commit prebuilds/ (a toolchain line that differs above means the toolchain changed)"
  else
    say "the committed prebuilds are what the sources build, byte for byte"
  fi
  rm -rf "$out"
  exit "$status"
fi
cat "$out/BUILD-INFO"
