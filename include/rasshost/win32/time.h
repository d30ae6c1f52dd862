/*
 * rasshost/win32/time.h - calendar time: SYSTEMTIME, FILETIME conversions,
 * the time zone, and the performance counter.
 *
 * On Windows <windows.h> declares them and this header adds nothing. On
 * POSIX the system clock is CLOCK_REALTIME, the zone is the C library's
 * (TZ, /etc/localtime), and the performance counter runs on CLOCK_MONOTONIC
 * at 10 MHz, the frequency Windows 10 reports (docs/decisions.md#time).
 * Valid C89/C99 and C++98.
 */
#ifndef RASSHOST_WIN32_TIME_H
#define RASSHOST_WIN32_TIME_H

/* A part of <rasshost/win32.h>, which includes it on POSIX only (on Windows
 * <windows.h> declares all of this): include that header instead. */
#ifndef RASSHOST_WIN32_H
#error "include <rasshost/win32.h>, not its parts"
#endif

RASSHOST_EXTERN_C_BEGIN

typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;     /* 1..12 */
    WORD wDayOfWeek; /* 0 = Sunday */
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

/* UTC = local time + Bias minutes; StandardBias or DaylightBias is added
 * while that part of the year runs. The dates have wYear 0 and mean "the
 * wDay-th (5: last) wDayOfWeek of wMonth at wHour:wMinute local time";
 * wMonth 0 means the zone has no daylight saving time. */
typedef struct _TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION, *PTIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;

#define TIME_ZONE_ID_UNKNOWN 0u
#define TIME_ZONE_ID_STANDARD 1u
#define TIME_ZONE_ID_DAYLIGHT 2u
#define TIME_ZONE_ID_INVALID ((DWORD)0xFFFFFFFF)

/** The current time, UTC, to the millisecond. */
RASSHOST_API void WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime);
/** The current time in the system's zone. */
RASSHOST_API void WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime);
/** The current time, UTC, in 100 ns units since 1601-01-01. */
RASSHOST_API void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime);
/** FALSE with ERROR_INVALID_PARAMETER for a field out of range (years
 *  1601..30827, the month's days, 0..23 h, 0..59 min and s, 0..999 ms);
 *  wDayOfWeek is ignored. */
RASSHOST_API BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME *lpSystemTime, LPFILETIME lpFileTime);
/** Fills every field, wDayOfWeek included. FALSE with
 *  ERROR_INVALID_PARAMETER for a time at or above 2^63. */
RASSHOST_API BOOL WINAPI FileTimeToSystemTime(const FILETIME *lpFileTime, LPSYSTEMTIME lpSystemTime);
/** UTC to local with the zone's offset in effect now (not at that time), as
 *  Windows does. */
RASSHOST_API BOOL WINAPI FileTimeToLocalFileTime(const FILETIME *lpFileTime, LPFILETIME lpLocalFileTime);
/** Local to UTC with the offset in effect now. */
RASSHOST_API BOOL WINAPI LocalFileTimeToFileTime(const FILETIME *lpLocalFileTime, LPFILETIME lpFileTime);
/** -1, 0 or 1. */
RASSHOST_API LONG WINAPI CompareFileTime(const FILETIME *lpFileTime1, const FILETIME *lpFileTime2);
/** MS-DOS date and time (2-second resolution): FALSE with
 *  ERROR_INVALID_PARAMETER before 1980 or after 2107. */
RASSHOST_API BOOL WINAPI FileTimeToDosDateTime(const FILETIME *lpFileTime, LPWORD lpFatDate, LPWORD lpFatTime);
/** FALSE for a date or time that names no instant (month 0, day 0, 25 h). */
RASSHOST_API BOOL WINAPI DosDateTimeToFileTime(WORD wFatDate, WORD wFatTime, LPFILETIME lpFileTime);
/** The system's zone, as described above. Returns TIME_ZONE_ID_UNKNOWN for
 *  a zone without daylight saving time, else TIME_ZONE_ID_STANDARD or
 *  TIME_ZONE_ID_DAYLIGHT for the part of the year running now. The names
 *  are the zone's abbreviations (CET, CEST), not Windows' long names. */
RASSHOST_API DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation);
/** Ticks of the monotonic clock at QueryPerformanceFrequency per second. */
RASSHOST_API BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
/** 10000000 (10 MHz). */
RASSHOST_API BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);

RASSHOST_EXTERN_C_END

#endif /* RASSHOST_WIN32_TIME_H */
