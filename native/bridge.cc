// Bridges and their ports (ip link ... type bridge / type bridge_slave) and the bridge VLAN table
// (bridge vlan): each option is one row of a table (key, attribute, wire width), which drives both
// encoding and decoding. See: man 8 ip-link, man 8 bridge, <linux/if_link.h>, <linux/if_bridge.h>.
#include "bridge.h"

#include <arpa/inet.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/version.h>

#include <cstdio>

namespace rtnl {
namespace {

enum class W : uint8_t { U8, U16, U32, U64, BE16, MAC, BRID };

struct Field {
  const char* key;
  uint16_t type;
  W w;
  bool write;  // false: reported by the kernel, not settable
};

// IFLA_BR_*: the keys are iproute2's JSON keys in camelCase (defaultPvid for vlan_default_pvid).
const Field kBridge[] = {
    {"forwardDelay", IFLA_BR_FORWARD_DELAY, W::U32, true},
    {"helloTime", IFLA_BR_HELLO_TIME, W::U32, true},
    {"maxAge", IFLA_BR_MAX_AGE, W::U32, true},
    {"ageingTime", IFLA_BR_AGEING_TIME, W::U32, true},
    {"stpState", IFLA_BR_STP_STATE, W::U32, true},
    {"priority", IFLA_BR_PRIORITY, W::U16, true},
    {"vlanFiltering", IFLA_BR_VLAN_FILTERING, W::U8, true},
    {"vlanProtocol", IFLA_BR_VLAN_PROTOCOL, W::BE16, true},
    {"defaultPvid", IFLA_BR_VLAN_DEFAULT_PVID, W::U16, true},
    {"vlanStatsEnabled", IFLA_BR_VLAN_STATS_ENABLED, W::U8, true},
    {"vlanStatsPerPort", IFLA_BR_VLAN_STATS_PER_PORT, W::U8, true},
    {"groupFwdMask", IFLA_BR_GROUP_FWD_MASK, W::U16, true},
    {"groupAddr", IFLA_BR_GROUP_ADDR, W::MAC, true},
    {"bridgeId", IFLA_BR_BRIDGE_ID, W::BRID, false},
    {"rootId", IFLA_BR_ROOT_ID, W::BRID, false},
    {"rootPort", IFLA_BR_ROOT_PORT, W::U16, false},
    {"rootPathCost", IFLA_BR_ROOT_PATH_COST, W::U32, false},
    {"topologyChange", IFLA_BR_TOPOLOGY_CHANGE, W::U8, false},
    {"topologyChangeDetected", IFLA_BR_TOPOLOGY_CHANGE_DETECTED, W::U8, false},
    {"helloTimer", IFLA_BR_HELLO_TIMER, W::U64, false},
    {"tcnTimer", IFLA_BR_TCN_TIMER, W::U64, false},
    {"topologyChangeTimer", IFLA_BR_TOPOLOGY_CHANGE_TIMER, W::U64, false},
    {"gcTimer", IFLA_BR_GC_TIMER, W::U64, false},
    {"mcastSnooping", IFLA_BR_MCAST_SNOOPING, W::U8, true},
    {"mcastRouter", IFLA_BR_MCAST_ROUTER, W::U8, true},
    {"mcastQueryUseIfaddr", IFLA_BR_MCAST_QUERY_USE_IFADDR, W::U8, true},
    {"mcastQuerier", IFLA_BR_MCAST_QUERIER, W::U8, true},
    {"mcastHashElasticity", IFLA_BR_MCAST_HASH_ELASTICITY, W::U32, true},
    {"mcastHashMax", IFLA_BR_MCAST_HASH_MAX, W::U32, true},
    {"mcastLastMemberCnt", IFLA_BR_MCAST_LAST_MEMBER_CNT, W::U32, true},
    {"mcastStartupQueryCnt", IFLA_BR_MCAST_STARTUP_QUERY_CNT, W::U32, true},
    {"mcastLastMemberIntvl", IFLA_BR_MCAST_LAST_MEMBER_INTVL, W::U64, true},
    {"mcastMembershipIntvl", IFLA_BR_MCAST_MEMBERSHIP_INTVL, W::U64, true},
    {"mcastQuerierIntvl", IFLA_BR_MCAST_QUERIER_INTVL, W::U64, true},
    {"mcastQueryIntvl", IFLA_BR_MCAST_QUERY_INTVL, W::U64, true},
    {"mcastQueryResponseIntvl", IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, W::U64, true},
    {"mcastStartupQueryIntvl", IFLA_BR_MCAST_STARTUP_QUERY_INTVL, W::U64, true},
    {"mcastStatsEnabled", IFLA_BR_MCAST_STATS_ENABLED, W::U8, true},
    {"mcastIgmpVersion", IFLA_BR_MCAST_IGMP_VERSION, W::U8, true},
    {"mcastMldVersion", IFLA_BR_MCAST_MLD_VERSION, W::U8, true},
    {"nfCallIptables", IFLA_BR_NF_CALL_IPTABLES, W::U8, true},
    {"nfCallIp6tables", IFLA_BR_NF_CALL_IP6TABLES, W::U8, true},
    {"nfCallArptables", IFLA_BR_NF_CALL_ARPTABLES, W::U8, true},
};

// IFLA_BRPORT_*: iproute2's bridge_slave JSON keys in camelCase (hairpin for IFLA_BRPORT_MODE,
// flood for UNICAST_FLOOD, rootBlock for PROTECT, fastLeave for fastleave).
const Field kPort[] = {
    {"state", IFLA_BRPORT_STATE, W::U8, true},
    {"priority", IFLA_BRPORT_PRIORITY, W::U16, true},
    {"cost", IFLA_BRPORT_COST, W::U32, true},
    {"hairpin", IFLA_BRPORT_MODE, W::U8, true},
    {"guard", IFLA_BRPORT_GUARD, W::U8, true},
    {"rootBlock", IFLA_BRPORT_PROTECT, W::U8, true},
    {"fastLeave", IFLA_BRPORT_FAST_LEAVE, W::U8, true},
    {"learning", IFLA_BRPORT_LEARNING, W::U8, true},
    {"flood", IFLA_BRPORT_UNICAST_FLOOD, W::U8, true},
    {"proxyArp", IFLA_BRPORT_PROXYARP, W::U8, true},
    {"proxyArpWifi", IFLA_BRPORT_PROXYARP_WIFI, W::U8, true},
    {"multicastRouter", IFLA_BRPORT_MULTICAST_ROUTER, W::U8, true},
    {"mcastFlood", IFLA_BRPORT_MCAST_FLOOD, W::U8, true},
    {"bcastFlood", IFLA_BRPORT_BCAST_FLOOD, W::U8, true},
    {"mcastToUnicast", IFLA_BRPORT_MCAST_TO_UCAST, W::U8, true},
    {"neighSuppress", IFLA_BRPORT_NEIGH_SUPPRESS, W::U8, true},
    {"groupFwdMask", IFLA_BRPORT_GROUP_FWD_MASK, W::U16, true},
    {"vlanTunnel", IFLA_BRPORT_VLAN_TUNNEL, W::U8, true},
    {"isolated", IFLA_BRPORT_ISOLATED, W::U8, true},
// IFLA_BRPORT_* are enumerators, which #ifdef cannot see: LOCKED is kernel 5.18+.
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
    {"locked", IFLA_BRPORT_LOCKED, W::U8, true},
#endif
    {"id", IFLA_BRPORT_ID, W::U16, false},
    {"no", IFLA_BRPORT_NO, W::U16, false},
    {"designatedPort", IFLA_BRPORT_DESIGNATED_PORT, W::U16, false},
    {"designatedCost", IFLA_BRPORT_DESIGNATED_COST, W::U16, false},
    {"bridgeId", IFLA_BRPORT_BRIDGE_ID, W::BRID, false},
    {"rootId", IFLA_BRPORT_ROOT_ID, W::BRID, false},
    {"holdTimer", IFLA_BRPORT_HOLD_TIMER, W::U64, false},
    {"messageAgeTimer", IFLA_BRPORT_MESSAGE_AGE_TIMER, W::U64, false},
    {"forwardDelayTimer", IFLA_BRPORT_FORWARD_DELAY_TIMER, W::U64, false},
    {"topologyChangeAck", IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, W::U8, false},
    {"configPending", IFLA_BRPORT_CONFIG_PENDING, W::U8, false},
};

// The multi-bit options (IFLA_BR_MULTI_BOOLOPT, kernel 5.1+): key and BR_BOOLOPT_* bit.
struct BoolOpt {
  const char* key;
  uint32_t bit;
};
const BoolOpt kBoolOpts[] = {
    {"noLinklocalLearn", BR_BOOLOPT_NO_LL_LEARN},
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0)
    {"mcastVlanSnooping", BR_BOOLOPT_MCAST_VLAN_SNOOPING},
#endif
};

template <size_t N>
void EncodeFields(MsgBuilder& b, const In& d, const Field (&fields)[N]) {
  for (const Field& f : fields) {
    if (!f.write || !d.Has(f.key)) continue;
    switch (f.w) {
      case W::U8: b.PutU8(f.type, static_cast<uint8_t>(d.U32(f.key))); break;
      case W::U16: b.PutU16(f.type, static_cast<uint16_t>(d.U32(f.key))); break;
      case W::U32: b.PutU32(f.type, d.U32(f.key)); break;
      case W::U64: b.PutScalar<uint64_t>(f.type, d.U64(f.key)); break;
      case W::BE16: b.PutU16(f.type, htons(static_cast<uint16_t>(d.U32(f.key)))); break;
      case W::MAC: {
        auto mac = d.Bytes(f.key);
        b.Put(f.type, mac.data(), mac.size());
        break;
      }
      case W::BRID: break;
    }
  }
}

// A bridge id as iproute2 prints it: priority as 4 hex digits, then the MAC with unpadded octets.
std::string FormatBridgeId(const ifla_bridge_id& id) {
  char s[64];
  std::snprintf(s, sizeof s, "%.2x%.2x.%x:%x:%x:%x:%x:%x", id.prio[0], id.prio[1], id.addr[0], id.addr[1], id.addr[2],
                id.addr[3], id.addr[4], id.addr[5]);
  return s;
}

template <size_t Max, size_t N>
void DecodeFields(const AttrTable<Max>& tb, Out& out, const Field (&fields)[N]) {
  for (const Field& f : fields) {
    const Attr& a = tb[f.type];
    switch (f.w) {
      case W::U8: {
        uint8_t v;
        if (a.Get(&v)) out.Num(f.key, v);
        break;
      }
      case W::U16: {
        uint16_t v;
        if (a.Get(&v)) out.Num(f.key, v);
        break;
      }
      case W::U32: {
        uint32_t v;
        if (a.Get(&v)) out.Num(f.key, v);
        break;
      }
      case W::U64: {
        uint64_t v;
        if (a.Get(&v)) out.Num(f.key, static_cast<double>(v));
        break;
      }
      case W::BE16: {
        uint16_t v;
        if (a.Get(&v)) out.Num(f.key, ntohs(v));
        break;
      }
      case W::MAC:
        if (a.len) out.Str(f.key, FormatMac(a.data, a.len));
        break;
      case W::BRID: {
        ifla_bridge_id id;
        if (a.Get(&id)) out.Str(f.key, FormatBridgeId(id));
        break;
      }
    }
  }
}

}  // namespace

void EncodeBridge(MsgBuilder& b, const In& d) {
  EncodeFields(b, d, kBridge);
  br_boolopt_multi bm{0, 0};
  for (const BoolOpt& o : kBoolOpts) {
    if (!d.Has(o.key)) continue;
    bm.optmask |= 1u << o.bit;
    if (d.U32(o.key)) bm.optval |= 1u << o.bit;
  }
  if (bm.optmask) b.Put(IFLA_BR_MULTI_BOOLOPT, &bm, sizeof bm);
}

void DecodeBridge(const Attr& data, Out& out) {
  AttrTable<IFLA_BR_MAX> tb(data);
  DecodeFields(tb, out, kBridge);
  br_boolopt_multi bm;
  if (tb[IFLA_BR_MULTI_BOOLOPT].Get(&bm)) {
    for (const BoolOpt& o : kBoolOpts) out.Num(o.key, (bm.optval >> o.bit) & 1);
  }
}

void EncodeBridgePort(MsgBuilder& b, const In& d) { EncodeFields(b, d, kPort); }

void DecodeBridgePort(const Attr& data, Out& out) {
  AttrTable<IFLA_BRPORT_MAX> tb(data);
  DecodeFields(tb, out, kPort);
}

// Request keys: flags (BRIDGE_FLAGS_SELF/MASTER, absent: the kernel's default, master), and vlans,
// a list of { vid, vidEnd?, flags } (BRIDGE_VLAN_INFO_*): a range goes as a RANGE_BEGIN/RANGE_END pair.
void EncodeBridgeAfSpec(MsgBuilder& b, const In& spec) {
  size_t nest = b.Nest(IFLA_AF_SPEC);
  if (spec.Has("flags")) b.PutU16(IFLA_BRIDGE_FLAGS, static_cast<uint16_t>(spec.U32("flags")));
  for (size_t i = 0, n = spec.Has("vlans") ? spec.Len("vlans") : 0; i < n; i++) {
    auto v = spec.At("vlans", i);
    bridge_vlan_info info{};
    info.flags = static_cast<uint16_t>(v->U32("flags"));
    info.vid = static_cast<uint16_t>(v->U32("vid"));
    if (v->Has("vidEnd") && v->U32("vidEnd") != info.vid) {
      bridge_vlan_info end = info;
      info.flags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
      end.flags |= BRIDGE_VLAN_INFO_RANGE_END;
      end.vid = static_cast<uint16_t>(v->U32("vidEnd"));
      b.Put(IFLA_BRIDGE_VLAN_INFO, &info, sizeof info);
      b.Put(IFLA_BRIDGE_VLAN_INFO, &end, sizeof end);
    } else {
      b.Put(IFLA_BRIDGE_VLAN_INFO, &info, sizeof info);
    }
  }
  b.End(nest);
}

void DecodeBridgeAfSpec(const Attr& spec, Out& out) {
  out.BeginList("vlans");
  bool inRange = false;
  ForEachAttr(spec, [&](uint16_t type, const Attr& a) {
    bridge_vlan_info info;
    if (type != IFLA_BRIDGE_VLAN_INFO || !a.Get(&info)) return;
    const uint16_t rangeBits = BRIDGE_VLAN_INFO_RANGE_BEGIN | BRIDGE_VLAN_INFO_RANGE_END;
    if (info.flags & BRIDGE_VLAN_INFO_RANGE_END) {
      // Closes the entry the RANGE_BEGIN opened; one without a beginning is dropped.
      if (!inRange) return;
      out.Num("vidEnd", info.vid);
      out.End();
      inRange = false;
      return;
    }
    if (inRange) out.End();  // a beginning without an end: a single vid
    out.BeginObject(nullptr);
    out.Num("vid", info.vid);
    out.Num("flags", info.flags & ~rangeBits);
    inRange = (info.flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) != 0;
    if (!inRange) out.End();
  });
  if (inRange) out.End();
  out.End();
}

}  // namespace rtnl
