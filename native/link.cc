// Links (ip link): RTM_NEWLINK/DELLINK/GETLINK requests and ifinfomsg decoding, with each link kind's
// IFLA_INFO_DATA in a table keyed by kind (as iproute2's struct link_util).
// The kinds whose data is plain attributes are declared as attribute-spec tables (attrspec.h).
// See: man 7 rtnetlink, <linux/if_link.h>, <linux/if_tunnel.h>, <linux/veth.h>, <linux/if_vlan.h>.
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/if_vlan.h>
#include <linux/version.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <linux/version.h>

#include <cstring>

#include "bridge.h"
#include "attrspec.h"
#include "codec.h"

namespace rtnl {
namespace {

// ---- kind-specific data -------------------------------------------------------------------------

void EncodeMacvlan(MsgBuilder& b, const In& d) {
  if (d.Has("mode")) b.PutU32(IFLA_MACVLAN_MODE, d.U32("mode"));
  if (d.Has("flags")) b.PutU16(IFLA_MACVLAN_FLAGS, static_cast<uint16_t>(d.U32("flags")));
  if (d.Has("bcQueueLen")) b.PutU32(IFLA_MACVLAN_BC_QUEUE_LEN, d.U32("bcQueueLen"));
  if (d.Has("macaddrMode")) {
    uint32_t mode = d.U32("macaddrMode");
    b.PutU32(IFLA_MACVLAN_MACADDR_MODE, mode);
    size_t n = d.Has("macs") ? d.Len("macs") : 0;
    if (mode == MACVLAN_MACADDR_SET) {
      size_t nest = b.Nest(IFLA_MACVLAN_MACADDR_DATA);
      for (size_t i = 0; i < n; i++) {
        auto mac = d.BytesAt("macs", i);
        b.Put(IFLA_MACVLAN_MACADDR, mac.data(), mac.size());
      }
      b.End(nest);
    } else if (n > 0) {  // add/del take one address each
      auto mac = d.BytesAt("macs", 0);
      b.Put(IFLA_MACVLAN_MACADDR, mac.data(), mac.size());
    }
  }
}

void DecodeMacvlan(const Attr& data, Out& out) {
  AttrTable<IFLA_MACVLAN_MAX> tb(data);
  uint32_t mode = 0;
  uint16_t flags = 0;
  if (tb[IFLA_MACVLAN_MODE].Get(&mode)) out.Num("mode", mode);
  tb[IFLA_MACVLAN_FLAGS].Get(&flags);
  out.Num("flags", flags);
  // Absent without IFLA_MACVLAN_MACADDR_DATA (TS makes the empty list: a JS literal is cheaper).
  if (tb[IFLA_MACVLAN_MACADDR_DATA].present()) {
    out.BeginList("macs");
    ForEachAttr(tb[IFLA_MACVLAN_MACADDR_DATA], [&](uint16_t type, const Attr& a) {
      if (type == IFLA_MACVLAN_MACADDR) out.Str(nullptr, FormatMac(a.data, a.len));
    });
    out.End();
  }
  uint32_t bc = 0;
  if (tb[IFLA_MACVLAN_BC_QUEUE_LEN].Get(&bc)) out.Num("bcQueueLen", bc);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 13, 0)
  if (tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED].Get(&bc)) out.Num("bcQueueLenUsed", bc);
#endif
}

void EncodeIpvlan(MsgBuilder& b, const In& d) {
  if (d.Has("mode")) b.PutU16(IFLA_IPVLAN_MODE, static_cast<uint16_t>(d.U32("mode")));
  if (d.Has("flags")) b.PutU16(IFLA_IPVLAN_FLAGS, static_cast<uint16_t>(d.U32("flags")));
}

void DecodeIpvlan(const Attr& data, Out& out) {
  AttrTable<IFLA_IPVLAN_MAX> tb(data);
  uint16_t mode = 0, flags = 0;
  tb[IFLA_IPVLAN_MODE].Get(&mode);
  tb[IFLA_IPVLAN_FLAGS].Get(&flags);
  out.Num("mode", mode);
  out.Num("flags", flags);
}

void EncodeQos(MsgBuilder& b, uint16_t type, const In& d, const char* key) {
  if (!d.Has(key)) return;
  size_t nest = b.Nest(type);
  for (size_t i = 0, n = d.Len(key); i < n; i++) {
    auto m = d.At(key, i);
    ifla_vlan_qos_mapping map{m->U32("from"), m->U32("to")};
    b.Put(IFLA_VLAN_QOS_MAPPING, &map, sizeof map);
  }
  b.End(nest);
}

void DecodeQos(const Attr& nest, Out& out, const char* key) {
  out.BeginList(key);
  ForEachAttr(nest, [&](uint16_t type, const Attr& a) {
    ifla_vlan_qos_mapping map;
    if (type != IFLA_VLAN_QOS_MAPPING || !a.Get(&map)) return;
    out.BeginObject(nullptr);
    out.Num("from", map.from);
    out.Num("to", map.to);
    out.End();
  });
  out.End();
}

void EncodeVlan(MsgBuilder& b, const In& d) {
  if (d.Has("id")) b.PutU16(IFLA_VLAN_ID, static_cast<uint16_t>(d.U32("id")));
  // IFLA_VLAN_PROTOCOL is big-endian on the wire (0x8100 / 0x88a8).
  if (d.Has("protocol")) b.PutU16(IFLA_VLAN_PROTOCOL, htons(static_cast<uint16_t>(d.U32("protocol"))));
  if (d.Has("mask")) {
    ifla_vlan_flags f{d.U32("flags"), d.U32("mask")};
    b.Put(IFLA_VLAN_FLAGS, &f, sizeof f);
  }
  EncodeQos(b, IFLA_VLAN_EGRESS_QOS, d, "egressQos");
  EncodeQos(b, IFLA_VLAN_INGRESS_QOS, d, "ingressQos");
}

void DecodeVlan(const Attr& data, Out& out) {
  AttrTable<IFLA_VLAN_MAX> tb(data);
  uint16_t id = 0, proto = htons(ETH_P_8021Q);
  ifla_vlan_flags f{0, 0};
  tb[IFLA_VLAN_ID].Get(&id);
  tb[IFLA_VLAN_PROTOCOL].Get(&proto);
  tb[IFLA_VLAN_FLAGS].Get(&f);
  out.Num("id", id);
  out.Num("protocol", ntohs(proto));
  out.Num("flags", f.flags);
  DecodeQos(tb[IFLA_VLAN_EGRESS_QOS], out, "egressQos");
  DecodeQos(tb[IFLA_VLAN_INGRESS_QOS], out, "ingressQos");
}

// ---- kinds declared as attribute tables -------------------------------------------------------
// Keys are what TypeScript names them (`ip -d -j link show`'s info_data keys, camelCased).
using K = AttrKind;

const AttrSpec kVxlan[] = {
    {"id", IFLA_VXLAN_ID, K::U32},
    {"group", IFLA_VXLAN_GROUP, K::Ip, IFLA_VXLAN_GROUP6},  // the remote or the multicast group
    {"link", IFLA_VXLAN_LINK, K::U32},
    {"local", IFLA_VXLAN_LOCAL, K::Ip, IFLA_VXLAN_LOCAL6},
    {"ttl", IFLA_VXLAN_TTL, K::U8},
    {"ttlInherit", IFLA_VXLAN_TTL_INHERIT, K::FlagU8},
    {"tos", IFLA_VXLAN_TOS, K::U8},
    {"df", IFLA_VXLAN_DF, K::U8},
    {"label", IFLA_VXLAN_LABEL, K::Be32},
    {"learning", IFLA_VXLAN_LEARNING, K::Bool8},
    {"ageing", IFLA_VXLAN_AGEING, K::U32},
    {"limit", IFLA_VXLAN_LIMIT, K::U32},
    {"portRange", IFLA_VXLAN_PORT_RANGE, K::PortRange},
    {"port", IFLA_VXLAN_PORT, K::Be16},
    {"proxy", IFLA_VXLAN_PROXY, K::Bool8},
    {"rsc", IFLA_VXLAN_RSC, K::Bool8},
    {"l2miss", IFLA_VXLAN_L2MISS, K::Bool8},
    {"l3miss", IFLA_VXLAN_L3MISS, K::Bool8},
    {"udpCsum", IFLA_VXLAN_UDP_CSUM, K::Bool8},
    {"udpZeroCsum6Tx", IFLA_VXLAN_UDP_ZERO_CSUM6_TX, K::Bool8},
    {"udpZeroCsum6Rx", IFLA_VXLAN_UDP_ZERO_CSUM6_RX, K::Bool8},
    {"gbp", IFLA_VXLAN_GBP, K::Flag},
    {"external", IFLA_VXLAN_COLLECT_METADATA, K::Bool8},
};

const AttrSpec kGeneve[] = {
    {"id", IFLA_GENEVE_ID, K::U32},
    {"remote", IFLA_GENEVE_REMOTE, K::Ip, IFLA_GENEVE_REMOTE6},
    {"ttl", IFLA_GENEVE_TTL, K::U8},
    {"ttlInherit", IFLA_GENEVE_TTL_INHERIT, K::Bool8},
    {"tos", IFLA_GENEVE_TOS, K::U8},
    {"df", IFLA_GENEVE_DF, K::U8},
    {"label", IFLA_GENEVE_LABEL, K::Be32},
    {"port", IFLA_GENEVE_PORT, K::Be16},
    {"external", IFLA_GENEVE_COLLECT_METADATA, K::Flag},
    {"udpCsum", IFLA_GENEVE_UDP_CSUM, K::Bool8},
    {"udpZeroCsum6Tx", IFLA_GENEVE_UDP_ZERO_CSUM6_TX, K::Bool8},
    {"udpZeroCsum6Rx", IFLA_GENEVE_UDP_ZERO_CSUM6_RX, K::Bool8},
};

// gre, gretap, ip6gre, ip6gretap. Keys and checksum/sequence bits travel in i/oflags (GRE_KEY...).
const AttrSpec kGre[] = {
    {"link", IFLA_GRE_LINK, K::U32},
    {"local", IFLA_GRE_LOCAL, K::Ip},
    {"remote", IFLA_GRE_REMOTE, K::Ip},
    {"iflags", IFLA_GRE_IFLAGS, K::Be16},
    {"oflags", IFLA_GRE_OFLAGS, K::Be16},
    {"ikey", IFLA_GRE_IKEY, K::Be32},
    {"okey", IFLA_GRE_OKEY, K::Be32},
    {"ttl", IFLA_GRE_TTL, K::U8},
    {"tos", IFLA_GRE_TOS, K::U8},
    {"pmtudisc", IFLA_GRE_PMTUDISC, K::Bool8},
    {"encapLimit", IFLA_GRE_ENCAP_LIMIT, K::U8},
    {"flowinfo", IFLA_GRE_FLOWINFO, K::Be32},
    {"flags", IFLA_GRE_FLAGS, K::U32},
    {"external", IFLA_GRE_COLLECT_METADATA, K::Flag},
};

// ipip, sit, ip6tnl (sit's IFLA_IPTUN_FLAGS is a u16, ip6tnl's a u32: only ip6tnl's is used).
const AttrSpec kIpip[] = {
    {"link", IFLA_IPTUN_LINK, K::U32},
    {"local", IFLA_IPTUN_LOCAL, K::Ip},
    {"remote", IFLA_IPTUN_REMOTE, K::Ip},
    {"ttl", IFLA_IPTUN_TTL, K::U8},
    {"tos", IFLA_IPTUN_TOS, K::U8},
    {"proto", IFLA_IPTUN_PROTO, K::U8},
    {"pmtudisc", IFLA_IPTUN_PMTUDISC, K::Bool8},
    {"external", IFLA_IPTUN_COLLECT_METADATA, K::Flag},
};
const AttrSpec kIp6tnl[] = {
    {"link", IFLA_IPTUN_LINK, K::U32},
    {"local", IFLA_IPTUN_LOCAL, K::Ip},
    {"remote", IFLA_IPTUN_REMOTE, K::Ip},
    {"ttl", IFLA_IPTUN_TTL, K::U8},
    {"proto", IFLA_IPTUN_PROTO, K::U8},
    {"encapLimit", IFLA_IPTUN_ENCAP_LIMIT, K::U8},
    {"flowinfo", IFLA_IPTUN_FLOWINFO, K::Be32},
    {"flags", IFLA_IPTUN_FLAGS, K::U32},
    {"external", IFLA_IPTUN_COLLECT_METADATA, K::Flag},
};

const AttrSpec kVrf[] = {{"table", IFLA_VRF_TABLE, K::U32}};

const AttrSpec kBond[] = {
    {"mode", IFLA_BOND_MODE, K::U8},
    {"activeSlave", IFLA_BOND_ACTIVE_SLAVE, K::U32},
    {"miimon", IFLA_BOND_MIIMON, K::U32},
    {"updelay", IFLA_BOND_UPDELAY, K::U32},
    {"downdelay", IFLA_BOND_DOWNDELAY, K::U32},
    {"peerNotifyDelay", IFLA_BOND_PEER_NOTIF_DELAY, K::U32},
    {"useCarrier", IFLA_BOND_USE_CARRIER, K::Bool8},
    {"arpInterval", IFLA_BOND_ARP_INTERVAL, K::U32},
    {"arpIpTarget", IFLA_BOND_ARP_IP_TARGET, K::IpList},
    {"arpValidate", IFLA_BOND_ARP_VALIDATE, K::U32},
    {"arpAllTargets", IFLA_BOND_ARP_ALL_TARGETS, K::U32},
    {"primary", IFLA_BOND_PRIMARY, K::U32},
    {"primaryReselect", IFLA_BOND_PRIMARY_RESELECT, K::U8},
    {"failOverMac", IFLA_BOND_FAIL_OVER_MAC, K::U8},
    {"xmitHashPolicy", IFLA_BOND_XMIT_HASH_POLICY, K::U8},
    {"resendIgmp", IFLA_BOND_RESEND_IGMP, K::U32},
    {"numPeerNotif", IFLA_BOND_NUM_PEER_NOTIF, K::U8},
    {"allSlavesActive", IFLA_BOND_ALL_SLAVES_ACTIVE, K::Bool8},
    {"minLinks", IFLA_BOND_MIN_LINKS, K::U32},
    {"lpInterval", IFLA_BOND_LP_INTERVAL, K::U32},
    {"packetsPerSlave", IFLA_BOND_PACKETS_PER_SLAVE, K::U32},
    {"adLacpRate", IFLA_BOND_AD_LACP_RATE, K::U8},
    {"adSelect", IFLA_BOND_AD_SELECT, K::U8},
    {"adActorSysPrio", IFLA_BOND_AD_ACTOR_SYS_PRIO, K::U16},
    {"adUserPortKey", IFLA_BOND_AD_USER_PORT_KEY, K::U16},
    {"adActorSystem", IFLA_BOND_AD_ACTOR_SYSTEM, K::Mac},
    {"tlbDynamicLb", IFLA_BOND_TLB_DYNAMIC_LB, K::Bool8},
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 15, 0)
    {"adLacpActive", IFLA_BOND_AD_LACP_ACTIVE, K::U8},
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 19, 0)  // enumerators: #ifdef cannot see them
    {"arpMissedMax", IFLA_BOND_MISSED_MAX, K::U8},
    {"nsIp6Target", IFLA_BOND_NS_IP6_TARGET, K::Ip6List},
#endif
};

// A bond port's data (IFLA_INFO_SLAVE_DATA of slave kind "bond").
const AttrSpec kBondPort[] = {
    {"state", IFLA_BOND_SLAVE_STATE, K::U8},
    {"miiStatus", IFLA_BOND_SLAVE_MII_STATUS, K::U8},
    {"linkFailureCount", IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, K::U32},
    {"permHwaddr", IFLA_BOND_SLAVE_PERM_HWADDR, K::Mac},
    {"queueId", IFLA_BOND_SLAVE_QUEUE_ID, K::U16},
    {"adAggregatorId", IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, K::U16},
    {"adActorOperPortState", IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, K::U8},
    {"adPartnerOperPortState", IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, K::U16},
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 0, 0)
    {"prio", IFLA_BOND_SLAVE_PRIO, K::S32},
#endif
};

// tun/tap devices are made with ioctls (native/tun.cc); rtnetlink reports them.
const AttrSpec kTun[] = {
    {"user", IFLA_TUN_OWNER, K::U32},
    {"group", IFLA_TUN_GROUP, K::U32},
    {"type", IFLA_TUN_TYPE, K::U8},
    {"pi", IFLA_TUN_PI, K::Bool8},
    {"vnetHdr", IFLA_TUN_VNET_HDR, K::Bool8},
    {"persist", IFLA_TUN_PERSIST, K::Bool8},
    {"multiQueue", IFLA_TUN_MULTI_QUEUE, K::Bool8},
    {"numqueues", IFLA_TUN_NUM_QUEUES, K::U32},
    {"numdisabled", IFLA_TUN_NUM_DISABLED_QUEUES, K::U32},
};

// ---- the kind table -----------------------------------------------------------------------------

struct Kind {
  const char* name;
  const char* key;  // where the request and the decoded link carry the kind's details
  void (*encode)(MsgBuilder&, const In&);
  void (*decode)(const Attr&, Out&);
  AttrSpecs attrs{};  // instead of encode/decode: the kind's attribute table
};

const Kind kKinds[] = {
    {"macvlan", "macvlan", EncodeMacvlan, DecodeMacvlan},
    {"macvtap", "macvtap", EncodeMacvlan, DecodeMacvlan},
    {"ipvlan", "ipvlan", EncodeIpvlan, DecodeIpvlan},
    {"ipvtap", "ipvtap", EncodeIpvlan, DecodeIpvlan},
    {"vlan", "vlan", EncodeVlan, DecodeVlan},
    {"bridge", "bridge", EncodeBridge, DecodeBridge},
    {"vxlan", "vxlan", nullptr, nullptr, Specs(kVxlan)},
    {"geneve", "geneve", nullptr, nullptr, Specs(kGeneve)},
    {"gre", "gre", nullptr, nullptr, Specs(kGre)},
    {"gretap", "gretap", nullptr, nullptr, Specs(kGre)},
    {"ip6gre", "ip6gre", nullptr, nullptr, Specs(kGre)},
    {"ip6gretap", "ip6gretap", nullptr, nullptr, Specs(kGre)},
    {"ipip", "ipip", nullptr, nullptr, Specs(kIpip)},
    {"sit", "sit", nullptr, nullptr, Specs(kIpip)},
    {"ip6tnl", "ip6tnl", nullptr, nullptr, Specs(kIp6tnl)},
    {"vrf", "vrf", nullptr, nullptr, Specs(kVrf)},
    {"bond", "bond", nullptr, nullptr, Specs(kBond)},
    {"tun", "tun", nullptr, nullptr, Specs(kTun)},
};

// Port kinds: what a master's port carries (IFLA_INFO_SLAVE_KIND/_DATA), keyed by the master's kind.
const Kind kPortKinds[] = {
    {"bridge", "bridgePort", EncodeBridgePort, DecodeBridgePort},
    {"bond", "bondPort", nullptr, nullptr, Specs(kBondPort)},
};

template <size_t N>
const Kind* Find(const Kind (&table)[N], std::string_view name) {
  for (const auto& k : table)
    if (name == k.name) return &k;
  return nullptr;
}

void EncodeKind(MsgBuilder& b, const Kind& k, const In& d) {
  if (k.encode) k.encode(b, d);
  else EncodeAttrs(b, k.attrs, d);
}

void DecodeKind(const Attr& data, const Kind& k, Out& out) {
  out.BeginObject(k.key);
  if (k.decode) k.decode(data, out);
  else DecodeAttrs(data, k.attrs, out);
  out.End();
}

// ---- statistics ---------------------------------------------------------------------------------

// IFLA_STATS64 (struct rtnl_link_stats64), named as `ip -s -s -j link` names the counters. Older
// kernels send a shorter struct: a counter past the attribute's end is left out.
void DecodeStats(const Attr& a, const Attr& carrierChanges, Out& out) {
  struct Counter {
    const char* key;
    size_t offset;
  };
#define S(key, field) {key, offsetof(rtnl_link_stats64, field)}
  static const Counter rx[] = {
      S("bytes", rx_bytes), S("packets", rx_packets), S("errors", rx_errors), S("dropped", rx_dropped),
      S("overErrors", rx_over_errors), S("multicast", multicast), S("lengthErrors", rx_length_errors),
      S("crcErrors", rx_crc_errors), S("frameErrors", rx_frame_errors), S("fifoErrors", rx_fifo_errors),
      S("missedErrors", rx_missed_errors), S("compressed", rx_compressed), S("nohandler", rx_nohandler),
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 0, 0)
      S("otherhostDropped", rx_otherhost_dropped),
#endif
  };
  static const Counter tx[] = {
      S("bytes", tx_bytes), S("packets", tx_packets), S("errors", tx_errors), S("dropped", tx_dropped),
      S("carrierErrors", tx_carrier_errors), S("collisions", collisions), S("abortedErrors", tx_aborted_errors),
      S("fifoErrors", tx_fifo_errors), S("windowErrors", tx_window_errors), S("heartbeatErrors", tx_heartbeat_errors),
      S("compressed", tx_compressed),
  };
#undef S
  auto put = [&](const Counter& c) {
    uint64_t v;
    if (c.offset + sizeof v > a.len) return;
    std::memcpy(&v, a.data + c.offset, sizeof v);
    out.Num(c.key, static_cast<double>(v));
  };
  out.BeginObject("stats");
  out.BeginObject("rx");
  for (const auto& c : rx) put(c);
  out.End();
  out.BeginObject("tx");
  for (const auto& c : tx) put(c);
  uint32_t changes;
  if (carrierChanges.Get(&changes)) out.Num("carrierChanges", changes);
  out.End();
  out.End();
}

// ---- the link message ---------------------------------------------------------------------------

void EncodeIfinfo(ifinfomsg* ifi, const In& req) {
  ifi->ifi_family = req.Has("family") ? static_cast<unsigned char>(req.U32("family")) : AF_UNSPEC;
  if (req.Has("index")) ifi->ifi_index = req.S32("index");
  if (req.Has("flags")) ifi->ifi_flags = req.U32("flags");
  if (req.Has("change")) ifi->ifi_change = req.U32("change");
}

void EncodeLinkAttrs(MsgBuilder& b, const In& req) {
  if (req.Has("name")) b.PutStr(IFLA_IFNAME, req.Str("name"));
  if (req.Has("mtu")) b.PutU32(IFLA_MTU, req.U32("mtu"));
  if (req.Has("txQueueLen")) b.PutU32(IFLA_TXQLEN, req.U32("txQueueLen"));
  if (req.Has("group")) b.PutU32(IFLA_GROUP, req.U32("group"));
  if (req.Has("address")) {
    auto mac = req.Bytes("address");
    b.Put(IFLA_ADDRESS, mac.data(), mac.size());
  }
  if (req.Has("broadcast")) {
    auto mac = req.Bytes("broadcast");
    b.Put(IFLA_BROADCAST, mac.data(), mac.size());
  }
  if (req.Has("alias")) {  // an empty alias clears it: sent without a NUL, as iproute2 does
    auto alias = req.Str("alias");
    b.Put(IFLA_IFALIAS, alias.data(), alias.size());
  }
  if (req.Has("master")) b.PutU32(IFLA_MASTER, req.U32("master"));
  if (req.Has("parent")) b.PutU32(IFLA_LINK, req.U32("parent"));
  if (req.Has("netnsFd")) b.PutU32(IFLA_NET_NS_FD, req.U32("netnsFd"));
  if (req.Has("netnsPid")) b.PutU32(IFLA_NET_NS_PID, req.U32("netnsPid"));
  if (req.Has("extMask")) b.PutU32(IFLA_EXT_MASK, req.U32("extMask"));
  if (req.Has("bridgeAfSpec")) EncodeBridgeAfSpec(b, *req.Obj("bridgeAfSpec"));
  if (req.Has("numTxQueues")) b.PutU32(IFLA_NUM_TX_QUEUES, req.U32("numTxQueues"));
  if (req.Has("numRxQueues")) b.PutU32(IFLA_NUM_RX_QUEUES, req.U32("numRxQueues"));
  if (req.Has("gsoMaxSize")) b.PutU32(IFLA_GSO_MAX_SIZE, req.U32("gsoMaxSize"));
  if (req.Has("gsoMaxSegs")) b.PutU32(IFLA_GSO_MAX_SEGS, req.U32("gsoMaxSegs"));
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 16, 0)
  if (req.Has("groMaxSize")) b.PutU32(IFLA_GRO_MAX_SIZE, req.U32("groMaxSize"));
#endif
  // A lookup by alternative name (up to ALTIFNAMSIZ; IFLA_IFNAME takes only IFNAMSIZ).
  if (req.Has("altName")) b.PutStr(IFLA_ALT_IFNAME, req.Str("altName"));
  // RTM_NEWLINKPROP/DELLINKPROP: the alternative names to add or delete.
  if (req.Has("altNames")) {
    size_t list = b.Nest(IFLA_PROP_LIST);
    for (size_t i = 0, n = req.Len("altNames"); i < n; i++) {
      auto name = req.BytesAt("altNames", i);
      name.push_back(0);
      b.Put(IFLA_ALT_IFNAME, name.data(), name.size());
    }
    b.End(list);
  }
  if (req.Has("afSpec")) {
    // Per-family settings (RTM_NEWLINK on an existing link): IFLA_INET_CONF takes one attribute per
    // setting, typed by its IPV4_DEVCONF_* index; IPv6 only addr_gen_mode and the token.
    auto af = req.Obj("afSpec");
    size_t spec = b.Nest(IFLA_AF_SPEC);
    if (af->Has("inet")) {
      size_t inet = b.Nest(AF_INET);
      size_t conf = b.Nest(IFLA_INET_CONF);
      for (size_t i = 0, n = af->Len("inet"); i < n; i++) {
        auto kv = af->At("inet", i);
        b.PutU32(static_cast<uint16_t>(kv->U32("id")), static_cast<uint32_t>(kv->S32("value")));
      }
      b.End(conf);
      b.End(inet);
    }
    if (af->Has("inet6")) {
      auto v6 = af->Obj("inet6");
      size_t inet6 = b.Nest(AF_INET6);
      if (v6->Has("addrGenMode")) b.PutU8(IFLA_INET6_ADDR_GEN_MODE, static_cast<uint8_t>(v6->U32("addrGenMode")));
      if (v6->Has("token")) {
        auto token = v6->Bytes("token");
        b.Put(IFLA_INET6_TOKEN, token.data(), token.size());
      }
      b.End(inet6);
    }
    b.End(spec);
  }
  // A port's options (`ip link set PORT type bond_slave ...`) name the master's kind, not the port's.
  const Kind* port = nullptr;
  for (const auto& p : kPortKinds)
    if (req.Has(p.key)) port = &p;
  if (req.Has("kind") || port) {
    size_t info = b.Nest(IFLA_LINKINFO);
    std::string kindName = req.Has("kind") ? req.Str("kind") : std::string();
    if (!kindName.empty()) b.PutStr(IFLA_INFO_KIND, kindName);
    if (kindName == "veth" && req.Has("peer")) {
      size_t data = b.Nest(IFLA_INFO_DATA);
      size_t peer = b.Nest(VETH_INFO_PEER);
      auto p = req.Obj("peer");
      ifinfomsg ifi{};
      EncodeIfinfo(&ifi, *p);
      b.PutRaw(&ifi, sizeof ifi);
      EncodeLinkAttrs(b, *p);
      b.End(peer);
      b.End(data);
    } else if (const Kind* k = Find(kKinds, kindName); k && req.Has(k->key)) {
      size_t data = b.Nest(IFLA_INFO_DATA);
      EncodeKind(b, *k, *req.Obj(k->key));
      b.End(data);
    }
    if (port) {
      b.PutStr(IFLA_INFO_SLAVE_KIND, port->name);
      size_t data = b.Nest(IFLA_INFO_SLAVE_DATA);
      EncodeKind(b, *port, *req.Obj(port->key));
      b.End(data);
    }
    b.End(info);
  }
}

void EncodeLink(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* ifi = b.Begin<ifinfomsg>(type, flags);
  EncodeIfinfo(ifi, req);
  EncodeLinkAttrs(b, req);
}

bool DecodeLink(const nlmsghdr* nlh, Out& out) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) return false;
  ifinfomsg ifi;
  std::memcpy(&ifi, NLMSG_DATA(nlh), sizeof ifi);
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<IFLA_MAX> tb(base + AttrOffset(sizeof ifi), nlh->nlmsg_len - AttrOffset(sizeof ifi));

  out.Num("index", ifi.ifi_index);
  out.Str("name", tb[IFLA_IFNAME].Str());
  // The IFF_* bits as one number: TS names them (a dump of 5000 links would otherwise set 55,000
  // boolean properties through N-API, a third of its decoding time).
  out.Num("flags", ifi.ifi_flags);
  uint8_t oper = IF_OPER_UNKNOWN;
  tb[IFLA_OPERSTATE].Get(&oper);
  out.Num("operState", oper);
  uint32_t u = 0;
  out.Num("mtu", tb[IFLA_MTU].Get(&u) ? u : 0);
  // IP tunnels (ipip, sit, gre, ip6tnl, ip6gre) have their endpoints as link-layer addresses.
  auto hwaddr = [&](const Attr& a) {
    bool ip = ifi.ifi_type == ARPHRD_TUNNEL || ifi.ifi_type == ARPHRD_SIT || ifi.ifi_type == ARPHRD_IPGRE ||
              ifi.ifi_type == ARPHRD_TUNNEL6 || ifi.ifi_type == ARPHRD_IP6GRE;
    if (ip && (a.len == 4 || a.len == 16)) return FormatIp(a.len == 4 ? AF_INET : AF_INET6, a);
    return FormatMac(a.data, a.len);
  };
  if (tb[IFLA_ADDRESS].len) out.Str("address", hwaddr(tb[IFLA_ADDRESS]));
  if (tb[IFLA_BROADCAST].len) out.Word("broadcast", hwaddr(tb[IFLA_BROADCAST]));
  u = 0;
  out.Num("txQueueLen", tb[IFLA_TXQLEN].Get(&u) ? u : 0);
  u = 0;
  out.Num("promiscuity", tb[IFLA_PROMISCUITY].Get(&u) ? u : 0);
  u = 0;
  out.Num("group", tb[IFLA_GROUP].Get(&u) ? u : 0);
  if (tb[IFLA_IFALIAS].len) out.Str("alias", tb[IFLA_IFALIAS].Str());
  if (tb[IFLA_MIN_MTU].Get(&u)) out.Num("minMtu", u);
  if (tb[IFLA_MAX_MTU].Get(&u)) out.Num("maxMtu", u);
  if (tb[IFLA_NUM_TX_QUEUES].Get(&u)) out.Num("numTxQueues", u);
  if (tb[IFLA_NUM_RX_QUEUES].Get(&u)) out.Num("numRxQueues", u);
  if (tb[IFLA_GSO_MAX_SIZE].Get(&u)) out.Num("gsoMaxSize", u);
  if (tb[IFLA_GSO_MAX_SEGS].Get(&u)) out.Num("gsoMaxSegs", u);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 19, 0)
  if (tb[IFLA_GRO_MAX_SIZE].Get(&u)) out.Num("groMaxSize", u);
  if (tb[IFLA_TSO_MAX_SIZE].Get(&u)) out.Num("tsoMaxSize", u);
  if (tb[IFLA_TSO_MAX_SEGS].Get(&u)) out.Num("tsoMaxSegs", u);
#endif
  if (tb[IFLA_PROP_LIST].present()) {
    out.BeginList("altNames");
    ForEachAttr(tb[IFLA_PROP_LIST], [&](uint16_t type, const Attr& a) {
      if (type == IFLA_ALT_IFNAME) out.Str(nullptr, a.Str());
    });
    out.End();
  }
  if (out.stats && tb[IFLA_STATS64].present()) DecodeStats(tb[IFLA_STATS64], tb[IFLA_CARRIER_CHANGES], out);
  // IFLA_LINK equal to the link's own index means "no parent" (older kernels send it so for physical
  // devices), but only within one namespace: a veth or macvlan whose peer or parent lives in another
  // namespace (IFLA_LINK_NETNSID) may well have the same index there.
  int32_t nsid;
  bool otherNs = tb[IFLA_LINK_NETNSID].Get(&nsid);
  if (tb[IFLA_LINK].Get(&u) && u != 0 && (otherNs || static_cast<int>(u) != ifi.ifi_index)) out.Num("parentIndex", u);
  if (tb[IFLA_MASTER].Get(&u) && u) out.Num("masterIndex", u);
  if (otherNs) out.Num("linkNetnsId", nsid);

  AttrTable<IFLA_INFO_MAX> info(tb[IFLA_LINKINFO]);
  if (info[IFLA_INFO_KIND].present()) {
    std::string_view kind = info[IFLA_INFO_KIND].Str();
    out.Word("kind", kind);
    if (const Kind* k = Find(kKinds, kind)) DecodeKind(info[IFLA_INFO_DATA], *k, out);
  }
  if (info[IFLA_INFO_SLAVE_KIND].present()) {
    std::string_view kind = info[IFLA_INFO_SLAVE_KIND].Str();
    out.Word("slaveKind", kind);
    if (const Kind* k = Find(kPortKinds, kind); k && info[IFLA_INFO_SLAVE_DATA].present())
      DecodeKind(info[IFLA_INFO_SLAVE_DATA], *k, out);
  }

  // AF_BRIDGE messages (bridge vlan): IFLA_AF_SPEC holds IFLA_BRIDGE_* attributes, not families.
  if (ifi.ifi_family == AF_BRIDGE) {
    out.Num("family", AF_BRIDGE);
    if (tb[IFLA_AF_SPEC].present()) DecodeBridgeAfSpec(tb[IFLA_AF_SPEC], out);
    return true;
  }

  // IFLA_AF_SPEC: per-family settings. The devconf arrays go to TS as raw bytes, named there from the
  // IPV4_DEVCONF_*/DEVCONF_* constants: a number per setting through N-API would cost more than
  // the rest of the link.
  ForEachAttr(tb[IFLA_AF_SPEC], [&](uint16_t family, const Attr& a) {
    if (family == AF_INET) {
      AttrTable<IFLA_INET_MAX> t(a);
      if (t[IFLA_INET_CONF].len) out.Bytes("inet", t[IFLA_INET_CONF].data, t[IFLA_INET_CONF].len);
    } else if (family == AF_INET6) {
      AttrTable<IFLA_INET6_MAX> t(a);
      out.BeginObject("inet6");
      if (t[IFLA_INET6_CONF].len) out.Bytes("conf", t[IFLA_INET6_CONF].data, t[IFLA_INET6_CONF].len);
      uint8_t mode;
      if (t[IFLA_INET6_ADDR_GEN_MODE].Get(&mode)) out.Num("addrGenMode", mode);
      if (t[IFLA_INET6_TOKEN].len == 16) out.Str("token", FormatIp(AF_INET6, t[IFLA_INET6_TOKEN]));
      out.End();
    }
  });
  return true;
}

}  // namespace

const Family kLinkFamily{EncodeLink, DecodeLink};

bool LinkRequestWantsStats(const uint8_t* msg, size_t len) {
  nlmsghdr nlh;
  if (len < NLMSG_LENGTH(sizeof(ifinfomsg))) return true;
  std::memcpy(&nlh, msg, sizeof nlh);
  if (nlh.nlmsg_type != RTM_GETLINK || nlh.nlmsg_len > len || nlh.nlmsg_len < NLMSG_LENGTH(sizeof(ifinfomsg))) return true;
  AttrTable<IFLA_MAX> tb(msg + AttrOffset(sizeof(ifinfomsg)), nlh.nlmsg_len - AttrOffset(sizeof(ifinfomsg)));
  uint32_t mask = 0;
  return !(tb[IFLA_EXT_MASK].Get(&mask) && (mask & RTEXT_FILTER_SKIP_STATS));
}

}  // namespace rtnl
