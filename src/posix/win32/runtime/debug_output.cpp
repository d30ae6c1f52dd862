// OutputDebugStringA/W: the emulation hands the text straight to the sink
// (common/debug_output.cpp).
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/debug_output.hpp"
#include "posix/win32/runtime/utf8.hpp"

namespace rasshost::backend {

// Nothing to watch: OutputDebugString is this emulation's own.
void watch_debug_output() {}

}  // namespace rasshost::backend

extern "C" void WINAPI OutputDebugStringA(LPCSTR lpOutputString) {
    if (lpOutputString == nullptr) return;
    rasshost::deliver_debug_output(lpOutputString);
}

extern "C" void WINAPI OutputDebugStringW(LPCWSTR lpOutputString) {
    if (lpOutputString == nullptr) return;
    rasshost::deliver_debug_output(rasshost::posix::to_utf8(lpOutputString));
}
