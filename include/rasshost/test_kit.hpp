// rasshost/test_kit.hpp - unit-test a security DLL: an in-process host on a
// loopback (or pty) line, and a scripted remote user.
//
//   rasshost::test::TestHost host(my_dll_entry_points);
//   auto user = host.connect();
//   user.expect("Password:");
//   user.send("secret\r");
//   user.expect_hangup();
//   auto outcome = host.wait_outcome();
//   CHECK(outcome.verdict == rasshost::Verdict::success);
//
// Framework-neutral: a failed expectation throws ExpectationFailed, whose
// message says what was expected and shows the last bytes seen.
#pragma once

#include "code_page.hpp"  // a suite may choose the ANSI code page its DLL reads
#include "drives.hpp"  // rasshost::map_drive: where a DLL under test finds its drives
#include "host.hpp"
#include "registry.hpp"
#include "remote_end.hpp"
#include "system_version.hpp"  // set_system_version: the Windows version a DLL under test sees

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace rasshost::test {

class RASSHOST_API ExpectationFailed : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** Plays the remote user's terminal. */
class RASSHOST_API RemoteUser {
public:
    explicit RemoteUser(std::unique_ptr<RemoteEnd> end);
    RemoteUser(RemoteUser&&) noexcept;
    RemoteUser& operator=(RemoteUser&&) noexcept;
    ~RemoteUser();

    /** Types text (raw bytes, no CR/LF added). */
    void send(std::string_view text);
    /** Waits until `text` arrives; returns everything read up to and
     *  including it (the rest stays for the next expect). */
    std::string expect(std::string_view text, std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /** Waits until the host hangs up (bytes before it are kept in the
     *  transcript). */
    void expect_hangup(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /** Hangs up from the remote side. */
    void hang_up();
    /** Everything the host sent so far. */
    const std::string& received() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/** An in-process host on its own io thread. */
class RASSHOST_API TestHost {
public:
    explicit TestHost(SecurityDll dll, HostOptions options = {});
    explicit TestHost(const std::filesystem::path& dll_path, HostOptions options = {});
    ~TestHost();
    TestHost(const TestHost&) = delete;
    TestHost& operator=(const TestHost&) = delete;

    /** Starts a dialog on a new loopback line and returns its remote user. */
    RemoteUser connect(std::string device_name = "loopback");
    /** Waits for the next finished dialog's outcome (in finishing order).
     *  Throws ExpectationFailed on timeout. */
    DialogOutcome wait_outcome(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /** The host itself. */
    SecurityHost& host();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/** Sets a variable of this process's environment, as a DLL under test reads
 *  it with getenv() or GetEnvironmentVariableA (its data files, its
 *  time-outs), on every platform: the C library's environment and the
 *  emulation's copy of it on POSIX, the CRT's (which DLLs linked to the
 *  same CRT share) and the process block on Windows. An empty value sets
 *  an empty variable on POSIX but removes it on Windows, whose CRT cannot
 *  hold an empty one. Not thread-safe against a concurrent
 *  getenv(): call it while no dialog runs. Throws std::system_error when
 *  the name is empty or contains '=' or the environment cannot grow. */
RASSHOST_API void set_environment(const std::string& name, const std::string& value);

/** The registry a DLL under test reads on POSIX: rasshost::use_registry_file
 *  (a .reg file, saved back after each change), rasshost::load_registry_file
 *  and rasshost::save_registry_file from rasshost/registry.hpp, which this
 *  header includes. */
using rasshost::load_registry_file;
using rasshost::save_registry_file;
using rasshost::use_registry_file;

}  // namespace rasshost::test
