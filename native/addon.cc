// The addon's export table: the Socket class, the kernel constants TypeScript needs (taken from the
// UAPI headers, never copied by hand), and the namespace operations.
// See: src/binding.ts for the typed interface of these exports.
#include <arpa/inet.h>
#include <linux/fib_rules.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_bonding.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/if_tunnel.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip6_tunnel.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/version.h>
#include <sys/socket.h>

#include <memory>

#include "glue.h"
#include "netns.h"
#include "nswork.h"

// <arpa/inet.h> brings glibc's IPPROTO_* enum, which hides <linux/in.h>'s; glibc before 2.22 (the
// prebuilds' 2.17 sysroot) has no IPPROTO_MPLS. 137 is the protocol number IANA gave MPLS-in-IP.
#ifndef IPPROTO_MPLS
#define IPPROTO_MPLS 137
#endif

namespace rtnl {

void ThrowSystemError(Napi::Env env, int err, const char* syscall, const std::string& path) {
  throw Napi::Error(env, SystemErrorValue(env, err, syscall, path));
}

namespace {

Napi::Object Constants(Napi::Env env) {
  Napi::Object c = Napi::Object::New(env);
#define K(name) c.Set(#name, Napi::Number::New(env, static_cast<double>(name)))
  // message types and flags
  K(RTM_NEWLINK); K(RTM_DELLINK); K(RTM_GETLINK); K(RTM_SETLINK); K(RTM_NEWLINKPROP); K(RTM_DELLINKPROP);
  K(RTM_NEWADDR); K(RTM_DELADDR); K(RTM_GETADDR);
  K(RTM_NEWROUTE); K(RTM_DELROUTE); K(RTM_GETROUTE);
  K(RTM_NEWNEIGH); K(RTM_DELNEIGH); K(RTM_GETNEIGH);
  K(RTM_NEWRULE); K(RTM_DELRULE); K(RTM_GETRULE);
  K(RTM_NEWNSID); K(RTM_GETNSID);
  K(NLM_F_REQUEST); K(NLM_F_ACK); K(NLM_F_ECHO); K(NLM_F_DUMP);
  K(NLM_F_CREATE); K(NLM_F_EXCL); K(NLM_F_REPLACE); K(NLM_F_APPEND);
  K(AF_UNSPEC); K(AF_INET); K(AF_INET6); K(AF_BRIDGE);
  // links
  K(IFF_UP); K(IFF_PROMISC); K(IFF_ALLMULTI); K(IFF_NOARP); K(IFF_MULTICAST);
  K(IFF_RUNNING); K(IFF_LOWER_UP); K(IFF_BROADCAST); K(IFF_LOOPBACK); K(IFF_POINTOPOINT); K(IFF_DORMANT);
  K(IF_OPER_UNKNOWN); K(IF_OPER_NOTPRESENT); K(IF_OPER_DOWN); K(IF_OPER_LOWERLAYERDOWN);
  K(IF_OPER_TESTING); K(IF_OPER_DORMANT); K(IF_OPER_UP);
  K(RTEXT_FILTER_VF); K(RTEXT_FILTER_SKIP_STATS);
  K(MACVLAN_MODE_PRIVATE); K(MACVLAN_MODE_VEPA); K(MACVLAN_MODE_BRIDGE); K(MACVLAN_MODE_PASSTHRU);
  K(MACVLAN_MODE_SOURCE); K(MACVLAN_FLAG_NOPROMISC);
  K(MACVLAN_MACADDR_ADD); K(MACVLAN_MACADDR_DEL); K(MACVLAN_MACADDR_FLUSH); K(MACVLAN_MACADDR_SET);
  K(IPVLAN_MODE_L2); K(IPVLAN_MODE_L3); K(IPVLAN_MODE_L3S); K(IPVLAN_F_PRIVATE); K(IPVLAN_F_VEPA);
  K(VLAN_FLAG_REORDER_HDR); K(VLAN_FLAG_GVRP); K(VLAN_FLAG_LOOSE_BINDING); K(VLAN_FLAG_MVRP);
  K(VLAN_FLAG_BRIDGE_BINDING); K(ETH_P_8021Q); K(ETH_P_8021AD);
  K(RTEXT_FILTER_BRVLAN); K(RTEXT_FILTER_BRVLAN_COMPRESSED);
  // bridges (ip link ... type bridge, bridge vlan, bridge fdb)
  K(BR_STATE_DISABLED); K(BR_STATE_LISTENING); K(BR_STATE_LEARNING); K(BR_STATE_FORWARDING); K(BR_STATE_BLOCKING);
  K(BRIDGE_FLAGS_MASTER); K(BRIDGE_FLAGS_SELF);
  K(BRIDGE_VLAN_INFO_MASTER); K(BRIDGE_VLAN_INFO_PVID); K(BRIDGE_VLAN_INFO_UNTAGGED); K(BRIDGE_VLAN_INFO_BRENTRY);
  K(BOND_MODE_ROUNDROBIN); K(BOND_MODE_ACTIVEBACKUP); K(BOND_MODE_XOR); K(BOND_MODE_BROADCAST);
  K(BOND_MODE_8023AD); K(BOND_MODE_TLB); K(BOND_MODE_ALB);
  K(BOND_XMIT_POLICY_LAYER2); K(BOND_XMIT_POLICY_LAYER34); K(BOND_XMIT_POLICY_LAYER23);
  K(BOND_XMIT_POLICY_ENCAP23); K(BOND_XMIT_POLICY_ENCAP34);
#ifdef BOND_XMIT_POLICY_VLAN_SRCMAC
  K(BOND_XMIT_POLICY_VLAN_SRCMAC);
#endif
  K(BOND_STATE_ACTIVE); K(BOND_STATE_BACKUP);
  K(BOND_LINK_UP); K(BOND_LINK_FAIL); K(BOND_LINK_DOWN); K(BOND_LINK_BACK);
  K(VXLAN_DF_UNSET); K(VXLAN_DF_SET); K(VXLAN_DF_INHERIT);
  K(GENEVE_DF_UNSET); K(GENEVE_DF_SET); K(GENEVE_DF_INHERIT);
  K(IPPROTO_IPIP); K(IPPROTO_IPV6); K(IPPROTO_MPLS);
  K(IP6_TNL_F_IGN_ENCAP_LIMIT); K(IPV6_FLOWINFO_FLOWLABEL); K(IPV6_FLOWINFO_PRIORITY);
  K(IFF_TUN); K(IFF_TAP); K(IFF_TUN_EXCL); K(IFF_NO_PI); K(IFF_VNET_HDR); K(IFF_MULTI_QUEUE);
  // GRE_* are big-endian in the header; the addon decodes IFLA_GRE_I/OFLAGS to host order.
  c.Set("GRE_CSUM", Napi::Number::New(env, ntohs(GRE_CSUM)));
  c.Set("GRE_KEY", Napi::Number::New(env, ntohs(GRE_KEY)));
  c.Set("GRE_SEQ", Napi::Number::New(env, ntohs(GRE_SEQ)));
  K(RTNLGRP_LINK); K(RTNLGRP_NEIGH); K(RTNLGRP_IPV4_IFADDR); K(RTNLGRP_IPV6_IFADDR);
  K(RTNLGRP_IPV4_ROUTE); K(RTNLGRP_IPV6_ROUTE); K(RTNLGRP_IPV4_RULE); K(RTNLGRP_IPV6_RULE);
  K(IFNAMSIZ); K(IFALIASZ); K(ETH_ALEN); K(ALTIFNAMSIZ);
  // addresses
  K(IFA_F_SECONDARY); K(IFA_F_NODAD); K(IFA_F_OPTIMISTIC); K(IFA_F_DADFAILED); K(IFA_F_HOMEADDRESS);
  K(IFA_F_DEPRECATED); K(IFA_F_TENTATIVE); K(IFA_F_PERMANENT); K(IFA_F_MANAGETEMPADDR); K(IFA_F_NOPREFIXROUTE);
#ifdef IFAPROT_UNSPEC
  K(IFAPROT_UNSPEC); K(IFAPROT_KERNEL_LO); K(IFAPROT_KERNEL_RA); K(IFAPROT_KERNEL_LL);
#endif
  // routes
  K(RT_SCOPE_UNIVERSE); K(RT_SCOPE_SITE); K(RT_SCOPE_LINK); K(RT_SCOPE_HOST); K(RT_SCOPE_NOWHERE);
  K(RT_TABLE_UNSPEC); K(RT_TABLE_DEFAULT); K(RT_TABLE_MAIN); K(RT_TABLE_LOCAL);
  K(RTN_UNSPEC); K(RTN_UNICAST); K(RTN_LOCAL); K(RTN_BROADCAST); K(RTN_ANYCAST); K(RTN_MULTICAST);
  K(RTN_BLACKHOLE); K(RTN_UNREACHABLE); K(RTN_PROHIBIT); K(RTN_THROW); K(RTN_NAT); K(RTN_XRESOLVE);
  K(RTPROT_UNSPEC); K(RTPROT_REDIRECT); K(RTPROT_KERNEL); K(RTPROT_BOOT); K(RTPROT_STATIC);
  K(RTPROT_GATED); K(RTPROT_RA); K(RTPROT_MRT); K(RTPROT_ZEBRA); K(RTPROT_BIRD); K(RTPROT_DNROUTED);
  K(RTPROT_XORP); K(RTPROT_NTK); K(RTPROT_DHCP); K(RTPROT_MROUTED);
#ifdef RTPROT_KEEPALIVED
  K(RTPROT_KEEPALIVED);
#endif
#ifdef RTPROT_BABEL
  K(RTPROT_BABEL);
#endif
#ifdef RTPROT_OPENR
  K(RTPROT_OPENR);
#endif
#ifdef RTPROT_BGP
  K(RTPROT_BGP); K(RTPROT_ISIS); K(RTPROT_OSPF); K(RTPROT_RIP); K(RTPROT_EIGRP);
#endif
  K(RTNH_F_ONLINK); K(RTM_F_CLONED); K(RTM_F_FIB_MATCH); K(RTAX_MTU); K(RTAX_RTO_MIN);
  // policy routing rules
  K(FR_ACT_TO_TBL); K(FR_ACT_GOTO); K(FR_ACT_NOP); K(FR_ACT_BLACKHOLE); K(FR_ACT_UNREACHABLE); K(FR_ACT_PROHIBIT);
  K(FIB_RULE_INVERT);
  // neighbours
  K(NUD_INCOMPLETE); K(NUD_REACHABLE); K(NUD_STALE); K(NUD_DELAY); K(NUD_PROBE); K(NUD_FAILED);
  K(NUD_NOARP); K(NUD_PERMANENT); K(NUD_NONE);
  K(NTF_USE); K(NTF_SELF); K(NTF_MASTER); K(NTF_PROXY); K(NTF_ROUTER); K(NTF_EXT_LEARNED); K(NTF_OFFLOADED);
#ifdef NTF_STICKY
  K(NTF_STICKY);
#endif
  // per-link IPv4/IPv6 settings (IFLA_INET_CONF indexes, IFLA_INET6_CONF indexes, addr_gen_mode)
  K(IPV4_DEVCONF_ACCEPT_LOCAL); K(IPV4_DEVCONF_ACCEPT_REDIRECTS); K(IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE);
  K(IPV4_DEVCONF_ARPFILTER); K(IPV4_DEVCONF_ARP_ACCEPT); K(IPV4_DEVCONF_ARP_ANNOUNCE);
  K(IPV4_DEVCONF_ARP_IGNORE); K(IPV4_DEVCONF_ARP_NOTIFY);
  K(IPV4_DEVCONF_BC_FORWARDING); K(IPV4_DEVCONF_BOOTP_RELAY); K(IPV4_DEVCONF_DROP_GRATUITOUS_ARP);
  K(IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST); K(IPV4_DEVCONF_FORCE_IGMP_VERSION);
  K(IPV4_DEVCONF_FORWARDING); K(IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL);
  K(IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL); K(IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN);
  K(IPV4_DEVCONF_LOG_MARTIANS); K(IPV4_DEVCONF_MC_FORWARDING); K(IPV4_DEVCONF_MEDIUM_ID);
  K(IPV4_DEVCONF_NOPOLICY); K(IPV4_DEVCONF_NOXFRM); K(IPV4_DEVCONF_PROMOTE_SECONDARIES);
  K(IPV4_DEVCONF_PROXY_ARP); K(IPV4_DEVCONF_PROXY_ARP_PVLAN); K(IPV4_DEVCONF_ROUTE_LOCALNET);
  K(IPV4_DEVCONF_RP_FILTER); K(IPV4_DEVCONF_SECURE_REDIRECTS); K(IPV4_DEVCONF_SEND_REDIRECTS);
  K(IPV4_DEVCONF_SHARED_MEDIA); K(IPV4_DEVCONF_SRC_VMARK); K(IPV4_DEVCONF_TAG);
  K(DEVCONF_FORWARDING); K(DEVCONF_HOPLIMIT); K(DEVCONF_MTU6); K(DEVCONF_ACCEPT_RA);
  K(DEVCONF_ACCEPT_REDIRECTS); K(DEVCONF_AUTOCONF); K(DEVCONF_DAD_TRANSMITS); K(DEVCONF_RTR_SOLICITS);
  K(DEVCONF_RTR_SOLICIT_INTERVAL); K(DEVCONF_RTR_SOLICIT_DELAY); K(DEVCONF_USE_TEMPADDR);
  K(DEVCONF_TEMP_VALID_LFT); K(DEVCONF_TEMP_PREFERED_LFT); K(DEVCONF_REGEN_MAX_RETRY);
  K(DEVCONF_MAX_DESYNC_FACTOR); K(DEVCONF_MAX_ADDRESSES); K(DEVCONF_FORCE_MLD_VERSION);
  K(DEVCONF_ACCEPT_RA_DEFRTR); K(DEVCONF_ACCEPT_RA_PINFO); K(DEVCONF_ACCEPT_RA_RTR_PREF);
  K(DEVCONF_RTR_PROBE_INTERVAL); K(DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN); K(DEVCONF_PROXY_NDP);
  K(DEVCONF_OPTIMISTIC_DAD); K(DEVCONF_ACCEPT_SOURCE_ROUTE); K(DEVCONF_MC_FORWARDING);
  K(DEVCONF_DISABLE_IPV6); K(DEVCONF_ACCEPT_DAD); K(DEVCONF_FORCE_TLLAO); K(DEVCONF_NDISC_NOTIFY);
  K(DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL); K(DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL);
  K(DEVCONF_SUPPRESS_FRAG_NDISC); K(DEVCONF_ACCEPT_RA_FROM_LOCAL); K(DEVCONF_USE_OPTIMISTIC);
  K(DEVCONF_ACCEPT_RA_MTU); K(DEVCONF_STABLE_SECRET); K(DEVCONF_USE_OIF_ADDRS_ONLY);
  K(DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT); K(DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN);
  K(DEVCONF_DROP_UNICAST_IN_L2_MULTICAST); K(DEVCONF_DROP_UNSOLICITED_NA); K(DEVCONF_KEEP_ADDR_ON_DOWN);
  K(DEVCONF_RTR_SOLICIT_MAX_INTERVAL); K(DEVCONF_SEG6_ENABLED); K(DEVCONF_SEG6_REQUIRE_HMAC);
  K(DEVCONF_ENHANCED_DAD); K(DEVCONF_ADDR_GEN_MODE); K(DEVCONF_DISABLE_POLICY);
  K(DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN); K(DEVCONF_NDISC_TCLASS);
  // DEVCONF_* are enumerators, which #ifdef cannot see: the newest are named only where the build's
  // kernel headers are known to have them (a source build against older headers still compiles).
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 0, 0)
  K(IPV4_DEVCONF_ARP_EVICT_NOCARRIER); K(DEVCONF_RPL_SEG_ENABLED); K(DEVCONF_RA_DEFRTR_METRIC);
  K(DEVCONF_IOAM6_ENABLED); K(DEVCONF_IOAM6_ID); K(DEVCONF_IOAM6_ID_WIDE);
  K(DEVCONF_NDISC_EVICT_NOCARRIER); K(DEVCONF_ACCEPT_UNTRACKED_NA);
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
  K(DEVCONF_ACCEPT_RA_MIN_LFT);
#endif
  K(IN6_ADDR_GEN_MODE_EUI64); K(IN6_ADDR_GEN_MODE_NONE); K(IN6_ADDR_GEN_MODE_STABLE_PRIVACY); K(IN6_ADDR_GEN_MODE_RANDOM);
#undef K
  return c;
}

// setCallbacks(netlinkError, systemError, settle): the JS functions the addon calls back.
Napi::Value SetCallbacks(const Napi::CallbackInfo& info) {
  if (info.Length() < 3 || !info[0].IsFunction() || !info[1].IsFunction() || !info[2].IsFunction())
    throw Napi::TypeError::New(info.Env(), "setCallbacks(netlinkError, systemError, settle)");
  AddonData* d = Data(info.Env());
  d->netlinkError = Napi::Persistent(info[0].As<Napi::Function>());
  d->systemError = Napi::Persistent(info[1].As<Napi::Function>());
  d->settle = Napi::Persistent(info[2].As<Napi::Function>());
  return info.Env().Undefined();
}

std::string StrArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || !info[i].IsString()) throw Napi::TypeError::New(info.Env(), "expected a string argument");
  return info[i].As<Napi::String>().Utf8Value();
}

// openNetns(path): fd of a network namespace file (the caller closes it).
Napi::Value OpenNetns(const Napi::CallbackInfo& info) {
  std::string path = StrArg(info, 0);
  int fd = -1;
  const char* failed = "open";
  if (int r = OpenNetnsFile(path, &fd, &failed)) ThrowSystemError(info.Env(), -r, failed, path);
  return Napi::Number::New(info.Env(), fd);
}

// netnsId(nsfd, peerfd): Promise of the id namespace nsfd (-1: the caller's) gives namespace
// peerfd, or -1; asked off Node's thread (both fds must stay open until it settles).
Napi::Value NetnsIdOf(const Napi::CallbackInfo& info) {
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsNumber())
    throw Napi::TypeError::New(info.Env(), "netnsId(nsfd, peerfd)");
  int nsfd = info[0].As<Napi::Number>().Int32Value(), peerfd = info[1].As<Napi::Number>().Int32Value();
  auto id = std::make_shared<int>(-1);
  return NetnsWork::Run(
      info.Env(), "RTM_GETNSID", "", [=](const char** failed) { return NetnsId(nsfd, peerfd, id.get(), failed); },
      [id](Napi::Env env) -> Napi::Value { return Napi::Number::New(env, *id); });
}

// sysctl(nsfd, path[, value]): Promise of the file's text, or writes value; inside namespace nsfd
// (-1: the caller's), off Node's thread (nsfd must stay open until it settles).
Napi::Value SysctlFile(const Napi::CallbackInfo& info) {
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsString() || (info.Length() > 2 && !info[2].IsString() && !info[2].IsUndefined()))
    throw Napi::TypeError::New(info.Env(), "sysctl(nsfd, path[, value])");
  int nsfd = info[0].As<Napi::Number>().Int32Value();
  std::string path = info[1].As<Napi::String>().Utf8Value();
  bool write = info.Length() > 2 && info[2].IsString();
  std::string value = write ? info[2].As<Napi::String>().Utf8Value() : "";
  auto out = std::make_shared<std::string>();
  return NetnsWork::Run(
      info.Env(), "open", path,
      [=](const char** failed) { return Sysctl(nsfd, path, write ? &value : nullptr, out.get(), failed); },
      [write, out](Napi::Env env) -> Napi::Value { return write ? env.Undefined() : Napi::String::New(env, *out); });
}

// tunCreate(nsfd, name, flags, owner, group): a persistent tun/tap device (owner/group -1: unset).
Napi::Value TunCreate(const Napi::CallbackInfo& info) {
  if (info.Length() < 5 || !info[0].IsNumber() || !info[1].IsString() || !info[2].IsNumber() || !info[3].IsNumber() ||
      !info[4].IsNumber())
    throw Napi::TypeError::New(info.Env(), "tunCreate(nsfd, name, flags, owner, group)");
  std::string name = info[1].As<Napi::String>().Utf8Value();
  const char* failed = "TUNSETIFF";
  if (int r = CreateTun(info[0].As<Napi::Number>().Int32Value(), name, info[2].As<Napi::Number>().Int32Value(),
                        info[3].As<Napi::Number>().Int64Value(), info[4].As<Napi::Number>().Int64Value(), &failed))
    ThrowSystemError(info.Env(), -r, failed, "/dev/net/tun");
  return info.Env().Undefined();
}

Napi::Value NetnsCreate(const Napi::CallbackInfo& info) {
  std::string dir = StrArg(info, 0), name = StrArg(info, 1);
  const char* failed = "mount";
  if (int r = CreateNetns(dir, name, &failed)) ThrowSystemError(info.Env(), -r, failed, dir + "/" + name);
  return info.Env().Undefined();
}

Napi::Value NetnsDelete(const Napi::CallbackInfo& info) {
  std::string path = StrArg(info, 0);
  const char* failed = "umount2";
  if (int r = DeleteNetns(path, &failed)) ThrowSystemError(info.Env(), -r, failed, path);
  return info.Env().Undefined();
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  exports.Set("Socket", InitSocket(env));
  exports.Set("constants", Constants(env));
  exports.Set("setCallbacks", Napi::Function::New<SetCallbacks>(env, "setCallbacks"));
  exports.Set("openNetns", Napi::Function::New<OpenNetns>(env, "openNetns"));
  exports.Set("netnsId", Napi::Function::New<NetnsIdOf>(env, "netnsId"));
  exports.Set("sysctl", Napi::Function::New<SysctlFile>(env, "sysctl"));
  exports.Set("tunCreate", Napi::Function::New<TunCreate>(env, "tunCreate"));
  exports.Set("netnsCreate", Napi::Function::New<NetnsCreate>(env, "netnsCreate"));
  exports.Set("netnsDelete", Napi::Function::New<NetnsDelete>(env, "netnsDelete"));
  return exports;
}

}  // namespace rtnl

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return rtnl::Init(env, exports); }

NODE_API_MODULE(NODE_GYP_MODULE_NAME, InitAddon)
