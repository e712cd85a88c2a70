// Neighbours (ip neigh): RTM_NEWNEIGH/DELNEIGH/GETNEIGH requests and ndmsg decoding (ARP and NDP
// entries, and proxy entries with NTF_PROXY), and bridge FDB entries (bridge fdb: family AF_BRIDGE,
// the MAC in NDA_LLADDR, a VXLAN remote in NDA_DST). See: man 7 rtnetlink, <linux/neighbour.h>.
#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

#include "codec.h"

namespace rtnl {
namespace {

// Request keys: family, index, state (NUD_*), flags (NTF_*), dst, lladdr (bytes); filterIndex puts
// the link in NDA_IFINDEX, where a strictly checked dump takes its filter.
void EncodeNeigh(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* ndm = b.Begin<ndmsg>(type, flags);
  if (req.Has("family")) ndm->ndm_family = static_cast<uint8_t>(req.U32("family"));
  if (req.Has("index")) ndm->ndm_ifindex = req.S32("index");
  if (req.Has("state")) ndm->ndm_state = static_cast<uint16_t>(req.U32("state"));
  if (req.Has("flags")) ndm->ndm_flags = static_cast<uint8_t>(req.U32("flags"));
  if (req.Has("dst")) {
    auto dst = req.Bytes("dst");
    b.Put(NDA_DST, dst.data(), dst.size());
  }
  if (req.Has("lladdr")) {
    auto ll = req.Bytes("lladdr");
    b.Put(NDA_LLADDR, ll.data(), ll.size());
  }
  if (req.Has("filterIndex")) b.PutU32(NDA_IFINDEX, req.U32("filterIndex"));
  // FDB entries: the VLAN, and a VXLAN remote's UDP port (big-endian), VNI and outgoing link.
  if (req.Has("vlan")) b.PutU16(NDA_VLAN, static_cast<uint16_t>(req.U32("vlan")));
  if (req.Has("port")) b.PutU16(NDA_PORT, htons(static_cast<uint16_t>(req.U32("port"))));
  if (req.Has("vni")) b.PutU32(NDA_VNI, req.U32("vni"));
  if (req.Has("via")) b.PutU32(NDA_IFINDEX, req.U32("via"));
  if (req.Has("filterMaster")) b.PutU32(NDA_MASTER, req.U32("filterMaster"));
}

bool DecodeNeigh(const nlmsghdr* nlh, Out& out) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ndmsg))) return false;
  ndmsg ndm;
  std::memcpy(&ndm, NLMSG_DATA(nlh), sizeof ndm);
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<NDA_MAX> tb(base + AttrOffset(sizeof ndm), nlh->nlmsg_len - AttrOffset(sizeof ndm));

  out.Num("family", ndm.ndm_family);
  out.Num("index", ndm.ndm_ifindex);
  out.Num("state", ndm.ndm_state);
  out.Num("flags", ndm.ndm_flags);
  out.Bool("router", ndm.ndm_flags & NTF_ROUTER);
  out.Bool("proxy", ndm.ndm_flags & NTF_PROXY);
  if (tb[NDA_LLADDR].len) out.Str("lladdr", FormatMac(tb[NDA_LLADDR].data, tb[NDA_LLADDR].len));
  if (ndm.ndm_family == AF_BRIDGE) {
    // An FDB entry's NDA_DST is a VXLAN remote of either family, told apart by its length.
    uint8_t dstFamily = tb[NDA_DST].len == 16 ? AF_INET6 : AF_INET;
    std::string dst = FormatIp(dstFamily, tb[NDA_DST]);
    if (!dst.empty()) out.Str("dst", dst);
    uint16_t u16;
    uint32_t u32;
    if (tb[NDA_VLAN].Get(&u16)) out.Num("vlan", u16);
    if (tb[NDA_PORT].Get(&u16)) out.Num("port", ntohs(u16));
    if (tb[NDA_VNI].Get(&u32)) out.Num("vni", u32);
    if (tb[NDA_IFINDEX].Get(&u32)) out.Num("via", u32);
    if (tb[NDA_MASTER].Get(&u32)) out.Num("master", u32);
    return true;
  }
  std::string dst = FormatIp(ndm.ndm_family, tb[NDA_DST]);
  if (!dst.empty()) out.Str("address", dst);
  return true;
}

}  // namespace

const Family kNeighFamily{EncodeNeigh, DecodeNeigh};

}  // namespace rtnl
