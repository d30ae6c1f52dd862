// FILETIME arithmetic shared by the time calls: 100 ns ticks since
// 1601-01-01 UTC, the proleptic Gregorian calendar, no leap seconds.
#pragma once

#include <rasshost/win32.h>

#include <cstdint>
#include <optional>

namespace rasshost::posix::time {

inline constexpr std::int64_t ticks_per_second = 10'000'000;
// Seconds from 1601-01-01 to 1970-01-01.
inline constexpr std::int64_t unix_epoch_seconds = 11'644'473'600;

inline std::uint64_t ticks_of(const FILETIME& ft) noexcept {
    return (static_cast<std::uint64_t>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
}

inline FILETIME filetime_of(std::uint64_t ticks) noexcept {
    return FILETIME{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
}

// The fields of a tick count below 2^63 (every field, wDayOfWeek too).
SYSTEMTIME fields_of(std::uint64_t ticks) noexcept;

// The ticks of valid fields (see SystemTimeToFileTime); nullopt otherwise.
std::optional<std::uint64_t> ticks_of(const SYSTEMTIME& st) noexcept;

// Days in a month of a year (month 1..12).
int days_in_month(int year, int month) noexcept;

// Now, UTC, in ticks.
std::uint64_t now_ticks() noexcept;

// The zone's offset from UTC in seconds (local = UTC + offset) at a Unix time.
long utc_offset_at(std::int64_t unix_seconds) noexcept;

}  // namespace rasshost::posix::time
