// rasshost::test::set_environment on Windows: _putenv_s changes the CRT's
// environment, which getenv() in a DLL on the same CRT reads, and the
// process block that GetEnvironmentVariable reads.
#include <rasshost/test_kit.hpp>

#include <cstdlib>
#include <system_error>

namespace rasshost::test {

void set_environment(const std::string& name, const std::string& value) {
    if (name.empty() || name.find('=') != std::string::npos)
        throw std::system_error(std::make_error_code(std::errc::invalid_argument), "set_environment: bad name");
    if (const errno_t error = _putenv_s(name.c_str(), value.c_str()); error != 0)
        throw std::system_error(error, std::generic_category(), "set_environment " + name);
}

}  // namespace rasshost::test
