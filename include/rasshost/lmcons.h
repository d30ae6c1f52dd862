/*
 * rasshost/lmcons.h - the lmcons.h name lengths (those rasshost.h uses and the
 * other common ones) and LAN Manager API macros, as the SDK defines them.
 * On Windows this is <lmcons.h>. Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_LMCONS_H
#define RASSHOST_LMCONS_H

#include "config.h"

#if RASSHOST_OS_WINDOWS
#  include <lmcons.h>
#else
#  ifndef CNLEN
#  define CNLEN 15
#  endif
#  ifndef LM20_CNLEN
#  define LM20_CNLEN 15
#  endif
#  ifndef DNLEN
#  define DNLEN CNLEN
#  endif
#  ifndef LM20_DNLEN
#  define LM20_DNLEN 15
#  endif
#  ifndef UNLEN
#  define UNLEN 256
#  endif
#  ifndef LM20_UNLEN
#  define LM20_UNLEN 20
#  endif
#  ifndef PWLEN
#  define PWLEN 256
#  endif
#  ifndef LM20_PWLEN
#  define LM20_PWLEN 14
#  endif
#  ifndef UNCLEN
#  define UNCLEN (CNLEN + 2)
#  endif
#  ifndef LM20_UNCLEN
#  define LM20_UNCLEN (LM20_CNLEN + 2)
#  endif
#  ifndef NNLEN
#  define NNLEN 80
#  endif
#  ifndef LM20_NNLEN
#  define LM20_NNLEN 12
#  endif
#  ifndef RMLEN
#  define RMLEN (UNCLEN + 1 + NNLEN)
#  endif
#  ifndef SNLEN
#  define SNLEN 80
#  endif
#  ifndef STXTLEN
#  define STXTLEN 256
#  endif
#  ifndef PATHLEN
#  define PATHLEN 256
#  endif
#  ifndef DEVLEN
#  define DEVLEN 80
#  endif
#  ifndef EVLEN
#  define EVLEN 16
#  endif
#  ifndef GNLEN
#  define GNLEN UNLEN
#  endif
#  ifndef SHPWLEN
#  define SHPWLEN 8
#  endif
#  ifndef MAXCOMMENTSZ
#  define MAXCOMMENTSZ 256
#  endif
/* The LAN Manager API's status type and calling convention, as macros like
 * the SDK's; MAX_PREFERRED_LENGTH needs DWORD (rasshost/win32.h). */
#  ifndef NET_API_STATUS
#  define NET_API_STATUS DWORD
#  endif
#  ifndef API_RET_TYPE
#  define API_RET_TYPE NET_API_STATUS
#  endif
#  ifndef NET_API_FUNCTION
#  define NET_API_FUNCTION
#  endif
#  ifndef MAX_PREFERRED_LENGTH
#  define MAX_PREFERRED_LENGTH ((DWORD)-1)
#  endif
#endif

#endif /* RASSHOST_LMCONS_H */
