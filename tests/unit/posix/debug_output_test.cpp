// OutputDebugStringA/W: delivered to the installed sink, dropped by default,
// printed to stderr when RASSHOST_DEBUG_OUTPUT=stderr.
#include <doctest/doctest.h>
#include <rasshost/debug_output.hpp>
#include <rasshost/win32.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Collected {
    std::mutex mutex;
    std::vector<std::string> strings;
};

// Runs body with stderr redirected to a temporary file; returns what it wrote.
template <class Body>
std::string capture_stderr(Body body) {
    std::fflush(stderr);
    FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    const int saved = dup(STDERR_FILENO);
    dup2(fileno(file), STDERR_FILENO);
    body();
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    std::string text;
    std::rewind(file);
    for (int c; (c = std::fgetc(file)) != EOF;) text += static_cast<char>(c);
    std::fclose(file);
    return text;
}

}  // namespace

TEST_CASE("OutputDebugStringA/W reach the installed sink, W arrives as UTF-8") {
    Collected seen;
    rasshost::set_debug_output([&](std::string_view text) {
        std::lock_guard lock(seen.mutex);
        seen.strings.emplace_back(text);
    });
    OutputDebugStringA("hello\n");
    OutputDebugStringW(L"caf\u00e9");
    OutputDebugStringA(nullptr);  // no-op
    OutputDebugStringW(nullptr);  // no-op
    rasshost::set_debug_output(nullptr);
    OutputDebugStringA("after uninstall");
    REQUIRE(seen.strings.size() == 2);
    CHECK(seen.strings[0] == "hello\n");
    CHECK(seen.strings[1] == "caf\xC3\xA9");
}

TEST_CASE("OutputDebugString is off by default: nothing is printed") {
    unsetenv("RASSHOST_DEBUG_OUTPUT");
    rasshost::set_debug_output({});
    const std::string printed = capture_stderr([] { OutputDebugStringA("should not appear"); });
    CHECK(printed.empty());
}

TEST_CASE("RASSHOST_DEBUG_OUTPUT=stderr prints each string on its own line") {
    rasshost::set_debug_output({});
    setenv("RASSHOST_DEBUG_OUTPUT", "stderr", 1);
    const std::string printed = capture_stderr([] {
        OutputDebugStringA("first");
        OutputDebugStringA("second\n");
    });
    unsetenv("RASSHOST_DEBUG_OUTPUT");
    CHECK(printed == "first\nsecond\n");
}

TEST_CASE("RASSHOST_DEBUG_OUTPUT=stderr escapes what the DLL wrote: no forged line, no terminal control") {
    rasshost::set_debug_output({});
    setenv("RASSHOST_DEBUG_OUTPUT", "stderr", 1);
    const std::string printed = capture_stderr([] { OutputDebugStringA("evil\r\nrasshost: forged\x1b[2J\n"); });
    unsetenv("RASSHOST_DEBUG_OUTPUT");
    CHECK(printed == "evil\\x0d\\x0arasshost: forged\\x1b[2J\n");
}

TEST_CASE("An installed sink takes precedence over RASSHOST_DEBUG_OUTPUT") {
    setenv("RASSHOST_DEBUG_OUTPUT", "stderr", 1);
    int calls = 0;
    rasshost::set_debug_output([&](std::string_view) { ++calls; });
    const std::string printed = capture_stderr([] { OutputDebugStringA("to the sink"); });
    rasshost::set_debug_output(nullptr);
    unsetenv("RASSHOST_DEBUG_OUTPUT");
    CHECK(calls == 1);
    CHECK(printed.empty());
}

TEST_CASE("The sink may be replaced while other threads output (thread safety)") {
    std::atomic<int> delivered{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int i = 0; i < 3; ++i)
        writers.emplace_back([&] {
            while (!stop.load()) OutputDebugStringA("x");
        });
    for (int round = 0; round < 200; ++round) {
        rasshost::set_debug_output([&](std::string_view text) {
            if (text == "x") delivered.fetch_add(1);
        });
        rasshost::set_debug_output(nullptr);
    }
    rasshost::set_debug_output([&](std::string_view text) {
        if (text == "x") delivered.fetch_add(1);
    });
    while (delivered.load() == 0) std::this_thread::yield();
    stop = true;
    for (auto& writer : writers) writer.join();
    rasshost::set_debug_output(nullptr);
    CHECK(delivered.load() > 0);
}
