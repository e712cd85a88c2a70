// Namespace work off Node's thread: a netns.h call (which enters the namespace on a short-lived
// helper thread of its own) run as napi_async_work on libuv's pool, settling a promise, so Node's
// thread goes on with other work meanwhile. N-API glue. See: native/netns.h, napi_create_async_work.
#pragma once

#include <cerrno>
#include <functional>
#include <string>
#include <utility>

#include "glue.h"

namespace rtnl {

// The JS system error (code, errno, syscall, path) for a negative errno, as ThrowSystemError throws.
inline Napi::Value SystemErrorValue(Napi::Env env, int err, const char* syscall, const std::string& path) {
  return Data(env)->systemError.Call({Napi::Number::New(env, err), Napi::String::New(env, syscall), Napi::String::New(env, path)});
}

class NetnsWork : public Napi::AsyncWorker {
 public:
  // Returns 0 or a negative errno, naming the failed call in `*failed` (netns.h's convention).
  using Work = std::function<int(const char** failed)>;
  // Makes the promise's value on Node's thread once `work` succeeded; takes over what it made.
  using Done = std::function<Napi::Value(Napi::Env)>;
  // Frees what a successful `work` made when `done` never runs (the environment went away first).
  using Drop = std::function<void()>;

  // Queues `work`; the promise rejects with the system error (`failed`, `path`) when it fails.
  // Whatever `work` reads (fds, strings) must stay valid until the promise settles.
  static Napi::Promise Run(Napi::Env env, const char* failed, std::string path, Work work, Done done, Drop drop = {}) {
    auto* w = new NetnsWork(env, failed, std::move(path), std::move(work), std::move(done), std::move(drop));
    Napi::Promise p = w->deferred_.Promise();
    w->Queue();
    return p;
  }

  ~NetnsWork() override {
    if (r_ == 0 && !delivered_ && drop_) drop_();
  }

 protected:
  void Execute() override { r_ = work_(&failed_); }

  void OnOK() override {
    Napi::Env env = Env();
    if (r_) {
      deferred_.Reject(SystemErrorValue(env, -r_, failed_, path_));
      return;
    }
    delivered_ = true;  // `done` owns the result from here, even when it throws
    try {
      deferred_.Resolve(done_(env));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }

 private:
  NetnsWork(Napi::Env env, const char* failed, std::string path, Work work, Done done, Drop drop)
      : Napi::AsyncWorker(env, "rtnl:netns"), deferred_(Napi::Promise::Deferred::New(env)), failed_(failed),
        path_(std::move(path)), work_(std::move(work)), done_(std::move(done)), drop_(std::move(drop)) {}

  Napi::Promise::Deferred deferred_;
  const char* failed_;
  std::string path_;
  Work work_;
  Done done_;
  Drop drop_;
  int r_ = -ECANCELED;
  bool delivered_ = false;
};

}  // namespace rtnl
