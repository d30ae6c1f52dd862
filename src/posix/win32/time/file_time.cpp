// SYSTEMTIME and FILETIME conversions, local time with the offset in effect
// now (as Windows' FileTimeToLocalFileTime), and MS-DOS date and time.
#include <rasshost/win32.h>

#include "posix/win32/runtime/last_error.hpp"
#include "posix/win32/time/calendar.hpp"

namespace time_ns = rasshost::posix::time;
using rasshost::posix::set_last_error;

namespace {

constexpr std::uint64_t max_ticks = 0x7FFF'FFFF'FFFF'FFFFull;

BOOL invalid_parameter() noexcept {
    set_last_error(ERROR_INVALID_PARAMETER);
    return FALSE;
}

// The offset in effect now, in ticks.
std::int64_t current_offset_ticks() noexcept {
    const auto unix_now = static_cast<std::int64_t>(time_ns::now_ticks() / time_ns::ticks_per_second) -
                          time_ns::unix_epoch_seconds;
    return static_cast<std::int64_t>(time_ns::utc_offset_at(unix_now)) * time_ns::ticks_per_second;
}

BOOL shift(const FILETIME* from, LPFILETIME to, std::int64_t by) noexcept {
    if (from == nullptr || to == nullptr) return invalid_parameter();
    const std::uint64_t ticks = time_ns::ticks_of(*from);
    // Out of range results wrap on Windows too; keep the arithmetic defined.
    *to = time_ns::filetime_of(ticks + static_cast<std::uint64_t>(by));
    return TRUE;
}

}  // namespace

extern "C" void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime) {
    if (lpSystemTimeAsFileTime != nullptr) *lpSystemTimeAsFileTime = time_ns::filetime_of(time_ns::now_ticks());
}

extern "C" void WINAPI GetSystemTime(LPSYSTEMTIME lpSystemTime) {
    if (lpSystemTime != nullptr) *lpSystemTime = time_ns::fields_of(time_ns::now_ticks());
}

extern "C" void WINAPI GetLocalTime(LPSYSTEMTIME lpSystemTime) {
    if (lpSystemTime == nullptr) return;
    const std::uint64_t now = time_ns::now_ticks();
    const auto unix_now = static_cast<std::int64_t>(now / time_ns::ticks_per_second) - time_ns::unix_epoch_seconds;
    const std::int64_t offset = time_ns::utc_offset_at(unix_now) * time_ns::ticks_per_second;
    *lpSystemTime = time_ns::fields_of(now + static_cast<std::uint64_t>(offset));
}

extern "C" BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME* lpSystemTime, LPFILETIME lpFileTime) {
    if (lpSystemTime == nullptr || lpFileTime == nullptr) return invalid_parameter();
    const auto ticks = time_ns::ticks_of(*lpSystemTime);
    if (!ticks) return invalid_parameter();
    *lpFileTime = time_ns::filetime_of(*ticks);
    return TRUE;
}

extern "C" BOOL WINAPI FileTimeToSystemTime(const FILETIME* lpFileTime, LPSYSTEMTIME lpSystemTime) {
    if (lpFileTime == nullptr || lpSystemTime == nullptr) return invalid_parameter();
    const std::uint64_t ticks = time_ns::ticks_of(*lpFileTime);
    if (ticks > max_ticks) return invalid_parameter();
    *lpSystemTime = time_ns::fields_of(ticks);
    return TRUE;
}

extern "C" BOOL WINAPI FileTimeToLocalFileTime(const FILETIME* lpFileTime, LPFILETIME lpLocalFileTime) {
    return shift(lpFileTime, lpLocalFileTime, current_offset_ticks());
}

extern "C" BOOL WINAPI LocalFileTimeToFileTime(const FILETIME* lpLocalFileTime, LPFILETIME lpFileTime) {
    return shift(lpLocalFileTime, lpFileTime, -current_offset_ticks());
}

extern "C" LONG WINAPI CompareFileTime(const FILETIME* lpFileTime1, const FILETIME* lpFileTime2) {
    if (lpFileTime1 == nullptr || lpFileTime2 == nullptr) return 0;  // Windows would fault
    const std::uint64_t a = time_ns::ticks_of(*lpFileTime1);
    const std::uint64_t b = time_ns::ticks_of(*lpFileTime2);
    return a < b ? -1 : a > b ? 1 : 0;
}

extern "C" BOOL WINAPI FileTimeToDosDateTime(const FILETIME* lpFileTime, LPWORD lpFatDate, LPWORD lpFatTime) {
    if (lpFileTime == nullptr || lpFatDate == nullptr || lpFatTime == nullptr) return invalid_parameter();
    const std::uint64_t ticks = time_ns::ticks_of(*lpFileTime);
    if (ticks > max_ticks) return invalid_parameter();
    const SYSTEMTIME st = time_ns::fields_of(ticks);
    if (st.wYear < 1980 || st.wYear > 2107) return invalid_parameter();
    *lpFatDate = static_cast<WORD>(((st.wYear - 1980) << 9) | (st.wMonth << 5) | st.wDay);
    *lpFatTime = static_cast<WORD>((st.wHour << 11) | (st.wMinute << 5) | (st.wSecond / 2));
    return TRUE;
}

extern "C" BOOL WINAPI DosDateTimeToFileTime(WORD wFatDate, WORD wFatTime, LPFILETIME lpFileTime) {
    if (lpFileTime == nullptr) return invalid_parameter();
    SYSTEMTIME st{};
    st.wYear = static_cast<WORD>((wFatDate >> 9) + 1980);
    st.wMonth = static_cast<WORD>((wFatDate >> 5) & 0x0F);
    st.wDay = static_cast<WORD>(wFatDate & 0x1F);
    st.wHour = static_cast<WORD>(wFatTime >> 11);
    st.wMinute = static_cast<WORD>((wFatTime >> 5) & 0x3F);
    st.wSecond = static_cast<WORD>((wFatTime & 0x1F) * 2);
    return SystemTimeToFileTime(&st, lpFileTime);
}
