// N-API side of the codec interface: Out that builds JS objects, In that reads a JS request, and the
// per-environment state (the error classes TypeScript registers). See: native/codec.h.
#pragma once

#include <napi.h>

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "codec.h"

namespace rtnl {

struct AddonData {
  Napi::FunctionReference netlinkError;  // (errno, requestType, kernelText, code?) => NetlinkError
  Napi::FunctionReference systemError;   // (errno, syscall, path?) => Error with Node's shape
  Napi::FunctionReference settle;        // (outcomes, values) => settles the JS callers' promises (src/pack.ts)
  // The property names decoders write, made into JS strings once and kept in one JS array (N-API 8
  // has no references to strings): keyed by the codec's string literal, with its text kept to check
  // a hit (a pointer alone could be reused for other text).
  struct Key {
    std::string text;
    uint32_t slot;
  };
  std::unordered_map<const char*, Key> keys;
  Napi::ObjectReference keyNames;
};

inline AddonData* Data(Napi::Env env) { return env.GetInstanceData<AddonData>(); }

// Throws the error TypeScript builds for a failed syscall (code, errno, syscall, path).
[[noreturn]] void ThrowSystemError(Napi::Env env, int err, const char* syscall, const std::string& path = "");

// Property names as JS strings, made once per environment and kept in one JS array (N-API 8 has no
// references to strings): Object::Get/Set(const char*) would make and internalize the string on every
// call, and decoding a dump or encoding a burst of requests touches tens of thousands of properties.
// One KeyNames serves one callback (one handle scope): the names it has fetched stay at hand as
// local handles.
class KeyNames {
 public:
  explicit KeyNames(Napi::Env env) : env_(env), data_(Data(env)) {
    if (data_->keyNames.IsEmpty()) data_->keyNames = Napi::Persistent(Napi::Object(Napi::Array::New(env)));
    names_ = data_->keyNames.Value();
  }
  napi_value Get(const char* key) {
    auto it = data_->keys.find(key);
    napi_value name;
    if (it == data_->keys.end() || it->second.text != key) {
      name = Napi::String::New(env_, key);
      auto slot = static_cast<uint32_t>(data_->keys.size());
      if (it != data_->keys.end()) slot = it->second.slot;
      names_.Set(slot, name);
      data_->keys.insert_or_assign(key, AddonData::Key{key, slot});
    } else {
      uint32_t slot = it->second.slot;
      if (slot < local_.size() && local_[slot]) return local_[slot];
      if (napi_get_element(env_, names_, slot, &name) != napi_ok) throw Napi::Error::New(env_);
    }
    uint32_t slot = data_->keys.find(key)->second.slot;
    if (slot >= local_.size()) local_.resize(slot + 1, nullptr);
    local_[slot] = name;
    return name;
  }

 private:
  Napi::Env env_;
  AddonData* data_;
  Napi::Object names_;
  std::vector<napi_value> local_;
};

// Builds the decoded objects. An object's properties are collected as it is written and defined in
// one napi_define_properties call when it ends: one N-API call per object instead of one per
// property (each N-API call that can run JS pays for an exception scope), which is most of the cost
// of decoding a big dump.
class NapiOut final : public Out {
 public:
  explicit NapiOut(Napi::Env env) : env_(env), keys_(env) {}
  // Starts a new top-level object; Result() returns it when its fields are written.
  void Start() {
    stack_.clear();
    props_.clear();
    Push(Napi::Object::New(env_), false);
  }
  Napi::Object Result() {
    while (stack_.size() > 1) Pop();
    Define(stack_.front());
    return Napi::Object(env_, stack_.front().value);
  }

  void Num(const char* key, double v) override { Set(key, Napi::Number::New(env_, v)); }
  void Str(const char* key, std::string_view v) override {
    Set(key, Napi::String::New(env_, v.data(), v.size()));
  }
  void Bool(const char* key, bool v) override { Set(key, Napi::Boolean::New(env_, v)); }
  // A Uint8Array view into an ArrayBuffer shared by the small byte strings of one read: one backing
  // store per 64 KiB instead of one per value (a link dump carries two per link).
  void Bytes(const char* key, const uint8_t* data, size_t len) override {
    napi_value view;
    if (len > kArena / 8) {  // a large one alone
      auto own = Napi::Uint8Array::New(env_, len);
      std::memcpy(own.Data(), data, len);
      Set(key, own);
      return;
    }
    if (!arena_ || arenaUsed_ + len > kArena) {
      void* p;
      if (napi_create_arraybuffer(env_, kArena, &p, &arena_) != napi_ok) throw Napi::Error::New(env_);
      arenaData_ = static_cast<uint8_t*>(p);
      arenaUsed_ = 0;
    }
    std::memcpy(arenaData_ + arenaUsed_, data, len);
    if (napi_create_typedarray(env_, napi_uint8_array, len, arena_, arenaUsed_, &view) != napi_ok) throw Napi::Error::New(env_);
    arenaUsed_ += len;
    Set(key, view);
  }
  void BeginObject(const char* key) override {
    auto o = Napi::Object::New(env_);
    Set(key, o);
    Push(o, false);
  }
  void BeginList(const char* key) override {
    auto a = Napi::Array::New(env_);
    Set(key, a);
    Push(a, true);
  }
  void End() override {
    if (stack_.size() > 1) Pop();
  }

 private:
  struct Frame {
    napi_value value;
    bool list;
    uint32_t length;     // a list's next index
    size_t firstProp;    // an object's properties: props_[firstProp..]
  };
  void Push(napi_value v, bool list) { stack_.push_back({v, list, 0, props_.size()}); }
  void Pop() {
    Define(stack_.back());
    stack_.pop_back();
  }
  // Defines an object's collected properties (the tail of props_: inner objects end first).
  void Define(const Frame& f) {
    if (f.list || props_.size() == f.firstProp) return;
    if (napi_define_properties(env_, f.value, props_.size() - f.firstProp, props_.data() + f.firstProp) != napi_ok)
      throw Napi::Error::New(env_);
    props_.resize(f.firstProp);
  }
  void Set(const char* key, napi_value v) {
    Frame& top = stack_.back();
    if (top.list) {
      if (!key && napi_set_element(env_, top.value, top.length++, v) != napi_ok) throw Napi::Error::New(env_);
      return;
    }
    if (!key) return;
    props_.push_back({nullptr, keys_.Get(key), nullptr, nullptr, nullptr, v, napi_default_jsproperty, nullptr});
  }
  static constexpr size_t kArena = 64 * 1024;
  Napi::Env env_;
  KeyNames keys_;
  std::vector<Frame> stack_;
  std::vector<napi_property_descriptor> props_;
  napi_value arena_ = nullptr;  // valid for this NapiOut's handle scope, as NapiOut itself
  uint8_t* arenaData_ = nullptr;
  size_t arenaUsed_ = 0;
};

Napi::Function InitSocket(Napi::Env env);

}  // namespace rtnl
