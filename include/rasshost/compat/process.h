/* <process.h> for legacy sources on POSIX: the CRT's thread calls
 * (_beginthreadex ...) from <rasshost/win32/crt_threads.h>, _getpid, and <stdlib.h>
 * for exit, abort and system, which the CRT's process.h declares too.
 * Added to the include path by the rasshost::compat CMake target. */
#ifndef RASSHOST_COMPAT_PROCESS_H
#define RASSHOST_COMPAT_PROCESS_H
#include <stdlib.h>
#include <rasshost/win32.h>
#include <rasshost/win32/crt_threads.h>
#include <unistd.h>
/* The CRT's _getpid is the process id, getpid's. */
#ifndef _getpid
#define _getpid() ((int)getpid())
#endif
#endif /* RASSHOST_COMPAT_PROCESS_H */
