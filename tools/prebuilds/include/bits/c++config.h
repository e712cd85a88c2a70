// Used only by npm run prebuilds (tools/prebuilds/build.sh), which compiles with GCC 12's C++ headers
// against glibc 2.17's. GCC 12's c++config.h was generated for glibc 2.36 and announces pthread
// functions that glibc added in 2.30/2.31; the 2.17 headers do not declare them, so turn them off.
#include_next <bits/c++config.h>
#undef _GLIBCXX_USE_PTHREAD_COND_CLOCKWAIT
#undef _GLIBCXX_USE_PTHREAD_MUTEX_CLOCKLOCK
#undef _GLIBCXX_USE_PTHREAD_RWLOCK_CLOCKLOCK
