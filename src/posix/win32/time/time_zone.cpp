// GetTimeZoneInformation from the C library's zone (TZ, /etc/localtime):
// the year's two transitions are found by scanning this year's days and
// narrowing to the second, then written as Windows' "n-th weekday of the
// month" rules (docs/decisions.md#time).
#include <rasshost/win32.h>

#include <ctime>
#include <string_view>

#include "posix/win32/runtime/last_error.hpp"
#include "posix/win32/text/ansi_code_page.hpp"
#include "posix/win32/time/calendar.hpp"

namespace time_ns = rasshost::posix::time;

namespace {

struct LocalState {
    bool dst;
    long offset;  // seconds east of UTC
};

LocalState state_at(std::int64_t unix_seconds) noexcept {
    const auto t = static_cast<time_t>(unix_seconds);
    tm local{};
    if (localtime_r(&t, &local) == nullptr) return {false, 0};
    return {local.tm_isdst > 0, local.tm_gmtoff};
}

// The first second in (before, after] whose daylight flag differs from before's.
std::int64_t narrow_transition(std::int64_t before, std::int64_t after) noexcept {
    const bool from = state_at(before).dst;
    while (after - before > 1) {
        const std::int64_t middle = before + (after - before) / 2;
        if (state_at(middle).dst == from) before = middle;
        else after = middle;
    }
    return after;
}

// "The wDay-th wDayOfWeek of wMonth" (5: the last) at the local time
// `local_ticks`, with wYear 0 as Windows writes recurring rules.
SYSTEMTIME recurring_date(std::uint64_t local_ticks) noexcept {
    SYSTEMTIME st = time_ns::fields_of(local_ticks);
    const int last_day = time_ns::days_in_month(st.wYear, st.wMonth);
    st.wDay = static_cast<WORD>(st.wDay + 7 > last_day ? 5 : (st.wDay - 1) / 7 + 1);
    st.wYear = 0;
    st.wSecond = 0;
    st.wMilliseconds = 0;
    return st;
}

std::uint64_t local_ticks(std::int64_t unix_seconds, long offset) noexcept {
    return static_cast<std::uint64_t>(unix_seconds + offset + time_ns::unix_epoch_seconds) *
           static_cast<std::uint64_t>(time_ns::ticks_per_second);
}

void copy_name(WCHAR (&to)[32], const char* from) {
    const std::wstring wide = rasshost::posix::ansi_to_wide(from == nullptr ? "" : std::string_view(from));
    std::size_t i = 0;
    for (; i < wide.size() && i < 31; ++i) to[i] = wide[i];
    to[i] = L'\0';
}

struct Transitions {
    std::int64_t into_dst = 0, out_of_dst = 0;
    long standard_offset = 0, daylight_offset = 0;
    bool found = false;
};

// The transitions of the year that contains `now`, scanning a day at a time.
Transitions scan_year(std::int64_t now) noexcept {
    Transitions found;
    const std::int64_t day = 86'400;
    const std::int64_t start = now - 183 * day;  // half a year either side: one of each transition
    LocalState previous = state_at(start);
    found.standard_offset = previous.offset;
    for (std::int64_t t = start + day; t <= start + 366 * day; t += day) {
        const LocalState current = state_at(t);
        if (current.dst != previous.dst) {
            const std::int64_t at = narrow_transition(t - day, t);
            (current.dst ? found.into_dst : found.out_of_dst) = at;
        }
        (current.dst ? found.daylight_offset : found.standard_offset) = current.offset;
        previous = current;
    }
    found.found = found.into_dst != 0 && found.out_of_dst != 0;  // a one-off change is no rule
    return found;
}

}  // namespace

extern "C" DWORD WINAPI GetTimeZoneInformation(LPTIME_ZONE_INFORMATION lpTimeZoneInformation) {
    if (lpTimeZoneInformation == nullptr) {
        rasshost::posix::set_last_error(ERROR_INVALID_PARAMETER);
        return TIME_ZONE_ID_INVALID;
    }
    tzset();
    TIME_ZONE_INFORMATION info{};
    const std::int64_t now = static_cast<std::int64_t>(time(nullptr));
    const Transitions year = scan_year(now);
    info.Bias = static_cast<LONG>(-year.standard_offset / 60);
    copy_name(info.StandardName, tzname[0]);
    copy_name(info.DaylightName, year.found ? tzname[1] : tzname[0]);
    *lpTimeZoneInformation = info;
    if (!year.found) return TIME_ZONE_ID_UNKNOWN;
    // Into daylight time at standard local time; back at daylight local time.
    info.DaylightDate = recurring_date(local_ticks(year.into_dst, year.standard_offset));
    info.StandardDate = recurring_date(local_ticks(year.out_of_dst, year.daylight_offset));
    info.DaylightBias = static_cast<LONG>(-(year.daylight_offset - year.standard_offset) / 60);
    *lpTimeZoneInformation = info;
    return state_at(now).dst ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}
