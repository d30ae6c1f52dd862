// The process-wide table behind every POSIX HANDLE (events, threads, the
// process heap). A HANDLE is an opaque, never-reused number; the table maps
// it to a reference-counted kernel object, so an invalid, closed or
// wrong-kind handle is detected instead of dereferenced, and an object stays
// alive while any thread still uses it after CloseHandle.
#pragma once

#include <rasshost/win32.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace rasshost::posix {

class KernelObject {
public:
    enum class Kind : std::uint8_t { event, thread, heap };

    explicit KernelObject(Kind kind) noexcept : kind_(kind) {}
    virtual ~KernelObject() = default;
    KernelObject(const KernelObject&) = delete;
    KernelObject& operator=(const KernelObject&) = delete;

    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

// Registers an object; returns its new handle, or nullptr (with
// ERROR_NOT_ENOUGH_MEMORY set) when memory runs out.
HANDLE insert_handle(std::shared_ptr<KernelObject> object) noexcept;

// The object behind a handle, or nullptr for an unknown or closed handle.
std::shared_ptr<KernelObject> lookup_handle(HANDLE handle) noexcept;

// Looks up handles[0..count) under one lock (a wait over 64 handles must
// not take the table lock 64 times). Stores each object in out[i] and
// returns the index of the first unknown handle, or count if all are open.
std::size_t lookup_handles(const HANDLE* handles, std::size_t count, std::shared_ptr<KernelObject>* out) noexcept;

// The object behind a handle if it has kind T::kind, else nullptr.
template <class T>
std::shared_ptr<T> lookup_handle_as(HANDLE handle) noexcept {
    auto object = lookup_handle(handle);
    if (!object || object->kind() != T::kind) return nullptr;
    return std::static_pointer_cast<T>(std::move(object));
}

// Removes a handle and returns its object, or nullptr if it was not open.
std::shared_ptr<KernelObject> remove_handle(HANDLE handle) noexcept;

}  // namespace rasshost::posix
