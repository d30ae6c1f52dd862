// Windows has no fork and no descriptor passing of this kind: isolated
// dialogs are POSIX only, and rasshost-serve refuses --isolate here.
#include <rasshost/isolation.hpp>

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

}  // namespace rasshost::isolation
