/* Shared by rasshost::compat's string.h, stdlib.h and stdio.h on POSIX: the
 * Microsoft CRT's errno_t, _TRUNCATE and STRUNCATE, which its headers get
 * from <crtdefs.h> and <errno.h>. Not for inclusion of its own. */
#ifndef RASSHOST_COMPAT_CRT_COMMON_H
#define RASSHOST_COMPAT_CRT_COMMON_H
#include <stddef.h>
#include <rasshost/config.h>
#ifndef RASSHOST_ERRNO_T_DEFINED
#define RASSHOST_ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#ifndef STRUNCATE
#define STRUNCATE 80
#endif
#endif /* RASSHOST_COMPAT_CRT_COMMON_H */
