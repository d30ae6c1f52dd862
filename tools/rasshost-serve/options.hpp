// rasshost-serve's command line, parsed without side effects (so it can be
// tested and fuzzed on its own).
#pragma once

#include <rasshost/host.hpp>
#include <rasshost/system_version.hpp>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rasshost::serve {

// Exit codes of rasshost-serve.
enum ExitCode : int {
    exit_success = 0,  // --once: SECURITYMSG_SUCCESS; otherwise a clean shutdown
    exit_failure = 1,  // --once: SECURITYMSG_FAILURE
    exit_error = 2,    // --once: SECURITYMSG_ERROR or an aborted dialog; start-up errors
    exit_usage = 64,   // bad command line (EX_USAGE)
};

// Where syslog priorities go (--log): a "<N>" before each line, which
// journald and syslog daemons read as the line's priority (sd-daemon(3)).
enum class LogPriorities {
    automatic,  // when the stream is the journal's (JOURNAL_STREAM)
    syslog,     // always
    plain,      // never
};

struct Options {
    std::string dll;
    std::string registry;  // --registry: the registry file (POSIX)
    std::vector<std::string> drives;  // --drive C:=DIR, applied with rasshost::map_drive_option
    std::vector<std::string> ports;
    bool once = false;
    bool list_ports = false;
    bool help = false;
    bool version = false;
    // The defenses against guessing and floods, on by default here (see
    // --help): sshd's LoginGraceTime, login's FAIL_DELAY, sshd's
    // MaxStartups and PerSourcePenalties.
    std::chrono::seconds dialog_timeout{120};
    std::chrono::seconds fail_delay{3};
    std::size_t max_dialogs = 100;
    std::size_t max_dialogs_per_source = 10;
    unsigned max_failures = 5;
    std::chrono::seconds failure_window{60};
    std::chrono::seconds penalty{30};
    std::chrono::seconds max_penalty{600};
    std::size_t send_buffer = 1500;
    std::size_t receive_buffer = 1500;
    std::optional<unsigned> ansi_code_page;  // --ansi-code-page: 1252, 437 or 65001
    std::string on_success;  // --on-success: the command the line goes to after SUCCESS
    std::string transcript;
    TranscriptInput transcript_input = TranscriptInput::masked;
    LogLevel log_level = LogLevel::info;
    LogPriorities log_priorities = LogPriorities::automatic;  // --log auto|syslog|plain
    std::optional<SystemVersion> windows_version;  // --windows-version: what GetVersionExA reports (POSIX)
    bool isolate = false;                 // each dialog's DLL in a child process (isolate.cpp)
    std::string user;                     // --user: the children's (and then the host's) account
    std::optional<int> isolated_child;    // internal: this process is one; the line's descriptor
    std::string isolated_port;            // internal: the --port whose line that is
};

// A command-line mistake; the message says what is wrong.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Parses argv[1..]. Throws UsageError.
Options parse_command_line(const std::vector<std::string_view>& arguments);

// --isolate and --user against the rest of the command line (isolate_options.cpp).
void check_isolation_options(const Options& options);

// The --help text.
std::string usage_text();

// Sets the host's timeouts and call limits from the options.
void apply_limits(const Options& options, HostOptions& host_options);

}  // namespace rasshost::serve
