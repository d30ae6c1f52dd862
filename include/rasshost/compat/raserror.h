/* <raserror.h> for legacy sources on POSIX: forwards to <rasshost/raserror.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_RASERROR_H
#define RASSHOST_COMPAT_RASERROR_H
#include <rasshost/raserror.h>
#endif /* RASSHOST_COMPAT_RASERROR_H */
