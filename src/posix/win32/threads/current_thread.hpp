// Which thread object is the calling thread's, and which thread an id or a
// thread handle names.
//
// A thread made by CreateThread has its object from the start. Any other
// thread (the main thread, a std::thread, a thread of the host) gets one
// the first time it needs one: GetCurrentThread() used where a handle is
// needed, OpenThread on its own id, QueueUserAPC to it, an alertable wait.
// The object is the thread's until it ends: a pthread key, not a
// thread_local with a destructor (parker_pool.cpp says why), finishes it
// then (exit code 0 for a thread that did not call ExitThread) and drops
// the thread's reference.
#pragma once

#include "posix/win32/threads/thread_object.hpp"

#include <memory>

namespace rasshost::posix {

// GetCurrentThread()'s pseudo-handle, as on Windows.
inline const HANDLE current_thread_pseudo_handle = reinterpret_cast<HANDLE>(static_cast<LONG_PTR>(-2));

// The calling thread's object (made on first need); nullptr only when
// memory runs out.
std::shared_ptr<ThreadObject> current_thread_object() noexcept;

// The calling thread's object if it has one, without making one.
ThreadObject* existing_current_thread_object() noexcept;

// On a new CreateThread thread, first thing: the object `reference` holds
// is the calling thread's from now on (the thread keeps that reference).
void become_current_thread(std::unique_ptr<std::shared_ptr<ThreadObject>> reference) noexcept;

// Lists a thread object under its id (before its thread can run), so
// OpenThread finds it while the object lives (as on Windows, an ended
// thread can be opened while a handle to it is open); false when memory
// runs out. The object unlists itself as it goes.
bool list_thread(const std::shared_ptr<ThreadObject>& object) noexcept;

// The running thread with that id, if it has an object.
std::shared_ptr<ThreadObject> find_thread(DWORD id) noexcept;

// A thread handle or GetCurrentThread()'s pseudo-handle, else nullptr.
std::shared_ptr<ThreadObject> thread_from_handle(HANDLE handle) noexcept;

}  // namespace rasshost::posix
