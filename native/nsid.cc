// Namespace ids (ip netns set / list-id): RTM_NEWNSID/GETNSID requests and their rtgenmsg replies.
// See: <linux/net_namespace.h>, iproute2 ip/ipnetns.c.
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

#include "codec.h"

namespace rtnl {
namespace {

// Request keys: fd (NETNSA_FD: the peer namespace's file), nsid (NETNSA_NSID; -1 lets the kernel
// pick one).
void EncodeNsid(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* g = b.Begin<rtgenmsg>(type, flags);
  g->rtgen_family = AF_UNSPEC;
  if (req.Has("fd")) b.PutU32(NETNSA_FD, req.U32("fd"));
  if (req.Has("nsid")) b.PutS32(NETNSA_NSID, req.S32("nsid"));
}

bool DecodeNsid(const nlmsghdr* nlh, Out& out) {
  // rtgenmsg is 1 byte, padded to 4: the attributes start after the padding, so the message must
  // hold it too (a shorter one would make the attribute length wrap).
  if (nlh->nlmsg_len < AttrOffset(sizeof(rtgenmsg))) return false;
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<NETNSA_MAX> tb(base + AttrOffset(sizeof(rtgenmsg)), nlh->nlmsg_len - AttrOffset(sizeof(rtgenmsg)));
  int32_t id;
  out.Num("nsid", tb[NETNSA_NSID].Get(&id) ? id : NETNSA_NSID_NOT_ASSIGNED);
  return true;
}

}  // namespace

const Family kNsidFamily{EncodeNsid, DecodeNsid};

}  // namespace rtnl
