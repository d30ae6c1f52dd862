#include "posix/win32/modules/rasman_module.hpp"

#include <rasshost/rasshost.h>

#include <cstring>

namespace rasshost::posix {
namespace {

// Through void(*)(): the one function-pointer type GCC lets every other
// function pointer convert to and from without -Wcast-function-type.
template <class Function>
FARPROC as_farproc(Function* function) {
    return reinterpret_cast<FARPROC>(reinterpret_cast<void (*)()>(function));
}

struct Export {
    const char* name;
    FARPROC address;
};

}  // namespace

FARPROC rasman_export(const char* name) noexcept {
    static const Export exports[] = {
        {"RasSecurityDialogSend", as_farproc(&RasSecurityDialogSend)},
        {"RasSecurityDialogReceive", as_farproc(&RasSecurityDialogReceive)},
        {"RasSecurityDialogGetInfo", as_farproc(&RasSecurityDialogGetInfo)},
    };
    for (const auto& entry : exports)
        if (std::strcmp(entry.name, name) == 0) return entry.address;  // export names are case-sensitive
    return nullptr;
}

}  // namespace rasshost::posix
