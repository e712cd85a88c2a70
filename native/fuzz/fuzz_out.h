// Fuzz-harness helpers: an Out that walks everything a decoder writes (rendering it as JSON-ish text,
// so every string view is read byte by byte under ASan) and checks that objects and lists nest.
// See: native/codec.h.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../codec.h"

namespace rtnl {
namespace fuzz {

class JsonOut final : public Out {
 public:
  void Num(const char* key, double v) override { Key(key); text_ += std::to_string(v); }
  void Str(const char* key, std::string_view v) override {
    Key(key);
    text_.push_back('"');
    for (char c : v) text_.push_back(c == '"' ? '\'' : c);  // reads every byte of the view
    text_.push_back('"');
  }
  void Bool(const char* key, bool v) override { Key(key); text_ += v ? "true" : "false"; }
  void Bytes(const char* key, const uint8_t* data, size_t len) override {
    Key(key);
    for (size_t i = 0; i < len; i++) text_ += std::to_string(data[i]);  // reads every byte
  }
  void BeginObject(const char* key) override { Key(key); text_.push_back('{'); open_.push_back('}'); }
  void BeginList(const char* key) override { Key(key); text_.push_back('['); open_.push_back(']'); }
  void End() override {
    // A decoder must close exactly what it opened; an unbalanced End is a bug in the decoder.
    if (open_.empty()) std::abort();
    text_.push_back(open_.back());
    open_.pop_back();
  }
  // Called after decode: every object and list opened must have been closed.
  void Finish() {
    if (!open_.empty()) std::abort();
    if (text_.size() > (1u << 24)) std::abort();  // output bounded by the input, never runaway
    text_.clear();
  }

 private:
  void Key(const char* key) {
    if (key) {
      text_ += key;  // keys are C strings from the decoder's code; strlen must stay in bounds
      text_.push_back(':');
    } else if (open_.empty() || open_.back() != ']') {
      std::abort();  // a null key is only valid inside a list
    }
    text_.push_back(',');
  }
  std::string text_;
  std::vector<char> open_;
};

// The input as one netlink message in a buffer of exactly its size (so ASan sees any overread),
// aligned as the socket's receive buffer is. nlmsg_len is set to the size: the framing harness
// is the one that fuzzes inconsistent lengths.
inline std::vector<uint8_t> AsMessage(const uint8_t* data, size_t size) {
  std::vector<uint8_t> m(data, data + size);
  if (size >= sizeof(nlmsghdr)) {
    uint32_t len = static_cast<uint32_t>(size);
    std::memcpy(m.data(), &len, sizeof len);
  }
  return m;
}

}  // namespace fuzz
}  // namespace rtnl
