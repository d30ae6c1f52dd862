// rasshost::test::set_environment on POSIX: setenv(3), and the emulation's
// own copy that GetEnvironmentVariableA reads (posix/win32/system/environment.hpp).
#include <rasshost/test_kit.hpp>

#include "posix/win32/system/environment.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <cerrno>
#include <cstdlib>
#include <system_error>

namespace rasshost::test {

void set_environment(const std::string& name, const std::string& value) {
    if (name.empty() || name.find('=') != std::string::npos)
        throw std::system_error(std::make_error_code(std::errc::invalid_argument), "set_environment: bad name");
    if (setenv(name.c_str(), value.c_str(), 1) != 0)
        throw std::system_error(errno, std::generic_category(), "set_environment " + name);
    posix::environment::set(posix::utf8_to_ansi(name), std::string_view(posix::utf8_to_ansi(value)));
}

}  // namespace rasshost::test
