// Network namespaces and the sockets opened inside them, independent of N-API.
// See: man 7 network_namespaces, man 2 setns, iproute2 ip/ipnetns.c.
#pragma once

#include <cstdint>
#include <string>

#include <sys/socket.h>

// glibc's <sys/socket.h> has SOL_NETLINK only since 2.19; the prebuilds build against 2.17. The
// kernel's value (include/linux/socket.h, which is not part of the UAPI headers) has never changed.
#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

namespace rtnl {

// Each returns 0 or a negative errno; `*failed` names the call that failed.

// Opens a NETLINK_ROUTE socket (non-blocking, CLOEXEC, extended acks on) inside the network
// namespace `nsfd`, or in the caller's when nsfd < 0. A short-lived thread enters the namespace,
// creates the socket and exits, so the calling thread never changes namespace.
int OpenRouteSocket(int nsfd, int* fd, uint32_t* portid, const char** failed);

// Takes over `sock`, a socket OpenRouteSocket made: checks that it is a bound NETLINK_ROUTE socket
// and reads its port id. A socket that passes is closed when configuring it fails later; anything
// else is refused with -EINVAL and left open (it is not ours).
int AdoptRouteSocket(int sock, int* fd, uint32_t* portid, const char** failed);

// The id (`ip netns list-id`, IFLA_LINK_NETNSID) that namespace `nsfd` (the caller's when < 0)
// gives namespace `peerfd`: RTM_GETNSID asked from inside `nsfd` by a short-lived thread;
// NETNSA_NSID_NOT_ASSIGNED (-1) when it has none.
int NetnsId(int nsfd, int peerfd, int* nsid, const char** failed);

// Reads (value == nullptr, into *out) or writes *value to `path`, which must be under
// /proc/sys/net/, inside namespace `nsfd` (the caller's when < 0): /proc/sys/net is the namespace
// of the thread that opens it, so a short-lived thread enters the namespace and does it.
int Sysctl(int nsfd, const std::string& path, const std::string* value, std::string* out, const char** failed);

// What `ip tuntap add NAME mode tun|tap` does, inside namespace `nsfd` (the caller's when < 0):
// /dev/net/tun opened there, TUNSETIFF with `flags` (IFF_TUN/IFF_TAP, IFF_NO_PI, ...), then
// TUNSETOWNER/TUNSETGROUP when `owner`/`group` are >= 0, and TUNSETPERSIST so the device stays.
int CreateTun(int nsfd, const std::string& name, int flags, int64_t owner, int64_t group, const char** failed);

// Opens `path` O_RDONLY|O_CLOEXEC and checks that it is a namespace file (nsfs) of a network
// namespace; -EINVAL when it is a file of another kind.
int OpenNetnsFile(const std::string& path, int* fd, const char** failed);

// What `ip netns add NAME` does: /run/netns made a shared mount, an empty file bind-mounted over
// with a new namespace created by a helper thread. `dir` is the folder, `name` already validated.
int CreateNetns(const std::string& dir, const std::string& name, const char** failed);

// What `ip netns delete NAME` does: lazy unmount, then unlink.
int DeleteNetns(const std::string& path, const char** failed);

}  // namespace rtnl
