#include <rasshost/process.hpp>
#include <rasshost/win32.h>

#include <cstdint>
#include <cstring>

namespace rasshost {
namespace {

const char* crash_program = "rasshost";

// "0x" and `digits` upper-case hex digits of `value` at `out`.
char* put_hex(char* out, std::uintptr_t value, int digits) noexcept {
    *out++ = '0';
    *out++ = 'x';
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) *out++ = "0123456789ABCDEF"[(value >> shift) & 0xF];
    return out;
}

char* put_text(char* out, const char* text, std::size_t limit) noexcept {
    const std::size_t n = strnlen(text, limit);
    std::memcpy(out, text, n);
    return out + n;
}

// The process is broken: no allocation, no lock, one WriteFile.
LONG WINAPI on_unhandled_exception(EXCEPTION_POINTERS* pointers) {
    char line[192];
    char* out = put_text(line, crash_program, 64);
    out = put_text(out, ": error: crashed: exception ", 64);
    const EXCEPTION_RECORD* record = pointers != nullptr ? pointers->ExceptionRecord : nullptr;
    out = put_hex(out, record != nullptr ? record->ExceptionCode : 0, 8);
    out = put_text(out, " at ", 8);
    out = put_hex(out, reinterpret_cast<std::uintptr_t>(record != nullptr ? record->ExceptionAddress : nullptr),
                  static_cast<int>(sizeof(void*) * 2));
    *out++ = '\n';
    DWORD written = 0;
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, static_cast<DWORD>(out - line), &written, nullptr);
    return EXCEPTION_EXECUTE_HANDLER;  // the process ends, with the exception code
}

}  // namespace

void end_process_on_crash(const char* program) noexcept {
    crash_program = program;
    SetErrorMode(GetErrorMode() | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX);
    SetUnhandledExceptionFilter(on_unhandled_exception);
}

// A write to a closed pipe fails with ERROR_NO_DATA; no signal to ignore.
void ignore_broken_pipe_signal() noexcept {}

// No journal on Windows (its event log is reached through ReportEvent).
bool is_journal_stream(int) noexcept { return false; }

unsigned long current_process_id() noexcept { return GetCurrentProcessId(); }

}  // namespace rasshost
