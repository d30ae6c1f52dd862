/* <rasshost.h> for legacy sources on POSIX: forwards to <rasshost/rasshost.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_RASSHOST_H
#define RASSHOST_COMPAT_RASSHOST_H
#include <rasshost/rasshost.h>
#endif /* RASSHOST_COMPAT_RASSHOST_H */
