// The process's namespace of named kernel objects (events, mutexes,
// semaphores, waitable timers: one namespace for all kinds), behind every
// Create... and Open... call that takes a name.
//
// - Creating a name that exists gives a NEW handle to the existing object
//   (the create arguments are ignored) and ERROR_ALREADY_EXISTS; a name held
//   by another kind fails with ERROR_INVALID_HANDLE; a new name sets
//   ERROR_SUCCESS. A NULL or empty name creates an unnamed object.
// - Names are case-sensitive. "Global\" and "Local\" name the same object
//   as the bare name, as for a service in session 0 on Windows; any other
//   backslash fails as Windows fails a path through a missing directory
//   (docs/decisions.md#named-objects).
// - The namespace holds no reference: a name lives while its object does,
//   and is free again once the object's last handle (or waiter) is gone.
// - An ANSI name of MAX_PATH characters or more fails with
//   ERROR_FILENAME_EXCED_RANGE, as Windows' ANSI entry points do; wide names
//   are converted to UTF-8 (runtime/utf8.hpp).
#pragma once

#include "posix/win32/handles/handle_table.hpp"

#include <memory>
#include <type_traits>
#include <utility>

namespace rasshost::posix {

namespace named_objects {

// Makes the object of a new name (may throw std::bad_alloc).
using MakeObject = std::shared_ptr<KernelObject> (*)(void* context);

HANDLE create(const char* name_or_null, KernelObject::Kind kind, MakeObject make, void* context) noexcept;
HANDLE create(const wchar_t* name_or_null, KernelObject::Kind kind, MakeObject make, void* context) noexcept;

}  // namespace named_objects

// A handle to the object named `name_or_null` of `kind`: an existing one, or
// one built by make() (a callable returning a std::shared_ptr to a
// KernelObject of that kind, which may throw std::bad_alloc). Sets the last
// error as CreateEvent does on Windows; NULL on failure.
template <class Char, class Make>
HANDLE create_named(const Char* name_or_null, KernelObject::Kind kind, Make&& make) noexcept {
    using MakeType = std::remove_reference_t<Make>;
    return named_objects::create(
        name_or_null, kind,
        [](void* context) -> std::shared_ptr<KernelObject> { return (*static_cast<MakeType*>(context))(); },
        const_cast<void*>(static_cast<const void*>(std::addressof(make))));
}

// A new handle to the object named `name` if it has `kind`. NULL with
// ERROR_INVALID_PARAMETER for a NULL name, ERROR_FILE_NOT_FOUND for an
// unknown one, ERROR_INVALID_HANDLE for another kind's (or an empty name).
// The last error is left as it was on success, as on Windows.
HANDLE open_named(const char* name, KernelObject::Kind kind) noexcept;
HANDLE open_named(const wchar_t* name, KernelObject::Kind kind) noexcept;

}  // namespace rasshost::posix
