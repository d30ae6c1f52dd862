/* <strsafe.h> for legacy sources on POSIX: forwards to <rasshost/strsafe.h>.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_STRSAFE_H
#define RASSHOST_COMPAT_STRSAFE_H
#include <rasshost/strsafe.h>
#endif /* RASSHOST_COMPAT_STRSAFE_H */
