#!/bin/bash
# Runs a command inside the User-Mode Linux test kernel (Debian's user-mode-linux package: a Linux
# 6.1 that runs as an ordinary process and has ipvlan, ipvtap, 8021q, dummy, macvlan, macvtap, veth
# and bridge as modules, which the host kernel may lack). The guest's root is the host's own
# filesystem (hostfs), so the guest runs this checkout with the host's node; its /run, /dev and
# module folder are its own. Exits with the command's exit status.
#
#   test/kernel/uml.sh [COMMAND ARGS...]    default: tap --reporter=./test/reporter.mjs --timeout=900
#
# Environment: LINUX_UML (the kernel binary; default linux.uml on PATH or /usr/bin/linux.uml),
# UML_MODULES (default /usr/lib/uml/modules/<version>), RTNL_UML_MEM (default 1G),
# RTNL_UML_TIMEOUT (seconds, default 3000), RTNL_UML_VERBOSE=1 (show the kernel's boot messages).
# RTNL_*, TAP*, NODE_DEBUG, NODE_OPTIONS, PREBUILDS_ONLY, CI, NO_COLOR and FORCE_COLOR pass into the guest.
set -u

here=$(cd "$(dirname "$0")" && pwd)
say() { echo "uml.sh: $*" >&2; }

uml=${LINUX_UML:-$(command -v linux.uml || true)}
[ -z "$uml" ] && [ -x /usr/bin/linux.uml ] && uml=/usr/bin/linux.uml
if [ -z "$uml" ] || [ ! -x "$uml" ]; then
  say "linux.uml not found: install user-mode-linux to run the ipvlan/vlan/dummy tests"
  exit 2
fi
ver=$("$uml" --version 2>/dev/null | head -n1)
mods=${UML_MODULES:-/usr/lib/uml/modules/$ver}
if [ ! -d "$mods" ]; then
  say "no module folder $mods for linux.uml $ver (set UML_MODULES)"
  exit 2
fi
if ! command -v modprobe >/dev/null; then
  say "modprobe not found: install kmod (the guest loads its modules with the host's modprobe)"
  exit 2
fi

# UML maps its memory through a temp file in $TMPDIR, /dev/shm or /tmp: pick one with room for it.
mem=${RTNL_UML_MEM:-1G}
need_kb=$(($(numfmt --from=iec "$mem") / 1024 + 65536))
shm=
for d in ${TMPDIR:-} /dev/shm /tmp; do
  [ -d "$d" ] && [ -w "$d" ] || continue
  avail=$(df -Pk "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
  if [ -n "$avail" ] && [ "$avail" -ge "$need_kb" ]; then shm=$d; break; fi
done
if [ -z "$shm" ]; then
  say "no temp folder with $((need_kb / 1024)) MiB free for the guest's memory (mem=$mem): set TMPDIR"
  exit 2
fi

# The job folder is shared with the guest through hostfs: keep it out of /dev (the guest mounts its
# own /dev) and out of /run (likewise).
dir=$(mktemp -d /tmp/rtnl-uml.XXXXXX) || exit 2
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ $# -eq 0 ] && set -- node_modules/.bin/tap --reporter=./test/reporter.mjs --timeout=900
printf '%s\n' "$mods" >"$dir/modules"
{
  echo '# written by test/kernel/uml.sh; run by test/kernel/guest-init.sh inside UML'
  printf 'cd %q || exit 1\n' "$PWD"
  printf 'export HOME=%q PATH=%q\n' "${HOME:-/root}" "$PATH"
  while IFS= read -r name; do
    printf 'export %s=%q\n' "$name" "${!name}"
  done < <(compgen -e | grep -E '^(RTNL_.*|TAP.*|NODE_DEBUG|NODE_OPTIONS|PREBUILDS_ONLY|CI|NO_COLOR|FORCE_COLOR)$')
  # The guest's console is a tty, the host's stdout may not be: through a pipe, programs see no tty
  # (no colours, no progress bars), as under CI. stderr goes to the same console anyway.
  echo 'set -o pipefail'
  printf '%q ' "$@"
  echo '2>&1 | cat'
} >"$dir/job"

quiet="quiet loglevel=1"
[ "${RTNL_UML_VERBOSE:-}" = 1 ] && quiet=
start=$(date +%s)
TMPDIR=$shm timeout -k 10 "${RTNL_UML_TIMEOUT:-3000}" "$uml" mem="$mem" \
  root=/dev/root rootfstype=hostfs rootflags=/ rw init="$here/guest-init.sh" rtnl_uml="$dir" \
  $quiet con=null con0=fd:0,fd:1 </dev/null &
pid=$!
wait "$pid"
rc=$?
pid=
if [ ! -s "$dir/status" ]; then
  if [ "$rc" -eq 124 ]; then
    say "the guest timed out after ${RTNL_UML_TIMEOUT:-3000} s (RTNL_UML_TIMEOUT) and was killed"
  else
    say "the guest did not report an exit status (linux.uml exited with $rc after $(($(date +%s) - start)) s; RTNL_UML_VERBOSE=1 shows its boot)"
  fi
  exit 1
fi
exit "$(cat "$dir/status")"
