/* <lmcons.h> for legacy sources on POSIX: forwards to <rasshost/lmcons.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_LMCONS_H
#define RASSHOST_COMPAT_LMCONS_H
#include <rasshost/lmcons.h>
#endif /* RASSHOST_COMPAT_LMCONS_H */
