// Helpers of the netlink codec that need no family knowledge: MAC formatting and error replies.
// See: man 7 netlink (NLMSG_ERROR, NLMSG_DONE, extended acknowledgements), <linux/netlink.h>.
#include "nlmsg.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <cerrno>

namespace rtnl {

std::string FormatMac(const uint8_t* p, size_t n) {
  static const char hex[] = "0123456789abcdef";
  std::string s;
  s.reserve(n * 3);
  for (size_t i = 0; i < n; i++) {
    if (i) s.push_back(':');
    s.push_back(hex[p[i] >> 4]);
    s.push_back(hex[p[i] & 15]);
  }
  return s;
}

std::string FormatIp(uint8_t family, const Attr& a) {
  char text[INET6_ADDRSTRLEN];
  if (family == AF_INET && a.data && a.len == 4) return inet_ntop(AF_INET, a.data, text, sizeof text) ? text : "";
  if (family == AF_INET6 && a.data && a.len == 16) return inet_ntop(AF_INET6, a.data, text, sizeof text) ? text : "";
  return {};
}

ErrorReply ParseErrorReply(const nlmsghdr* nlh) {
  ErrorReply r;
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  size_t len = nlh->nlmsg_len;
  int32_t code;
  if (len < NLMSG_HDRLEN + sizeof code) return r;
  std::memcpy(&code, base + NLMSG_HDRLEN, sizeof code);
  // The error is negative in NLMSG_ERROR and NLMSG_DONE alike; some subsystems have sent it
  // positive in NLMSG_DONE, so take its magnitude. One that is no errno (INT_MIN has no magnitude
  // in an int) is a malformed reply. Found by fuzzing (native/fuzz/corpus/error/regress-*).
  int64_t mag = code < 0 ? -static_cast<int64_t>(code) : code;
  r.error = mag > 4095 ? EPROTO : static_cast<int>(mag);
  r.ok = true;
  if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS)) return r;
  size_t off;
  if (nlh->nlmsg_type == NLMSG_ERROR) {
    // nlmsgerr holds the original header; without NLM_F_CAPPED, the original payload follows.
    if (len < NLMSG_HDRLEN + sizeof(nlmsgerr)) return r;
    nlmsghdr orig;
    std::memcpy(&orig, base + NLMSG_HDRLEN + offsetof(nlmsgerr, msg), sizeof orig);
    off = NLMSG_HDRLEN + sizeof(nlmsgerr);
    if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
      if (orig.nlmsg_len < NLMSG_HDRLEN) return r;
      off += NLMSG_ALIGN(orig.nlmsg_len - NLMSG_HDRLEN);
    }
  } else {
    off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof code);
  }
  if (off >= len) return r;
  AttrTable<NLMSGERR_ATTR_MAX> tb(base + off, len - off);
  r.message = std::string(tb[NLMSGERR_ATTR_MSG].Str());
  return r;
}

}  // namespace rtnl
