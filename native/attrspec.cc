// The one encoder and one decoder of attribute-spec tables (see attrspec.h).
// See: <linux/if_link.h>, man 7 rtnetlink.
#include "attrspec.h"

#include <arpa/inet.h>
#include <linux/if_link.h>
#include <sys/socket.h>

#include <cstring>

namespace rtnl {

namespace {
// A number that must fit `max` (TypeScript checked it; a wrong one is refused, never truncated).
uint32_t Fit(const In& d, const char* key, uint32_t max) {
  uint32_t v = d.U32(key);
  if (v > max) throw BadRequest(std::string("rtnl native request: '") + key + "' is out of range");
  return v;
}

// The attribute numbers every table uses are below this (IFLA_BOND_MAX, the largest, is ~35).
constexpr size_t kMaxType = 63;

template <class T>
T Same(T v) { return v; }

// A number attribute of type T, converted from wire order by `conv`; absent or short: nothing.
template <class T>
void DecodeNum(const Attr& a, Out& out, const char* key, T (*conv)(T) = Same<T>) {
  T v;
  if (a.Get(&v)) out.Num(key, conv(v));
}
}  // namespace

void EncodeAttrs(MsgBuilder& b, const AttrSpecs& t, const In& d) {
  for (size_t i = 0; i < t.n; i++) {
    const AttrSpec& s = t.specs[i];
    if (!d.Has(s.key)) continue;
    switch (s.kind) {
      case AttrKind::U8:
      case AttrKind::Bool8: b.PutU8(s.type, static_cast<uint8_t>(Fit(d, s.key, 0xff))); break;
      case AttrKind::U16: b.PutU16(s.type, static_cast<uint16_t>(Fit(d, s.key, 0xffff))); break;
      case AttrKind::U32: b.PutU32(s.type, d.U32(s.key)); break;
      case AttrKind::S32: b.PutS32(s.type, d.S32(s.key)); break;
      case AttrKind::Be16: b.PutU16(s.type, htons(static_cast<uint16_t>(Fit(d, s.key, 0xffff)))); break;
      case AttrKind::Be32: b.PutU32(s.type, htonl(d.U32(s.key))); break;
      case AttrKind::Flag:
      case AttrKind::FlagU8:
        if (d.U32(s.key)) b.PutFlag(s.type);
        break;
      case AttrKind::Ip:
      case AttrKind::Mac: {
        auto bytes = d.Bytes(s.key);
        size_t want = s.kind == AttrKind::Mac ? 6 : bytes.size() == 16 ? 16 : 4;
        if (bytes.size() != want) throw BadRequest(std::string("rtnl native request: '") + s.key + "' has the wrong length");
        uint16_t type = s.kind == AttrKind::Ip && bytes.size() == 16 && s.type6 ? s.type6 : s.type;
        b.Put(type, bytes.data(), bytes.size());
        break;
      }
      case AttrKind::PortRange: {
        auto r = d.Obj(s.key);
        ifla_vxlan_port_range pr{htons(static_cast<uint16_t>(Fit(*r, "low", 0xffff))),
                                 htons(static_cast<uint16_t>(Fit(*r, "high", 0xffff)))};
        b.Put(s.type, &pr, sizeof pr);
        break;
      }
      case AttrKind::IpList:
      case AttrKind::Ip6List: {
        size_t nest = b.Nest(s.type);
        const size_t want = s.kind == AttrKind::IpList ? 4 : 16;
        for (size_t j = 0, n = d.Len(s.key); j < n; j++) {
          auto bytes = d.BytesAt(s.key, j);
          if (bytes.size() != want) throw BadRequest(std::string("rtnl native request: '") + s.key + "' has the wrong length");
          b.Put(static_cast<uint16_t>(j), bytes.data(), bytes.size());
        }
        b.End(nest);
        break;
      }
    }
  }
}

void DecodeAttrs(const Attr& data, const AttrSpecs& t, Out& out) {
  AttrTable<kMaxType> tb(data);
  for (size_t i = 0; i < t.n; i++) {
    const AttrSpec& s = t.specs[i];
    const Attr& a = tb[s.type];
    switch (s.kind) {
      case AttrKind::U8: DecodeNum<uint8_t>(a, out, s.key); break;
      case AttrKind::U16: DecodeNum<uint16_t>(a, out, s.key); break;
      case AttrKind::U32: DecodeNum<uint32_t>(a, out, s.key); break;
      case AttrKind::S32: DecodeNum<int32_t>(a, out, s.key); break;
      case AttrKind::Be16: DecodeNum<uint16_t>(a, out, s.key, ntohs); break;
      case AttrKind::Be32: DecodeNum<uint32_t>(a, out, s.key, ntohl); break;
      case AttrKind::Bool8:
      case AttrKind::FlagU8: {
        uint8_t v;
        if (a.Get(&v)) out.Bool(s.key, v != 0);
        break;
      }
      case AttrKind::Flag: out.Bool(s.key, a.present()); break;
      case AttrKind::Ip: {
        const Attr& v6 = s.type6 ? tb[s.type6] : a;
        if (a.len == 4) out.Str(s.key, FormatIp(AF_INET, a));
        else if (v6.len == 16) out.Str(s.key, FormatIp(AF_INET6, v6));
        break;
      }
      case AttrKind::Mac:
        if (a.len == 6) out.Str(s.key, FormatMac(a.data, a.len));
        break;
      case AttrKind::PortRange: {
        ifla_vxlan_port_range pr;
        if (!a.Get(&pr)) break;
        out.BeginObject(s.key);
        out.Num("low", ntohs(pr.low));
        out.Num("high", ntohs(pr.high));
        out.End();
        break;
      }
      case AttrKind::IpList:
      case AttrKind::Ip6List: {
        if (!a.present()) break;
        const uint8_t family = s.kind == AttrKind::IpList ? AF_INET : AF_INET6;
        const size_t want = s.kind == AttrKind::IpList ? 4 : 16;
        out.BeginList(s.key);
        ForEachAttr(a, [&](uint16_t, const Attr& x) {
          if (x.len == want) out.Str(nullptr, FormatIp(family, x));
        });
        out.End();
        break;
      }
    }
  }
}

}  // namespace rtnl
