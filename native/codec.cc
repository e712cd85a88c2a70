// Dispatch from a message type to its family's codec. Kept apart from the addon's N-API code so the
// fuzz harnesses (native/fuzz/) link the same dispatch the addon uses.
#include "codec.h"

#include <linux/rtnetlink.h>

namespace rtnl {

const Family* FamilyOf(uint16_t type) {
  switch (type) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
    case RTM_GETLINK:
    case RTM_SETLINK:
    case RTM_NEWLINKPROP:
    case RTM_DELLINKPROP:
      return &kLinkFamily;
    case RTM_NEWADDR:
    case RTM_DELADDR:
    case RTM_GETADDR:
      return &kAddrFamily;
    case RTM_NEWROUTE:
    case RTM_DELROUTE:
    case RTM_GETROUTE:
      return &kRouteFamily;
    case RTM_NEWNEIGH:
    case RTM_DELNEIGH:
    case RTM_GETNEIGH:
      return &kNeighFamily;
    case RTM_NEWRULE:
    case RTM_DELRULE:
    case RTM_GETRULE:
      return &kRuleFamily;
    case RTM_NEWNSID:
    case RTM_DELNSID:
    case RTM_GETNSID:
      return &kNsidFamily;
    default:
      return nullptr;
  }
}

}  // namespace rtnl
