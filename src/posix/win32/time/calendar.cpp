// Calendar fields <-> ticks with days-from-civil arithmetic (no time_t, so
// every year from 1601 to 30827 works, whatever the C library's range).
#include "posix/win32/time/calendar.hpp"

#include <ctime>

namespace rasshost::posix::time {
namespace {

constexpr std::int64_t seconds_per_day = 86'400;

// Days from 1601-01-01 to year-month-day (Howard Hinnant's algorithm,
// shifted so the 400-year cycle starts in 1601's March-based year).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = y / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + static_cast<std::int64_t>(doe) - 584'694;  // 584694 days from 0000-03-01 to 1601-01-01
}

bool is_leap(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

int days_in_month(int year, int month) noexcept {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

SYSTEMTIME fields_of(std::uint64_t ticks) noexcept {
    SYSTEMTIME st{};
    const std::int64_t days = static_cast<std::int64_t>(ticks / (seconds_per_day * ticks_per_second));
    const std::uint64_t in_day = ticks % (seconds_per_day * ticks_per_second);
    // civil_from_days, counting from 0000-03-01.
    const std::int64_t z = days + 584'694;
    const std::int64_t era = z / 146'097;
    const auto doe = static_cast<unsigned>(z - era * 146'097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    st.wYear = static_cast<WORD>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
    st.wMonth = static_cast<WORD>(month);
    st.wDay = static_cast<WORD>(doy - (153 * mp + 2) / 5 + 1);
    st.wDayOfWeek = static_cast<WORD>((days + 1) % 7);  // 1601-01-01 was a Monday
    st.wHour = static_cast<WORD>(in_day / (3600 * ticks_per_second));
    st.wMinute = static_cast<WORD>(in_day / (60 * ticks_per_second) % 60);
    st.wSecond = static_cast<WORD>(in_day / ticks_per_second % 60);
    st.wMilliseconds = static_cast<WORD>(in_day / 10'000 % 1000);
    return st;
}

std::optional<std::uint64_t> ticks_of(const SYSTEMTIME& st) noexcept {
    if (st.wYear < 1601 || st.wYear > 30827 || st.wMonth < 1 || st.wMonth > 12 || st.wDay < 1 ||
        st.wDay > days_in_month(st.wYear, st.wMonth) || st.wHour > 23 || st.wMinute > 59 || st.wSecond > 59 ||
        st.wMilliseconds > 999)
        return std::nullopt;
    const std::int64_t days = days_from_civil(st.wYear, st.wMonth, st.wDay);
    const std::int64_t seconds = days * seconds_per_day + st.wHour * 3600 + st.wMinute * 60 + st.wSecond;
    return static_cast<std::uint64_t>(seconds * ticks_per_second + st.wMilliseconds * 10'000);
}

std::uint64_t now_ticks() noexcept {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::uint64_t>(now.tv_sec + unix_epoch_seconds) * ticks_per_second +
           static_cast<std::uint64_t>(now.tv_nsec) / 100;
}

long utc_offset_at(std::int64_t unix_seconds) noexcept {
    const auto t = static_cast<time_t>(unix_seconds);
    tm local{};
    if (localtime_r(&t, &local) == nullptr) return 0;
    return local.tm_gmtoff;
}

}  // namespace rasshost::posix::time
