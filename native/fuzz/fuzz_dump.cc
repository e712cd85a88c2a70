// libFuzzer harness: one received datagram, walked as socket.cc walks it (ForEachMsg), each message
// handed to its family's decoder or to the error parser. See: native/socket.cc (Drain, OnMessage).
#include <linux/rtnetlink.h>

#include "fuzz_out.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The receive buffer is a heap block; a datagram fills its start. An exact-size copy lets ASan
  // catch any read past the datagram.
  std::vector<uint8_t> dgram(data, data + size);
  rtnl::fuzz::JsonOut out;
  rtnl::ForEachMsg(dgram.data(), dgram.size(), [&](const nlmsghdr* nlh) {
    if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
      rtnl::ParseErrorReply(nlh);
      return;
    }
    if (nlh->nlmsg_type < NLMSG_MIN_TYPE) return;
    if (const rtnl::Family* f = rtnl::FamilyOf(nlh->nlmsg_type)) {
      f->decode(nlh, out);
      out.Finish();
    }
  });
  return 0;
}
