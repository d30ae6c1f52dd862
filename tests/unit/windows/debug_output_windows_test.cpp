// OutputDebugString on Windows is kernel32's; rasshost::set_debug_output
// still receives a copy of every string (src/win32/runtime/debug_output.cpp).
#include <doctest/doctest.h>
#include <rasshost/debug_output.hpp>
#include <rasshost/win32.h>

#include <mutex>
#include <string>
#include <vector>

TEST_CASE("OutputDebugStringA/W reach the installed sink once each, W as UTF-8, nothing after uninstall") {
    std::mutex mutex;
    std::vector<std::string> seen;
    rasshost::set_debug_output([&](std::string_view text) {
        std::lock_guard lock(mutex);
        seen.emplace_back(text);
    });
    OutputDebugStringA("hello\n");
    OutputDebugStringW(L"caf\u00e9");
    rasshost::set_debug_output(nullptr);
    OutputDebugStringA("after uninstall");
    std::lock_guard lock(mutex);
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == "hello\n");
    CHECK((seen[1] == "caf\xC3\xA9" || seen[1] == "caf\xE9"));  // UTF-8, or ANSI when only the A form is raised
}
