#include "win32/sync/native_wait.hpp"

#include <algorithm>

namespace rasshost::win32 {
namespace {

using std::chrono::ceil;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::steady_clock;

constexpr DWORD longest_finite_wait = INFINITE - 1;

DWORD milliseconds_until(steady_clock::time_point deadline) noexcept {
    const auto left = ceil<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) return 0;
    return static_cast<DWORD>(std::min<long long>(left, longest_finite_wait));
}

}  // namespace

DWORD wait_native(const HANDLE* handles, DWORD count, bool wait_all, nanoseconds timeout) noexcept {
    if (timeout == nanoseconds::max()) return WaitForMultipleObjects(count, handles, wait_all, INFINITE);
    if (timeout <= nanoseconds::zero()) return WaitForMultipleObjects(count, handles, wait_all, 0);
    const auto now = steady_clock::now();
    // Beyond the clock's range the deadline is as good as never.
    if (timeout > steady_clock::time_point::max() - now)
        return WaitForMultipleObjects(count, handles, wait_all, INFINITE);
    const auto deadline = now + std::chrono::duration_cast<steady_clock::duration>(timeout);
    for (;;) {
        const DWORD result = WaitForMultipleObjects(count, handles, wait_all, milliseconds_until(deadline));
        if (result != WAIT_TIMEOUT || steady_clock::now() >= deadline) return result;
    }
}

}  // namespace rasshost::win32
