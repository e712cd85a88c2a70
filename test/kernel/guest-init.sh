#!/bin/sh
# PID 1 inside the User-Mode Linux test kernel (started by test/kernel/uml.sh, which see).
# The guest's root is the host's filesystem (hostfs): everything this script mounts exists only in
# the guest, and nothing is created on the host's disk except the status file in $rtnl_uml.
# $rtnl_uml (from the kernel command line) is the host's temp dir holding `job` and `modules`.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
dir=$rtnl_uml
status=1

finish() {
  echo "$status" >"$dir/status"
  sync
  echo 0 >/proc/sys/kernel/printk   # no "reboot: System halted" after the command's last line
  poweroff -f 2>/dev/null
  echo o >/proc/sysrq-trigger   # when poweroff is not there
  sleep 10
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
# /run first: the guest's /run/netns must never land on the host's disk.
mount -t tmpfs -o mode=755 tmpfs /run
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/shm /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t devpts devpts /dev/pts 2>/dev/null
# The console is a tty: keep "\n" as "\n" so the output reads the same as on the host.
stty -onlcr 2>/dev/null

# modprobe wants <dir>/lib/modules/<version>; /lib/modules does not exist on the host, so the
# package's module folder is bound under a tmpfs instead. modprobe loads dependencies (ipv6, llc,
# stp, garp, mrp, tap) in order, which insmod does not.
ver=$(uname -r)
mods=$(cat "$dir/modules")
mkdir -p "/run/rtnl-modules/lib/modules/$ver"
if ! mount --bind "$mods" "/run/rtnl-modules/lib/modules/$ver" ||
  ! modprobe -d /run/rtnl-modules -a ipvlan ipvtap 8021q dummy macvlan macvtap veth bridge \
      bonding vrf geneve vxlan ifb tun ip_gre ip6_gre ipip sit ip6_tunnel; then
  echo "guest: could not load the link modules from $mods" >&2
  finish
fi

# The tunnel modules give every new namespace their fallback devices (gre0, tunl0, sit0, ...);
# the tests' namespaces start with lo only, as on a host without those modules loaded.
echo 1 >/proc/sys/net/core/fb_tunnels_only_for_init_net
ip link set lo up
export RTNL_UML=1   # test/helpers.ts: in the test kernel no test skips for a missing link kind
/bin/bash "$dir/job"
status=$?
finish
