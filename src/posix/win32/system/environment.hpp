// The environment GetEnvironmentVariableA and SetEnvironmentVariableA work
// on: a copy of environ private to the emulation, taken at first use
// (docs/decisions.md#environment).
//
// POSIX's own environment cannot be changed safely while other threads may
// call getenv (setenv may move the array under them), and the host's threads
// do. Windows' CRT keeps its own copy too: a DLL's SetEnvironmentVariable is
// not seen by the CRT's getenv there either, and the same is true here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rasshost::posix::environment {

// A variable's value; names compare ignoring letter case, as Windows'.
std::optional<std::string> get(std::string_view name);

// Sets (a value) or removes (nullopt) a variable; false when removing one
// that is not set. The caller has checked the name.
bool set(std::string_view name, std::optional<std::string_view> value);

}  // namespace rasshost::posix::environment
