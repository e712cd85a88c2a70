// N-API side of the codec interface: Out that builds JS objects, In that reads a JS request, and the
// per-environment state (the error classes TypeScript registers). See: native/codec.h.
#pragma once

#include <napi.h>

#include <vector>

#include "codec.h"

namespace rtnl {

struct AddonData {
  Napi::FunctionReference netlinkError;  // (errno, requestType, kernelText, code?) => NetlinkError
  Napi::FunctionReference systemError;   // (errno, syscall, path?) => Error with Node's shape
};

inline AddonData* Data(Napi::Env env) { return env.GetInstanceData<AddonData>(); }

// Throws the error TypeScript builds for a failed syscall (code, errno, syscall, path).
[[noreturn]] void ThrowSystemError(Napi::Env env, int err, const char* syscall, const std::string& path = "");

class NapiOut final : public Out {
 public:
  explicit NapiOut(Napi::Env env) : env_(env) {}
  // Starts a new top-level object; returns it when its fields are written.
  void Start() { stack_.assign(1, Napi::Object::New(env_)); }
  Napi::Object Result() { return stack_.front().As<Napi::Object>(); }

  void Num(const char* key, double v) override { Set(key, Napi::Number::New(env_, v)); }
  void Str(const char* key, std::string_view v) override {
    Set(key, Napi::String::New(env_, v.data(), v.size()));
  }
  void Bool(const char* key, bool v) override { Set(key, Napi::Boolean::New(env_, v)); }
  void BeginObject(const char* key) override {
    auto o = Napi::Object::New(env_);
    Set(key, o);
    stack_.push_back(o);
  }
  void BeginList(const char* key) override {
    auto a = Napi::Array::New(env_);
    Set(key, a);
    stack_.push_back(a);
  }
  void End() override {
    if (stack_.size() > 1) stack_.pop_back();
  }

 private:
  void Set(const char* key, napi_value v) {
    Napi::Value top = stack_.back();
    if (key) {
      top.As<Napi::Object>().Set(key, v);
    } else if (top.IsArray()) {
      auto a = top.As<Napi::Array>();
      a.Set(a.Length(), v);
    }
  }
  Napi::Env env_;
  std::vector<Napi::Value> stack_;
};

class NapiIn final : public In {
 public:
  explicit NapiIn(Napi::Object o) : o_(o) {}
  bool Has(const char* key) const override {
    return o_.Has(key) && !o_.Get(key).IsUndefined();
  }
  double Num(const char* key) const override {
    Napi::Value v = o_.Get(key);
    if (!v.IsNumber()) Bad(key, "a number");
    return v.As<Napi::Number>().DoubleValue();
  }
  std::string Str(const char* key) const override {
    Napi::Value v = o_.Get(key);
    if (!v.IsString()) Bad(key, "a string");
    return v.As<Napi::String>().Utf8Value();
  }
  std::vector<uint8_t> Bytes(const char* key) const override { return ToBytes(o_.Get(key), key); }
  std::unique_ptr<In> Obj(const char* key) const override { return AsIn(o_.Get(key), key); }
  size_t Len(const char* key) const override { return List(key).Length(); }
  std::unique_ptr<In> At(const char* key, size_t i) const override {
    return AsIn(List(key).Get(static_cast<uint32_t>(i)), key);
  }
  std::vector<uint8_t> BytesAt(const char* key, size_t i) const override {
    return ToBytes(List(key).Get(static_cast<uint32_t>(i)), key);
  }

 private:
  [[noreturn]] void Bad(const char* key, const char* what) const {
    throw Napi::TypeError::New(o_.Env(), std::string("rtnl native request: '") + key + "' must be " + what);
  }
  Napi::Array List(const char* key) const {
    Napi::Value v = o_.Get(key);
    if (!v.IsArray()) Bad(key, "an array");
    return v.As<Napi::Array>();
  }
  std::unique_ptr<In> AsIn(Napi::Value v, const char* key) const {
    if (!v.IsObject()) Bad(key, "an object");
    return std::make_unique<NapiIn>(v.As<Napi::Object>());
  }
  std::vector<uint8_t> ToBytes(Napi::Value v, const char* key) const {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
      Bad(key, "a Uint8Array");
    auto a = v.As<Napi::Uint8Array>();
    return std::vector<uint8_t>(a.Data(), a.Data() + a.ByteLength());
  }
  Napi::Object o_;
};

Napi::Function InitSocket(Napi::Env env);

}  // namespace rtnl
