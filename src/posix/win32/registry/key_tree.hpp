// The registry's storage on POSIX: one in-memory tree per process, whose
// names compare case-insensitively as Windows' do and keep the case they
// were created with (docs/decisions.md#registry-storage). Strings are kept
// as wide text, as Windows keeps them as UTF-16; values are their bytes as
// the W calls see them.
//
// One reader-writer lock guards the whole tree: reads share it, changes
// take it alone. A value read through a key handle needs no lock at all: it
// reads the key's published snapshot (value_snapshot.hpp).
#pragma once

#include <rasshost/win32.h>

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rasshost::posix::registry {

// Windows' limits: 255 characters of a key name, 16383 of a value name.
inline constexpr std::size_t max_key_name = 255;
inline constexpr std::size_t max_value_name = 16383;

// The upper-case form names are compared by.
std::wstring fold(std::wstring_view name);
// The same into `out`, without allocating once `out` has grown.
void fold_into(std::wstring& out, std::wstring_view name);

// Values are found by their lookup key: the UTF-8 form of the folded name,
// so that an ASCII name (what DLLs use) is its bytes upper-cased, and a
// read folds it without converting (registry/names.hpp).
std::string lookup_key(std::wstring_view name);

struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
};

struct ValueSnapshot;

struct Value {
    std::wstring name;  // as written
    DWORD type = REG_NONE;
    std::vector<BYTE> data;
};

struct Key {
    Key() = default;
    ~Key();
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;

    std::wstring name;  // as created
    std::wstring class_name;
    bool is_volatile = false;
    bool deleted = false;  // open handles see ERROR_KEY_DELETED
    Key* parent = nullptr;  // valid while not deleted: a key with subkeys cannot be deleted
    FILETIME last_write{};
    std::map<std::wstring, std::shared_ptr<Key>> subkeys;  // by folded name: enumerated in that order
    std::vector<Value> values;                             // in the order they were created
    // lookup key -> position in values
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> value_index;
    // The values as lock-free readers see them; nullptr until a read makes it.
    mutable std::atomic<const ValueSnapshot*> snapshot{nullptr};

    void set_value(std::wstring_view name, DWORD type, std::vector<BYTE> data);
    bool erase_value(std::wstring_view name);
    void touch() noexcept;
};

// The roots and the lock. HKEY_CLASSES_ROOT and HKEY_CURRENT_CONFIG are
// views of keys under HKEY_LOCAL_MACHINE, as on Windows.
struct Tree {
    Tree();
    std::shared_mutex mutex;
    std::shared_ptr<Key> machine = std::make_shared<Key>();
    std::shared_ptr<Key> user = std::make_shared<Key>();
    std::shared_ptr<Key> users = std::make_shared<Key>();
};

Tree& tree() noexcept;

// The key a predefined HKEY names, or nullptr (HKEY_PERFORMANCE_DATA, or a
// view whose key a .reg file deleted). Lock held (shared is enough).
std::shared_ptr<Key> predefined_root(HKEY hkey);

// Splits a subkey path on '\'; false for a path Windows refuses (a leading
// '\', an empty or too long component).
bool split_path(std::wstring_view path, std::vector<std::wstring_view>& parts);

// The key at `parts` under `from`, or nullptr. Lock held (shared is enough).
std::shared_ptr<Key> walk(const std::shared_ptr<Key>& from, const std::vector<std::wstring_view>& parts);

// Creates the missing keys of `parts` under `from` (lock held alone); sets
// `created` if the last one is new. Returns the key, or nullptr with `error`.
std::shared_ptr<Key> create_path(const std::shared_ptr<Key>& from, const std::vector<std::wstring_view>& parts,
                                 bool is_volatile, bool& created, LSTATUS& error);

// Marks a key and everything under it deleted (lock held alone).
void mark_deleted(Key& key) noexcept;

}  // namespace rasshost::posix::registry
