// The registry tree: names, paths and values (key_tree.hpp).
#include "posix/win32/registry/key_tree.hpp"

#include "posix/win32/registry/value_snapshot.hpp"
#include "posix/win32/runtime/utf8.hpp"

#include <chrono>
#include <cwctype>

namespace rasshost::posix::registry {
namespace {

// Windows compares names by upper-casing each UTF-16 unit. ASCII and
// Latin-1 are done here (the names legacy DLLs use); the rest asks the C
// library, whose tables may be narrower than Windows'.
wchar_t upper(wchar_t c) noexcept {
    if (c < 0x80) return (c >= L'a' && c <= L'z') ? static_cast<wchar_t>(c - 0x20) : c;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return static_cast<wchar_t>(c - 0x20);
    if (c == 0xFF) return static_cast<wchar_t>(0x178);
    if (c < 0x100) return c;
    return static_cast<wchar_t>(std::towupper(static_cast<wint_t>(c)));
}

FILETIME now_as_filetime() noexcept {
    // 100 ns intervals from 1601-01-01 to the Unix epoch.
    constexpr unsigned long long epoch_offset = 116444736000000000ULL;
    const auto since_unix = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const unsigned long long ticks = epoch_offset + static_cast<unsigned long long>(since_unix.count() / 100);
    return FILETIME{static_cast<DWORD>(ticks), static_cast<DWORD>(ticks >> 32)};
}

}  // namespace

void fold_into(std::wstring& out, std::wstring_view name) {
    out.resize(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) out[i] = upper(name[i]);
}

std::wstring fold(std::wstring_view name) {
    std::wstring out;
    fold_into(out, name);
    return out;
}

std::string lookup_key(std::wstring_view name) {
    std::string key;
    key.reserve(name.size());
    for (const wchar_t c : name) append_utf8(key, static_cast<char32_t>(upper(c)));
    return key;
}

Key::~Key() { free_snapshot(*this); }

void Key::set_value(std::wstring_view name, DWORD type, std::vector<BYTE> data) {
    std::string key = lookup_key(name);
    const auto found = value_index.find(key);
    if (found != value_index.end()) {
        // Windows keeps the name's first spelling and its place in the enumeration.
        values[found->second].type = type;
        values[found->second].data = std::move(data);
    } else {
        values.push_back(Value{std::wstring(name), type, std::move(data)});
        value_index.emplace(std::move(key), values.size() - 1);
    }
    invalidate_snapshot(*this);
    touch();
}

bool Key::erase_value(std::wstring_view name) {
    const auto found = value_index.find(lookup_key(name));
    if (found == value_index.end()) return false;
    values.erase(values.begin() + static_cast<std::ptrdiff_t>(found->second));
    value_index.clear();
    for (std::size_t i = 0; i < values.size(); ++i) value_index.emplace(lookup_key(values[i].name), i);
    invalidate_snapshot(*this);
    touch();
    return true;
}

void Key::touch() noexcept { last_write = now_as_filetime(); }

constexpr const wchar_t* classes_view = L"SOFTWARE\\Classes";
constexpr const wchar_t* config_view = L"SYSTEM\\CurrentControlSet\\Hardware Profiles\\Current";

Tree::Tree() {
    std::vector<std::wstring_view> parts;
    bool created = false;
    LSTATUS error = ERROR_SUCCESS;
    for (const auto* view : {classes_view, config_view}) {
        split_path(view, parts);
        create_path(machine, parts, false, created, error);
    }
}

Tree& tree() noexcept {
    static Tree instance;
    return instance;
}

std::shared_ptr<Key> predefined_root(HKEY hkey) {
    Tree& t = tree();
    if (hkey == HKEY_LOCAL_MACHINE) return t.machine;
    if (hkey == HKEY_CURRENT_USER) return t.user;
    if (hkey == HKEY_USERS) return t.users;
    const wchar_t* view = nullptr;
    if (hkey == HKEY_CLASSES_ROOT) view = classes_view;
    if (hkey == HKEY_CURRENT_CONFIG) view = config_view;
    if (!view) return nullptr;
    std::vector<std::wstring_view> parts;
    split_path(view, parts);
    return walk(t.machine, parts);
}

bool split_path(std::wstring_view path, std::vector<std::wstring_view>& parts) {
    parts.clear();
    if (!path.empty() && path.front() == L'\\') return false;
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t end = path.find(L'\\', start);
        if (end == std::wstring_view::npos) end = path.size();
        const auto part = path.substr(start, end - start);
        // "a\\b" names an empty key: Windows refuses it; one trailing '\' is accepted.
        if (part.empty() || part.size() > max_key_name) return false;
        parts.push_back(part);
        start = end + 1;
    }
    return true;
}

std::shared_ptr<Key> walk(const std::shared_ptr<Key>& from, const std::vector<std::wstring_view>& parts) {
    std::wstring folded;
    std::shared_ptr<Key> key = from;
    for (const auto part : parts) {
        fold_into(folded, part);
        const auto found = key->subkeys.find(folded);
        if (found == key->subkeys.end()) return nullptr;
        key = found->second;
    }
    return key;
}

std::shared_ptr<Key> create_path(const std::shared_ptr<Key>& from, const std::vector<std::wstring_view>& parts,
                                 bool is_volatile, bool& created, LSTATUS& error) {
    std::shared_ptr<Key> key = from;
    created = false;
    for (const auto part : parts) {
        std::wstring folded = fold(part);
        const auto found = key->subkeys.find(folded);
        if (found != key->subkeys.end()) {
            key = found->second;
            created = false;
            continue;
        }
        if (key->is_volatile && !is_volatile) {
            error = ERROR_CHILD_MUST_BE_VOLATILE;
            return nullptr;
        }
        auto child = std::make_shared<Key>();
        child->name = std::wstring(part);
        child->is_volatile = is_volatile;
        child->parent = key.get();
        child->touch();
        key->subkeys.emplace(std::move(folded), child);
        key->touch();
        key = std::move(child);
        created = true;
    }
    return key;
}

void mark_deleted(Key& key) noexcept {
    key.deleted = true;
    invalidate_snapshot(key);
    for (auto& [name, child] : key.subkeys) mark_deleted(*child);
}

}  // namespace rasshost::posix::registry
