// Policy routing rules (ip rule): RTM_NEWRULE/DELRULE/GETRULE requests and fib_rule_hdr decoding,
// IPv4 and IPv6. See: man 8 ip-rule, <linux/fib_rules.h>, iproute2 ip/iprule.c.
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

#include "codec.h"

namespace rtnl {
namespace {

// Request keys: family, dstLength, srcLength, tos, action (FR_ACT_*), flags (FIB_RULE_*), table,
// dst, src (address bytes), iif, oif (names), goto, priority, fwmark, fwmask, uidRange { start, end },
// protocol, suppressPrefixLength. Only what is given goes out: a delete matches on exactly that.
void EncodeRule(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req) {
  auto* frh = b.Begin<fib_rule_hdr>(type, flags);
  if (req.Has("family")) frh->family = static_cast<uint8_t>(req.U32("family"));
  if (req.Has("dstLength")) frh->dst_len = static_cast<uint8_t>(req.U32("dstLength"));
  if (req.Has("srcLength")) frh->src_len = static_cast<uint8_t>(req.U32("srcLength"));
  if (req.Has("tos")) frh->tos = static_cast<uint8_t>(req.U32("tos"));
  if (req.Has("action")) frh->action = static_cast<uint8_t>(req.U32("action"));
  if (req.Has("flags")) frh->flags = req.U32("flags");
  if (req.Has("table")) {
    // Table ids above 255 only fit FRA_TABLE; the header then says RT_TABLE_UNSPEC (as iproute2).
    uint32_t table = req.U32("table");
    frh->table = static_cast<uint8_t>(table < 256 ? table : RT_TABLE_UNSPEC);
    b.PutU32(FRA_TABLE, table);
  }
  PutBytes(b, FRA_DST, req, "dst");
  PutBytes(b, FRA_SRC, req, "src");
  if (req.Has("iif")) b.PutStr(FRA_IIFNAME, req.Str("iif"));
  if (req.Has("oif")) b.PutStr(FRA_OIFNAME, req.Str("oif"));
  if (req.Has("goto")) b.PutU32(FRA_GOTO, req.U32("goto"));
  if (req.Has("priority")) b.PutU32(FRA_PRIORITY, req.U32("priority"));
  if (req.Has("fwmark")) b.PutU32(FRA_FWMARK, req.U32("fwmark"));
  if (req.Has("fwmask")) b.PutU32(FRA_FWMASK, req.U32("fwmask"));
  if (req.Has("uidRange")) {
    auto r = req.Obj("uidRange");
    fib_rule_uid_range range{r->U32("start"), r->U32("end")};
    b.Put(FRA_UID_RANGE, &range, sizeof range);
  }
  if (req.Has("protocol")) b.PutU8(FRA_PROTOCOL, static_cast<uint8_t>(req.U32("protocol")));
  if (req.Has("suppressPrefixLength")) b.PutU32(FRA_SUPPRESS_PREFIXLEN, req.U32("suppressPrefixLength"));
}

bool DecodeRule(const nlmsghdr* nlh, Out& out) {
  if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(fib_rule_hdr))) return false;
  fib_rule_hdr frh;
  std::memcpy(&frh, NLMSG_DATA(nlh), sizeof frh);
  const auto* base = reinterpret_cast<const uint8_t*>(nlh);
  AttrTable<FRA_MAX> tb(base + AttrOffset(sizeof frh), nlh->nlmsg_len - AttrOffset(sizeof frh));

  out.Num("family", frh.family);
  out.Num("dstLength", frh.dst_len);
  out.Num("srcLength", frh.src_len);
  out.Num("tos", frh.tos);
  out.Num("action", frh.action);
  out.Num("flags", frh.flags);
  out.Bool("not", frh.flags & FIB_RULE_INVERT);
  uint32_t table = frh.table;
  tb[FRA_TABLE].Get(&table);
  out.Num("table", table);
  std::string dst = FormatIp(frh.family, tb[FRA_DST]);
  if (!dst.empty()) out.Str("dst", dst);
  std::string src = FormatIp(frh.family, tb[FRA_SRC]);
  if (!src.empty()) out.Str("src", src);
  if (tb[FRA_IIFNAME].present()) {
    out.Str("iif", tb[FRA_IIFNAME].Str());
    out.Bool("iifDetached", frh.flags & FIB_RULE_IIF_DETACHED);
  }
  if (tb[FRA_OIFNAME].present()) {
    out.Str("oif", tb[FRA_OIFNAME].Str());
    out.Bool("oifDetached", frh.flags & FIB_RULE_OIF_DETACHED);
  }
  uint32_t u;
  out.Num("priority", tb[FRA_PRIORITY].Get(&u) ? u : 0);
  if (tb[FRA_GOTO].Get(&u)) out.Num("goto", u);
  if (tb[FRA_FWMARK].Get(&u)) out.Num("fwmark", u);
  if (tb[FRA_FWMASK].Get(&u)) out.Num("fwmask", u);
  // The kernel reports no limit as ~0 (its -1).
  if (tb[FRA_SUPPRESS_PREFIXLEN].Get(&u) && u != ~0u) out.Num("suppressPrefixLength", u);
  fib_rule_uid_range range;
  if (tb[FRA_UID_RANGE].Get(&range)) {
    out.BeginObject("uidRange");
    out.Num("start", range.start);
    out.Num("end", range.end);
    out.End();
  }
  uint8_t proto = RTPROT_UNSPEC;
  tb[FRA_PROTOCOL].Get(&proto);
  out.Num("protocol", proto);
  return true;
}

}  // namespace

const Family kRuleFamily{EncodeRule, DecodeRule};

}  // namespace rtnl
