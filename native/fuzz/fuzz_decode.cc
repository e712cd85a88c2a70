// libFuzzer harness: one family's decoder (RTNL_FUZZ_FAMILY, set by build.sh: kLinkFamily,
// kAddrFamily, kRouteFamily, kNeighFamily, kRuleFamily or kNsidFamily) on one arbitrary message. It must never read out of
// bounds or abort; it decodes or returns false. See: native/link.cc, addr.cc, route.cc, neigh.cc, rule.cc, nsid.cc.
#include "fuzz_out.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < sizeof(nlmsghdr)) return 0;
  auto m = rtnl::fuzz::AsMessage(data, size);
  rtnl::fuzz::JsonOut out;
  // The same bytes read as a request decide whether a link's counters are decoded (native/socket.cc).
  out.stats = rtnl::LinkRequestWantsStats(m.data(), m.size());
  rtnl::RTNL_FUZZ_FAMILY.decode(reinterpret_cast<const nlmsghdr*>(m.data()), out);
  out.Finish();
  return 0;
}
