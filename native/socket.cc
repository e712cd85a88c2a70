// The Socket class exported to JS: one non-blocking NETLINK_ROUTE socket driven by uv_poll on the
// Node event loop, with pipelined requests matched to replies by sequence number and port id.
// See: man 7 netlink (NLM_F_DUMP, NLMSG_DONE, NLM_F_DUMP_INTR, NETLINK_EXT_ACK), man 7 rtnetlink.
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>
#include <unordered_map>

#include "glue.h"
#include "netns.h"
#include "nswork.h"
#include "packed.h"

namespace rtnl {
namespace {

// Requests sent and not yet answered, at most. Each answer waits in the socket's receive buffer
// until read; the kernel drops (ENOBUFS) what does not fit, so the window keeps replies in bounds.
constexpr size_t kWindow = 256;
// A dump that the kernel marks interrupted (NLM_F_DUMP_INTR: the table changed under it) is asked
// again this many times before it is rejected.
constexpr int kDumpRetries = 5;
constexpr size_t kRecvBuffer = 256 * 1024;
// At most this many bytes of requests go in one datagram (a single larger request goes alone).
constexpr size_t kSendBatch = 32 * 1024;
// How long one readable callback reads and decodes before it lets the event loop run (ns).
constexpr uint64_t kReadSlice = 2'000'000;

struct Request {
  uint16_t type = 0;
  bool dump = false;
  bool interrupted = false;
  int retries = 0;
  uint32_t id = 0;           // the caller's (src/pack.ts): its outcome is reported under it
  std::vector<uint8_t> msg;  // the encoded request, kept for sending later or asking again
  Napi::Reference<Napi::Array> results;
  uint32_t count = 0;
  bool stats = true;  // a link request that wants counters (LinkRequestWantsStats)
};

class Socket : public Napi::ObjectWrap<Socket> {
 public:
  static Napi::Function Class(Napi::Env env) {
    return DefineClass(env, "Socket",
                       {
                           InstanceMethod<&Socket::Requests>("requests"),
                           InstanceMethod<&Socket::Close>("close"),
                           InstanceMethod<&Socket::Subscribe>("subscribe"),
                           InstanceAccessor<&Socket::PortId>("portId"),
                           InstanceAccessor<&Socket::Pending>("pending"),
                           StaticMethod<&Socket::Open>("open"),
                       });
  }

  // Socket.open(nsfd): Promise<Socket>; the socket is made inside namespace nsfd by a helper
  // thread off Node's thread (nsfd must stay open until the promise settles).
  static Napi::Value Open(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "Socket.open(nsfd)");
    int nsfd = info[0].As<Napi::Number>().Int32Value();
    // The class it was called on (a subclass too) makes the object.
    auto ctor = std::make_shared<Napi::FunctionReference>(Napi::Persistent(info.This().As<Napi::Function>()));
    auto fd = std::make_shared<int>(-1);
    return NetnsWork::Run(
        env, "socket", "",
        [nsfd, fd](const char** failed) {
          uint32_t portid = 0;
          return OpenRouteSocket(nsfd, fd.get(), &portid, failed);
        },
        [ctor, fd](Napi::Env e) -> Napi::Value { return ctor->New({Napi::Number::New(e, -1), Napi::Number::New(e, *fd)}); },
        [fd] { ::close(*fd); });
  }

  // new Socket(nsfd): a socket opened inside namespace nsfd (-1: the caller's) by a helper thread
  // that Node's thread waits for. new Socket(-1, fd): takes over a bound NETLINK_ROUTE socket that
  // Socket.open made (and closes it when it cannot be used).
  explicit Socket(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Socket>(info), recv_(kRecvBuffer) {
    Napi::Env env = info.Env();
    int nsfd = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : -1;
    const char* failed = "socket";
    int r = info.Length() > 1 && info[1].IsNumber() ? AdoptRouteSocket(info[1].As<Napi::Number>().Int32Value(), &fd_, &portid_, &failed)
                                                    : OpenRouteSocket(nsfd, &fd_, &portid_, &failed);
    if (r) ThrowSystemError(env, -r, failed);
    uv_loop_t* loop = nullptr;
    if (napi_get_uv_event_loop(env, &loop) != napi_ok) {
      ::close(fd_);
      throw Napi::Error::New(env, "rtnl: no event loop");
    }
    auto* poll = new uv_poll_t;
    poll->data = this;
    if (int e = uv_poll_init_socket(loop, poll, fd_); e < 0) {  // never initialized: no uv_close
      delete poll;
      ::close(fd_);
      fd_ = -1;
      ThrowSystemError(env, -e, "uv_poll_init_socket");
    }
    poll_ = poll;
    uv_poll_start(poll_, UV_READABLE, OnReadable);
    uv_unref(reinterpret_cast<uv_handle_t*>(poll_));  // idle: does not keep the process alive
    context_ = std::make_unique<Napi::AsyncContext>(env, "rtnl");
  }

  ~Socket() override { Shutdown(); }

 private:
  // requests(packed, length): queues and sends the requests src/pack.ts packed into the first
  // `length` bytes of `packed` (a batch: native/packed.h), in order. Nothing is returned: every
  // request's outcome (its decoded replies, or its error: a refusal of this encoder, the kernel's, a
  // closed socket) is reported through the settle callback under the request's id (Report).
  Napi::Value Requests(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsTypedArray() || !info[1].IsNumber())
      throw Napi::TypeError::New(env, "rtnl native requests(packed, length)");
    auto packed = info[0].As<Napi::TypedArray>();
    size_t length = info[1].As<Napi::Number>().Uint32Value();
    if (packed.TypedArrayType() != napi_uint8_array || length > packed.ByteLength())
      throw Napi::TypeError::New(env, "rtnl native requests: the packed batch must be a Uint8Array of at least `length` bytes");
    const uint8_t* bytes = packed.As<Napi::Uint8Array>().Data();
    const uint8_t* end = bytes + length;
    PackedRequest pr;
    // The framing is checked whole first, so that a broken batch is refused whole, before any of it
    // is queued.
    try {
      for (const uint8_t* p = bytes; NextPackedRequest(p, end, &pr);) {
      }
    } catch (const BadRequest& e) {
      throw Napi::TypeError::New(env, e.what());
    }
    bool idle = pendingCount() == 0;
    for (const uint8_t* p = bytes; NextPackedRequest(p, end, &pr);) Queue(env, pr);
    if (idle && pendingCount() > 0 && !subscribed_) Hold();
    // Sent now, at the end of the caller's synchronous run (src/pack.ts calls from a microtask), so
    // the requests it made go out together: many to one sendmsg, which the kernel walks message by
    // message.
    Pump(env);
    Report(env);
    return env.Undefined();
  }

  // Encodes one request of a batch and queues it; what cannot be sent is settled with its error.
  void Queue(Napi::Env env, const PackedRequest& pr) {
    const Family* family = FamilyOf(pr.type);
    if (!family)
      return Settle(env, pr.id,
                    Napi::TypeError::New(env, "rtnl native request: unknown message type " + std::to_string(pr.type)).Value());
    bool dump = (pr.flags & NLM_F_DUMP) == NLM_F_DUMP;
    MsgBuilder& b = builder_;
    try {
      family->encode(b, pr.type, static_cast<uint16_t>(pr.flags | NLM_F_REQUEST | (dump ? 0 : NLM_F_ACK)),
                     PackedIn(pr.data, pr.len));
    } catch (const MsgOverflow&) {
      return Settle(env, pr.id, Napi::RangeError::New(env, "rtnl: request too large for one netlink message").Value());
    } catch (const BadRequest& e) {
      return Settle(env, pr.id, Napi::TypeError::New(env, e.what()).Value());
    }
    // Checked after the encode, as before batching: a request its encoder refuses says so, closed or not.
    if (fd_ < 0) return Settle(env, pr.id, ClosedError(env).Value());
    b.Header()->nlmsg_pid = 0;
    auto req = std::make_unique<Request>();
    req->type = pr.type;
    req->dump = dump;
    req->id = pr.id;
    req->msg.assign(b.data(), b.data() + b.size());
    req->stats = LinkRequestWantsStats(req->msg.data(), req->msg.size());
    (dump ? dumps_ : waiting_).push_back(std::move(req));
  }

  // A request's outcome, kept until Report: acknowledged without replies (nothing to build), or a
  // value (its replies as an array, or its error).
  void Settle(Napi::Env, uint32_t id) {
    settled_.push_back(id);
    settled_.push_back(0);
  }
  void Settle(Napi::Env env, uint32_t id, Napi::Value value) {
    if (values_.IsEmpty()) {
      values_ = Napi::Persistent(Napi::Array::New(env));
      valueCount_ = 0;
    }
    values_.Value().Set(valueCount_++, value);
    settled_.push_back(id);
    settled_.push_back(valueCount_);
  }

  // Hands the outcomes kept since the last report to JS in one call: settle(outcomes, values), where
  // outcomes holds pairs (id, slot): slot 0 is an acknowledgement without replies, slot k values[k - 1].
  void Report(Napi::Env env) {
    if (settled_.empty()) return;
    auto buffer = Napi::ArrayBuffer::New(env, settled_.size() * sizeof(uint32_t));
    std::memcpy(buffer.Data(), settled_.data(), settled_.size() * sizeof(uint32_t));
    auto outcomes = Napi::Uint32Array::New(env, settled_.size(), buffer, 0);
    settled_.clear();
    Napi::Value values = values_.IsEmpty() ? env.Undefined() : values_.Value();
    values_.Reset();
    Data(env)->settle.Call({outcomes, values});
  }

  // subscribe(groups, onEvents, receiveBufferSize?, onCaughtUp?): joins the RTNLGRP_* groups;
  // onEvents is called with each datagram's notifications as [{ type, data }], or with null when the
  // kernel dropped notifications (ENOBUFS: the receive buffer overflowed). With onCaughtUp, what is
  // still queued after a drop (all older than the loss) is discarded unread, and onCaughtUp() is
  // called once the socket has been read empty: every notification after that is of a change made
  // after it. A subscribed socket keeps the loop alive.
  Napi::Value Subscribe(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsFunction() ||
        (info.Length() > 3 && !info[3].IsUndefined() && !info[3].IsFunction()))
      throw Napi::TypeError::New(env, "rtnl native subscribe(groups, onEvents, receiveBufferSize?, onCaughtUp?)");
    if (fd_ < 0) throw ClosedError(env);
    if (info.Length() > 2 && info[2].IsNumber()) {
      int size = info[2].As<Napi::Number>().Int32Value();
      if (setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) &&
          setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size))
        ThrowSystemError(env, errno, "setsockopt");
    }
    auto groups = info[0].As<Napi::Array>();
    for (uint32_t i = 0; i < groups.Length(); i++) {
      Napi::Value g = groups.Get(i);
      if (!g.IsNumber()) throw Napi::TypeError::New(env, "rtnl native subscribe: groups must be numbers");
      unsigned int group = g.As<Napi::Number>().Uint32Value();
      if (setsockopt(fd_, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group))
        ThrowSystemError(env, errno, "setsockopt");
    }
    onEvents_ = Napi::Persistent(info[1].As<Napi::Function>());
    if (info.Length() > 3 && info[3].IsFunction()) onCaughtUp_ = Napi::Persistent(info[3].As<Napi::Function>());
    if (!subscribed_ && pendingCount() == 0) Hold();
    subscribed_ = true;
    return env.Undefined();
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    bool had = pendingCount() > 0 || subscribed_;
    subscribed_ = false;
    onEvents_.Reset();
    onCaughtUp_.Reset();
    Shutdown();
    RejectAll(env, [&] { return ClosedError(env); });
    if (had) Release();
    Report(env);
    return env.Undefined();
  }

  Napi::Value PortId(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), portid_); }
  Napi::Value Pending(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(pendingCount()));
  }

  size_t pendingCount() const { return inflight_.size() + waiting_.size() + dumps_.size(); }

  // While requests are pending the loop and this object are kept alive; idle, neither is.
  void Hold() {
    Ref();
    if (poll_) uv_ref(reinterpret_cast<uv_handle_t*>(poll_));
  }
  void Release() {
    Unref();
    if (poll_) uv_unref(reinterpret_cast<uv_handle_t*>(poll_));
  }

  Napi::Error ClosedError(Napi::Env env) {
    auto e = Napi::Error::New(env, "rtnl handle is closed");
    e.Set("code", Napi::String::New(env, "ERR_RTNL_CLOSED"));
    return e;
  }

  Napi::Value NetlinkError(Napi::Env env, int err, uint16_t type, const std::string& text, const char* code = nullptr) {
    std::vector<napi_value> args{Napi::Number::New(env, err), Napi::Number::New(env, type),
                                 Napi::String::New(env, text)};
    if (code) args.push_back(Napi::String::New(env, code));
    return Data(env)->netlinkError.Call(args);
  }

  // Sends what the window allows: a dump alone (the kernel runs one dump per socket and answers a
  // second with EBUSY), ordinary requests in order, as many as fit in one datagram per sendmsg.
  void Pump(Napi::Env env) {
    while (fd_ >= 0 && inflight_.size() < kWindow) {
      if (!dumpRunning_ && !dumps_.empty()) {
        dumpRunning_ = true;
        batch_.push_back(std::move(dumps_.front()));
        dumps_.pop_front();
      } else {
        size_t bytes = 0;
        while (!waiting_.empty() && inflight_.size() + batch_.size() < kWindow &&
               (batch_.empty() || bytes + waiting_.front()->msg.size() <= kSendBatch)) {
          bytes += waiting_.front()->msg.size();
          batch_.push_back(std::move(waiting_.front()));
          waiting_.pop_front();
        }
      }
      if (batch_.empty()) break;
      Send(env);
    }
  }

  // Sends batch_ in one datagram; each request goes in flight, or is rejected if sending failed.
  void Send(Napi::Env env) {
    sendBuf_.clear();
    for (auto& req : batch_) {
      uint32_t seq = ++seq_;
      if (seq == 0) seq = ++seq_;  // 0 is what notifications carry
      reinterpret_cast<nlmsghdr*>(req->msg.data())->nlmsg_seq = seq;
      sendBuf_.insert(sendBuf_.end(), req->msg.begin(), req->msg.end());
    }
    ssize_t n;
    do n = ::send(fd_, sendBuf_.data(), sendBuf_.size(), 0);
    while (n < 0 && errno == EINTR);
    int err = n < 0 ? errno : 0;
    for (auto& req : batch_) {
      if (!err) {
        uint32_t seq = reinterpret_cast<const nlmsghdr*>(req->msg.data())->nlmsg_seq;
        inflight_.emplace(seq, std::move(req));
        continue;
      }
      if (req->dump) dumpRunning_ = false;
      Settle(env, req->id, NetlinkError(env, err, req->type, ""));
    }
    batch_.clear();
    if (err) AfterSettle();
  }

  static void OnReadable(uv_poll_t* handle, int status, int) {
    auto* self = static_cast<Socket*>(handle->data);
    Napi::Env env = self->Env();
    Napi::HandleScope scope(env);
    // The scope runs microtasks and next-tick callbacks when it closes, so awaiting code resumes.
    Napi::CallbackScope cb(env, *self->context_);
    // libuv stops a poll that sees POLLERR and reports UV_EBADF; for netlink that is how an overrun
    // (sk_err = ENOBUFS) shows, so start it again and let recvmsg() say what happened.
    if (status < 0 && self->poll_) uv_poll_start(self->poll_, UV_READABLE, OnReadable);
    try {
      self->Drain(env);
      self->Report(env);
    } catch (const Napi::Error& e) {
      // An exception thrown by JS code cannot be thrown from here; report it like Node does.
      napi_fatal_exception(env, e.Value());
    }
  }

  void Drain(Napi::Env env) {
    // A dump keeps the socket readable until it ends (each read makes the kernel fill the next
    // datagram), so reading stops after a time slice and the event loop runs; the poll is level
    // triggered and calls again on the next turn.
    // Discarding after an overrun goes on until the socket is read empty, whatever the time: that
    // is the moment the watch waits for, and an empty socket would not call again.
    uint64_t until = uv_hrtime() + kReadSlice;
    NapiOut out(env);  // one for the whole callback: it keeps the property names it has made at hand
    while (fd_ >= 0 && (skipping_ || uv_hrtime() < until)) {
      iovec iov{recv_.data(), recv_.size()};
      msghdr mh{};
      sockaddr_nl from{};
      mh.msg_name = &from;
      mh.msg_namelen = sizeof from;
      mh.msg_iov = &iov;
      mh.msg_iovlen = 1;
      ssize_t n = ::recvmsg(fd_, &mh, MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          // Read empty: the kernel delivers again (it drops every notification from an overrun
          // until the queue has been emptied), so what comes next is news.
          if (skipping_) {
            skipping_ = false;
            if (subscribed_ && !onCaughtUp_.IsEmpty()) onCaughtUp_.Call({});
          }
          break;
        }
        // ENOBUFS: the kernel dropped replies; which ones cannot be known, so every request in
        // flight fails rather than wait forever.
        int err = errno;
        if (err == ENOBUFS && subscribed_) {
          FlushEvents(env);
          // The kernel reports the drop before what is still queued, which is older than the loss.
          if (!onCaughtUp_.IsEmpty()) skipping_ = true;
          onEvents_.Call({env.Null()});
        }
        RejectInflight(env, err, err == ENOBUFS ? "replies were lost: the receive buffer overflowed" : nullptr);
        if (err == ENOBUFS) continue;  // reading it cleared the error; what is queued is still there
        break;
      }
      if (from.nl_pid != 0) continue;  // only the kernel speaks to us
      if (mh.msg_flags & MSG_TRUNC) {
        RejectInflight(env, EMSGSIZE, "a reply was larger than the receive buffer");
        continue;
      }
      ForEachMsg(recv_.data(), static_cast<size_t>(n), [&](const nlmsghdr* nlh) { OnMessage(env, nlh, out); });
      FlushEvents(env);
    }
    Pump(env);
  }

  void OnMessage(Napi::Env env, const nlmsghdr* nlh, NapiOut& out) {
    auto it = nlh->nlmsg_pid == portid_ && nlh->nlmsg_seq != 0 ? inflight_.find(nlh->nlmsg_seq) : inflight_.end();
    if (it == inflight_.end()) {
      // Not a reply to a request in flight: a notification, when subscribed (notifications caused by
      // another process's request carry that process's port id and sequence number).
      if (subscribed_ && !skipping_) OnNotification(env, nlh, out);
      return;
    }
    Request& req = *it->second;
    if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) req.interrupted = true;

    if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
      ErrorReply er = ParseErrorReply(nlh);
      std::unique_ptr<Request> done = std::move(it->second);
      inflight_.erase(it);
      if (done->dump) dumpRunning_ = false;
      if (er.ok && er.error != 0) {
        Settle(env, done->id, NetlinkError(env, er.error, done->type, er.message));
      } else if (done->dump && done->interrupted) {
        if (done->retries++ < kDumpRetries) {
          done->interrupted = false;
          done->count = 0;
          done->results.Reset();
          dumps_.push_front(std::move(done));
          return;
        }
        Settle(env, done->id, NetlinkError(env, EINTR, done->type,
                                           "the dump was interrupted by changes " + std::to_string(kDumpRetries + 1) + " times",
                                           "ERR_DUMP_INTERRUPTED"));
      } else {
        // Most requests (acks) have no replies: no array is made for them.
        if (done->results.IsEmpty()) {
          Settle(env, done->id);
        } else {
          Settle(env, done->id, done->results.Value());
        }
      }
      AfterSettle();
      return;
    }
    if (nlh->nlmsg_type < NLMSG_MIN_TYPE) return;  // NOOP, OVERRUN
    const Family* family = FamilyOf(nlh->nlmsg_type);
    if (!family) return;
    out.Start();
    out.stats = req.stats;
    if (!family->decode(nlh, out)) return;
    if (req.results.IsEmpty()) req.results = Napi::Persistent(Napi::Array::New(env));
    req.results.Value().Set(req.count++, out.Result());
  }

  void OnNotification(Napi::Env env, const nlmsghdr* nlh, NapiOut& out) {
    const Family* family = FamilyOf(nlh->nlmsg_type);
    if (!family) return;
    out.Start();
    out.stats = true;
    if (!family->decode(nlh, out)) return;
    if (events_.IsEmpty()) {
      events_ = Napi::Persistent(Napi::Array::New(env));
      eventCount_ = 0;
    }
    Napi::Object ev = Napi::Object::New(env);
    ev.Set("type", Napi::Number::New(env, nlh->nlmsg_type));
    ev.Set("data", out.Result());
    events_.Value().Set(eventCount_++, ev);
  }

  // Hands the notifications of one datagram to JS in one call.
  void FlushEvents(Napi::Env env) {
    if (events_.IsEmpty()) return;
    Napi::Array batch = events_.Value();
    events_.Reset();
    if (subscribed_) onEvents_.Call({batch});
  }

  void AfterSettle() {
    if (pendingCount() == 0 && !subscribed_) Release();
  }

  template <class F>
  void RejectAll(Napi::Env env, F&& error) {
    for (auto& [seq, req] : inflight_) Settle(env, req->id, error().Value());
    for (auto& req : waiting_) Settle(env, req->id, error().Value());
    for (auto& req : dumps_) Settle(env, req->id, error().Value());
    inflight_.clear();
    waiting_.clear();
    dumps_.clear();
    dumpRunning_ = false;
  }

  void RejectInflight(Napi::Env env, int err, const char* text) {
    if (inflight_.empty()) return;
    for (auto& [seq, req] : inflight_) Settle(env, req->id, NetlinkError(env, err, req->type, text ? text : ""));
    inflight_.clear();
    dumpRunning_ = false;
    AfterSettle();
  }

  void Shutdown() {
    if (poll_) {
      // Once the poll is stopped the fd may be closed (libuv's rule); the handle goes later.
      uv_poll_stop(poll_);
      uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
      poll_ = nullptr;
    }
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

  int fd_ = -1;
  uint32_t portid_ = 0;
  uint32_t seq_ = 0;
  bool dumpRunning_ = false;
  uv_poll_t* poll_ = nullptr;
  std::unique_ptr<Napi::AsyncContext> context_;
  bool subscribed_ = false;
  Napi::FunctionReference onEvents_;
  Napi::FunctionReference onCaughtUp_;
  bool skipping_ = false;  // after an overrun, until read empty (only with onCaughtUp)
  Napi::Reference<Napi::Array> events_;
  uint32_t eventCount_ = 0;
  std::vector<uint8_t, Uninitialized<uint8_t>> recv_;
  MsgBuilder builder_;  // every request is built here, then copied into its Request
  std::unordered_map<uint32_t, std::unique_ptr<Request>> inflight_;
  std::vector<std::unique_ptr<Request>> batch_;  // being sent (Pump, Send)
  std::vector<uint8_t> sendBuf_;                 // their bytes, one datagram
  std::vector<uint32_t> settled_;        // outcomes not yet reported: (id, slot) pairs (Report)
  Napi::Reference<Napi::Array> values_;  // their values
  uint32_t valueCount_ = 0;
  std::deque<std::unique_ptr<Request>> waiting_;
  std::deque<std::unique_ptr<Request>> dumps_;
};

}  // namespace

Napi::Function InitSocket(Napi::Env env) { return Socket::Class(env); }

}  // namespace rtnl
