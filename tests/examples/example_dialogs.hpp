// Shared by the example DLLs' dialog suites: where the DLLs are, a private
// temporary directory for their data files, and the environment they read.
// Each CTest case runs in a process of its own; the environment is set
// before any host starts and changed only while no dialog runs.
#pragma once

#include <doctest/doctest.h>
#include <rasshost/debug_output.hpp>
#include <rasshost/host.hpp>
#include <rasshost/test_kit.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace example_test {

using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::RemoteUser;
using rasshost::test::TestHost;

// libNAME.so here, libNAME.dll from mingw-w64 (CMake's module prefix and suffix).
inline std::filesystem::path dll_path(std::string_view name) {
    return std::filesystem::path(RASSHOST_EXAMPLE_DIR) /
           (RASSHOST_EXAMPLE_MODULE_PREFIX + std::string(name) + RASSHOST_EXAMPLE_MODULE_SUFFIX);
}

// A private temporary directory, removed with its files. create_directory
// fails on an existing name, so a name is never shared with another run.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
            auto candidate = std::filesystem::temp_directory_path() /
                             ("rasshost-example-" + std::to_string(random()) + std::to_string(random()));
            std::error_code error;
            if (std::filesystem::create_directory(candidate, error)) path_ = candidate;
        }
        REQUIRE_FALSE(path_.empty());
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Mode 0600 whatever the umask: the password DLL refuses a data file that
// others may write.
inline void write_file(const std::filesystem::path& path, std::string_view text) {
    {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

// What the DLLs write with OutputDebugString while it lives.
class DebugCapture {
public:
    DebugCapture() {
        rasshost::set_debug_output([this](std::string_view text) {
            std::lock_guard lock(mutex_);
            lines_.emplace_back(text);
        });
    }
    ~DebugCapture() { rasshost::set_debug_output(nullptr); }
    DebugCapture(const DebugCapture&) = delete;
    DebugCapture& operator=(const DebugCapture&) = delete;

    // Every line holding `text`.
    std::vector<std::string> matching(std::string_view text) const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> found;
        for (const auto& line : lines_)
            if (line.find(text) != std::string::npos) found.push_back(line);
        return found;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

// The lockout settings of the DLLs that authenticate a user; empty values
// mean the defaults (5 failures in 900 s lock for 600 s).
inline void set_lockout(std::string_view deny, std::string_view interval, std::string_view unlock) {
    rasshost::test::set_environment("RASSHOST_EXAMPLE_LOCKOUT_DENY", std::string(deny));
    rasshost::test::set_environment("RASSHOST_EXAMPLE_LOCKOUT_INTERVAL", std::string(interval));
    rasshost::test::set_environment("RASSHOST_EXAMPLE_LOCKOUT_UNLOCK", std::string(unlock));
}

// The per-line time-out the DLLs use (RASSHOST_EXAMPLE_TIMEOUT): long enough
// for a slow sanitizer run, short enough that a stuck case fails in time.
inline void set_line_timeout(int seconds) {
    rasshost::test::set_environment("RASSHOST_EXAMPLE_TIMEOUT", std::to_string(seconds));
}

// The next outcome is an ERROR carrying `error` (638 time-out, 645 ...).
inline void expect_error(TestHost& host, DWORD error) {
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::error);
    CHECK(outcome.error == error);
}

// The next outcome is the remote user's hang-up.
inline void expect_hang_up(TestHost& host) {
    const auto outcome = host.wait_outcome();
    CHECK(outcome.verdict == Verdict::aborted);
    CHECK(outcome.reason == "hang-up");
}

// Host options for these suites: the defaults, with the given receive buffer.
inline rasshost::HostOptions options(std::size_t receive_buffer_size = 1500) {
    rasshost::HostOptions o;
    o.receive_buffer_size = receive_buffer_size;
    return o;
}

}  // namespace example_test
