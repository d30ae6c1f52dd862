/* <malloc.h> for legacy sources on POSIX: the system's own <malloc.h> where
 * there is one (glibc), then malloc/free (<stdlib.h>) and _alloca as the
 * Microsoft CRT names alloca. Added to the include path by the
 * rasshost::compat CMake target, ahead of the system headers. */
#ifndef RASSHOST_COMPAT_MALLOC_H
#define RASSHOST_COMPAT_MALLOC_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#if defined(__has_include_next)
#  if __has_include_next(<malloc.h>)
#    include_next <malloc.h>
#  endif
#endif
#include <stdlib.h>
#include <alloca.h>
#ifndef _alloca
#define _alloca alloca
#endif
#endif /* RASSHOST_COMPAT_MALLOC_H */
