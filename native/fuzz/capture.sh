#!/bin/sh
# Captures the fuzz seed corpus from a real kernel: a scratch namespace with a veth pair, a bridge,
# macvlans in several modes, a macvtap, the table kinds this kernel has (vxlan, tun, ifb, ...), addresses, routes and neighbours, dumped by capture.cc into
# native/fuzz/corpus/<harness>/ (files named kernel-N). Needs root; removes the namespace on exit.
# iproute2 sets up the scratch topology here: this is a developer tool, not part of the library.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ns="rtnl-fuzz-capture-$$"
tool="$root/build-fuzz/capture"
mkdir -p "$root/build-fuzz"
g++ -std=c++17 -O1 -o "$tool" "$here/capture.cc"
ip netns add "$ns"
trap 'ip netns delete "$ns"' EXIT
n() { ip -n "$ns" "$@"; }
n link set lo up
n link add up0 type veth peer name up1
n link set up0 up; n link set up1 up
n link add br0 type bridge
n link set up1 master br0; n link set br0 up
for mode in private vepa bridge passthru source; do
  [ "$mode" = passthru ] && continue
  n link add "mv-$mode" link up0 type macvlan mode "$mode"
done
n link set mv-source type macvlan macaddr add 02:00:00:00:01:01
n link set mv-source type macvlan macaddr add 02:00:00:00:01:02
n link add mvt0 link up0 type macvtap mode bridge
# The kinds declared by attribute tables that this kernel may have (each skipped where it has none).
n link add vx0 type vxlan id 42 remote 198.51.100.2 local 198.51.100.1 dev up0 dstport 4789 srcport 1000 2000 gbp || true
n link add vx1 type vxlan id 43 group ff05::1 dev up0 dstport 0 flowlabel 7 ttl inherit || true
n link add ifb0 type ifb || true
n tuntap add tap0 mode tap user 1000 group 100 vnet_hdr multi_queue || true
n link add bond0 type bond mode active-backup miimon 100 arp_ip_target 192.0.2.1,192.0.2.2 2>/dev/null && n link set mv-private master bond0 || true
n link add g0 type gre local 192.0.2.1 remote 192.0.2.2 ikey 5 okey 6 csum 2>/dev/null || true
n link add g6 type ip6gre local 2001:db8::1 remote 2001:db8::2 encaplimit none flowlabel 0x12 2>/dev/null || true
n link add vrf0 type vrf table 10 2>/dev/null || true
n link set mv-bridge up alias "a bridge-mode macvlan" mtu 1400
n addr add 172.16.10.5/24 dev mv-bridge
n addr add 2001:db8:babe:cafe::5/64 dev mv-bridge nodad
n addr add 10.9.9.1/32 peer 10.9.9.2 dev br0
n route add default via 172.16.10.1
n route add 10.20.0.0/16 dev mv-bridge metric 50 table 100
n route add 10.30.0.0/16 nexthop via 172.16.10.2 weight 1 nexthop via 172.16.10.3 weight 2
n route add 2001:db8:1::/48 via 2001:db8:babe:cafe::1
n neigh add 172.16.10.1 lladdr 00:21:d7:c5:f2:45 dev mv-bridge nud permanent
n neigh add 2001:db8:babe:cafe::1 lladdr 00:21:d7:c5:f2:46 dev mv-bridge nud reachable
n rule add from 172.16.10.0/24 to 10.0.0.0/8 iif up0 oif up1 fwmark 0x10/0xff tos 0x10 uidrange 1000-2000 protocol static table 100 pref 100
n rule add not from 172.16.20.0/24 goto 100 pref 50
n rule add pref 200 unreachable
n rule add table main suppress_prefixlength 0 pref 300
n -6 rule add from 2001:db8::/32 table 100000 pref 100
for d in link addr route neigh rule dump error; do
  mkdir -p "$here/corpus/$d"
  rm -f "$here/corpus/$d"/kernel-*
done
ip netns exec "$ns" "$tool" "$here/corpus"
du -sh "$here/corpus"
for d in "$here"/corpus/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) files"; done
