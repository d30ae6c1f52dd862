// The test programs' half of the waiter-count probe (common/test_probe.hpp):
// keeps the counter the library hands over when it is loaded.
#include "common/test_probe.hpp"

#include <cstdio>
#include <cstdlib>

namespace {

// Constant-initialised: the library writes it before this program's own
// initialisers run.
rasshost::test_probe::WaiterCounter connected_counter = nullptr;

}  // namespace

extern "C" void rasshost_test_probe_connect(rasshost::test_probe::WaiterCounter counter) noexcept {
    connected_counter = counter;
}

namespace rasshost::test_probe {

DWORD waiter_count(HANDLE handle) noexcept {
    if (connected_counter != nullptr) return connected_counter(handle);
    if (RASSHOST_OS_WINDOWS) return unknown;  // Windows does not reveal its waiters
    std::fputs("the library did not connect its waiter counter (src/common/test_probe.hpp)\n", stderr);
    std::abort();
}

}  // namespace rasshost::test_probe
