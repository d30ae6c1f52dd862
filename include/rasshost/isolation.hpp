// rasshost/isolation.hpp - running each dialog's DLL in a process of its own
// (rasshost-serve --isolate), as sshd runs each session: the host keeps its
// listeners, forks and execs a child per call with the line's descriptor,
// and reads back the child's outcome in a small, strictly parsed report.
// Child processes exist on POSIX only; on Windows supported() is false and
// the process functions throw.
#pragma once

#include "config.h"
#include "dialog.hpp"

#include <asio/io_context.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rasshost::isolation {

/** False where child processes are not implemented (Windows). */
RASSHOST_API bool supported() noexcept;

/** In a child: the line is descriptor 3, the report goes to descriptor 4. */
inline constexpr int child_line_fd = 3;
inline constexpr int child_report_fd = 4;

// ---- the report a child writes to its parent -------------------------------

/** The most bytes of a report; the parent reads no more. */
inline constexpr std::size_t max_report_size = 4096;
/** The most bytes of a user, domain or reason once unescaped. */
inline constexpr std::size_t max_report_field = 256;

/** What a child tells its parent about its dialog. */
struct Report {
    Verdict verdict = Verdict::aborted;
    std::uint32_t error = 0;
    std::string user;
    std::string domain;
    std::string reason;
    std::uint64_t bytes_received = 0;
    std::uint64_t bytes_sent = 0;
    std::uint64_t bytes_dropped = 0;
};

/** The report's text: fixed keys in a fixed order, every byte of a string
 *  outside printable ASCII (and '\\') as \xNN; strings longer than
 *  max_report_field are cut. Never longer than max_report_size. */
RASSHOST_API std::string encode_report(const Report& report);

/** Parses what a child wrote. The child ran a DLL that may be hostile, so
 *  anything but exactly what encode_report produces (sizes, keys, order,
 *  escapes, number ranges, the end marker) is rejected: nullopt. */
RASSHOST_API std::optional<Report> parse_report(std::string_view bytes);

// ---- child processes (POSIX) -----------------------------------------------

/** Raised for what cannot be done: no such user, not root, fork failed. */
class RASSHOST_API IsolationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** A user to run as, resolved before any fork (nothing after fork may read
 *  /etc/passwd). */
struct Account {
    std::string name;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::vector<std::uint32_t> groups;
};

/** Looks NAME up; throws IsolationError if it does not exist, or if this
 *  process is not root (only root can become another user). */
RASSHOST_API Account resolve_account(const std::string& name);

/** Becomes `account` for good (supplementary groups, gid, uid), and stays
 *  out of reach of ptrace by processes of that same user. Throws
 *  IsolationError. */
RASSHOST_API void become(const Account& account);

/** This program's own file, to exec it again. */
RASSHOST_API std::filesystem::path own_executable();

/** In a child: writes the report to child_report_fd (once, at its end).
 *  False if it could not be written (the parent then sees no report). */
RASSHOST_API bool send_report(const Report& report) noexcept;

/** How a child ended. */
struct ChildExit {
    std::int64_t pid = 0;
    std::optional<int> signal;  ///< the signal that killed it
    int exit_code = 0;          ///< when no signal
    std::string report;         ///< what it wrote (at most max_report_size bytes)
};

/** For a log line: "signal 11, SIGSEGV" (the name where the system knows
 *  it, else "signal N"). */
RASSHOST_API std::string signal_text(int number);

/** The host's children: spawned with one line each, reaped on SIGCHLD by
 *  the io_context (no thread per child). Handlers run on the io_context. */
class RASSHOST_API ChildProcesses {
public:
    using ExitHandler = std::function<void(const ChildExit&)>;

    /** Installs the SIGCHLD handler at once so no exit is missed. */
    ChildProcesses(asio::io_context& io, ExitHandler on_exit);
    ~ChildProcesses();
    ChildProcesses(const ChildProcesses&) = delete;
    ChildProcesses& operator=(const ChildProcesses&) = delete;

    /** fork + exec `program` with `arguments` (argv[1..]); `line` becomes
     *  the child's descriptor 3 and a pipe to the parent its descriptor 4;
     *  stdin is /dev/null, stdout and stderr are inherited, every other
     *  descriptor is closed. With `account` the child becomes that user
     *  before exec. The parent's `line` is closed, whatever happens.
     *  Returns the pid. Throws IsolationError. */
    std::int64_t spawn(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                       std::intptr_t line, const Account* account);

    /** Sends SIGTERM (ask to end) or SIGKILL to a child not yet reaped. */
    void terminate(std::int64_t pid);
    void kill(std::int64_t pid);
    /** SIGTERM to every live child. */
    void terminate_all();
    /** Children not yet reaped. */
    std::size_t live() const;

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rasshost::isolation
