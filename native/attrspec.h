// Declarative attribute specs: one table per link kind (or port kind) says which attribute carries
// which request/reply key, with what wire type, and one encoder and one decoder walk it, so a kind's
// encode and decode cannot disagree. See: <linux/if_link.h> (IFLA_VXLAN_*, IFLA_GRE_*, IFLA_BOND_*...).
#pragma once

#include <cstddef>
#include <cstdint>

#include "codec.h"
#include "nlmsg.h"

namespace rtnl {

enum class AttrKind : uint8_t {
  U8, U16, U32, S32,
  Be16,       // big-endian on the wire, a plain number in JS
  Be32,
  Bool8,      // a u8 0/1, a boolean in JS (TS sends 0/1)
  Flag,       // present or absent (NLA_FLAG): a boolean in JS; TS sends 1 to set it
  FlagU8,     // set as a flag, reported as a u8 0/1 (IFLA_VXLAN_TTL_INHERIT)
  Ip,         // 4 or 16 bytes; type6 (when not 0) is the attribute of the IPv6 form
  Mac,        // 6 bytes
  PortRange,  // struct ifla_vxlan_port_range (two big-endian u16): { low, high }
  IpList,     // a nest of IPv4 addresses, one attribute each (bond arp_ip_target): string[]
  Ip6List,    // the same with IPv6 addresses (bond ns_ip6_target)
};

struct AttrSpec {
  const char* key;
  uint16_t type;
  AttrKind kind;
  uint16_t type6 = 0;
};

struct AttrSpecs {
  const AttrSpec* specs;
  size_t n;
};

template <size_t N>
constexpr AttrSpecs Specs(const AttrSpec (&a)[N]) {
  return {a, N};
}

// Puts each key of `d` that the table names as its attribute.
void EncodeAttrs(MsgBuilder& b, const AttrSpecs& t, const In& d);
// Writes each attribute the table names that `data` (a nest) holds under its key; flags absent read false.
void DecodeAttrs(const Attr& data, const AttrSpecs& t, Out& out);

}  // namespace rtnl
