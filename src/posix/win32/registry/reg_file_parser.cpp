// The .reg parser (reg_file_parser.hpp).
#include "posix/win32/registry/reg_file_parser.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/registry/reg_file_text.hpp"
#include "posix/win32/registry/reg_value_text.hpp"

#include <stdexcept>

namespace rasshost::posix::registry {
namespace {

constexpr std::wstring_view header5 = L"Windows Registry Editor Version 5.00";
constexpr std::wstring_view header4 = L"REGEDIT4";

// A bad line: caught by parse_reg_file, which records the line number.
struct BadLine : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Root {
    std::wstring_view name;
    HKEY key;
};

// The names regedit accepts: the full ones only (it refuses HKLM and the
// other abbreviations that reg.exe takes).
const Root roots[] = {{L"HKEY_LOCAL_MACHINE", HKEY_LOCAL_MACHINE}, {L"HKEY_CURRENT_USER", HKEY_CURRENT_USER},
                      {L"HKEY_CLASSES_ROOT", HKEY_CLASSES_ROOT},   {L"HKEY_USERS", HKEY_USERS},
                      {L"HKEY_CURRENT_CONFIG", HKEY_CURRENT_CONFIG}};

std::wstring_view trim(std::wstring_view text) {
    while (!text.empty() && (text.front() == L' ' || text.front() == L'\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == L' ' || text.back() == L'\t' || text.back() == L'\r'))
        text.remove_suffix(1);
    return text;
}

struct Lines {
    std::vector<std::wstring_view> lines;
    explicit Lines(std::wstring_view text) {
        std::size_t start = 0;
        while (start <= text.size()) {
            auto end = text.find(L'\n', start);
            if (end == std::wstring_view::npos) end = text.size();
            lines.push_back(text.substr(start, end - start));
            start = end + 1;
        }
    }
};

RegChange parse_key_line(std::wstring_view inner) {
    RegChange change;
    change.what = RegChange::What::key;
    if (!inner.empty() && inner.front() == L'-') {
        change.what = RegChange::What::delete_key;
        inner.remove_prefix(1);
    }
    const auto slash = inner.find(L'\\');
    const auto root = inner.substr(0, slash);
    for (const auto& candidate : roots)
        if (fold(candidate.name) == fold(root)) change.root = candidate.key;
    if (!change.root) throw BadLine("unknown root key (regedit takes HKEY_LOCAL_MACHINE, not HKLM)");
    if (slash != std::wstring_view::npos) change.path = std::wstring(inner.substr(slash + 1));
    std::vector<std::wstring_view> parts;
    if (!split_path(change.path, parts)) throw BadLine("bad key path (an empty name or one over 255 characters)");
    if (parts.size() > max_reg_key_depth) throw BadLine("key path deeper than 512 levels");
    return change;
}

// A quoted name or string at `text` (just after its opening quote), with
// \\ and \" unescaped; `text` is left after the closing quote.
std::wstring quoted(std::wstring_view& text) {
    std::wstring out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const wchar_t c = text[i];
        if (c == L'"') {
            text.remove_prefix(i + 1);
            return out;
        }
        if (c == L'\\') {
            if (i + 1 >= text.size() || (text[i + 1] != L'\\' && text[i + 1] != L'"'))
                throw BadLine("a backslash in a quoted text must be \\\\ or \\\"");
            out += text[++i];
        } else {
            out += c;
        }
    }
    throw BadLine("missing closing quote");
}

// The logical line of a value: a hex list ending in '\' continues on the next line.
std::wstring logical_line(const Lines& lines, std::size_t& index) {
    std::wstring line(trim(lines.lines[index]));
    while (!line.empty() && line.back() == L'\\' && line.find(L"=hex") != std::wstring::npos &&
           index + 1 < lines.lines.size()) {
        line.pop_back();
        line += trim(lines.lines[++index]);
        if (line.size() > max_reg_value_bytes * 4) throw BadLine("value longer than 1 MiB");
    }
    return line;
}

RegChange parse_value_line(std::wstring_view line, const RegChange& key, int version) {
    RegChange change;
    change.root = key.root;
    change.path = key.path;
    if (line.front() == L'@') {
        line.remove_prefix(1);
    } else {
        line.remove_prefix(1);
        change.name = quoted(line);
        if (change.name.size() > max_value_name) throw BadLine("value name over 16383 characters");
    }
    line = trim(line);
    if (line.empty() || line.front() != L'=') throw BadLine("expected = after the value name");
    line = trim(line.substr(1));
    if (line == L"-") {
        change.what = RegChange::What::delete_value;
        return change;
    }
    change.what = RegChange::What::value;
    if (!line.empty() && line.front() == L'"') {
        line.remove_prefix(1);
        const std::wstring text = quoted(line);
        if (!trim(line).empty()) throw BadLine("text after the closing quote");
        change.type = REG_SZ;
        change.data = string_value_bytes(text);
        return change;
    }
    std::string problem;
    if (!parse_typed_data(line, version, change.type, change.data, problem)) throw BadLine(problem);
    return change;
}

int parse_header(const Lines& lines) {
    const auto first = trim(lines.lines.front());
    if (first == header5) return 5;
    if (first == header4) return 4;
    throw BadLine("not a registry file: the first line must be \"Windows Registry Editor Version 5.00\" or REGEDIT4");
}

// `current` is the first physical line of the logical line being parsed.
void parse_lines(const Lines& lines, RegParse& result, std::size_t& current) {
    current = 0;
    const int version = parse_header(lines);
    RegChange key;  // the section the values belong to (a copy: the vector moves)
    bool in_key = false;
    for (std::size_t index = 1; index < lines.lines.size(); ++index) {
        current = index;
        const std::wstring line = logical_line(lines, index);
        if (line.empty() || line.front() == L';') continue;
        if (line.front() == L'[') {
            if (line.back() != L']') throw BadLine("a key line must end with ]");
            key = parse_key_line(std::wstring_view(line).substr(1, line.size() - 2));
            in_key = key.what == RegChange::What::key;
            result.changes.push_back(key);
        } else if (line.front() == L'"' || line.front() == L'@') {
            if (!in_key) throw BadLine("a value outside a key (or after a key deletion)");
            result.changes.push_back(parse_value_line(line, key, version));
        } else {
            throw BadLine("not a key, a value or a comment");
        }
    }
}

}  // namespace

RegParse parse_reg_file(std::string_view bytes) {
    RegParse result;
    if (bytes.size() > max_reg_file_bytes) {
        result.error_line = 1;
        result.error = "file larger than 16 MiB";
        return result;
    }
    const auto text = decode_reg_file(bytes);
    if (!text) {
        result.error_line = 1;
        result.error = "unknown text encoding (regedit writes UTF-16LE with a byte order mark)";
        return result;
    }
    const Lines lines(*text);
    std::size_t index = 0;
    try {
        parse_lines(lines, result, index);
    } catch (const BadLine& bad) {
        result.changes.clear();
        result.error_line = index + 1;
        result.error = bad.what();
    }
    return result;
}

const wchar_t* root_name(HKEY root) noexcept {
    for (const auto& candidate : roots)
        if (candidate.key == root) return candidate.name.data();
    return nullptr;
}

}  // namespace rasshost::posix::registry
