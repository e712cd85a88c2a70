// Network namespaces: opening sockets inside them from a helper thread, creating and deleting the
// bind-mounted namespace files that iproute2 uses. No N-API here.
// See: man 7 network_namespaces, man 2 setns, man 2 unshare, iproute2 ip/ipnetns.c.
#include "netns.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <linux/netlink.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>


namespace rtnl {
namespace {

struct Fd {
  int fd = -1;
  explicit Fd(int f = -1) : fd(f) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  int release() {
    int f = fd;
    fd = -1;
    return f;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

int Fail(const char* name, const char** failed) {
  int e = errno;
  *failed = name;
  return -e;
}

// Extended acks carry the kernel's error text; capped acks leave out the echoed request; strict
// checking lets dumps be filtered in the kernel (kernel 4.20+; older kernels refuse the option,
// which is not an error: their dumps are filtered here instead).
int ConfigureRouteSocket(int fd, const char** failed) {
  int one = 1;
  if (setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one)) return Fail("setsockopt", failed);
  if (setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one)) return Fail("setsockopt", failed);
  setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);
  // Room for many replies in flight; SO_RCVBUFFORCE passes rmem_max when privileged.
  int size = 8 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size))
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  size = 1 << 20;
  if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size))
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  return 0;
}

// Creates the socket in the current thread's namespace.
int MakeSocket(int* fd, uint32_t* portid, const char** failed) {
  Fd s(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE));
  if (s.fd < 0) return Fail("socket", failed);
  int r = ConfigureRouteSocket(s.fd, failed);
  if (r) return r;
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  if (bind(s.fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa)) return Fail("bind", failed);
  socklen_t len = sizeof sa;
  if (getsockname(s.fd, reinterpret_cast<sockaddr*>(&sa), &len)) return Fail("getsockname", failed);
  *portid = sa.nl_pid;
  *fd = s.release();
  return 0;
}

// Runs `fn` in the network namespace `nsfd` (in the caller's when nsfd < 0) and returns what it
// returns. A helper thread enters the namespace, runs it and ends; it never returns to the caller's
// namespace, so no thread is ever reused in the wrong one.
template <typename F>
int InNetns(int nsfd, const char** failed, F fn) {
  if (nsfd < 0) return fn();
  int r = 0;
  std::thread t([&] {
    if (setns(nsfd, CLONE_NEWNET)) {
      r = Fail("setns", failed);
      return;
    }
    r = fn();
  });
  t.join();
  return r;
}

}  // namespace

int CreateTun(int nsfd, const std::string& name, int flags, int64_t owner, int64_t group, const char** failed) {
  if (name.size() >= IFNAMSIZ) return Fail("TUNSETIFF", failed), -EINVAL;
  return InNetns(nsfd, failed, [&] {
    // The device belongs to the namespace /dev/net/tun was opened in: opened here, on this thread.
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0) return Fail("open", failed);
    ifreq ifr{};
    std::memcpy(ifr.ifr_name, name.data(), name.size());
    ifr.ifr_flags = static_cast<short>(flags);
    int r = 0;
    if (ioctl(fd, TUNSETIFF, &ifr)) r = Fail("TUNSETIFF", failed);
    else if (owner >= 0 && ioctl(fd, TUNSETOWNER, static_cast<unsigned long>(owner))) r = Fail("TUNSETOWNER", failed);
    else if (group >= 0 && ioctl(fd, TUNSETGROUP, static_cast<unsigned long>(group))) r = Fail("TUNSETGROUP", failed);
    else if (ioctl(fd, TUNSETPERSIST, 1UL)) r = Fail("TUNSETPERSIST", failed);
    close(fd);  // persistent: the device outlives the fd (a failure above leaves no device)
    return r;
  });
}

int OpenRouteSocket(int nsfd, int* fd, uint32_t* portid, const char** failed) {
  return InNetns(nsfd, failed, [&] { return MakeSocket(fd, portid, failed); });
}

int AdoptRouteSocket(int sock, int* fd, uint32_t* portid, const char** failed) {
  int domain = 0, protocol = -1;
  socklen_t len = sizeof domain;
  sockaddr_nl sa{};
  socklen_t salen = sizeof sa;
  *failed = "getsockopt";
  if (sock < 0 || getsockopt(sock, SOL_SOCKET, SO_DOMAIN, &domain, &len) || domain != AF_NETLINK) return -EINVAL;
  len = sizeof protocol;
  if (getsockopt(sock, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) || protocol != NETLINK_ROUTE) return -EINVAL;
  *failed = "getsockname";
  if (getsockname(sock, reinterpret_cast<sockaddr*>(&sa), &salen) || sa.nl_pid == 0) return -EINVAL;
  *portid = sa.nl_pid;
  *fd = sock;
  return 0;
}

namespace {

// RTM_GETNSID on a blocking socket of the calling thread's namespace: the id this namespace
// gives the namespace `peerfd`, or NETNSA_NSID_NOT_ASSIGNED.
int AskNsid(int peerfd, int* nsid, const char** failed) {
  Fd s(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (s.fd < 0) return Fail("socket", failed);
  struct {
    nlmsghdr h;
    rtgenmsg g;
    char pad[NLMSG_ALIGN(sizeof(rtgenmsg)) - sizeof(rtgenmsg)];
    nlattr a;
    uint32_t fd;
  } req{};
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = RTM_GETNSID;
  req.h.nlmsg_flags = NLM_F_REQUEST;
  req.h.nlmsg_seq = 1;
  req.g.rtgen_family = AF_UNSPEC;
  req.a.nla_len = NLA_HDRLEN + sizeof(uint32_t);
  req.a.nla_type = NETNSA_FD;
  req.fd = static_cast<uint32_t>(peerfd);
  sockaddr_nl to{};
  to.nl_family = AF_NETLINK;
  if (sendto(s.fd, &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0) return Fail("sendto", failed);
  alignas(nlmsghdr) char buf[4096];
  ssize_t n = recv(s.fd, buf, sizeof buf, 0);
  if (n < 0) return Fail("recv", failed);
  int len = static_cast<int>(n);
  for (auto* h = reinterpret_cast<nlmsghdr*>(buf); NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
    if (h->nlmsg_type == NLMSG_ERROR) {
      if (h->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) break;
      int err = reinterpret_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
      *failed = "RTM_GETNSID";
      return err ? err : -EPROTO;
    }
    if (h->nlmsg_type != RTM_NEWNSID || h->nlmsg_len < NLMSG_LENGTH(sizeof(rtgenmsg))) continue;
    int alen = static_cast<int>(h->nlmsg_len) - NLMSG_SPACE(sizeof(rtgenmsg));
    for (auto* a = reinterpret_cast<rtattr*>(static_cast<char*>(NLMSG_DATA(h)) + NLMSG_ALIGN(sizeof(rtgenmsg)));
         RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
      if (a->rta_type == NETNSA_NSID && RTA_PAYLOAD(a) >= sizeof(int32_t)) {
        int32_t v;
        std::memcpy(&v, RTA_DATA(a), sizeof v);
        *nsid = v;
        return 0;
      }
    }
  }
  *failed = "RTM_GETNSID";
  return -EPROTO;
}

}  // namespace

int NetnsId(int nsfd, int peerfd, int* nsid, const char** failed) {
  return InNetns(nsfd, failed, [&] { return AskNsid(peerfd, nsid, failed); });
}

int Sysctl(int nsfd, const std::string& path, const std::string* value, std::string* out, const char** failed) {
  // Only files under /proc/sys/net/, and no way out of it (the caller validates names too).
  static const char kPrefix[] = "/proc/sys/net/";
  if (path.compare(0, sizeof kPrefix - 1, kPrefix) != 0 || path.find("/..") != std::string::npos ||
      path.find("/./") != std::string::npos || path.find('\0') != std::string::npos) {
    *failed = "open";
    return -EINVAL;
  }
  auto run = [&]() -> int {
    Fd f(open(path.c_str(), (value ? O_WRONLY : O_RDONLY) | O_CLOEXEC | O_NOFOLLOW));
    if (f.fd < 0) return Fail("open", failed);
    if (value) {
      ssize_t n = write(f.fd, value->data(), value->size());
      if (n < 0) return Fail("write", failed);
      if (static_cast<size_t>(n) != value->size()) {
        *failed = "write";
        return -EIO;
      }
      return 0;
    }
    char buf[4096];
    out->clear();
    for (;;) {
      ssize_t n = read(f.fd, buf, sizeof buf);
      if (n < 0) return Fail("read", failed);
      if (n == 0) return 0;
      out->append(buf, static_cast<size_t>(n));
      if (out->size() > (1 << 20)) {
        *failed = "read";
        return -EFBIG;
      }
    }
  };
  // /proc/sys/net shows the namespace of the thread that opens it.
  return InNetns(nsfd, failed, run);
}

int OpenNetnsFile(const std::string& path, int* fd, const char** failed) {
  Fd f(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) return Fail("open", failed);
  struct statfs sfs;
  if (fstatfs(f.fd, &sfs)) return Fail("fstatfs", failed);
  // A namespace file is on nsfs; a file that is not (a plain file, a namespace file not yet
  // bind-mounted) cannot name a namespace. setns() later rejects a non-network namespace.
  if (static_cast<unsigned long>(sfs.f_type) != NSFS_MAGIC) {
    *failed = "fstatfs";
    return -EINVAL;
  }
  // And of a network namespace, not a mount or user one (NS_GET_NSTYPE: kernel 4.11+; on older
  // kernels setns() refuses the wrong type later).
  int type = ioctl(f.fd, NS_GET_NSTYPE);
  if (type >= 0 && type != CLONE_NEWNET) {
    *failed = "ioctl(NS_GET_NSTYPE)";
    return -EINVAL;
  }
  *fd = f.release();
  return 0;
}

int CreateNetns(const std::string& dir, const std::string& name, const char** failed) {
  if (mkdir(dir.c_str(), 0755) && errno != EEXIST) return Fail("mkdir", failed);
  // Make the folder a shared mount (bind-mounting it over itself first when it is no mount point),
  // so namespaces mounted later show in every mount namespace, as iproute2 does.
  if (mount("", dir.c_str(), "none", MS_SHARED | MS_REC, nullptr)) {
    if (errno != EINVAL) return Fail("mount", failed);
    if (mount(dir.c_str(), dir.c_str(), "none", MS_BIND | MS_REC, nullptr)) return Fail("mount", failed);
    if (mount("", dir.c_str(), "none", MS_SHARED | MS_REC, nullptr)) return Fail("mount", failed);
  }
  std::string path = dir + "/" + name;
  {
    Fd f(open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0));
    if (f.fd < 0) return Fail("open", failed);
  }
  int r = 0;
  std::thread t([&] {
    if (unshare(CLONE_NEWNET)) {
      r = Fail("unshare", failed);
      return;
    }
    // syscall(SYS_gettid), not gettid(): the wrapper is glibc 2.30+, above the prebuilds' floor.
    std::string self = "/proc/self/task/" + std::to_string(syscall(SYS_gettid)) + "/ns/net";
    if (mount(self.c_str(), path.c_str(), "none", MS_BIND, nullptr)) r = Fail("mount", failed);
  });
  t.join();
  if (r) unlink(path.c_str());
  return r;
}

int DeleteNetns(const std::string& path, const char** failed) {
  // UMOUNT_NOFOLLOW: a symlink planted under /run/netns must not make this unmount what it points
  // at; the symlink itself is no mount point (EINVAL) and is just unlinked.
  if (umount2(path.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW) && errno != EINVAL) return Fail("umount2", failed);
  if (unlink(path.c_str())) return Fail("unlink", failed);
  return 0;
}

}  // namespace rtnl
