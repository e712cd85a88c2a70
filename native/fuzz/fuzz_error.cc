// libFuzzer harness: the NLMSG_ERROR/NLMSG_DONE parser with extended acks (ParseErrorReply).
// Its first byte chooses ERROR or DONE; the rest is the message. See: native/nlmsg.cc.
#include "fuzz_out.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 + sizeof(nlmsghdr)) return 0;
  auto m = rtnl::fuzz::AsMessage(data + 1, size - 1);
  auto* nlh = reinterpret_cast<nlmsghdr*>(m.data());
  if (data[0] & 1) nlh->nlmsg_type = (data[0] & 2) ? NLMSG_ERROR : NLMSG_DONE;
  rtnl::ErrorReply r = rtnl::ParseErrorReply(nlh);
  if (r.error < 0) __builtin_trap();  // an errno is reported as its magnitude
  if (r.message.size() > m.size()) __builtin_trap();
  return 0;
}
