// Bridges (ip link ... type bridge, bridge_slave; bridge vlan): the codecs link.cc calls for a
// bridge's IFLA_INFO_DATA, a bridge port's IFLA_INFO_SLAVE_DATA, and the AF_BRIDGE IFLA_AF_SPEC
// (VLAN entries). No napi.h. See: <linux/if_link.h> (IFLA_BR_*, IFLA_BRPORT_*), <linux/if_bridge.h>.
#pragma once

#include "codec.h"

namespace rtnl {

void EncodeBridge(MsgBuilder& b, const In& d);
void DecodeBridge(const Attr& data, Out& out);
void EncodeBridgePort(MsgBuilder& b, const In& d);
void DecodeBridgePort(const Attr& data, Out& out);
// IFLA_AF_SPEC of an AF_BRIDGE RTM_SETLINK/DELLINK: IFLA_BRIDGE_FLAGS and IFLA_BRIDGE_VLAN_INFO.
void EncodeBridgeAfSpec(MsgBuilder& b, const In& spec);
// IFLA_AF_SPEC of an AF_BRIDGE RTM_NEWLINK: the port's VLANs as a list "vlans" of { vid, vidEnd?, flags }.
void DecodeBridgeAfSpec(const Attr& spec, Out& out);

}  // namespace rtnl
