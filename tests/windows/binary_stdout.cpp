// Windows only: test programs write LF, not CRLF. doctest's test list is
// parsed line by line by doctest_discover_tests on the build machine, and a
// trailing '\r' would become part of every test name.
#include <cstdio>
#include <fcntl.h>
#include <io.h>

namespace {

const bool binary_stdout = [] {
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    return true;
}();

}  // namespace
