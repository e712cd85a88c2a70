// Neighbours (ip neigh): RTM_NEWNEIGH/DELNEIGH/GETNEIGH requests and ndmsg decoding (ARP and NDP
// entries, and proxy entries with NTF_PROXY). See: man 7 rtnetlink, <linux/neighbour.h>.
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
  std::string dst = FormatIp(ndm.ndm_family, tb[NDA_DST]);
  if (!dst.empty()) out.Str("address", dst);
  if (tb[NDA_LLADDR].len) out.Str("lladdr", FormatMac(tb[NDA_LLADDR].data, tb[NDA_LLADDR].len));
  return true;
}

}  // namespace

const Family kNeighFamily{EncodeNeigh, DecodeNeigh};

}  // namespace rtnl
