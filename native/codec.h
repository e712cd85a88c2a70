// The interface between netlink codecs and their host (N-API glue, or a fuzz harness): decoders write
// plain objects through Out in one pass; encoders read a request already normalized by TypeScript
// through In. Neither includes napi.h. See: man 7 rtnetlink.
#pragma once

#include <linux/netlink.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nlmsg.h"

namespace rtnl {

// A writer of nested plain objects. A null key appends to the innermost open list.
class Out {
 public:
  virtual ~Out() = default;
  virtual void Num(const char* key, double v) = 0;
  virtual void Str(const char* key, std::string_view v) = 0;
  virtual void Bool(const char* key, bool v) = 0;
  // A string of a small set that recurs object after object (a link's kind, the broadcast address):
  // the host may hand out one value for all of them.
  virtual void Word(const char* key, std::string_view v) { Str(key, v); }
  // Raw bytes (a Uint8Array in JS, possibly a view into a larger buffer): for arrays TS decodes
  // itself, one value instead of one per element.
  virtual void Bytes(const char* key, const uint8_t* data, size_t len) = 0;
  virtual void BeginObject(const char* key) = 0;
  virtual void BeginList(const char* key) = 0;
  virtual void End() = 0;  // closes the innermost object or list

  // Whether a link's counters (IFLA_STATS64) are wanted: the kernel sends them whatever the request
  // asks (RTEXT_FILTER_SKIP_STATS skips only the VF counters), and decoding them costs a quarter of
  // a link. The host sets it per reply (LinkRequestWantsStats).
  bool stats = true;
};

// Whether an RTM_GETLINK request (a whole message) leaves RTEXT_FILTER_SKIP_STATS out of its
// IFLA_EXT_MASK, i.e. asks for counters; true for any other message.
bool LinkRequestWantsStats(const uint8_t* msg, size_t len);

// A request value that is malformed, of the wrong type or out of range (the glue: a TypeError).
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A reader of a normalized request. TypeScript has checked types and ranges; a value of the wrong
// type still must not crash, so implementations throw (the glue: a TypeError naming the key).
class In {
 public:
  virtual ~In() = default;
  virtual bool Has(const char* key) const = 0;
  virtual double Num(const char* key) const = 0;
  virtual std::string Str(const char* key) const = 0;
  virtual std::vector<uint8_t> Bytes(const char* key) const = 0;
  virtual std::unique_ptr<In> Obj(const char* key) const = 0;
  virtual size_t Len(const char* key) const = 0;                            // list length
  virtual std::unique_ptr<In> At(const char* key, size_t i) const = 0;      // list item (object)
  virtual std::vector<uint8_t> BytesAt(const char* key, size_t i) const = 0;  // list item (bytes)

  uint32_t U32(const char* key) const { return static_cast<uint32_t>(Ranged(key, 0, 4294967295.0)); }
  int32_t S32(const char* key) const { return static_cast<int32_t>(Ranged(key, -2147483648.0, 2147483647.0)); }
  // Up to the largest double below 2^64.
  uint64_t U64(const char* key) const { return static_cast<uint64_t>(Ranged(key, 0, 18446744073709549568.0)); }

 private:
  // TypeScript checks ranges; a number out of range still must not reach a cast (undefined behaviour).
  double Ranged(const char* key, double min, double max) const {
    double d = Num(key);
    if (!(d >= min && d <= max)) throw BadRequest(std::string("rtnl native request: '") + key + "' is out of range");
    return d;
  }
};

// Appends attribute `type` with the bytes of request key `key`, when the request has it.
inline void PutBytes(MsgBuilder& b, uint16_t type, const In& req, const char* key) {
  if (!req.Has(key)) return;
  auto bytes = req.Bytes(key);
  b.Put(type, bytes.data(), bytes.size());
}

// One object family's codec: encodes a request of message type `type`, decodes a reply message.
struct Family {
  // Fills the message for a request; `flags` are the caller's NLM_F_* flags.
  void (*encode)(MsgBuilder& b, uint16_t type, uint16_t flags, const In& req);
  // Decodes one message of this family; returns false for a message too short to hold its struct.
  bool (*decode)(const nlmsghdr* nlh, Out& out);
};

// Which family a message type belongs to (RTM_*LINK -> link, ...); null for unknown types.
const Family* FamilyOf(uint16_t type);

extern const Family kLinkFamily;
extern const Family kAddrFamily;
extern const Family kRouteFamily;
extern const Family kNeighFamily;
extern const Family kRuleFamily;
extern const Family kNsidFamily;

}  // namespace rtnl
