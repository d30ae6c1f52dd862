// The library's half of the waiter-count probe (common/test_probe.hpp): a
// counter over the wait subsystem, handed to a test program when the
// library is loaded. Nothing here is exported.
#include "common/test_probe.hpp"

#include "posix/win32/sync/wait_subsystem.hpp"

#include <algorithm>

// Weak: null unless the program defines it, so only test programs get the counter.
extern "C" __attribute__((weak)) void rasshost_test_probe_connect(rasshost::test_probe::WaiterCounter counter) noexcept;

namespace rasshost::posix {
namespace {

DWORD count_waiters(HANDLE handle) noexcept {
    auto object = lookup_handle(handle);
    if (!object || !is_waitable(static_cast<std::uint8_t>(object->kind())))
        return test_probe::not_waitable;
    const auto count = waiter_count(static_cast<const Waitable&>(*object));
    return static_cast<DWORD>(std::min<std::size_t>(count, test_probe::unknown - 1));
}

// Runs when the library is loaded, before the program's own initialisers
// (the program's side keeps the pointer in a constant-initialised variable).
[[maybe_unused]] const bool probe_connected = [] {
    if (rasshost_test_probe_connect == nullptr) return false;
    rasshost_test_probe_connect(&count_waiters);
    return true;
}();

}  // namespace
}  // namespace rasshost::posix
