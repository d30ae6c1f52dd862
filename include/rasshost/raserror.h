/*
 * rasshost/raserror.h - the raserror.h codes of the RAS security host API
 * with the SDK's values and spellings (docs/decisions.md#error-codes).
 *
 * Every code is defined under #ifndef, including the generic names SUCCESS
 * and PENDING, and including the codes that Vista+ SDKs hide unless
 * WINVER < 0x0600 (ERROR_EVENT_INVALID 607, ERROR_SMM_TIMEOUT 748), so legacy sources that use them build at any WINVER. On Windows
 * the SDK's <raserror.h> is included first and only what it lacks is added.
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_RASERROR_H
#define RASSHOST_RASERROR_H

#include "config.h"
#include "winerror.h"

#if RASSHOST_OS_WINDOWS
#  include <raserror.h>
#endif

#ifndef RASBASE
#define RASBASE 600
#endif
#ifndef SUCCESS
#define SUCCESS 0
#endif
#ifndef PENDING
#define PENDING (RASBASE+0)
#endif
#ifndef ERROR_INVALID_PORT_HANDLE
#define ERROR_INVALID_PORT_HANDLE (RASBASE+1)
#endif
#ifndef ERROR_PORT_ALREADY_OPEN
#define ERROR_PORT_ALREADY_OPEN (RASBASE+2)
#endif
#ifndef ERROR_BUFFER_TOO_SMALL
#define ERROR_BUFFER_TOO_SMALL (RASBASE+3)
#endif
#ifndef ERROR_WRONG_INFO_SPECIFIED
#define ERROR_WRONG_INFO_SPECIFIED (RASBASE+4)
#endif
#ifndef ERROR_PORT_NOT_CONNECTED
#define ERROR_PORT_NOT_CONNECTED (RASBASE+6)
#endif
#ifndef ERROR_EVENT_INVALID
#define ERROR_EVENT_INVALID (RASBASE+7)
#endif
#ifndef ERROR_BUFFER_INVALID
#define ERROR_BUFFER_INVALID (RASBASE+10)
#endif
#ifndef ERROR_PORT_NOT_FOUND
#define ERROR_PORT_NOT_FOUND (RASBASE+15)
#endif
#ifndef ERROR_ASYNC_REQUEST_PENDING
#define ERROR_ASYNC_REQUEST_PENDING (RASBASE+16)
#endif
#ifndef ERROR_ALREADY_DISCONNECTING
#define ERROR_ALREADY_DISCONNECTING (RASBASE+17)
#endif
#ifndef ERROR_PORT_NOT_OPEN
#define ERROR_PORT_NOT_OPEN (RASBASE+18)
#endif
#ifndef ERROR_PORT_DISCONNECTED
#define ERROR_PORT_DISCONNECTED (RASBASE+19)
#endif
#ifndef ERROR_DISCONNECTION
#define ERROR_DISCONNECTION (RASBASE+28)
#endif
#ifndef ERROR_REMOTE_DISCONNECTION
#define ERROR_REMOTE_DISCONNECTION (RASBASE+29)
#endif
#ifndef ERROR_HARDWARE_FAILURE
#define ERROR_HARDWARE_FAILURE (RASBASE+30)
#endif
#ifndef ERROR_USER_DISCONNECTION
#define ERROR_USER_DISCONNECTION (RASBASE+31)
#endif
#ifndef ERROR_UNKNOWN
#define ERROR_UNKNOWN (RASBASE+35)
#endif
#ifndef ERROR_REQUEST_TIMEOUT
#define ERROR_REQUEST_TIMEOUT (RASBASE+38)
#endif
#ifndef ERROR_AUTH_INTERNAL
#define ERROR_AUTH_INTERNAL (RASBASE+45)
#endif
#ifndef ERROR_RESTRICTED_LOGON_HOURS
#define ERROR_RESTRICTED_LOGON_HOURS (RASBASE+46)
#endif
#ifndef ERROR_ACCT_DISABLED
#define ERROR_ACCT_DISABLED (RASBASE+47)
#endif
#ifndef ERROR_PASSWD_EXPIRED
#define ERROR_PASSWD_EXPIRED (RASBASE+48)
#endif
#ifndef ERROR_NO_DIALIN_PERMISSION
#define ERROR_NO_DIALIN_PERMISSION (RASBASE+49)
#endif
#ifndef ERROR_AUTHENTICATION_FAILURE
#define ERROR_AUTHENTICATION_FAILURE (RASBASE+91)
#endif
#ifndef ERROR_INTERACTIVE_MODE
#define ERROR_INTERACTIVE_MODE (RASBASE+103)
#endif
#ifndef ERROR_ACCT_EXPIRED
#define ERROR_ACCT_EXPIRED (RASBASE+108)
#endif
#ifndef ERROR_SMM_TIMEOUT
#define ERROR_SMM_TIMEOUT (RASBASE+148)
#endif

#endif /* RASSHOST_RASERROR_H */
