#include <rasshost/process.hpp>
#include <rasshost/win32.h>

namespace rasshost {

// A write to a closed pipe fails with ERROR_NO_DATA; no signal to ignore.
void ignore_broken_pipe_signal() noexcept {}

unsigned long current_process_id() noexcept { return GetCurrentProcessId(); }

}  // namespace rasshost
