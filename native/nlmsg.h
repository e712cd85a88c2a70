// Netlink message building and attribute parsing, independent of N-API (unit- and fuzz-buildable).
// A request is header + family struct + attributes in a bounded buffer; appends fail on overflow.
// See: man 7 netlink, <linux/netlink.h> (NLMSG_*/NLA_* alignment), iproute2 lib/libnetlink.c.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rtnl {

// Thrown when a request does not fit its buffer; the glue turns it into a RangeError.
struct MsgOverflow : std::length_error {
  MsgOverflow() : std::length_error("netlink request too large") {}
};

// An allocator that leaves new elements uninitialized, for buffers that are only read where they
// were written: zeroing a socket's 256 KiB receive buffer and 64 KiB builder (faulting in every page)
// made opening a socket cost 1-2 ms.
template <typename T>
struct Uninitialized : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = Uninitialized<U>;
  };
  Uninitialized() = default;
  template <typename U>
  Uninitialized(const Uninitialized<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
};

class MsgBuilder {
 public:
  explicit MsgBuilder(size_t capacity = 65536) : buf_(capacity) {}  // header and padding zeroed as written

  // Starts a message: header + zeroed family struct of `hdrlen` bytes, returned for filling. When it
  // does not fit, it throws and the message before it stays as it was.
  void* Begin(uint16_t type, uint16_t flags, size_t hdrlen) {
    // hdrlen checked before aligning it: NLMSG_ALIGN truncates to 32 bits.
    if (hdrlen > 0xffff || NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen) > buf_.size()) throw MsgOverflow();
    len_ = NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen);
    std::memset(buf_.data(), 0, len_);
    auto* nlh = Header();
    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = flags;
    nlh->nlmsg_len = static_cast<uint32_t>(len_);
    return buf_.data() + NLMSG_HDRLEN;
  }

  template <class T>
  T* Begin(uint16_t type, uint16_t flags) {
    return static_cast<T*>(Begin(type, flags, sizeof(T)));
  }

  void Put(uint16_t type, const void* data, size_t n) {
    Reserve(n);  // first: NLA_HDRLEN + n must not wrap
    size_t total = NLA_HDRLEN + n;
    Reserve(NLA_ALIGN(total));
    auto* nla = reinterpret_cast<nlattr*>(buf_.data() + len_);
    nla->nla_type = type;
    nla->nla_len = static_cast<uint16_t>(total);
    if (n) std::memcpy(buf_.data() + len_ + NLA_HDRLEN, data, n);
    std::memset(buf_.data() + len_ + total, 0, NLA_ALIGN(total) - total);
    len_ += NLA_ALIGN(total);
    Header()->nlmsg_len = static_cast<uint32_t>(len_);
  }

  // Raw bytes at the current position (a family struct inside a nest, such as veth's peer ifinfomsg).
  void PutRaw(const void* data, size_t n) {
    Reserve(n);  // before aligning: NLMSG_ALIGN truncates to 32 bits
    Reserve(NLMSG_ALIGN(n));
    if (n) std::memcpy(buf_.data() + len_, data, n);  // memcpy from null is UB even for 0 bytes
    std::memset(buf_.data() + len_ + n, 0, NLMSG_ALIGN(n) - n);
    len_ += NLMSG_ALIGN(n);
    Header()->nlmsg_len = static_cast<uint32_t>(len_);
  }

  template <class T>
  void PutScalar(uint16_t type, T v) { Put(type, &v, sizeof v); }
  void PutU8(uint16_t type, uint8_t v) { PutScalar(type, v); }
  void PutU16(uint16_t type, uint16_t v) { PutScalar(type, v); }
  void PutU32(uint16_t type, uint32_t v) { PutScalar(type, v); }
  void PutS32(uint16_t type, int32_t v) { PutScalar(type, v); }
  void PutFlag(uint16_t type) { Put(type, nullptr, 0); }
  // Strings go out NUL-terminated, as the kernel's NLA_STRING/NLA_NUL_STRING policies expect.
  void PutStr(uint16_t type, std::string_view s) {
    std::string z(s);
    Put(type, z.c_str(), z.size() + 1);
  }

  // Nested attributes: Nest returns a mark, End closes it (fixes the nest's length).
  size_t Nest(uint16_t type) {
    size_t at = len_;
    Put(static_cast<uint16_t>(type | NLA_F_NESTED), nullptr, 0);
    return at;
  }
  void End(size_t mark) {
    auto* nla = reinterpret_cast<nlattr*>(buf_.data() + mark);
    size_t n = len_ - mark;
    if (n > 0xffff) throw MsgOverflow();
    nla->nla_len = static_cast<uint16_t>(n);
  }

  nlmsghdr* Header() { return reinterpret_cast<nlmsghdr*>(buf_.data()); }
  const uint8_t* data() const { return buf_.data(); }
  size_t size() const { return len_; }

 private:
  // Room for n more bytes of the message begun. An append before Begin (misuse) is refused too:
  // it would write over the header that Begin has not placed yet.
  void Reserve(size_t n) {
    if (len_ < NLMSG_HDRLEN || n > 0xffff || len_ + n > buf_.size()) throw MsgOverflow();
  }
  std::vector<uint8_t, Uninitialized<uint8_t>> buf_;
  size_t len_ = 0;
};

// A view of one attribute's payload.
struct Attr {
  const uint8_t* data = nullptr;
  uint16_t len = 0;
  bool present() const { return data != nullptr; }

  // Each reader checks the payload length first; a short attribute reads as absent.
  template <class T>
  bool Get(T* out) const {
    if (!data || len < sizeof(T)) return false;
    std::memcpy(out, data, sizeof(T));
    return true;
  }
  // A string attribute: up to its first NUL, never past its length.
  std::string_view Str() const {
    if (!data) return {};
    const void* nul = std::memchr(data, 0, len);
    size_t n = nul ? static_cast<const uint8_t*>(nul) - data : len;
    return {reinterpret_cast<const char*>(data), n};
  }
};

// Attributes indexed by type, for types 0..Max; unknown and malformed ones are skipped.
template <size_t Max>
struct AttrTable {
  Attr at[Max + 1];
  AttrTable(const uint8_t* p, size_t n) { Parse(p, n); }
  AttrTable(const Attr& nest) { Parse(nest.data, nest.data ? nest.len : 0); }
  const Attr& operator[](size_t type) const {
    static const Attr none;
    return type <= Max ? at[type] : none;
  }

 private:
  void Parse(const uint8_t* p, size_t n) {
    ForEach(p, n, [this](uint16_t type, const Attr& a) {
      if (type <= Max) at[type] = a;
    });
  }

 public:
  // Walks attributes in [p, p+n), calling fn(type, attr) for each well-formed one.
  template <class F>
  static void ForEach(const uint8_t* p, size_t n, F&& fn) {
    while (p && n >= NLA_HDRLEN) {
      nlattr hdr;
      std::memcpy(&hdr, p, sizeof hdr);
      if (hdr.nla_len < NLA_HDRLEN || hdr.nla_len > n) return;
      fn(static_cast<uint16_t>(hdr.nla_type & NLA_TYPE_MASK),
         Attr{p + NLA_HDRLEN, static_cast<uint16_t>(hdr.nla_len - NLA_HDRLEN)});
      size_t step = NLA_ALIGN(hdr.nla_len);
      if (step >= n) return;
      p += step;
      n -= step;
    }
  }
};

template <class F>
inline void ForEachAttr(const Attr& nest, F&& fn) {
  AttrTable<0>::ForEach(nest.data, nest.data ? nest.len : 0, fn);
}

// The attributes after a family struct of `hdrlen` bytes in a message of `msglen` bytes.
inline size_t AttrOffset(size_t hdrlen) { return NLMSG_HDRLEN + NLMSG_ALIGN(hdrlen); }

std::string FormatMac(const uint8_t* p, size_t n);
// An IPv4/IPv6 address attribute as text (inet_ntop); empty when its length does not fit the family.
std::string FormatIp(uint8_t family, const Attr& a);

}  // namespace rtnl

namespace rtnl {

// Walks the netlink messages of one datagram, calling fn(nlh) for each whole one; returns false
// when the datagram ends in a malformed or partial message (the rest is not walked).
template <class F>
inline bool ForEachMsg(const uint8_t* p, size_t n, F&& fn) {
  while (n >= NLMSG_HDRLEN) {
    const auto* nlh = reinterpret_cast<const nlmsghdr*>(p);
    if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > n) return false;
    fn(nlh);
    size_t step = NLMSG_ALIGN(nlh->nlmsg_len);
    if (step >= n) return true;
    p += step;
    n -= step;
  }
  return n == 0;
}

// An NLMSG_ERROR or NLMSG_DONE reply: errno (positive; 0 is an acknowledgement) and the kernel's
// extended-ack message, when it sent one (NETLINK_EXT_ACK).
struct ErrorReply {
  int error = 0;
  std::string message;
  bool ok = false;  // false: the message is too short to hold its error code
};
ErrorReply ParseErrorReply(const nlmsghdr* nlh);

}  // namespace rtnl
