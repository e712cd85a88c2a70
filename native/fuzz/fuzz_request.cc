// libFuzzer harness: batches of requests as TypeScript packs them (native/packed.h: type, flags,
// id, length, then the packed object, request after request), walked as the socket walks them and
// each read by its family's encoder. Whatever the bytes, the walk either yields requests that lie
// within the batch or throws BadRequest, and an encoder either builds a message or throws BadRequest
// / MsgOverflow: nothing reads outside the batch or writes outside its buffer (ASan), and what is
// built is well framed. See: native/packed.cc, native/codec.h, Socket::Requests in native/socket.cc.
#include <linux/rtnetlink.h>

#include <cstring>

#include "../codec.h"
#include "../packed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A copy of exactly the batch's bytes, so ASan sees any read past them.
  std::vector<uint8_t> batch(data, data + size);
  const uint8_t* begin = batch.data();
  const uint8_t* end = begin + batch.size();
  rtnl::PackedRequest pr;
  try {
    // The socket checks the framing whole before it encodes any request.
    for (const uint8_t* p = begin; rtnl::NextPackedRequest(p, end, &pr);) {
      if (pr.data < begin || pr.data + pr.len > end) __builtin_trap();
    }
  } catch (const rtnl::BadRequest&) {
    return 0;
  }
  rtnl::MsgBuilder b;
  for (const uint8_t* p = begin; rtnl::NextPackedRequest(p, end, &pr);) {
    const rtnl::Family* family = rtnl::FamilyOf(pr.type);
    if (!family) continue;  // the socket refuses it (a TypeError for that request) and goes on
    bool dump = (pr.flags & NLM_F_DUMP) == NLM_F_DUMP;
    try {
      family->encode(b, pr.type, static_cast<uint16_t>(pr.flags | NLM_F_REQUEST | (dump ? 0 : NLM_F_ACK)),
                     rtnl::PackedIn(pr.data, pr.len));
    } catch (const rtnl::BadRequest&) {
      continue;
    } catch (const rtnl::MsgOverflow&) {
      continue;
    }
    const auto* nlh = reinterpret_cast<const nlmsghdr*>(b.data());
    if (b.size() < NLMSG_HDRLEN || nlh->nlmsg_len != b.size() || nlh->nlmsg_type != pr.type) __builtin_trap();
  }
  return 0;
}
