// Which loaded libraries still have threads running in them.
//
// A legacy security DLL's worker often ends on its own: it calls Complete,
// frees its state and returns, with no End that waits for it. If the host
// then unloads the DLL (rasshost-serve --once exits), dlclose would unmap
// the code that thread is still returning through. Windows never gets
// there (RAS does not unload a DLL in use; ExitProcess ends the other
// threads before DLLs detach), so the emulation keeps the same promise:
// FreeLibrary unmaps a library only once no thread CreateThread started in
// it is still running.
#pragma once

#include <chrono>

namespace rasshost::posix::module_threads {

// The base address of the loaded object that holds `code` (dladdr), or
// nullptr if none does.
const void* base_of_code(const void* code) noexcept;

// The base address of a dlopen handle's object, or nullptr.
const void* base_of_library(void* dl) noexcept;

// CreateThread's bookkeeping: a thread whose start routine lies in the
// object at `base` is about to run / has left it for good.
void started(const void* base) noexcept;
void ended(const void* base) noexcept;

// Waits until no thread started in the object at `base` runs; false when
// `timeout` passed first.
bool wait_none_running(const void* base, std::chrono::milliseconds timeout) noexcept;

}  // namespace rasshost::posix::module_threads
