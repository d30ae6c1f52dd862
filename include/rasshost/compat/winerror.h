/* <winerror.h> for legacy sources on POSIX: forwards to <rasshost/winerror.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_WINERROR_H
#define RASSHOST_COMPAT_WINERROR_H
#include <rasshost/winerror.h>
#endif /* RASSHOST_COMPAT_WINERROR_H */
