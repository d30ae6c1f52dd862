// Debug output on Windows: OutputDebugStringA/W are kernel32's own (a
// debugger or DebugView sees them as usual); the sink and
// RASSHOST_DEBUG_OUTPUT=stderr (common/debug_output.cpp) additionally get a
// copy, as on POSIX.
//
// How: OutputDebugString raises DBG_PRINTEXCEPTION_C (Windows 10 first
// DBG_PRINTEXCEPTION_WIDE_C) and handles it itself when no debugger does.
// A vectored handler sees that exception in this process, copies the text
// and lets it continue, so nothing else changes. Without a debugger the
// wide form comes back as ANSI; a thread-local flag keeps one string from
// arriving twice. Strings a debugger consumes first are not seen.
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/debug_output.hpp"

#include <cstdlib>
#include <mutex>
#include <string>

namespace rasshost::win32 {
namespace {

// Not in every SDK's headers; the values are Windows' (ntstatus.h).
constexpr DWORD print_exception = 0x40010006;       // DBG_PRINTEXCEPTION_C
constexpr DWORD print_exception_wide = 0x4001000A;  // DBG_PRINTEXCEPTION_WIDE_C

thread_local bool wide_already_delivered = false;

std::string to_utf8(const wchar_t* text, std::size_t length) {
    if (length == 0) return {};
    const int size = WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    if (size > 0) WideCharToMultiByte(CP_UTF8, 0, text, static_cast<int>(length), out.data(), size, nullptr, nullptr);
    return out;
}

// ExceptionInformation[0]: length including the NUL, [1]: the string.
LONG WINAPI on_exception(EXCEPTION_POINTERS* info) {
    const EXCEPTION_RECORD* record = info->ExceptionRecord;
    if (record->NumberParameters < 2) return EXCEPTION_CONTINUE_SEARCH;
    const auto length = static_cast<std::size_t>(record->ExceptionInformation[0]);
    if (record->ExceptionCode == print_exception_wide) {
        const auto* text = reinterpret_cast<const wchar_t*>(record->ExceptionInformation[1]);
        if (text != nullptr && length > 0) deliver_debug_output(to_utf8(text, length - 1));
        wide_already_delivered = true;
    } else if (record->ExceptionCode == print_exception) {
        const auto* text = reinterpret_cast<const char*>(record->ExceptionInformation[1]);
        if (wide_already_delivered) {
            wide_already_delivered = false;
        } else if (text != nullptr && length > 0) {
            deliver_debug_output(std::string_view(text, length - 1));
        }
    }
    return EXCEPTION_CONTINUE_SEARCH;  // the normal path goes on: debugger, DBWIN
}

// Installed once, by the first set_debug_output or by static initialisation
// when RASSHOST_DEBUG_OUTPUT is set; it only reads, so it may stay forever.
void install_handler() {
    static std::once_flag installed;
    std::call_once(installed, [] { AddVectoredExceptionHandler(0, on_exception); });
}

const bool handler_for_environment = [] {
    if (std::getenv("RASSHOST_DEBUG_OUTPUT") != nullptr) install_handler();
    return true;
}();

}  // namespace
}  // namespace rasshost::win32

namespace rasshost::backend {

void watch_debug_output() { win32::install_handler(); }

}  // namespace rasshost::backend
