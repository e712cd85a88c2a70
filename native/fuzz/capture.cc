// Seed-corpus capture for the fuzz harnesses: dumps links, addresses, routes and neighbours of the
// namespace it runs in, saving each reply message as a file under <dir>/<family>/ and each datagram
// under <dir>/dump/, and provokes a few error replies (with extended acks) for <dir>/error/.
// Run by capture.sh inside a scratch namespace. Plain g++; not part of the addon.
// See: man 7 netlink, man 7 rtnetlink.
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string dir;
int counter = 0;

void Save(const std::string& sub, const void* p, size_t n, const char* prefix = "") {
  std::string path = dir + "/" + sub + "/" + prefix + "kernel-" + std::to_string(++counter);
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) { std::perror(path.c_str()); std::exit(1); }
  std::fwrite(p, 1, n, f);
  std::fclose(f);
}

const char* FamilyDir(uint16_t type) {
  switch (type) {
    case RTM_NEWLINK: case RTM_DELLINK: return "link";
    case RTM_NEWADDR: case RTM_DELADDR: return "addr";
    case RTM_NEWROUTE: case RTM_DELROUTE: return "route";
    case RTM_NEWNEIGH: case RTM_DELNEIGH: return "neigh";
    case RTM_NEWRULE: case RTM_DELRULE: return "rule";
    default: return nullptr;
  }
}

// Sends a request and saves what comes back until DONE or an ERROR; at most `maxDatagrams`.
void Exchange(int fd, const std::vector<uint8_t>& req, size_t maxDatagrams) {
  if (send(fd, req.data(), req.size(), 0) < 0) { std::perror("send"); std::exit(1); }
  std::vector<uint8_t> buf(1 << 16);
  for (size_t d = 0; d < 1000; d++) {
    ssize_t n = recv(fd, buf.data(), buf.size(), 0);
    if (n < 0) { std::perror("recv"); std::exit(1); }
    if (d < maxDatagrams) Save("dump", buf.data(), n);
    bool end = false;
    for (auto* h = reinterpret_cast<nlmsghdr*>(buf.data()); NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
        // The error harness takes a selector byte first (0: keep the message's own type).
        std::vector<uint8_t> e(1 + h->nlmsg_len, 0);
        std::memcpy(e.data() + 1, h, h->nlmsg_len);
        Save("error", e.data(), e.size());
        end = true;
        continue;
      }
      if (const char* sub = FamilyDir(h->nlmsg_type)) Save(sub, h, h->nlmsg_len);
    }
    if (end) return;
  }
}

std::vector<uint8_t> Request(uint16_t type, uint16_t flags, const void* fam, size_t famlen) {
  std::vector<uint8_t> m(NLMSG_SPACE(famlen), 0);
  auto* h = reinterpret_cast<nlmsghdr*>(m.data());
  h->nlmsg_len = NLMSG_LENGTH(famlen);
  h->nlmsg_type = type;
  h->nlmsg_flags = NLM_F_REQUEST | flags;
  h->nlmsg_seq = ++counter;
  std::memcpy(NLMSG_DATA(h), fam, famlen);
  return m;
}

void Attr(std::vector<uint8_t>& m, uint16_t type, const void* p, size_t n) {
  size_t at = m.size();
  m.resize(at + NLA_ALIGN(NLA_HDRLEN + n), 0);
  auto* a = reinterpret_cast<nlattr*>(m.data() + at);
  a->nla_type = type;
  a->nla_len = NLA_HDRLEN + n;
  std::memcpy(m.data() + at + NLA_HDRLEN, p, n);
  reinterpret_cast<nlmsghdr*>(m.data())->nlmsg_len = m.size();
}

int Socket(bool capAck) {
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  int one = 1;
  setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  if (capAck) setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  sockaddr_nl sa{};
  sa.nl_family = AF_NETLINK;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa)) { std::perror("socket"); std::exit(1); }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) { std::fprintf(stderr, "usage: capture DIR\n"); return 2; }
  dir = argv[1];
  int fd = Socket(true);
  ifinfomsg ifi{};
  ifaddrmsg ifa{};
  rtmsg rtm{};
  ndmsg ndm{};
  fib_rule_hdr frh{};
  Exchange(fd, Request(RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof ifi), 2);
  Exchange(fd, Request(RTM_GETADDR, NLM_F_DUMP, &ifa, sizeof ifa), 1);
  Exchange(fd, Request(RTM_GETROUTE, NLM_F_DUMP, &rtm, sizeof rtm), 1);
  Exchange(fd, Request(RTM_GETNEIGH, NLM_F_DUMP, &ndm, sizeof ndm), 1);
  Exchange(fd, Request(RTM_GETRULE, NLM_F_DUMP, &frh, sizeof frh), 1);
  // Errors: an unknown link kind (EOPNOTSUPP with "Unknown device type"), a missing link (ENODEV),
  // both capped and, on a second socket, uncapped (the request echoed in the error).
  for (bool capped : {true, false}) {
    int s = capped ? fd : Socket(false);
    auto add = Request(RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
    Attr(add, IFLA_IFNAME, "fz0", 4);
    std::vector<uint8_t> info;
    {
      // IFLA_LINKINFO { IFLA_INFO_KIND "nosuchkind" }
      const char kind[] = "nosuchkind";
      info.resize(NLA_ALIGN(NLA_HDRLEN + sizeof kind), 0);
      auto* a = reinterpret_cast<nlattr*>(info.data());
      a->nla_type = IFLA_INFO_KIND;
      a->nla_len = NLA_HDRLEN + sizeof kind;
      std::memcpy(info.data() + NLA_HDRLEN, kind, sizeof kind);
    }
    Attr(add, IFLA_LINKINFO | NLA_F_NESTED, info.data(), info.size());
    Exchange(s, add, 0);
    auto get = Request(RTM_GETLINK, NLM_F_ACK, &ifi, sizeof ifi);
    Attr(get, IFLA_IFNAME, "nosuchlink", 11);
    Exchange(s, get, 0);
    if (!capped) close(s);
  }
  close(fd);
  return 0;
}
