// PLACEHOLDER until the named-object namespace lands: unnamed objects only.
#pragma once

#include "posix/win32/handles/handle_table.hpp"

#include <memory>
#include <new>

namespace rasshost::posix {

template <class Char, class Make>
HANDLE create_named(const Char* name, KernelObject::Kind, Make make) noexcept {
    if (name && name[0] != 0) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return nullptr;
    }
    std::shared_ptr<KernelObject> object;
    try {
        object = make();
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    HANDLE handle = insert_handle(std::move(object));
    if (handle) SetLastError(ERROR_SUCCESS);
    return handle;
}

}  // namespace rasshost::posix
