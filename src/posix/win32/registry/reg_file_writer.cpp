// Writing the registry as a .reg file (reg_file_writer.hpp).
#include "posix/win32/registry/reg_file_writer.hpp"

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/registry/reg_file_parser.hpp"
#include "posix/win32/registry/reg_file_text.hpp"
#include "posix/win32/registry/reg_value_text.hpp"

#include <mutex>

namespace rasshost::posix::registry {
namespace {

void write_values(const Key& key, std::wstring& out) {
    for (const auto& value : key.values) {
        std::wstring line = value.name.empty() ? L"@" : quote(value.name);
        line += L'=';
        line += format_value_data(value.type, value.data, 5, line.size());
        out += line;
        out += L"\r\n";
    }
}

void write_key(const Key& key, const std::wstring& path, bool is_root, std::wstring& out) {
    if (key.is_volatile) return;
    // A root is written only when it holds values: regedit has no use for an empty [HKEY_...] line.
    if (!is_root || !key.values.empty()) {
        out += L"[" + path + L"]\r\n";
        write_values(key, out);
        out += L"\r\n";
    }
    for (const auto& [folded, child] : key.subkeys) write_key(*child, path + L"\\" + child->name, false, out);
}

}  // namespace

std::string write_reg_file() {
    std::wstring text = L"Windows Registry Editor Version 5.00\r\n\r\n";
    {
        Tree& t = tree();
        std::shared_lock lock(t.mutex);
        write_key(*t.machine, root_name(HKEY_LOCAL_MACHINE), true, text);
        write_key(*t.user, root_name(HKEY_CURRENT_USER), true, text);
        write_key(*t.users, root_name(HKEY_USERS), true, text);
    }
    return "\xFF\xFE" + to_utf16le(text);
}

}  // namespace rasshost::posix::registry
