// libFuzzer harness: requests as TypeScript packs them (native/packed.h), read by every family's
// encoder. Its first two bytes choose the message type; the rest is the packed request. Whatever
// the bytes, an encoder either builds a message or throws BadRequest / MsgOverflow: it never reads
// outside the packed bytes or writes outside its buffer (ASan), and what it built is well framed.
// See: native/packed.cc, native/codec.h.
#include <linux/rtnetlink.h>

#include <cstring>

#include "../codec.h"
#include "../packed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static const uint16_t kTypes[] = {RTM_NEWLINK,  RTM_DELLINK,  RTM_GETLINK,  RTM_NEWADDR,     RTM_DELADDR,
                                    RTM_GETADDR,  RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE,    RTM_NEWNEIGH,
                                    RTM_DELNEIGH, RTM_GETNEIGH, RTM_NEWRULE,  RTM_DELRULE,     RTM_GETRULE,
                                    RTM_NEWNSID,  RTM_GETNSID,  RTM_NEWLINKPROP, RTM_DELLINKPROP};
  uint16_t type = kTypes[data[0] % (sizeof kTypes / sizeof kTypes[0])];
  uint16_t flags = static_cast<uint16_t>(NLM_F_REQUEST | (data[1] & 1 ? NLM_F_DUMP : NLM_F_ACK));
  const rtnl::Family* family = rtnl::FamilyOf(type);
  if (!family) __builtin_trap();
  // A copy of exactly the packed bytes, so ASan sees any read past them.
  std::vector<uint8_t> packed(data + 2, data + size);
  rtnl::MsgBuilder b;
  try {
    family->encode(b, type, flags, rtnl::PackedIn(packed.data(), packed.size()));
  } catch (const rtnl::BadRequest&) {
    return 0;
  } catch (const rtnl::MsgOverflow&) {
    return 0;
  }
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(b.data());
  if (b.size() < NLMSG_HDRLEN || nlh->nlmsg_len != b.size() || nlh->nlmsg_type != type) __builtin_trap();
  return 0;
}
