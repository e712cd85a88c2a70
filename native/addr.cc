// Addresses (ip addr): RTM_NEWADDR/DELADDR/GETADDR requests and ifaddrmsg decoding, IPv4 and IPv6.
// IFA_LOCAL is the interface's own address; IFA_ADDRESS is the prefix address, or the peer on
// point-to-point links. See: man 7 rtnetlink, <linux/if_addr.h>.
#include <linux/if_addr.h>
#include <linux/version.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

#include "codec.h"

namespace rtnl {
namespace {

// A lifetime of "forever": INFINITY_LIFE_TIME of the kernel's net/addrconf.h, which UAPI lacks.
constexpr uint32_t kForever = 0xffffffffu;

// Request keys: family, prefixLength, flags (IFA_F_*), scope, index; local, peer, broadcast
// (address bytes), label, validLifetime/preferredLifetime (seconds; 0xffffffff = forever).
void EncodeAddr(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* ifa = b.Begin<ifaddrmsg>(type, flags);
  if (req.Has("family")) ifa->ifa_family = static_cast<uint8_t>(req.U32("family"));
  if (req.Has("prefixLength")) ifa->ifa_prefixlen = static_cast<uint8_t>(req.U32("prefixLength"));
  if (req.Has("scope")) ifa->ifa_scope = static_cast<uint8_t>(req.U32("scope"));
  if (req.Has("index")) ifa->ifa_index = req.U32("index");
  if (req.Has("flags")) {
    uint32_t f = req.U32("flags");
    ifa->ifa_flags = static_cast<uint8_t>(f & 0xff);
    // Flags above the u8 field (noprefixroute, managetempaddr) only travel in IFA_FLAGS.
    if (f > 0xff) b.PutU32(IFA_FLAGS, f);
  }
  PutBytes(b, IFA_LOCAL, req, "local");
  // Without a peer, IFA_ADDRESS repeats the local address (as iproute2 sends it).
  PutBytes(b, IFA_ADDRESS, req, req.Has("peer") ? "peer" : "local");
  PutBytes(b, IFA_BROADCAST, req, "broadcast");
  if (req.Has("label")) b.PutStr(IFA_LABEL, req.Str("label"));
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
  if (req.Has("protocol")) b.PutU8(IFA_PROTO, static_cast<uint8_t>(req.U32("protocol")));
#endif
  if (req.Has("validLifetime") || req.Has("preferredLifetime")) {
    ifa_cacheinfo ci{};
    ci.ifa_valid = req.Has("validLifetime") ? req.U32("validLifetime") : kForever;
    ci.ifa_prefered = req.Has("preferredLifetime") ? req.U32("preferredLifetime") : kForever;
    b.Put(IFA_CACHEINFO, &ci, sizeof ci);
  }
}

void DecodeFlags(uint32_t f, Out& out) {
  out.BeginObject("flags");
  out.Bool("permanent", f & IFA_F_PERMANENT);
  out.Bool("tentative", f & IFA_F_TENTATIVE);
  out.Bool("dadfailed", f & IFA_F_DADFAILED);
  out.Bool("deprecated", f & IFA_F_DEPRECATED);
  out.Bool("noprefixroute", f & IFA_F_NOPREFIXROUTE);
  out.Bool("nodad", f & IFA_F_NODAD);
  out.Bool("optimistic", f & IFA_F_OPTIMISTIC);
  out.Bool("homeaddress", f & IFA_F_HOMEADDRESS);
  out.Bool("managetempaddr", f & IFA_F_MANAGETEMPADDR);
  out.Bool("secondary", f & IFA_F_SECONDARY);
#ifdef IFA_F_STABLE_PRIVACY
  out.Bool("stablePrivacy", f & IFA_F_STABLE_PRIVACY);
#endif
  out.End();
}

bool DecodeAddr(const nlmsghdr* nlh, Out& out) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifaddrmsg))) return false;
  ifaddrmsg ifa;
  std::memcpy(&ifa, NLMSG_DATA(nlh), sizeof ifa);
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<IFA_MAX> tb(base + AttrOffset(sizeof ifa), nlh->nlmsg_len - AttrOffset(sizeof ifa));

  out.Num("family", ifa.ifa_family);
  out.Num("index", ifa.ifa_index);
  out.Num("prefixLength", ifa.ifa_prefixlen);
  out.Num("scope", ifa.ifa_scope);
  uint32_t flags = ifa.ifa_flags;
  tb[IFA_FLAGS].Get(&flags);
  DecodeFlags(flags, out);
  std::string local = FormatIp(ifa.ifa_family, tb[IFA_LOCAL]);
  std::string address = FormatIp(ifa.ifa_family, tb[IFA_ADDRESS]);
  out.Str("address", local.empty() ? address : local);
  if (!local.empty() && !address.empty() && local != address) out.Str("peer", address);
  std::string brd = FormatIp(ifa.ifa_family, tb[IFA_BROADCAST]);
  if (!brd.empty()) out.Word("broadcast", brd);
  if (tb[IFA_LABEL].present()) out.Word("label", tb[IFA_LABEL].Str());
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
  uint8_t proto;
  if (tb[IFA_PROTO].Get(&proto)) out.Num("protocol", proto);
#endif
  ifa_cacheinfo ci;
  if (tb[IFA_CACHEINFO].Get(&ci)) {
    if (ci.ifa_valid != kForever) out.Num("validLifetime", ci.ifa_valid);
    if (ci.ifa_prefered != kForever) out.Num("preferredLifetime", ci.ifa_prefered);
  }
  return true;
}

}  // namespace

const Family kAddrFamily{EncodeAddr, DecodeAddr};

}  // namespace rtnl
