/* <raserror.h> for legacy sources built for Windows with GCC or Clang
 * (mingw-w64): the SDK's own header, then the codes it hides.
 *
 * Vista+ SDK headers, mingw-w64's included, define ERROR_EVENT_INVALID (607),
 * ERROR_SMM_TIMEOUT (748) and the other obsolete codes only when
 * WINVER < 0x0600; legacy security DLLs (Microsoft's sample among them) use
 * them at any WINVER. rasshost/raserror.h adds each one under #ifndef
 * (docs/decisions.md#error-codes). Put on the include path by rasshost::compat on Windows. */
#ifndef RASSHOST_COMPAT_SDK_RASERROR_H
#define RASSHOST_COMPAT_SDK_RASERROR_H
/* #include_next is a GCC extension: keep -Wpedantic quiet about it here. */
#pragma GCC system_header
#include_next <raserror.h>
#include <rasshost/raserror.h>
#endif /* RASSHOST_COMPAT_SDK_RASERROR_H */
