// RegisterEventSourceA/W, ReportEventA/W, DeregisterEventSource on POSIX
// (docs/decisions.md#event-log).
//
// An event source is a handle-table entry of its own kind: a forged or
// deregistered one fails with ERROR_INVALID_HANDLE, and CloseHandle refuses
// it, as on Windows, where it is not a kernel object. A report becomes one
// line (event_line.hpp) for the host's log or, with no host log, syslog.
#include <rasshost/win32.h>

#include "common/event_log_route.hpp"
#include "posix/win32/event_log/event_line.hpp"
#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/runtime/utf8.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <syslog.h>

#include <cstring>
#include <cwchar>
#include <memory>
#include <new>

namespace rasshost::posix {
namespace {

class EventSource final : public KernelObject {
public:
    static constexpr Kind kind = Kind::event_source;
    explicit EventSource(std::string name_utf8) : KernelObject(kind), name(std::move(name_utf8)) {}
    const std::string name;
};

// Only the local machine's log exists: a server name must be empty.
HANDLE register_source(const bool remote, std::string name) {
    if (remote) {
        SetLastError(RPC_S_SERVER_UNAVAILABLE);
        return nullptr;
    }
    std::shared_ptr<EventSource> source(new (std::nothrow) EventSource(std::move(name)));
    if (!source) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    return insert_handle(std::move(source));
}

// An insert string as UTF-8, at most max_insert_chars characters.
std::string insert_utf8(const char* text) {
    const std::size_t length = strnlen(text, max_insert_chars + 1);
    std::string ansi(text, length > max_insert_chars ? max_insert_chars : length);
    if (length > max_insert_chars) ansi += "...";
    return ansi_to_utf8(ansi);
}

std::string insert_utf8(const wchar_t* text) {
    const std::size_t length = wcsnlen(text, max_insert_chars + 1);
    std::wstring wide(text, length > max_insert_chars ? max_insert_chars : length);
    std::string utf8 = to_utf8(wide.c_str());
    if (length > max_insert_chars) utf8 += "...";
    return utf8;
}

template <class Char>
BOOL report(HANDLE handle, WORD type, DWORD id, WORD count, DWORD data_size, const Char** strings, LPVOID data) {
    const auto source = lookup_handle_as<EventSource>(handle);
    if (!source) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if ((count != 0 && strings == nullptr) || (data_size != 0 && data == nullptr)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    EventRecord record{source->name, type, id, {}, data_size};
    for (WORD i = 0; i < count; ++i) {
        if (strings[i] == nullptr) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        }
        record.strings.push_back(insert_utf8(strings[i]));
    }
    const std::string line = event_line(record);
    if (!deliver_event_line(event_level(type), line)) syslog(LOG_USER | event_priority(type), "%s", line.c_str());
    return TRUE;
}

template <class Call>
BOOL guarded(Call&& call) noexcept {
    try {
        return call();
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}

}  // namespace
}  // namespace rasshost::posix

using namespace rasshost::posix;

extern "C" HANDLE WINAPI RegisterEventSourceA(LPCSTR lpUNCServerName, LPCSTR lpSourceName) {
    if (lpSourceName == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    try {
        return register_source(lpUNCServerName != nullptr && *lpUNCServerName != '\0', ansi_to_utf8(lpSourceName));
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
}

extern "C" HANDLE WINAPI RegisterEventSourceW(LPCWSTR lpUNCServerName, LPCWSTR lpSourceName) {
    if (lpSourceName == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    try {
        return register_source(lpUNCServerName != nullptr && *lpUNCServerName != L'\0', to_utf8(lpSourceName));
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
}

extern "C" BOOL WINAPI ReportEventA(HANDLE hEventLog, WORD wType, WORD, DWORD dwEventID, PSID, WORD wNumStrings,
                                   DWORD dwDataSize, LPCSTR* lpStrings, LPVOID lpRawData) {
    return guarded([&] { return report(hEventLog, wType, dwEventID, wNumStrings, dwDataSize, lpStrings, lpRawData); });
}

extern "C" BOOL WINAPI ReportEventW(HANDLE hEventLog, WORD wType, WORD, DWORD dwEventID, PSID, WORD wNumStrings,
                                   DWORD dwDataSize, LPCWSTR* lpStrings, LPVOID lpRawData) {
    return guarded([&] { return report(hEventLog, wType, dwEventID, wNumStrings, dwDataSize, lpStrings, lpRawData); });
}

extern "C" BOOL WINAPI DeregisterEventSource(HANDLE hEventLog) {
    if (!close_handle_of_kind(hEventLog, KernelObject::Kind::event_source)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
