// N-API side of the codec interface: Out that builds JS objects, In that reads a JS request, and the
// per-environment state (the error classes TypeScript registers). See: native/codec.h.
#pragma once

#include <napi.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
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
  // NapiOut's object makers, by a hash of their key pointers (codec keys are static strings).
  struct Shape {
    std::vector<const char*> keys;
    Napi::FunctionReference fn;
  };
  std::unordered_multimap<uint64_t, Shape> shapes;
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

// Builds the decoded objects. An object's properties are collected as it is written and the object is
// made when it ends, by a JS function made once per shape (its sequence of keys) that returns an
// object literal: `(a0, a1) => ({"index": a0, "name": a1})`. V8 builds such a literal with all its
// fields in the object itself, in one step, where defining the properties one by one through N-API
// (napi_define_properties) goes through the generic define path per property and regrows the
// object's property store several times per link: most of the cost of decoding a big dump and a
// good part of its garbage. Objects with more keys than kMaxShapeKeys, or shapes past kMaxShapes,
// are defined the old way.
class NapiOut final : public Out {
 public:
  explicit NapiOut(Napi::Env env) : env_(env), data_(Data(env)), names_(env) {}
  // Starts a new top-level object; Result() returns it when its fields are written.
  void Start() {
    stack_.clear();
    keys_.clear();
    vals_.clear();
    stack_.push_back({nullptr, false, 0, 0, kTop});
  }
  Napi::Object Result() {
    while (stack_.size() > 1) Pop();
    return Napi::Object(env_, Make(stack_.front()));
  }

  void Num(const char* key, double v) override { Set(key, Napi::Number::New(env_, v)); }
  void Str(const char* key, std::string_view v) override {
    Set(key, Napi::String::New(env_, v.data(), v.size()));
  }
  void Bool(const char* key, bool v) override { Set(key, Napi::Boolean::New(env_, v)); }
  // One JS string per recurring text within this callback (a young string fewer per link to copy at
  // each scavenge while a dump's links are all alive).
  void Word(const char* key, std::string_view v) override {
    for (const auto& w : words_)
      if (w.first == v) return Set(key, w.second);
    napi_value s = Napi::String::New(env_, v.data(), v.size());
    if (words_.size() < kMaxWords) words_.emplace_back(std::string(v), s);
    Set(key, s);
  }
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
  // The object is made when it ends; its place among its parent's keys is kept from here.
  void BeginObject(const char* key) override {
    size_t slot = Slot(key);
    stack_.push_back({nullptr, false, 0, vals_.size(), slot});
  }
  void BeginList(const char* key) override {
    auto a = Napi::Array::New(env_);
    Set(key, a);
    stack_.push_back({a, true, 0, vals_.size(), kItem});
  }
  void End() override {
    if (stack_.size() > 1) Pop();
  }

 private:
  using Shape = AddonData::Shape;
  struct Frame {
    napi_value value;  // a list (objects are made when they end)
    bool list;
    uint32_t length;   // a list's next index
    size_t first;      // an object's properties: keys_/vals_[first..]
    size_t slot;       // where this object goes in its parent's properties, or kTop / kItem / kDrop
  };
  static constexpr size_t kTop = SIZE_MAX, kItem = SIZE_MAX - 1, kDrop = SIZE_MAX - 2;
  void Pop() {
    Frame f = stack_.back();
    stack_.pop_back();
    if (f.list) return;
    napi_value o = Make(f);
    if (f.slot == kItem) Append(stack_.back(), o);
    else if (f.slot != kDrop) vals_[f.slot] = o;
  }
  // Makes an object from its collected properties (the tail of keys_/vals_: inner objects end first).
  napi_value Make(const Frame& f) {
    size_t n = keys_.size() - f.first;
    napi_value o;
    const Shape* shape = n ? ShapeOf(keys_.data() + f.first, n) : nullptr;
    if (shape) {
      if (napi_call_function(env_, Undefined(), shape->fn.Value(), n, vals_.data() + f.first, &o) != napi_ok)
        throw Napi::Error::New(env_);
    } else {
      o = Napi::Object::New(env_);
      if (n) {
        props_.clear();
        for (size_t i = f.first; i < keys_.size(); i++)
          props_.push_back({nullptr, names_.Get(keys_[i]), nullptr, nullptr, nullptr, vals_[i], napi_default_jsproperty, nullptr});
        if (napi_define_properties(env_, o, n, props_.data()) != napi_ok) throw Napi::Error::New(env_);
      }
    }
    keys_.resize(f.first);
    vals_.resize(f.first);
    return o;
  }
  // The function that makes objects of these keys, made on first use; null when there may be none.
  const Shape* ShapeOf(const char* const* keys, size_t n) {
    if (n > kMaxShapeKeys) return nullptr;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ reinterpret_cast<uintptr_t>(keys[i])) * 1099511628211ull;
    auto range = data_->shapes.equal_range(h);
    for (auto it = range.first; it != range.second; ++it)
      if (it->second.keys.size() == n && std::equal(keys, keys + n, it->second.keys.begin())) return &it->second;
    if (data_->shapes.size() >= kMaxShapes) return nullptr;
    std::string params, body;
    for (size_t i = 0; i < n; i++) {
      // Keys are the codecs' identifiers; anything else (or a repeated key) is left to the define path.
      std::string_view k = keys[i];
      if (k.empty() || k == "__proto__" || std::find(keys, keys + i, keys[i]) != keys + i) return nullptr;
      for (char c : k)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return nullptr;
      std::string a = "a" + std::to_string(i);
      params += (i ? "," : "") + a;
      body += (i ? ",\"" : "\"") + std::string(k) + "\":" + a;
    }
    napi_value fn;
    auto source = Napi::String::New(env_, "(function(" + params + "){return {" + body + "}})");
    if (napi_run_script(env_, source, &fn) != napi_ok) {
      // Where scripts cannot be compiled, objects are defined property by property instead.
      napi_value ignored;
      napi_get_and_clear_last_exception(env_, &ignored);
      return nullptr;
    }
    AddonData::Shape shape{std::vector<const char*>(keys, keys + n), Napi::Persistent(Napi::Function(env_, fn))};
    return &data_->shapes.emplace(h, std::move(shape))->second;
  }
  napi_value Undefined() {
    if (!undefined_) napi_get_undefined(env_, &undefined_);
    return undefined_;
  }
  // Reserves the key's place in the innermost object; its value is filled in when made. As Set: a
  // list takes items without keys, an object properties with keys; anything else is dropped.
  size_t Slot(const char* key) {
    Frame& top = stack_.back();
    if (top.list) return key ? kDrop : kItem;
    if (!key) return kDrop;
    keys_.push_back(key);
    vals_.push_back(nullptr);
    return vals_.size() - 1;
  }
  void Append(Frame& top, napi_value v) {
    if (napi_set_element(env_, top.value, top.length++, v) != napi_ok) throw Napi::Error::New(env_);
  }
  void Set(const char* key, napi_value v) {
    Frame& top = stack_.back();
    if (top.list) {
      if (!key) Append(top, v);
      return;
    }
    if (!key) return;
    keys_.push_back(key);
    vals_.push_back(v);
  }
  static constexpr size_t kArena = 64 * 1024;
  static constexpr size_t kMaxShapeKeys = 64;
  static constexpr size_t kMaxShapes = 512;
  static constexpr size_t kMaxWords = 16;
  std::vector<std::pair<std::string, napi_value>> words_;  // valid for this NapiOut's handle scope
  Napi::Env env_;
  AddonData* data_;
  KeyNames names_;
  std::vector<const char*> keys_;  // the open objects' keys and values, innermost last
  std::vector<napi_value> vals_;
  std::vector<Frame> stack_;
  std::vector<napi_property_descriptor> props_;
  napi_value undefined_ = nullptr;
  napi_value arena_ = nullptr;  // valid for this NapiOut's handle scope, as NapiOut itself
  uint8_t* arenaData_ = nullptr;
  size_t arenaUsed_ = 0;
};

Napi::Function InitSocket(Napi::Env env);

}  // namespace rtnl
