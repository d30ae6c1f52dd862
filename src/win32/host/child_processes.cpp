// Windows has no fork and no descriptor passing of this kind: isolated
// dialogs are POSIX only, and rasshost-serve refuses --isolate here. No line
// is lent, none adopted.
#include <rasshost/isolation.hpp>

#include "common/backend.hpp"

#include <system_error>

namespace rasshost::isolation {
namespace {

[[noreturn]] void unsupported() { throw IsolationError("isolated dialogs are not supported on Windows"); }

}  // namespace

bool supported() noexcept { return false; }

Account resolve_account(const std::string&) { unsupported(); }
void become(const Account&) { unsupported(); }
std::filesystem::path own_executable() { unsupported(); }
bool send_report(const Report&) noexcept { return false; }

struct ChildProcesses::State {};

ChildProcesses::ChildProcesses(asio::io_context&, ExitHandler) { unsupported(); }
ChildProcesses::~ChildProcesses() = default;
std::int64_t ChildProcesses::spawn(const std::filesystem::path&, const std::vector<std::string>&, std::intptr_t,
                                   const Account*) {
    unsupported();
}
void ChildProcesses::terminate(std::int64_t) {}
void ChildProcesses::kill(std::int64_t) {}
void ChildProcesses::terminate_all() {}
std::size_t ChildProcesses::live() const { return 0; }
std::string signal_text(int number) { return "signal " + std::to_string(number); }

}  // namespace rasshost::isolation

namespace rasshost::backend {
namespace {

[[noreturn]] void not_lent() { throw std::system_error(std::make_error_code(std::errc::not_supported), "lent lines"); }

}  // namespace

std::intptr_t duplicate_line(std::intptr_t) noexcept { return -1; }
std::unique_ptr<Port> adopt_pty_port(asio::io_context&, std::intptr_t) { not_lent(); }
std::unique_ptr<Port> adopt_serial_port(asio::io_context&, std::intptr_t, const std::string&) { not_lent(); }
std::unique_ptr<Port> adopt_stdio_port(asio::io_context&, std::intptr_t) { not_lent(); }

}  // namespace rasshost::backend
