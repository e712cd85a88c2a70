// Linked only into the prebuilt addons (tools/prebuilds/build.sh), never into a source build.
// The prebuilds link GCC 12's libstdc++ statically (so they need no GLIBCXX version at all) against
// glibc 2.17. That libstdc++.a was compiled against glibc 2.36 and refers to three symbols 2.17 lacks;
// these hidden definitions satisfy them inside the addon, so nothing is left for the dynamic loader.
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <asm/unistd.h>  // __NR_getrandom: from the kernel headers, glibc 2.17 predates it
#include <sys/syscall.h>
#include <unistd.h>

#define HIDDEN __attribute__((visibility("hidden")))

// glibc 2.32+: non-zero while the process has one thread. 0 makes libstdc++ always use atomic
// reference counts, which is correct in every process (it only skips a single-thread shortcut).
HIDDEN char __libc_single_threaded = 0;

// glibc 2.25+. Only std::random_device uses it (rtnl does not); a faithful version all the same.
HIDDEN int getentropy(void* buf, size_t len) {
  if (len > 256) {
    errno = EIO;
    return -1;
  }
  unsigned char* p = (unsigned char*)buf;
  while (len > 0) {
    long n = syscall(__NR_getrandom, p, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

// glibc 2.36+. Likewise only reachable through std::random_device.
HIDDEN uint32_t arc4random(void) {
  uint32_t v = 0;
  if (getentropy(&v, sizeof v) != 0) abort();  // no getrandom(2): kernel < 3.17, below Node 20's floor
  return v;
}
