// Calendar time: SYSTEMTIME <-> FILETIME with known values and Windows'
// range checks, local time, MS-DOS date and time, the time zone, the
// performance counter, and the CRT's _strdate/_strtime.
#include <doctest/doctest.h>
#include <rasshost/win32.h>
#include <time.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include "support/platform_cases.hpp"

namespace {

FILETIME filetime(std::uint64_t ticks) { return FILETIME{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)}; }
std::uint64_t ticks(const FILETIME& ft) { return (std::uint64_t{ft.dwHighDateTime} << 32) | ft.dwLowDateTime; }

SYSTEMTIME fields(WORD y, WORD mo, WORD d, WORD h, WORD mi, WORD s, WORD ms) {
    SYSTEMTIME st{};
    st.wYear = y, st.wMonth = mo, st.wDay = d, st.wHour = h, st.wMinute = mi, st.wSecond = s, st.wMilliseconds = ms;
    return st;
}

bool same_fields(const SYSTEMTIME& a, const SYSTEMTIME& b) {
    return a.wYear == b.wYear && a.wMonth == b.wMonth && a.wDay == b.wDay && a.wHour == b.wHour &&
           a.wMinute == b.wMinute && a.wSecond == b.wSecond && a.wMilliseconds == b.wMilliseconds;
}

constexpr std::uint64_t unix_epoch = 0x019DB1DED53E8000ull;

}  // namespace

TEST_CASE("SystemTimeToFileTime: 1601-01-01 is 0, the Unix epoch and a leap day are known values") {
    FILETIME ft{};
    SYSTEMTIME st = fields(1601, 1, 1, 0, 0, 0, 0);
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    CHECK(ticks(ft) == 0);
    st = fields(1970, 1, 1, 0, 0, 0, 0);
    st.wDayOfWeek = 6;  // ignored
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    CHECK(ticks(ft) == unix_epoch);
    st = fields(2000, 2, 29, 12, 34, 56, 789);
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    CHECK(ticks(ft) == 0x01BF82B162C9FC50ull);
}

TEST_CASE("FileTimeToSystemTime fills every field, the day of the week too") {
    SYSTEMTIME st{};
    FILETIME ft = filetime(0x01BF82B162C9FC50ull);
    REQUIRE(FileTimeToSystemTime(&ft, &st));
    CHECK(same_fields(st, fields(2000, 2, 29, 12, 34, 56, 789)));
    CHECK(st.wDayOfWeek == 2);  // a Tuesday
    ft = filetime(0);
    REQUIRE(FileTimeToSystemTime(&ft, &st));
    CHECK(st.wDayOfWeek == 1);  // 1601-01-01, a Monday
    ft = filetime(unix_epoch);
    REQUIRE(FileTimeToSystemTime(&ft, &st));
    CHECK(st.wDayOfWeek == 4);  // 1970-01-01, a Thursday
    ft = filetime(0x7FFFFFFFFFFFFFFFull);
    REQUIRE(FileTimeToSystemTime(&ft, &st));
    CHECK(same_fields(st, fields(30828, 9, 14, 2, 48, 5, 477)));
}

TEST_CASE("FileTimeToSystemTime: 2^63 and above is ERROR_INVALID_PARAMETER") {
    SYSTEMTIME st{};
    const FILETIME ft = filetime(0x8000000000000000ull);
    SetLastError(0);
    CHECK_FALSE(FileTimeToSystemTime(&ft, &st));
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("SystemTimeToFileTime refuses fields out of range with ERROR_INVALID_PARAMETER") {
    const SYSTEMTIME bad[] = {
        fields(1600, 12, 31, 0, 0, 0, 0), fields(2000, 13, 1, 0, 0, 0, 0),
        fields(2000, 0, 1, 0, 0, 0, 0),   fields(2000, 4, 31, 0, 0, 0, 0), fields(2000, 1, 0, 0, 0, 0, 0),
        fields(2000, 1, 1, 24, 0, 0, 0),  fields(2000, 1, 1, 0, 60, 0, 0), fields(2000, 1, 1, 0, 0, 60, 0),
        fields(2000, 1, 1, 0, 0, 0, 1000),
    };
    for (const SYSTEMTIME& st : bad) {
        FILETIME ft{};
        SetLastError(0);
        CHECK_FALSE(SystemTimeToFileTime(&st, &ft));
        CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
    }
}

TEST_CASE("SystemTimeToFileTime refuses February 29 of a common year") {
    platform_cases::skip_under_wine("Wine accepts 2001-02-29");
    FILETIME ft{};
    const SYSTEMTIME st = fields(2001, 2, 29, 0, 0, 0, 0);
    SetLastError(0);
    CHECK_FALSE(SystemTimeToFileTime(&st, &ft));
    CHECK(GetLastError() == ERROR_INVALID_PARAMETER);
}

TEST_CASE("SystemTime and FileTime round-trip across centuries and leap days") {
    const SYSTEMTIME samples[] = {fields(1601, 1, 1, 0, 0, 0, 0),      fields(1700, 2, 28, 23, 59, 59, 999),
                                  fields(1900, 3, 1, 0, 0, 0, 1),      fields(2000, 2, 29, 0, 0, 0, 0),
                                  fields(2038, 1, 19, 3, 14, 8, 0),    fields(2100, 12, 31, 12, 0, 0, 500),
                                  fields(30827, 12, 31, 23, 59, 59, 999)};
    for (const SYSTEMTIME& in : samples) {
        FILETIME ft{};
        SYSTEMTIME out{};
        REQUIRE(SystemTimeToFileTime(&in, &ft));
        REQUIRE(FileTimeToSystemTime(&ft, &out));
        CHECK(same_fields(in, out));
    }
}

TEST_CASE("CompareFileTime orders by the 64-bit value") {
    const FILETIME low = filetime(0x00000001FFFFFFFFull), high = filetime(0x0000000200000000ull);
    CHECK(CompareFileTime(&low, &high) == -1);
    CHECK(CompareFileTime(&high, &low) == 1);
    CHECK(CompareFileTime(&low, &low) == 0);
}

TEST_CASE("FileTimeToDosDateTime packs 1980..2107 with 2-second resolution") {
    WORD date = 0, time = 0;
    FILETIME ft{};
    SYSTEMTIME st = fields(1980, 1, 1, 0, 0, 0, 0);
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    REQUIRE(FileTimeToDosDateTime(&ft, &date, &time));
    CHECK(date == 0x0021);
    CHECK(time == 0);
    st = fields(2107, 12, 31, 23, 59, 59, 0);
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    REQUIRE(FileTimeToDosDateTime(&ft, &date, &time));
    CHECK(date == 0xFF9F);
    CHECK(time == 0xBF7D);  // 59 s is stored as 29 two-second units
}

TEST_CASE("FileTimeToDosDateTime fails before 1980") {
    WORD date = 0, time = 0;
    FILETIME ft{};
    const SYSTEMTIME st = fields(1979, 12, 31, 23, 59, 58, 0);
    REQUIRE(SystemTimeToFileTime(&st, &ft));
    CHECK_FALSE(FileTimeToDosDateTime(&ft, &date, &time));
}

TEST_CASE("DosDateTimeToFileTime unpacks, and refuses a date that names no day") {
    FILETIME ft{};
    SYSTEMTIME st{};
    REQUIRE(DosDateTimeToFileTime(0xFF9F, 0xBF7D, &ft));
    REQUIRE(FileTimeToSystemTime(&ft, &st));
    CHECK(same_fields(st, fields(2107, 12, 31, 23, 59, 58, 0)));
    CHECK_FALSE(DosDateTimeToFileTime(0x0020, 0, &ft));  // day 0
    CHECK_FALSE(DosDateTimeToFileTime(0x0001, 0, &ft));  // month 0
}

TEST_CASE("FileTimeToLocalFileTime and back round-trip with the zone's bias") {
    TIME_ZONE_INFORMATION tz{};
    const DWORD id = GetTimeZoneInformation(&tz);
    REQUIRE(id != TIME_ZONE_ID_INVALID);
    const LONG bias = tz.Bias + (id == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : tz.StandardBias);
    const FILETIME utc = filetime(0x01D0000000000000ull);
    FILETIME local{}, back{};
    REQUIRE(FileTimeToLocalFileTime(&utc, &local));
    REQUIRE(LocalFileTimeToFileTime(&local, &back));
    CHECK(ticks(back) == ticks(utc));
    const auto difference = static_cast<std::int64_t>(ticks(utc) - ticks(local));
    CHECK(difference == std::int64_t{bias} * 60 * 10000000);
}

TEST_CASE("GetSystemTime, GetSystemTimeAsFileTime and GetLocalTime agree") {
    FILETIME before{}, after{}, from_fields{}, local{};
    SYSTEMTIME st{}, lt{};
    GetSystemTimeAsFileTime(&before);
    GetSystemTime(&st);
    GetLocalTime(&lt);
    GetSystemTimeAsFileTime(&after);
    REQUIRE(SystemTimeToFileTime(&st, &from_fields));
    CHECK(ticks(from_fields) + 10000 >= ticks(before));  // milliseconds drop the last 4 digits
    CHECK(ticks(from_fields) <= ticks(after));
    REQUIRE(SystemTimeToFileTime(&lt, &local));
    FILETIME local_now{};
    REQUIRE(FileTimeToLocalFileTime(&from_fields, &local_now));
    const auto gap = static_cast<std::int64_t>(ticks(local) - ticks(local_now));
    CHECK(gap >= -20000000);
    CHECK(gap <= 20000000);
}

TEST_CASE("QueryPerformanceFrequency is 10 MHz and the counter never goes back") {
    LARGE_INTEGER frequency{}, first{}, second{};
    REQUIRE(QueryPerformanceFrequency(&frequency));
    CHECK(frequency.QuadPart == 10000000);
    REQUIRE(QueryPerformanceCounter(&first));
    Sleep(20);
    REQUIRE(QueryPerformanceCounter(&second));
    CHECK(second.QuadPart - first.QuadPart >= 150000);  // 15 ms: Sleep may round the tick
}

TEST_CASE("_strdate and _strtime write MM/DD/YY and HH:MM:SS of the local time") {
    char date[9], time_text[9];
    SYSTEMTIME before{}, after{};
    GetLocalTime(&before);
    CHECK(_strdate(date) == date);
    CHECK(_strtime(time_text) == time_text);
    GetLocalTime(&after);
    REQUIRE(std::strlen(date) == 8);
    REQUIRE(std::strlen(time_text) == 8);
    CHECK(date[2] == '/');
    CHECK(date[5] == '/');
    CHECK(time_text[2] == ':');
    CHECK(time_text[5] == ':');
    const int month = std::atoi(date), hour = std::atoi(time_text);
    CHECK((month == before.wMonth || month == after.wMonth));
    CHECK((hour == before.wHour || hour == after.wHour));
}

#if !RASSHOST_OS_WINDOWS
namespace {
// Sets TZ for one case and restores it after (the emulation reads TZ).
struct ZoneOverride {
    std::string saved;
    bool had = false;
    explicit ZoneOverride(const char* zone) {
        if (const char* old = std::getenv("TZ")) saved = old, had = true;
        setenv("TZ", zone, 1);
        tzset();
    }
    ~ZoneOverride() {
        if (had) setenv("TZ", saved.c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
};

void check_rule(const SYSTEMTIME& st, WORD month, WORD week, WORD hour) {
    CHECK(st.wYear == 0);
    CHECK(st.wMonth == month);
    CHECK(st.wDayOfWeek == 0);  // Sunday
    CHECK(st.wDay == week);
    CHECK(st.wHour == hour);
    CHECK(st.wMinute == 0);
}
}  // namespace

// The emulation reads the zone from TZ; Windows from its own settings.
TEST_CASE("GetTimeZoneInformation: Central Europe's rules as Windows writes them" *
          platform_cases::posix_emulation_only) {
    const ZoneOverride zone("CET-1CEST,M3.5.0,M10.5.0/3");
    TIME_ZONE_INFORMATION tz{};
    const DWORD id = GetTimeZoneInformation(&tz);
    CHECK((id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT));
    CHECK(tz.Bias == -60);
    CHECK(tz.StandardBias == 0);
    CHECK(tz.DaylightBias == -60);
    check_rule(tz.DaylightDate, 3, 5, 2);   // last Sunday of March, 02:00
    check_rule(tz.StandardDate, 10, 5, 3);  // last Sunday of October, 03:00
    CHECK(std::wstring(tz.StandardName) == L"CET");
    CHECK(std::wstring(tz.DaylightName) == L"CEST");
}

TEST_CASE("GetTimeZoneInformation: US Eastern rules, and a zone without daylight time" *
          platform_cases::posix_emulation_only) {
    {
        const ZoneOverride zone("EST5EDT,M3.2.0,M11.1.0");
        TIME_ZONE_INFORMATION tz{};
        CHECK(GetTimeZoneInformation(&tz) != TIME_ZONE_ID_UNKNOWN);
        CHECK(tz.Bias == 300);
        CHECK(tz.DaylightBias == -60);
        check_rule(tz.DaylightDate, 3, 2, 2);   // second Sunday of March, 02:00
        check_rule(tz.StandardDate, 11, 1, 2);  // first Sunday of November, 02:00
    }
    const ZoneOverride zone("JST-9");
    TIME_ZONE_INFORMATION tz{};
    CHECK(GetTimeZoneInformation(&tz) == TIME_ZONE_ID_UNKNOWN);
    CHECK(tz.Bias == -540);
    CHECK(tz.StandardDate.wMonth == 0);
    CHECK(tz.DaylightDate.wMonth == 0);
}
#endif
