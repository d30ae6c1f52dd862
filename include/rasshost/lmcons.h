/*
 * rasshost/lmcons.h - the lmcons.h name lengths that rasshost.h uses
 * as the SDK defines them. On Windows this is <lmcons.h>. Valid C89/C99 and C++98.
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
#endif

#endif /* RASSHOST_LMCONS_H */
