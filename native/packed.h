// A request as TypeScript packs it (src/pack.ts), read through the codecs' In interface: one byte
// string per request instead of one N-API property read per field. Every read is bounds-checked; a
// malformed or mistyped value throws BadRequest, never reads past the buffer. See: native/codec.h.
//
//   object := u16 count, entry * count
//   entry  := u8 keyLength, key bytes, value
//   value  := u8 tag, payload:  kNumber f64 | kString u32 length, UTF-8 | kBytes u32 length, bytes |
//                               kObject u32 length, object | kList u32 length, (u32 count, value * count)
// Integers are in host byte order (the packer and the addon run in one process).
//
// Requests made in one synchronous run cross together, one after another in one buffer:
//   batch   := request *
//   request := u16 type, u16 flags, u32 id, u32 length, object (length bytes)
// `id` is the caller's (src/pack.ts), handed back with the request's outcome.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "codec.h"

namespace rtnl {

enum PackedTag : uint8_t { kNumber = 1, kString = 2, kBytes = 3, kObject = 4, kList = 5 };

// One request of a batch.
struct PackedRequest {
  uint16_t type = 0;
  uint16_t flags = 0;
  uint32_t id = 0;
  const uint8_t* data = nullptr;
  size_t len = 0;
};

// Reads the request at p (before end) into *out and moves p past it; false at the end of the
// batch. Throws BadRequest when the framing is broken (a header or object cut short).
bool NextPackedRequest(const uint8_t*& p, const uint8_t* end, PackedRequest* out);

class PackedIn final : public In {
 public:
  // An object at [data, data + len); the bytes must outlive this and what it hands out.
  PackedIn(const uint8_t* data, size_t len) : p_(data), n_(len) {}

  bool Has(const char* key) const override { return Find(key).tag != 0; }
  double Num(const char* key) const override;
  std::string Str(const char* key) const override;
  std::vector<uint8_t> Bytes(const char* key) const override;
  std::unique_ptr<In> Obj(const char* key) const override;
  size_t Len(const char* key) const override;
  std::unique_ptr<In> At(const char* key, size_t i) const override;
  std::vector<uint8_t> BytesAt(const char* key, size_t i) const override;

 private:
  // A value: its tag (0: absent) and payload.
  struct Value {
    uint8_t tag = 0;
    const uint8_t* data = nullptr;
    size_t len = 0;
  };
  Value Find(const char* key) const;
  Value Want(const char* key, uint8_t tag, const char* what) const;
  Value Item(const char* key, size_t i, uint8_t tag, const char* what) const;

  const uint8_t* p_;
  size_t n_;
  // Encoders ask Has(k) then read k: the last key found (its text, when it fits) serves both.
  mutable char lastKey_[32] = {};
  mutable Value last_;
};

}  // namespace rtnl
