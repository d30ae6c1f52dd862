// Marks for the few cases that cannot run on every platform.
#pragma once

#include <doctest/doctest.h>
#include <rasshost/config.h>

namespace platform_cases {

// The case checks a promise of the POSIX emulation where Windows itself
// behaves otherwise or leaves the result undefined (forged or closed
// handles, argument checks Windows does not make, named events, byte-order
// lstrcmp, millisecond-exact ticks). On Windows it is not registered at all.
inline const doctest::skip posix_emulation_only{RASSHOST_OS_WINDOWS != 0};

// The exit status CTest reports as "skipped" (SKIP_RETURN_CODE).
inline constexpr int skipped_exit_code = 77;

// For a Windows behaviour Wine does not reproduce: the case runs on POSIX
// and on real Windows; under Wine it prints why and exits with
// skipped_exit_code. Call first thing in the case.
void skip_under_wine(const char* reason);

// True where Windows would run the program in session 0 (where services,
// and so RAS security hosts, run), and always in the POSIX emulation, which
// behaves as there. Wine runs programs in session 1.
bool in_session_zero();

}  // namespace platform_cases
