// set_debug_output on Windows: OutputDebugStringA/W are kernel32's own
// (a debugger or DebugView sees them as usual); the sink and
// RASSHOST_DEBUG_OUTPUT=stderr additionally get a copy, as on POSIX.
//
// How: OutputDebugString raises DBG_PRINTEXCEPTION_C (Windows 10 first
// DBG_PRINTEXCEPTION_WIDE_C) and handles it itself when no debugger does.
// A vectored handler sees that exception in this process, copies the text
// and lets it continue, so nothing else changes. Without a debugger the
// wide form comes back as ANSI; a thread-local flag keeps one string from
// arriving twice. Strings a debugger consumes first are not seen.
#include <rasshost/debug_output.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/win32.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace rasshost::win32 {
namespace {

// Not in every SDK's headers; the values are Windows' (ntstatus.h).
constexpr DWORD print_exception = 0x40010006;       // DBG_PRINTEXCEPTION_C
constexpr DWORD print_exception_wide = 0x4001000A;  // DBG_PRINTEXCEPTION_WIDE_C

struct SinkSlot {
    std::mutex mutex;
    std::shared_ptr<const DebugOutputSink> sink;
    PVOID handler = nullptr;
};

SinkSlot& slot() {
    static SinkSlot* instance = new SinkSlot;  // never destroyed: output may come at exit
    return *instance;
}

thread_local bool wide_already_delivered = false;

bool stderr_requested() {
    const char* value = std::getenv("RASSHOST_DEBUG_OUTPUT");
    return value != nullptr && std::strcmp(value, "stderr") == 0;
}

void deliver(std::string_view text) {
    std::shared_ptr<const DebugOutputSink> sink;
    {
        std::lock_guard lock(slot().mutex);
        sink = slot().sink;
    }
    if (sink) {
        (*sink)(text);
    } else if (stderr_requested()) {
        // A DLL's text, so escaped like any log line; one trailing newline
        // is the line's own end.
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        std::string line = log_escape(text);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stderr);
    }
}

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
        if (text != nullptr && length > 0) deliver(to_utf8(text, length - 1));
        wide_already_delivered = true;
    } else if (record->ExceptionCode == print_exception) {
        const auto* text = reinterpret_cast<const char*>(record->ExceptionInformation[1]);
        if (wide_already_delivered) {
            wide_already_delivered = false;
        } else if (text != nullptr && length > 0) {
            deliver(std::string_view(text, length - 1));
        }
    }
    return EXCEPTION_CONTINUE_SEARCH;  // the normal path goes on: debugger, DBWIN
}

}  // namespace

// Installed once, by the first set_debug_output or by static initialisation
// when RASSHOST_DEBUG_OUTPUT is set; it only reads, so it may stay forever.
void install_debug_output_handler() {
    std::lock_guard lock(slot().mutex);
    if (slot().handler == nullptr) slot().handler = AddVectoredExceptionHandler(0, on_exception);
}

namespace {
const bool handler_for_environment = [] {
    if (std::getenv("RASSHOST_DEBUG_OUTPUT") != nullptr) install_debug_output_handler();
    return true;
}();
}  // namespace

}  // namespace rasshost::win32

namespace rasshost {

void set_debug_output(DebugOutputSink sink) {
    win32::install_debug_output_handler();
    std::shared_ptr<const DebugOutputSink> replacement;
    if (sink) replacement = std::make_shared<const DebugOutputSink>(std::move(sink));
    auto& s = win32::slot();
    std::lock_guard lock(s.mutex);
    s.sink.swap(replacement);
}

}  // namespace rasshost
