// The raw C reference client of the benchmark: the same workloads as bench/client.ts, done the
// cheapest way a netlink client can do them, as the floor rtnl is measured against. One
// NETLINK_ROUTE socket; requests go 64 to a sendmsg and the next 64 follow once their acks are read;
// replies are parsed attribute by attribute (every attribute, nested link info too) and counted,
// but no objects are built. Built by bench/run.ts with `cc -O2`; not part of the package.
//
// Usage: rawc <w1|w2|w3|w4> <N>     (inside a namespace prepared by bench/run.ts)
// Env: BENCH_PARENT (bp0), BENCH_ADDR_DEV (bp1), BENCH_GW (192.0.2.254).
// Prints RESULT ok=1 count=<N> total=<s> <phase>=<s>..., as bench/client.ts does.
// See: man 7 netlink, man 7 rtnetlink.
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MSG_MAX 256

static int fd;
static uint32_t seq;
static char buf[1 << 20];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what) {
  fprintf(stderr, "rawc: %s: %s\n", what, strerror(errno));
  printf("RESULT ok=0\n");
  exit(1);
}

static const char *env(const char *name, const char *fallback) {
  const char *v = getenv(name);
  return v && *v ? v : fallback;
}

// ---- building -----------------------------------------------------------------------------------

struct msg {
  struct nlmsghdr h;
  char body[MSG_MAX];
};

static struct msg batch[BATCH];

static void *put(struct nlmsghdr *h, uint16_t type, const void *data, size_t len) {
  struct rtattr *a = (struct rtattr *)((char *)h + NLMSG_ALIGN(h->nlmsg_len));
  a->rta_type = type;
  a->rta_len = RTA_LENGTH(len);
  if (data) memcpy(RTA_DATA(a), data, len);
  h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + RTA_ALIGN(a->rta_len);
  return a;
}

static void end_nest(struct nlmsghdr *h, struct rtattr *nest) {
  nest->rta_len = (char *)h + h->nlmsg_len - (char *)nest;
}

static struct nlmsghdr *begin(int i, uint16_t type, uint16_t flags, size_t family_len) {
  struct nlmsghdr *h = &batch[i].h;
  memset(h, 0, sizeof batch[i]);
  h->nlmsg_len = NLMSG_LENGTH(family_len);
  h->nlmsg_type = type;
  h->nlmsg_flags = NLM_F_REQUEST | flags;
  h->nlmsg_seq = ++seq;
  return h;
}

// ---- sending and reading ------------------------------------------------------------------------

// Sends messages [0, n) of the batch in one sendmsg and reads until each is acknowledged.
static void send_batch(int n) {
  struct iovec iov[BATCH];
  for (int i = 0; i < n; i++) iov[i] = (struct iovec){&batch[i], batch[i].h.nlmsg_len};
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  struct msghdr mh = {.msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = iov, .msg_iovlen = n};
  if (sendmsg(fd, &mh, 0) < 0) die("sendmsg");
  int acked = 0;
  while (acked < n) {
    ssize_t len = recv(fd, buf, sizeof buf, 0);
    if (len < 0) die("recv");
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type != NLMSG_ERROR) continue;
      const struct nlmsgerr *e = NLMSG_DATA(h);
      if (e->error) {
        errno = -e->error;
        die("request refused");
      }
      acked++;
    }
  }
}

// Walks every attribute of a message's attribute area, and one level of nesting for `nested`.
static unsigned walk(const struct rtattr *a, int len, int nested) {
  unsigned seen = 0;
  for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    seen++;
    if (nested >= 0 && a->rta_type == nested) seen += walk(RTA_DATA(a), RTA_PAYLOAD(a), -1);
  }
  return seen;
}

// Sends a dump request and calls `each` for every reply message until NLMSG_DONE.
static void dump(struct nlmsghdr *req, void (*each)(const struct nlmsghdr *)) {
  if (send(fd, req, req->nlmsg_len, 0) < 0) die("send");
  for (;;) {
    ssize_t len = recv(fd, buf, sizeof buf, 0);
    if (len < 0) die("recv");
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type == NLMSG_DONE) return;
      if (h->nlmsg_type == NLMSG_ERROR) {
        errno = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
        die("dump refused");
      }
      if (h->nlmsg_flags & NLM_F_DUMP_INTR) {
        errno = EINTR;
        die("dump interrupted");
      }
      each(h);
    }
  }
}

// ---- workloads ----------------------------------------------------------------------------------

static long counted, ifsum, attrs;

// Builds request x into batch slot i; requests go BATCH to a sendmsg, each batch acknowledged
// before the next is sent.
static double batched(int n, void (*build)(int i, int x)) {
  double t0 = now();
  for (int at = 0; at < n; at += BATCH) {
    int k = n - at < BATCH ? n - at : BATCH;
    for (int i = 0; i < k; i++) build(i, at + i);
    send_batch(k);
  }
  return now() - t0;
}

static uint32_t parent;

static void macvlan(int i, int x) {
  struct nlmsghdr *h = begin(i, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
  char name[IFNAMSIZ];
  snprintf(name, sizeof name, "bmv%d", x);
  put(h, IFLA_IFNAME, name, strlen(name) + 1);
  put(h, IFLA_LINK, &parent, 4);
  struct rtattr *info = put(h, IFLA_LINKINFO, NULL, 0);
  put(h, IFLA_INFO_KIND, "macvlan", 8);
  struct rtattr *data = put(h, IFLA_INFO_DATA, NULL, 0);
  uint32_t mode = MACVLAN_MODE_BRIDGE;
  put(h, IFLA_MACVLAN_MODE, &mode, 4);
  end_nest(h, data);
  end_nest(h, info);
}

static void count_link(const struct nlmsghdr *h) {
  const struct ifinfomsg *ifi = NLMSG_DATA(h);
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *ifi);
  attrs += walk(IFLA_RTA(ifi), len, IFLA_LINKINFO);
  for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == IFLA_IFNAME && strncmp(RTA_DATA(a), "bmv", 3) == 0) {
      counted++;
      ifsum += ifi->ifi_index;
    }
  }
}

static double w2(void) {
  struct nlmsghdr *h = begin(0, RTM_GETLINK, NLM_F_DUMP, sizeof(struct ifinfomsg));
  uint32_t mask = RTEXT_FILTER_SKIP_STATS;
  put(h, IFLA_EXT_MASK, &mask, 4);
  double t0 = now();
  dump(h, count_link);
  return now() - t0;
}

static uint32_t gw;

static void route(int i, int x) {
  struct nlmsghdr *h = begin(i, RTM_NEWROUTE, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof(struct rtmsg));
  struct rtmsg *rt = NLMSG_DATA(h);
  rt->rtm_family = AF_INET;
  rt->rtm_dst_len = 24;
  rt->rtm_table = RT_TABLE_MAIN;
  rt->rtm_protocol = RTPROT_BOOT;
  rt->rtm_scope = RT_SCOPE_UNIVERSE;
  rt->rtm_type = RTN_UNICAST;
  uint32_t dst = htonl(10u << 24 | (uint32_t)(x >> 8) << 16 | (uint32_t)(x & 255) << 8);
  put(h, RTA_DST, &dst, 4);
  put(h, RTA_GATEWAY, &gw, 4);
}

static void count_route(const struct nlmsghdr *h) {
  const struct rtmsg *rt = NLMSG_DATA(h);
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *rt);
  attrs += walk(RTM_RTA(rt), len, -1);
  for (const struct rtattr *a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == RTA_GATEWAY && RTA_PAYLOAD(a) == 4 && memcmp(RTA_DATA(a), &gw, 4) == 0) counted++;
  }
}

static double w3_dump(void) {
  struct nlmsghdr *h = begin(0, RTM_GETROUTE, NLM_F_DUMP, sizeof(struct rtmsg));
  ((struct rtmsg *)NLMSG_DATA(h))->rtm_family = AF_INET;
  double t0 = now();
  dump(h, count_route);
  return now() - t0;
}

static int addr_dev;

static void address(int i, int x) {
  struct nlmsghdr *h = begin(i, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifaddrmsg));
  struct ifaddrmsg *ifa = NLMSG_DATA(h);
  ifa->ifa_family = AF_INET;
  ifa->ifa_prefixlen = 32;
  ifa->ifa_index = addr_dev;
  uint32_t a = htonl(10u << 24 | 128u << 16 | (uint32_t)(x / 250) << 8 | (uint32_t)(x % 250 + 1));
  put(h, IFA_LOCAL, &a, 4);
  put(h, IFA_ADDRESS, &a, 4);
}

static void count_addr(const struct nlmsghdr *h) {
  const struct ifaddrmsg *ifa = NLMSG_DATA(h);
  int len = h->nlmsg_len - NLMSG_LENGTH(sizeof *ifa);
  attrs += walk(IFA_RTA(ifa), len, -1);
  if ((int)ifa->ifa_index != addr_dev) return;
  for (const struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
    if (a->rta_type == IFA_LOCAL && RTA_PAYLOAD(a) == 4 && ((const uint8_t *)RTA_DATA(a))[0] == 10 &&
        ((const uint8_t *)RTA_DATA(a))[1] == 128)
      counted++;
  }
}

static double w4_list(void) {
  struct nlmsghdr *h = begin(0, RTM_GETADDR, NLM_F_DUMP, sizeof(struct ifaddrmsg));
  struct ifaddrmsg *ifa = NLMSG_DATA(h);
  ifa->ifa_family = AF_INET;
  ifa->ifa_index = addr_dev;  // filtered in the kernel (strict checking, as rtnl asks)
  double t0 = now();
  dump(h, count_addr);
  return now() - t0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: rawc <w1|w2|w3|w4> <N>\n");
    return 2;
  }
  const char *w = argv[1];
  int n = atoi(argv[2]);
  fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) die("socket");
  int one = 1, size = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);
  setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  if (inet_pton(AF_INET, env("BENCH_GW", "192.0.2.254"), &gw) != 1) die("BENCH_GW");
  addr_dev = if_nametoindex(env("BENCH_ADDR_DEV", "bp1"));

  double a, b;
  if (strcmp(w, "w1") == 0) {
    parent = if_nametoindex(env("BENCH_PARENT", "bp0"));
    if (!parent) die("BENCH_PARENT");
    a = batched(n, macvlan);
    printf("RESULT ok=1 count=%d total=%.6f create=%.6f\n", n, a, a);
  } else if (strcmp(w, "w2") == 0) {
    a = w2();
    if (counted != n) {
      fprintf(stderr, "rawc w2: %ld bmv links listed, expected %d\n", counted, n);
      printf("RESULT ok=0\n");
      return 1;
    }
    printf("RESULT ok=1 count=%d total=%.6f list=%.6f ifsum=%ld attrs=%ld\n", n, a, a, ifsum, attrs);
  } else if (strcmp(w, "w3") == 0 || strcmp(w, "w4") == 0) {
    int three = w[1] == '3';
    if (!three && !addr_dev) die("BENCH_ADDR_DEV");
    a = batched(n, three ? route : address);
    b = three ? w3_dump() : w4_list();
    if (counted != n) {
      fprintf(stderr, "rawc %s: %ld read back, expected %d\n", w, counted, n);
      printf("RESULT ok=0\n");
      return 1;
    }
    printf("RESULT ok=1 count=%d total=%.6f add=%.6f %s=%.6f attrs=%ld\n", n, a + b, a, three ? "dump" : "list", b, attrs);
  } else {
    fprintf(stderr, "rawc: unknown workload %s\n", w);
    return 2;
  }
  close(fd);
  return 0;
}
