// rasshost-serve's Wine for a Windows DLL (docs/wine-host.md): where the
// Windows host for a machine is, a private prefix per machine under the
// user's state directory (never ~/.wine), made on first use, headless,
// and the programs run in it. POSIX only.
#pragma once

#include "pe_image.hpp"

#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace rasshost::serve {

class WinePrefix {
public:
    // Finds the host and makes the prefix if it is missing. Throws HostError.
    explicit WinePrefix(PeMachine machine);

    // Where the prefix for `machine` is (made or not).
    static std::string path_for(PeMachine machine);

    // The Windows rasshost-serve.exe for the machine (a POSIX path).
    const std::string& host() const noexcept { return host_; }
    // Maps COM`number` of the prefix to a device; returns "COMn".
    std::string map_com_port(unsigned number, const std::string& device);
    // The prefix's link for COM`number`: dosdevices/comN.
    std::string com_link(unsigned number) const;
    // The prefix's directory.
    const std::string& path() const noexcept { return prefix_; }
    // Imports a .reg file (its Windows name) into the prefix's registry.
    void import_registry(const std::string& windows_name);
    // Starts `command` (argv, argv[0] a Windows program) under Wine in the
    // prefix, with signal mask `mask` and, unless -1, `out` and `err` as its
    // stdout and stderr; the child's pid, or -1 (errno set).
    pid_t spawn(const std::vector<std::string>& command, const sigset_t* mask, int out = -1, int err = -1) const;

private:
    int run(const std::vector<std::string>& command) const;  // waits; the exit status
    std::string host_;
    std::string loader_;  // wine, or wine64 for a 64-bit host
    std::string prefix_;
    const char* arch_;  // WINEARCH
};

}  // namespace rasshost::serve
