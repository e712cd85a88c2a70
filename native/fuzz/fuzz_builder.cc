// libFuzzer harness: MsgBuilder fed random sequences of Begin/Put/PutRaw/Nest/End with random sizes
// and capacities. Every append either fits or throws MsgOverflow; the builder never writes outside
// its buffer (ASan), and what it built always parses back as well-formed attributes.
// See: native/nlmsg.h.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <vector>

#include "../nlmsg.h"

namespace {

uint8_t payload[1 << 17];  // what Put/PutRaw copy from: always large enough for the size asked

// A built message must frame as one message whose attributes walk to its end.
void CheckWellFormed(const rtnl::MsgBuilder& b, size_t capacity, size_t attrStart) {
  if (b.size() > capacity) __builtin_trap();
  if (b.size() == 0) return;
  const auto* nlh = reinterpret_cast<const nlmsghdr*>(b.data());
  if (nlh->nlmsg_len != b.size()) __builtin_trap();
  if (attrStart > b.size()) __builtin_trap();
  size_t seen = 0;
  rtnl::AttrTable<0>::ForEach(b.data() + attrStart, b.size() - attrStart,
                              [&](uint16_t, const rtnl::Attr& a) { seen += a.len; });
  (void)seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  size_t capacity = fdp.ConsumeBool() ? fdp.ConsumeIntegralInRange<size_t>(0, 256)
                                      : fdp.ConsumeIntegralInRange<size_t>(0, 70000);
  rtnl::MsgBuilder b(capacity);
  std::vector<size_t> nests;  // marks of open nests, innermost last
  bool begun = false;
  size_t attrStart = 0;
  for (int op = 0; op < 256 && fdp.remaining_bytes() > 0; op++) {
    auto small = [&] {
      return fdp.ConsumeBool() ? fdp.ConsumeIntegralInRange<size_t>(0, 64)
                               : fdp.ConsumeIntegralInRange<size_t>(0, sizeof payload);
    };
    try {
      switch (fdp.ConsumeIntegralInRange<int>(0, 6)) {
        case 0: {  // Begin: a new message, nests forgotten
          size_t hdrlen = small();
          b.Begin(fdp.ConsumeIntegral<uint16_t>(), fdp.ConsumeIntegral<uint16_t>(), hdrlen);
          begun = true;
          nests.clear();
          attrStart = rtnl::AttrOffset(hdrlen);
          break;
        }
        // Appends before any Begin are misuse, but still must not write outside the buffer.
        case 1:
          b.Put(fdp.ConsumeIntegral<uint16_t>(), payload, small());
          break;
        case 2:
          b.PutRaw(fdp.ConsumeBool() ? payload : nullptr, 0);
          b.PutRaw(payload, small());
          break;
        case 3:
          nests.push_back(b.Nest(fdp.ConsumeIntegral<uint16_t>()));
          break;
        case 4:
          if (nests.empty()) break;
          {
            size_t mark = nests.back();
            nests.pop_back();
            b.End(mark);
          }
          break;
        case 5:
          if (!begun) break;
          b.PutStr(fdp.ConsumeIntegral<uint16_t>(), fdp.ConsumeRandomLengthString(300));
          break;
        case 6:
          if (!begun) break;
          b.PutU32(fdp.ConsumeIntegral<uint16_t>(), fdp.ConsumeIntegral<uint32_t>());
          break;
      }
    } catch (const rtnl::MsgOverflow&) {
      // Refused cleanly: the message so far is unchanged and still well formed.
    }
    if (begun) CheckWellFormed(b, capacity, attrStart);
  }
  return 0;
}
