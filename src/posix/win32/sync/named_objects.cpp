// The namespace of named kernel objects (named_objects.hpp).
//
// A named object is owned by a NamedHolder: every handle and every waiter
// holds the holder (through an aliasing pointer to its object), and the map
// holds only a weak reference. The holder's destructor, run when the last
// reference goes, frees the name; the object itself dies after the name,
// outside the namespace's lock. Lock order: the handle table's mutex (a
// closed slot may drop the last reference there), then the namespace's; the
// namespace never creates a handle under its own lock.
#include "posix/win32/sync/named_objects.hpp"

#include "posix/win32/runtime/utf8.hpp"

#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rasshost::posix::named_objects {
namespace {

struct NamedHolder;

struct Entry {
    std::weak_ptr<NamedHolder> holder;
    const NamedHolder* owner;  // which holder the entry is (the weak one may be expiring)
};

struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
};

struct Namespace {
    std::mutex mutex;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> names;

    // Never destroyed: objects may outlive static destruction.
    static Namespace& instance() noexcept {
        static Namespace* names = new Namespace;
        return *names;
    }
};

struct NamedHolder {
    NamedHolder(std::string_view name, std::shared_ptr<KernelObject> made) : key(name), object(std::move(made)) {}
    ~NamedHolder() {
        auto& space = Namespace::instance();
        std::lock_guard lock(space.mutex);
        const auto found = space.names.find(key);
        // A new object may already hold the name (this one was expiring).
        if (found != space.names.end() && found->second.owner == this) space.names.erase(found);
    }
    const std::string key;
    const std::shared_ptr<KernelObject> object;
};

// What a name means, as Windows resolves it for a service in session 0:
// "Global\" and "Local\" lead to the same directory as no prefix.
// Otherwise a backslash is a path through a directory that does not exist.
DWORD resolve(std::string_view name, std::string_view& key) noexcept {
    for (std::string_view prefix : {std::string_view("Global\\"), std::string_view("Local\\")}) {
        if (name.substr(0, prefix.size()) == prefix) {
            name.remove_prefix(prefix.size());
            if (name.empty()) return ERROR_INVALID_NAME;
            break;
        }
    }
    const auto slash = name.find('\\');
    if (slash == 0) return ERROR_BAD_PATHNAME;
    if (slash != std::string_view::npos) return ERROR_PATH_NOT_FOUND;
    key = name;
    return ERROR_SUCCESS;
}

// Windows' ANSI calls convert the name into a buffer of MAX_PATH UTF-16
// units, terminator included; the name's units are counted from its UTF-8.
bool fits_ansi_buffer(const char* name) noexcept {
    std::size_t units = 0;
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(name); *p; ++p) {
        if ((*p & 0xC0) != 0x80) units += (*p >= 0xF0) ? 2 : 1;  // a 4-byte sequence is a surrogate pair
        if (units >= MAX_PATH) return false;
    }
    return true;
}

HANDLE fail(DWORD error) noexcept {
    SetLastError(error);
    return nullptr;
}

HANDLE create_unnamed(MakeObject make, void* context) noexcept {
    std::shared_ptr<KernelObject> object;
    try {
        object = make(context);
    } catch (const std::bad_alloc&) {
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    HANDLE handle = insert_handle(std::move(object));
    if (handle) SetLastError(ERROR_SUCCESS);  // callers test it for ERROR_ALREADY_EXISTS
    return handle;
}

HANDLE create_utf8(std::string_view name, KernelObject::Kind kind, MakeObject make, void* context) noexcept {
    std::string_view key;
    if (const DWORD error = resolve(name, key); error != ERROR_SUCCESS) return fail(error);
    auto& space = Namespace::instance();
    std::shared_ptr<NamedHolder> holder;  // dropped after the lock: its destructor takes it
    bool existed = false;
    try {
        std::lock_guard lock(space.mutex);
        auto found = space.names.find(key);
        if (found != space.names.end()) holder = found->second.holder.lock();
        if (holder) {
            if (holder->object->kind() != kind) return fail(ERROR_INVALID_HANDLE);
            existed = true;
        } else {
            holder = std::make_shared<NamedHolder>(key, make(context));
            if (found == space.names.end()) found = space.names.emplace(std::string(key), Entry{}).first;
            found->second = Entry{holder, holder.get()};
        }
    } catch (const std::bad_alloc&) {
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
    KernelObject* object = holder->object.get();
    // The holder's reference moves into the handle (one reference count
    // change fewer); if no handle is made, it is dropped here, unlocked.
    HANDLE handle = insert_handle(std::shared_ptr<KernelObject>(std::move(holder), object));
    if (!handle) return nullptr;  // insert_handle set the error
    SetLastError(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return handle;
}

HANDLE open_utf8(std::string_view name, KernelObject::Kind kind) noexcept {
    if (name.empty()) return fail(ERROR_INVALID_HANDLE);  // Windows opens the directory itself: not an object of the kind
    std::string_view key;
    if (const DWORD error = resolve(name, key); error != ERROR_SUCCESS) return fail(error);
    auto& space = Namespace::instance();
    std::shared_ptr<NamedHolder> holder;
    {
        std::lock_guard lock(space.mutex);
        const auto found = space.names.find(key);
        if (found != space.names.end()) holder = found->second.holder.lock();
    }
    if (!holder) return fail(ERROR_FILE_NOT_FOUND);
    if (holder->object->kind() != kind) return fail(ERROR_INVALID_HANDLE);
    KernelObject* object = holder->object.get();
    return insert_handle(std::shared_ptr<KernelObject>(std::move(holder), object));
}

}  // namespace

HANDLE create(const char* name_or_null, KernelObject::Kind kind, MakeObject make, void* context) noexcept {
    if (!name_or_null || !*name_or_null) return create_unnamed(make, context);
    if (!fits_ansi_buffer(name_or_null)) return fail(ERROR_FILENAME_EXCED_RANGE);
    return create_utf8(name_or_null, kind, make, context);
}

HANDLE create(const wchar_t* name_or_null, KernelObject::Kind kind, MakeObject make, void* context) noexcept {
    if (!name_or_null || !*name_or_null) return create_unnamed(make, context);
    try {
        return create_utf8(to_utf8(name_or_null), kind, make, context);
    } catch (const std::bad_alloc&) {
        return fail(ERROR_NOT_ENOUGH_MEMORY);
    }
}

}  // namespace rasshost::posix::named_objects

namespace rasshost::posix {

HANDLE open_named(const char* name, KernelObject::Kind kind) noexcept {
    if (!name) return named_objects::fail(ERROR_INVALID_PARAMETER);
    if (!named_objects::fits_ansi_buffer(name)) return named_objects::fail(ERROR_FILENAME_EXCED_RANGE);
    return named_objects::open_utf8(name, kind);
}

HANDLE open_named(const wchar_t* name, KernelObject::Kind kind) noexcept {
    if (!name) return named_objects::fail(ERROR_INVALID_PARAMETER);
    try {
        return named_objects::open_utf8(to_utf8(name), kind);
    } catch (const std::bad_alloc&) {
        return named_objects::fail(ERROR_NOT_ENOUGH_MEMORY);
    }
}

}  // namespace rasshost::posix

// ---- OpenEventA/W (the other kinds' Open... calls live with their kinds) ----

extern "C" HANDLE WINAPI OpenEventA(DWORD, BOOL, LPCSTR lpName) {
    return rasshost::posix::open_named(lpName, rasshost::posix::KernelObject::Kind::event);
}

extern "C" HANDLE WINAPI OpenEventW(DWORD, BOOL, LPCWSTR lpName) {
    return rasshost::posix::open_named(lpName, rasshost::posix::KernelObject::Kind::event);
}
