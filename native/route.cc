// Routes (ip route): RTM_NEWROUTE/DELROUTE/GETROUTE requests and rtmsg decoding, IPv4 and IPv6, with
// metrics (RTA_METRICS) and multipath next hops (RTA_MULTIPATH of struct rtnexthop).
// See: man 7 rtnetlink, <linux/rtnetlink.h>, iproute2 ip/iproute.c.
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <vector>

#include "codec.h"

namespace rtnl {
namespace {

void EncodeMultipath(MsgBuilder& b, const In& req) {
  // Not flagged NLA_F_NESTED: its payload is a list of rtnexthop structs, not attributes.
  b.Put(RTA_MULTIPATH, nullptr, 0);
  size_t nest = b.size() - NLA_HDRLEN;
  for (size_t i = 0, n = req.Len("multipath"); i < n; i++) {
    auto hop = req.At("multipath", i);
    size_t at = b.size();
    rtnexthop nh{};
    nh.rtnh_hops = static_cast<uint8_t>(hop->Has("weight") ? hop->U32("weight") - 1 : 0);
    if (hop->Has("flags")) nh.rtnh_flags = static_cast<uint8_t>(hop->U32("flags"));
    if (hop->Has("oif")) nh.rtnh_ifindex = hop->S32("oif");
    b.PutRaw(&nh, sizeof nh);
    PutBytes(b, RTA_GATEWAY, *hop, "gateway");
    size_t len = b.size() - at;
    if (len > 0xffff) throw MsgOverflow();
    // The next hop's length covers its gateway attribute; fix it now that it is written.
    uint16_t len16 = static_cast<uint16_t>(len);
    std::memcpy(reinterpret_cast<uint8_t*>(b.Header()) + at + offsetof(rtnexthop, rtnh_len), &len16, sizeof len16);
  }
  b.End(nest);
}

// Request keys: family, dstLength, srcLength, tos, table, protocol, scope, type, flags (rtm_flags;
// RTNH_F_ONLINK, RTM_F_FIB_MATCH), dst, src, gateway, prefsrc (address bytes), via { family, address }
// (RTA_VIA: a next hop of another family), oif, iif, mark, uid, flow (RTA_FLOW: realms), priority,
// metrics { mtu, advmss, hoplimit, rtoMin, lock (RTAX_LOCK bits), congestion (RTAX_CC_ALGO) },
// multipath [{ gateway?, oif, weight, flags? }].
void EncodeRoute(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* rtm = b.Begin<rtmsg>(type, flags);
  if (req.Has("family")) rtm->rtm_family = static_cast<uint8_t>(req.U32("family"));
  if (req.Has("dstLength")) rtm->rtm_dst_len = static_cast<uint8_t>(req.U32("dstLength"));
  if (req.Has("srcLength")) rtm->rtm_src_len = static_cast<uint8_t>(req.U32("srcLength"));
  if (req.Has("tos")) rtm->rtm_tos = static_cast<uint8_t>(req.U32("tos"));
  if (req.Has("protocol")) rtm->rtm_protocol = static_cast<uint8_t>(req.U32("protocol"));
  if (req.Has("scope")) rtm->rtm_scope = static_cast<uint8_t>(req.U32("scope"));
  if (req.Has("type")) rtm->rtm_type = static_cast<uint8_t>(req.U32("type"));
  if (req.Has("flags")) rtm->rtm_flags = req.U32("flags");
  if (req.Has("table")) {
    // Table ids above 255 only fit RTA_TABLE; rtm_table then says RT_TABLE_UNSPEC (as iproute2).
    uint32_t table = req.U32("table");
    rtm->rtm_table = static_cast<uint8_t>(table < 256 ? table : RT_TABLE_UNSPEC);
    b.PutU32(RTA_TABLE, table);
  }
  PutBytes(b, RTA_DST, req, "dst");
  PutBytes(b, RTA_SRC, req, "src");
  PutBytes(b, RTA_GATEWAY, req, "gateway");
  PutBytes(b, RTA_PREFSRC, req, "prefsrc");
  if (req.Has("via")) {
    // struct rtvia: the next hop's address family, then its address.
    auto via = req.Obj("via");
    auto addr = via->Bytes("address");
    std::vector<uint8_t> v(sizeof(uint16_t) + addr.size());
    uint16_t family = static_cast<uint16_t>(via->U32("family"));
    std::memcpy(v.data(), &family, sizeof family);
    if (!addr.empty()) std::memcpy(v.data() + sizeof family, addr.data(), addr.size());
    b.Put(RTA_VIA, v.data(), v.size());
  }
  if (req.Has("oif")) b.PutU32(RTA_OIF, req.U32("oif"));
  if (req.Has("iif")) b.PutU32(RTA_IIF, req.U32("iif"));
  if (req.Has("mark")) b.PutU32(RTA_MARK, req.U32("mark"));
  if (req.Has("uid")) b.PutU32(RTA_UID, req.U32("uid"));
  if (req.Has("flow")) b.PutU32(RTA_FLOW, req.U32("flow"));
  if (req.Has("priority")) b.PutU32(RTA_PRIORITY, req.U32("priority"));
  if (req.Has("metrics")) {
    auto m = req.Obj("metrics");
    size_t nest = b.Nest(RTA_METRICS);
    if (m->Has("lock")) b.PutU32(RTAX_LOCK, m->U32("lock"));
    if (m->Has("mtu")) b.PutU32(RTAX_MTU, m->U32("mtu"));
    if (m->Has("advmss")) b.PutU32(RTAX_ADVMSS, m->U32("advmss"));
    if (m->Has("hoplimit")) b.PutU32(RTAX_HOPLIMIT, m->U32("hoplimit"));
    if (m->Has("rtoMin")) b.PutU32(RTAX_RTO_MIN, m->U32("rtoMin"));
    if (m->Has("congestion")) b.PutStr(RTAX_CC_ALGO, m->Str("congestion"));
    b.End(nest);
  }
  if (req.Has("multipath")) EncodeMultipath(b, req);
}

// A gateway: RTA_GATEWAY in the route's family, or RTA_VIA (an IPv6 next hop of an IPv4 route).
std::string Gateway(uint8_t family, const Attr& gw, const Attr& via) {
  if (gw.present()) return FormatIp(family, gw);
  if (via.data && via.len >= sizeof(uint16_t)) {
    uint16_t viaFamily;
    std::memcpy(&viaFamily, via.data, sizeof viaFamily);
    return FormatIp(static_cast<uint8_t>(viaFamily), Attr{via.data + 2, static_cast<uint16_t>(via.len - 2)});
  }
  return {};
}

void DecodeMultipath(uint8_t family, const Attr& mp, Out& out) {
  out.BeginList("multipath");
  const uint8_t* p = mp.data;
  size_t n = mp.data ? mp.len : 0;
  while (n >= sizeof(rtnexthop)) {
    rtnexthop nh;
    std::memcpy(&nh, p, sizeof nh);
    if (nh.rtnh_len < sizeof nh || nh.rtnh_len > n) break;
    size_t off = RTNH_ALIGN(sizeof nh);
    AttrTable<RTA_MAX> tb(p + off, nh.rtnh_len > off ? nh.rtnh_len - off : 0);
    out.BeginObject(nullptr);
    std::string gw = Gateway(family, tb[RTA_GATEWAY], tb[RTA_VIA]);
    if (!gw.empty()) out.Word("gateway", gw);
    out.Num("linkIndex", nh.rtnh_ifindex);
    out.Num("weight", nh.rtnh_hops + 1);
    out.Bool("onlink", nh.rtnh_flags & RTNH_F_ONLINK);
    out.Bool("dead", nh.rtnh_flags & RTNH_F_DEAD);
    out.End();
    size_t step = RTNH_ALIGN(nh.rtnh_len);
    if (step >= n) break;
    p += step;
    n -= step;
  }
  out.End();
}

bool DecodeRoute(const nlmsghdr* nlh, Out& out) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(rtmsg))) return false;
  rtmsg rtm;
  std::memcpy(&rtm, NLMSG_DATA(nlh), sizeof rtm);
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<RTA_MAX> tb(base + AttrOffset(sizeof rtm), nlh->nlmsg_len - AttrOffset(sizeof rtm));

  out.Num("family", rtm.rtm_family);
  out.Num("dstLength", rtm.rtm_dst_len);
  out.Num("tos", rtm.rtm_tos);
  std::string dst = FormatIp(rtm.rtm_family, tb[RTA_DST]);
  if (!dst.empty()) out.Str("dst", dst);
  if (rtm.rtm_src_len) {
    out.Num("fromLength", rtm.rtm_src_len);
    std::string from = FormatIp(rtm.rtm_family, tb[RTA_SRC]);
    if (!from.empty()) out.Str("from", from);
  }
  uint32_t table = rtm.rtm_table;
  tb[RTA_TABLE].Get(&table);
  out.Num("table", table);
  out.Num("protocol", rtm.rtm_protocol);
  out.Num("scope", rtm.rtm_scope);
  out.Num("type", rtm.rtm_type);
  out.Num("flags", rtm.rtm_flags);
  out.Bool("onlink", rtm.rtm_flags & RTNH_F_ONLINK);
  std::string gw = Gateway(rtm.rtm_family, tb[RTA_GATEWAY], tb[RTA_VIA]);
  if (!gw.empty()) out.Word("gateway", gw);
  uint32_t u;
  if (tb[RTA_OIF].Get(&u)) out.Num("linkIndex", u);
  if (tb[RTA_IIF].Get(&u)) out.Num("iifIndex", u);
  if (tb[RTA_FLOW].Get(&u)) out.Num("flow", u);
  if (tb[RTA_MARK].Get(&u)) out.Num("mark", u);
  if (tb[RTA_UID].Get(&u)) out.Num("uid", u);
  std::string src = FormatIp(rtm.rtm_family, tb[RTA_PREFSRC]);
  if (!src.empty()) out.Word("src", src);
  if (tb[RTA_PRIORITY].Get(&u)) out.Num("metric", u);
  if (tb[RTA_METRICS].present()) {
    AttrTable<RTAX_MAX> mx(tb[RTA_METRICS]);
    if (mx[RTAX_MTU].Get(&u)) out.Num("mtu", u);
    if (mx[RTAX_ADVMSS].Get(&u)) out.Num("advmss", u);
    if (mx[RTAX_HOPLIMIT].Get(&u)) out.Num("hoplimit", u);
    if (mx[RTAX_RTO_MIN].Get(&u)) out.Num("rtoMin", u);
    if (mx[RTAX_LOCK].Get(&u)) out.Num("lock", u);
    if (mx[RTAX_CC_ALGO].present()) out.Word("congestion", mx[RTAX_CC_ALGO].Str());
  }
  if (tb[RTA_MULTIPATH].present()) DecodeMultipath(rtm.rtm_family, tb[RTA_MULTIPATH], out);
  return true;
}

}  // namespace

const Family kRouteFamily{EncodeRoute, DecodeRoute};

}  // namespace rtnl
