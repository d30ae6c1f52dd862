// The process-wide table behind every POSIX HANDLE (events, threads, the
// process heap). A HANDLE names a slot and the generation of its use
// (handle_value.hpp), and the slot holds a reference to the kernel object,
// so:
// - an invalid, closed or wrong-kind handle is detected, never dereferenced,
//   and a stale handle names a later object only after its slot has come
//   back around (millions of handles later, handle_value.hpp);
// - an object stays alive while any thread still uses it after CloseHandle
//   (a lookup either holds a reference or reads inside an epoch section);
// - running out of memory while creating a handle gives
//   ERROR_NOT_ENOUGH_MEMORY; looking up and closing never allocate;
// - NULL, INVALID_HANDLE_VALUE, the pseudo-handles and forged values are
//   simply unknown handles.
// Lookups take no lock and no reference (HandleReader); creating and
// closing take the table's mutex.
#pragma once

#include "posix/win32/handles/epoch.hpp"
#include "posix/win32/handles/handle_slots.hpp"

#include <rasshost/win32.h>

#include <cstddef>
#include <cstdint>
#include <memory>

namespace rasshost::posix {

class KernelObject {
public:
    enum class Kind : std::uint8_t { event, thread, heap, mutex, semaphore, timer, process, event_source, registry_key, file, find };

    explicit KernelObject(Kind kind) noexcept : kind_(kind) {}
    virtual ~KernelObject() = default;
    KernelObject(const KernelObject&) = delete;
    KernelObject& operator=(const KernelObject&) = delete;

    Kind kind() const noexcept { return kind_; }

private:
    Kind kind_;
};

// Heaps and event sources are in the table only so that their calls can
// validate handles: on Windows they are not kernel objects, so nothing waits
// on them and CloseHandle and DuplicateHandle refuse them
// (docs/decisions.md#private-heaps, docs/decisions.md#event-log).
constexpr bool is_kernel_object(std::uint8_t kind) noexcept {
    return kind != static_cast<std::uint8_t>(KernelObject::Kind::heap) &&
           kind != static_cast<std::uint8_t>(KernelObject::Kind::event_source);
}

// Every kernel object can be waited on but registry keys, files and
// directory searches.
constexpr bool is_waitable(std::uint8_t kind) noexcept {
    return is_kernel_object(kind) && kind != static_cast<std::uint8_t>(KernelObject::Kind::registry_key) &&
           kind != static_cast<std::uint8_t>(KernelObject::Kind::file) &&
           kind != static_cast<std::uint8_t>(KernelObject::Kind::find);
}

// A short lock-free section in which handles resolve to objects without
// taking references: an object found here is not destroyed before the
// reader ends, even if its handle is closed meanwhile. Never sleep inside
// one (copy the reference first); see epoch.hpp.
class HandleReader {
public:
    // The open slot behind `handle` (its object and kind), or nullptr for an
    // unknown or closed handle. Valid while this reader lives; copy
    // slot->owner to keep the object longer.
    const Slot* find(HANDLE handle) const noexcept { return slots_.find_open(handle); }

    // The same, only for an object that can be waited on (an event or a
    // thread), through any of its handles: one comparison validates both
    // (handle_value.hpp).
    const Slot* find_waitable(HANDLE handle) const noexcept {
        const Slot* slot = nullptr;
        return slots_.find_waitable(handle, slot) ? slot : nullptr;
    }

    // The slot array as this reader sees it, for loops over many handles.
    SlotArray::View slots() const noexcept { return slots_; }

    // The object behind `handle` if its kind is T::kind, else nullptr.
    template <class T>
    T* find_as(HANDLE handle) const noexcept {
        const Slot* slot = find(handle);
        if (!slot || slot->kind != static_cast<std::uint8_t>(T::kind)) return nullptr;
        return static_cast<T*>(slot->owner.get());
    }

private:
    epoch::ReadSection section_;
    SlotArray::View slots_ = handle_slots.view();  // taken after entering the section
};

// Registers an object, new or already behind other handles (DuplicateHandle,
// named objects); returns a new handle, or nullptr (with
// ERROR_NOT_ENOUGH_MEMORY set) when memory or slots run out. A waitable
// object keeps a copy of its state in ONE of its handles' slots: the new
// handle's if the object has no other open handle holding it, so the common
// case (one handle per object) waits at full speed; its other handles are
// marked indirect and a wait reads the object itself through them
// (wait_subsystem.hpp). When the handle holding the copy is closed, the
// others stay indirect (nothing is moved: moving would rewrite the tag of
// an open slot under racing lookups and closes, for a case that is rare);
// the next handle created for the object takes the copy again.
HANDLE insert_handle(std::shared_ptr<KernelObject> object) noexcept;

// A reference to the object behind a handle, or nullptr for an unknown or
// closed handle.
std::shared_ptr<KernelObject> lookup_handle(HANDLE handle) noexcept;

// The object behind a handle if it has kind T::kind, else nullptr.
template <class T>
std::shared_ptr<T> lookup_handle_as(HANDLE handle) noexcept {
    auto object = lookup_handle(handle);
    if (!object || object->kind() != T::kind) return nullptr;
    return std::static_pointer_cast<T>(std::move(object));
}

// Closes a handle (exactly once, even when threads race to close it). False
// for an unknown or already closed handle and for heaps and event sources,
// which are not kernel objects. The object is released once no reader can
// still use it.
bool close_handle(HANDLE handle) noexcept;

// Closes a handle only if it names an object of `kind`: how HeapDestroy and
// DeregisterEventSource end what CloseHandle refuses.
bool close_handle_of_kind(HANDLE handle, KernelObject::Kind kind) noexcept;

}  // namespace rasshost::posix
