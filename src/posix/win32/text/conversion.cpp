#include "posix/win32/text/conversion.hpp"

#include "posix/win32/runtime/utf8.hpp"
#include "posix/win32/text/code_page_tables.hpp"
#include "posix/win32/text/unicode.hpp"

#include <string>

namespace rasshost::posix::text {
namespace {

// Writes units while they fit; counts them either way.
template <typename Unit>
struct Sink {
    Unit* out;
    std::size_t capacity;
    Converted result;
    void put(Unit u) noexcept {
        if (out != nullptr) {
            if (result.count == capacity) {
                result.overflow = true;
                return;
            }
            out[result.count] = u;
        }
        ++result.count;
    }
};

Converted single_byte_to_wide(const SingleByteCodePage& page, std::string_view bytes, wchar_t* out,
                              std::size_t capacity) noexcept {
    Converted result;
    result.count = bytes.size();
    if (out == nullptr) return result;
    if (bytes.size() > capacity) {
        result.overflow = true;
        return result;
    }
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    for (std::size_t i = 0; i < bytes.size(); ++i) out[i] = static_cast<wchar_t>(page.to_unicode[in[i]]);
    return result;
}

Converted utf8_to_wide(std::string_view bytes, wchar_t* out, std::size_t capacity, bool stop) noexcept {
    Sink<wchar_t> sink{out, capacity, {}};
    for (std::size_t at = 0; at < bytes.size() && !sink.result.overflow;) {
        if (static_cast<unsigned char>(bytes[at]) < 0x80) {  // ASCII, most of legacy text: no decoding
            sink.put(static_cast<wchar_t>(bytes[at++]));
            continue;
        }
        const char32_t c = decode_utf8(bytes, at, sink.result.malformed);
        if (stop && sink.result.malformed) break;
        sink.put(static_cast<wchar_t>(c));  // one wchar_t per code point: UTF-32 on Linux
    }
    return sink.result;
}

Converted wide_to_single_byte(const SingleByteCodePage& page, std::wstring_view wide, char* out,
                              std::size_t capacity, char default_char) noexcept {
    Sink<char> sink{out, capacity, {}};
    for (std::size_t i = 0; i < wide.size() && !sink.result.overflow; ++i) {
        const auto c = static_cast<char32_t>(wide[i]);
        const std::uint8_t byte = c < 0x10000 ? page.from_unicode[c] : 0;
        if (byte == 0 && c != 0) {
            sink.result.used_default = true;
            sink.put(default_char);
        } else {
            sink.put(static_cast<char>(byte));
        }
    }
    return sink.result;
}

Converted wide_to_utf8(std::wstring_view wide, char* out, std::size_t capacity, bool stop) noexcept {
    Sink<char> sink{out, capacity, {}};
    std::string bytes;
    for (std::size_t at = 0; at < wide.size() && !sink.result.overflow;) {
        const char32_t c = decode_wide(wide, at, sink.result.malformed);
        if (stop && sink.result.malformed) break;
        bytes.clear();
        append_utf8(bytes, c);
        for (const char b : bytes) sink.put(b);
    }
    return sink.result;
}

template <typename Unit, typename Text>
Converted copy_out(const Text& text, Unit* out, std::size_t capacity) noexcept {
    Sink<Unit> sink{out, capacity, {}};
    for (std::size_t i = 0; i < text.size() && !sink.result.overflow; ++i) sink.put(static_cast<Unit>(text[i]));
    return sink.result;
}

}  // namespace

bool known_code_page(unsigned id) noexcept {
    return id == utf8_code_page || id == utf7_code_page || single_byte_code_page(id) != nullptr;
}

Converted to_wide(unsigned id, std::string_view bytes, wchar_t* out, std::size_t capacity,
                  bool stop_on_malformed) noexcept {
    if (const SingleByteCodePage* page = single_byte_code_page(id)) return single_byte_to_wide(*page, bytes, out, capacity);
    if (id == utf8_code_page) return utf8_to_wide(bytes, out, capacity, stop_on_malformed);
    try {
        return copy_out(decode_utf7(bytes), out, capacity);
    } catch (...) {  // out of memory: report it as a buffer too small
        Converted failed;
        failed.overflow = true;
        return failed;
    }
}

Converted from_wide(unsigned id, std::wstring_view wide, char* out, std::size_t capacity, bool stop_on_malformed,
                    char default_char) noexcept {
    if (const SingleByteCodePage* page = single_byte_code_page(id))
        return wide_to_single_byte(*page, wide, out, capacity, default_char);
    if (id == utf8_code_page) return wide_to_utf8(wide, out, capacity, stop_on_malformed);
    try {
        std::u32string text;
        bool malformed = false;
        for (std::size_t at = 0; at < wide.size();) text += decode_wide(wide, at, malformed);
        return copy_out(encode_utf7(text), out, capacity);
    } catch (...) {
        Converted failed;
        failed.overflow = true;
        return failed;
    }
}

}  // namespace rasshost::posix::text
