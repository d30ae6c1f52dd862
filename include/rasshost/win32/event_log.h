/*
 * rasshost/win32/event_log.h - reporting to the event log.
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX each report is one line: to the running host's log when it has one
 * (rasshost/event_log.hpp), else to syslog, with the event type as the
 * priority, the source, the event ID, the insert strings (escaped) and the
 * size of the raw data (docs/decisions.md#event-log).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_EVENT_LOG_H
#define RASSHOST_WIN32_EVENT_LOG_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

/* A security identifier; ReportEvent ignores the one it is given. */
typedef PVOID PSID;

#define EVENTLOG_SUCCESS 0x0000
#define EVENTLOG_ERROR_TYPE 0x0001
#define EVENTLOG_WARNING_TYPE 0x0002
#define EVENTLOG_INFORMATION_TYPE 0x0004
#define EVENTLOG_AUDIT_SUCCESS 0x0008
#define EVENTLOG_AUDIT_FAILURE 0x0010

/** A handle for ReportEvent. lpUNCServerName NULL or empty: this machine;
 *  another machine fails with RPC_S_SERVER_UNAVAILABLE. A NULL source name
 *  fails with ERROR_INVALID_PARAMETER. */
RASSHOST_API HANDLE WINAPI RegisterEventSourceA(LPCSTR lpUNCServerName, LPCSTR lpSourceName);
RASSHOST_API HANDLE WINAPI RegisterEventSourceW(LPCWSTR lpUNCServerName, LPCWSTR lpSourceName);
/** Logs one event. wCategory and lpUserSid are not logged. FALSE with
 *  ERROR_INVALID_HANDLE for a handle that is no event source, and
 *  ERROR_INVALID_PARAMETER for NULL strings or data that were announced. */
RASSHOST_API BOOL WINAPI ReportEventA(HANDLE hEventLog, WORD wType, WORD wCategory, DWORD dwEventID, PSID lpUserSid,
                                      WORD wNumStrings, DWORD dwDataSize, LPCSTR *lpStrings, LPVOID lpRawData);
RASSHOST_API BOOL WINAPI ReportEventW(HANDLE hEventLog, WORD wType, WORD wCategory, DWORD dwEventID, PSID lpUserSid,
                                      WORD wNumStrings, DWORD dwDataSize, LPCWSTR *lpStrings, LPVOID lpRawData);
/** Ends an event source (CloseHandle refuses it, as on Windows). */
RASSHOST_API BOOL WINAPI DeregisterEventSource(HANDLE hEventLog);

#define RegisterEventSource RegisterEventSourceA
#define ReportEvent ReportEventA

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_EVENT_LOG_H */
