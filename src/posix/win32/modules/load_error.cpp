#include "posix/win32/modules/load_error.hpp"

#include "common/backend.hpp"

namespace rasshost {
namespace {

std::string& last_reason() {
    thread_local std::string reason;
    return reason;
}

}  // namespace

void posix::set_load_error(std::string reason) { last_reason() = std::move(reason); }

std::string backend::load_error_reason(DWORD, std::string_view) { return last_reason(); }

}  // namespace rasshost
