// WinePrefix (wine_prefix.hpp).
#include "wine_prefix.hpp"

#include <rasshost/host.hpp>
#include <rasshost/log_escape.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace rasshost::serve {
namespace {

namespace fs = std::filesystem;

std::string env_or(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

// RASSHOST_WINDOWS_HOSTS, else lib/rasshost/windows beside this program's
// bin/ (as installed): x86/ and x86-64/ each hold rasshost-serve.exe and
// rasman.dll.
std::string find_host(PeMachine machine) {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    const fs::path installed = self.parent_path().parent_path() / "lib" / "rasshost" / "windows";
    const fs::path hosts = env_or("RASSHOST_WINDOWS_HOSTS", installed.string());
    const fs::path host = hosts / (machine == PeMachine::x86 ? "x86" : "x86-64") / "rasshost-serve.exe";
    if (!fs::is_regular_file(host, error))
        throw HostError(fmt::format("a {} Windows DLL needs the Windows host {}, which is missing (install rasshost's "
                                    "Windows hosts, or name their directory in RASSHOST_WINDOWS_HOSTS)",
                                    machine == PeMachine::x86 ? "32-bit x86" : "64-bit x86-64",
                                    log_escape(host.string())));
    return host.string();
}

// RASSHOST_WINE_PREFIX, else $XDG_STATE_HOME/rasshost/wine-win32 (or -win64).
std::string prefix_path(const char* arch) {
    const char* home = std::getenv("HOME");
    const std::string state = env_or("XDG_STATE_HOME", std::string(home != nullptr ? home : "/") + "/.local/state");
    return env_or("RASSHOST_WINE_PREFIX", fmt::format("{}/rasshost/wine-{}", state, arch));
}

// The Wine loader for the machine. A 64-bit program started through the
// plain "wine" of a system that also has 32-bit Wine (Debian's wine32 next
// to wine64) runs in a second process under start.exe, which a signal to
// the first never reaches; wine64 runs it in the process it starts.
std::string find_loader(PeMachine machine) {
    if (machine != PeMachine::amd64) return "wine";
    const std::string path = env_or("PATH", "/usr/bin:/bin");
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find(':', start), path.size());
        const std::string candidate = (end > start ? path.substr(start, end - start) : ".") + "/wine64";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return ::access("/usr/lib/wine/wine64", X_OK) == 0 ? "/usr/lib/wine/wine64" : "wine";
}

std::vector<std::string> wine_environment(const std::string& prefix, const char* arch) {
    std::vector<std::string> out;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view e(*entry);
        if (e.starts_with("WINEPREFIX=") || e.starts_with("WINEARCH=") || e.starts_with("WINEDLLOVERRIDES=") ||
            e.starts_with("DISPLAY=") || e.starts_with("WAYLAND_DISPLAY="))
            continue;  // headless, and this prefix only
        out.emplace_back(e);
    }
    out.push_back("WINEPREFIX=" + prefix);
    out.push_back(std::string("WINEARCH=") + arch);
    out.push_back("WINEDLLOVERRIDES=mscoree,mshtml=");  // no Mono or Gecko installer at first use
    if (std::getenv("WINEDEBUG") == nullptr) out.push_back("WINEDEBUG=-all");
    return out;
}

}  // namespace

WinePrefix::WinePrefix(PeMachine machine)
    : host_(find_host(machine)), loader_(find_loader(machine)), arch_(machine == PeMachine::x86 ? "win32" : "win64") {
    prefix_ = path_for(machine);
    std::error_code error;
    fs::create_directories(fs::path(prefix_).parent_path(), error);
    // One first use at a time: two hosts starting at once share the prefix.
    const int lock = ::open((prefix_ + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock >= 0) flock(lock, LOCK_EX);
    const bool made = fs::exists(fs::path(prefix_) / "system.reg", error);
    const int status = made ? 0 : run({"wineboot", "-i"});
    if (lock >= 0) ::close(lock);
    if (status != 0)
        throw HostError(fmt::format("cannot make the Wine prefix {} (wineboot: status {}); is Wine installed{}?",
                                    log_escape(prefix_), status, machine == PeMachine::x86 ? ", with wine32" : ""));
}

std::string WinePrefix::path_for(PeMachine machine) {
    return prefix_path(machine == PeMachine::x86 ? "win32" : "win64");
}

std::string WinePrefix::com_link(unsigned number) const {
    return (fs::path(prefix_) / "dosdevices" / fmt::format("com{}", number)).string();
}

// Wine's mount manager remakes dosdevices/comN at each start of the
// prefix's server, from HKLM\Software\Wine\Ports or else from the serial
// devices it finds (COM1 is /dev/ttyS0): the mapping goes there too.
std::string WinePrefix::map_com_port(unsigned number, const std::string& device) {
    const std::string name = fmt::format("COM{}", number);
    if (const int status = run({"reg", "add", "HKLM\\Software\\Wine\\Ports", "/v", name, "/t", "REG_SZ", "/d", device,
                                "/f"});
        status != 0)
        throw HostError(fmt::format("cannot map {} to {}: Wine's reg add failed (status {})", name, log_escape(device),
                                    status));
    const fs::path link = com_link(number);
    std::error_code error;
    fs::remove(link, error);
    fs::create_symlink(device, link, error);
    if (error) throw HostError(fmt::format("cannot map {} to {}: {}", name, log_escape(device), error.message()));
    return name;
}

void WinePrefix::import_registry(const std::string& windows_name) {
    if (const int status = run({"reg", "import", windows_name}); status != 0)
        throw HostError(fmt::format("--registry: Wine's reg import of {} failed (status {})", log_escape(windows_name),
                                    status));
}

pid_t WinePrefix::spawn(const std::vector<std::string>& command, const sigset_t* mask, int out, int err) const {
    std::vector<std::string> argv_text{loader_};
    argv_text.insert(argv_text.end(), command.begin(), command.end());
    std::vector<char*> argv, envp;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto environment = wine_environment(prefix_, arch_);
    for (auto& e : environment) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    if (mask != nullptr) {
        posix_spawnattr_setsigmask(&attributes, mask);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    }
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    if (out >= 0) posix_spawn_file_actions_adddup2(&files, out, STDOUT_FILENO);
    if (err >= 0) posix_spawn_file_actions_adddup2(&files, err, STDERR_FILENO);
    pid_t child = -1;
    const int error = posix_spawnp(&child, loader_.c_str(), &files, &attributes, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
    if (error != 0) {
        errno = error;
        return -1;
    }
    return child;
}

// Its stdout ("reg: The operation completed successfully") is not this
// host's; its stderr, which says what went wrong, is.
int WinePrefix::run(const std::vector<std::string>& command) const {
    const int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    const pid_t child = spawn(command, nullptr, quiet);
    if (quiet >= 0) ::close(quiet);
    if (child < 0) return -1;
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace rasshost::serve
