// Reading a request packed by TypeScript (src/pack.ts): the format is in native/packed.h.
#include "packed.h"

#include <cstring>

namespace rtnl {
namespace {

template <class T>
T Read(const uint8_t*& p, const uint8_t* end) {
  if (static_cast<size_t>(end - p) < sizeof(T)) throw BadRequest("rtnl: packed request truncated");
  T v;
  std::memcpy(&v, p, sizeof v);
  p += sizeof v;
  return v;
}

// Reads one value (tag and payload) at p and moves p past it.
struct Cursor {
  const uint8_t* p;
  const uint8_t* end;

  uint8_t tag = 0;
  const uint8_t* data = nullptr;
  size_t len = 0;

  void Next() {
    tag = Read<uint8_t>(p, end);
    switch (tag) {
      case kNumber:
        len = sizeof(double);
        break;
      case kString:
      case kBytes:
      case kObject:
      case kList:
        len = Read<uint32_t>(p, end);
        break;
      default:
        throw BadRequest("rtnl: packed request has an unknown value tag " + std::to_string(tag));
    }
    if (static_cast<size_t>(end - p) < len) throw BadRequest("rtnl: packed request truncated");
    data = p;
    p += len;
  }
};

[[noreturn]] void Mistyped(const char* key, const char* what) {
  throw BadRequest(std::string("rtnl native request: '") + key + "' must be " + what);
}

}  // namespace

bool NextPackedRequest(const uint8_t*& p, const uint8_t* end, PackedRequest* out) {
  if (p == end) return false;
  out->type = Read<uint16_t>(p, end);
  out->flags = Read<uint16_t>(p, end);
  out->id = Read<uint32_t>(p, end);
  out->len = Read<uint32_t>(p, end);
  if (static_cast<size_t>(end - p) < out->len) throw BadRequest("rtnl: packed request truncated");
  out->data = p;
  p += out->len;
  return true;
}

PackedIn::Value PackedIn::Find(const char* key) const {
  size_t klen = std::strlen(key);
  if (klen < sizeof lastKey_ && std::strcmp(lastKey_, key) == 0 && lastKey_[0]) return last_;
  const uint8_t* p = p_;
  const uint8_t* end = p_ + n_;
  Value found;
  for (uint16_t count = Read<uint16_t>(p, end); count > 0; count--) {
    uint8_t n = Read<uint8_t>(p, end);
    if (static_cast<size_t>(end - p) < n) throw BadRequest("rtnl: packed request truncated");
    bool match = n == klen && std::memcmp(p, key, n) == 0;
    p += n;
    Cursor c{p, end};
    c.Next();
    p = c.p;
    if (match) {
      found = Value{c.tag, c.data, c.len};
      break;
    }
  }
  if (klen < sizeof lastKey_) {
    std::memcpy(lastKey_, key, klen + 1);
    last_ = found;
  }
  return found;
}

PackedIn::Value PackedIn::Want(const char* key, uint8_t tag, const char* what) const {
  Value v = Find(key);
  if (v.tag != tag) Mistyped(key, what);
  return v;
}

double PackedIn::Num(const char* key) const {
  double d;
  std::memcpy(&d, Want(key, kNumber, "a number").data, sizeof d);
  return d;
}

std::string PackedIn::Str(const char* key) const {
  Value v = Want(key, kString, "a string");
  return std::string(reinterpret_cast<const char*>(v.data), v.len);
}

std::vector<uint8_t> PackedIn::Bytes(const char* key) const {
  Value v = Want(key, kBytes, "a Uint8Array");
  return std::vector<uint8_t>(v.data, v.data + v.len);
}

std::unique_ptr<In> PackedIn::Obj(const char* key) const {
  Value v = Want(key, kObject, "an object");
  return std::make_unique<PackedIn>(v.data, v.len);
}

size_t PackedIn::Len(const char* key) const {
  Value v = Want(key, kList, "an array");
  const uint8_t* p = v.data;
  return Read<uint32_t>(p, v.data + v.len);
}

PackedIn::Value PackedIn::Item(const char* key, size_t i, uint8_t tag, const char* what) const {
  Value list = Want(key, kList, "an array");
  Cursor c{list.data, list.data + list.len};
  uint32_t count = Read<uint32_t>(c.p, c.end);
  if (i >= count) throw BadRequest(std::string("rtnl native request: '") + key + "' has no item " + std::to_string(i));
  for (size_t k = 0; k <= i; k++) c.Next();
  if (c.tag != tag) Mistyped(key, what);
  return Value{c.tag, c.data, c.len};
}

std::unique_ptr<In> PackedIn::At(const char* key, size_t i) const {
  Value v = Item(key, i, kObject, "an array of objects");
  return std::make_unique<PackedIn>(v.data, v.len);
}

std::vector<uint8_t> PackedIn::BytesAt(const char* key, size_t i) const {
  Value v = Item(key, i, kBytes, "an array of Uint8Arrays");
  return std::vector<uint8_t>(v.data, v.data + v.len);
}

}  // namespace rtnl
