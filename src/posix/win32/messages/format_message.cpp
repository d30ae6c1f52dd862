// FormatMessageA/W: the message source, the language, the arguments, then
// the buffer rules (nSize counts the NUL; ALLOCATE_BUFFER allocates at least
// nSize characters with LocalAlloc). Both forms format wide text; the A form
// converts the format and the result through the ANSI code page.
#include <rasshost/win32.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "posix/win32/messages/message_format.hpp"
#include "posix/win32/messages/message_table.hpp"
#include "posix/win32/runtime/last_error.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

namespace messages = rasshost::posix::messages;
using rasshost::posix::set_last_error;

namespace {

DWORD fail(DWORD code) noexcept {
    set_last_error(code);
    return 0;
}

// The message definition, or an error code (0 on success).
DWORD find_definition(DWORD flags, LPCVOID source, DWORD id, DWORD language, bool wide, std::wstring& definition) {
    const bool from_string = (flags & FORMAT_MESSAGE_FROM_STRING) != 0;
    const bool from_system = (flags & FORMAT_MESSAGE_FROM_SYSTEM) != 0;
    const bool from_module = (flags & FORMAT_MESSAGE_FROM_HMODULE) != 0;
    if (from_string) {
        if (from_system || from_module || source == nullptr) return ERROR_INVALID_PARAMETER;
        definition = wide ? std::wstring(static_cast<const wchar_t*>(source))
                          : rasshost::posix::ansi_to_wide(static_cast<const char*>(source));
        return 0;
    }
    if (!from_system && !from_module) return ERROR_INVALID_PARAMETER;
    const WORD primary = PRIMARYLANGID(language);
    if (language != 0 && primary != LANG_NEUTRAL && primary != LANG_ENGLISH) return ERROR_RESOURCE_LANG_NOT_FOUND;
    if (!from_system) return ERROR_RESOURCE_TYPE_NOT_FOUND;  // no module carries a message table here
    const std::string_view text = messages::system_message(id);
    if (text.empty()) return ERROR_MR_MID_NOT_FOUND;
    definition.assign(text.begin(), text.end());  // the table is ASCII
    return 0;
}

// Stores `text` (length characters of Char) as the flags ask; returns the length.
template <typename Char>
DWORD deliver(const Char* text, std::size_t length, DWORD flags, void* buffer, DWORD size) {
    if (length == 0) return fail(ERROR_NO_WORK_DONE);  // as Windows: nothing is stored or allocated
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        const std::size_t count = length + 1 > size ? length + 1 : size;
        auto* block = static_cast<Char*>(LocalAlloc(LMEM_FIXED, count * sizeof(Char)));
        if (block == nullptr) return fail(ERROR_NOT_ENOUGH_MEMORY);
        std::memcpy(block, text, length * sizeof(Char));
        block[length] = Char{};
        *static_cast<Char**>(buffer) = block;
        return static_cast<DWORD>(length);
    }
    if (length + 1 > size) return fail(ERROR_INSUFFICIENT_BUFFER);
    std::memcpy(buffer, text, length * sizeof(Char));
    static_cast<Char*>(buffer)[length] = Char{};
    return static_cast<DWORD>(length);
}

DWORD format(DWORD flags, LPCVOID source, DWORD id, DWORD language, void* buffer, DWORD size, va_list* arguments,
             bool wide) {
    if (buffer == nullptr) return fail(ERROR_INVALID_PARAMETER);
    try {
        std::wstring definition;
        if (const DWORD error = find_definition(flags, source, id, language, wide, definition)) return fail(error);
        messages::Options options;
        options.max_width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
        options.ignore_inserts = (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0;
        options.wide_caller = wide;
        messages::Arguments values = options.ignore_inserts ? messages::Arguments()
                                     : (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)
                                         ? messages::Arguments(reinterpret_cast<const std::uintptr_t*>(arguments))
                                         : messages::Arguments(arguments);
        std::wstring text;
        const messages::Outcome outcome = messages::format_message(definition, options, values, text);
        if (outcome == messages::Outcome::invalid_parameter) return fail(ERROR_INVALID_PARAMETER);
        if (outcome == messages::Outcome::more_data) return fail(ERROR_MORE_DATA);
        if (wide) return deliver(text.data(), text.size(), flags, buffer, size);
        const std::string ansi = rasshost::posix::wide_to_ansi(text);
        return deliver(ansi.data(), ansi.size(), flags, buffer, size);
    } catch (...) {  // std::bad_alloc
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
}

}  // namespace

extern "C" DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                                       LPSTR lpBuffer, DWORD nSize, va_list* Arguments) {
    return format(dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize, Arguments, false);
}

extern "C" DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
                                       LPWSTR lpBuffer, DWORD nSize, va_list* Arguments) {
    return format(dwFlags, lpSource, dwMessageId, dwLanguageId, lpBuffer, nSize, Arguments, true);
}
