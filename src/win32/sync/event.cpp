// rasshost::Event over a native Win32 event: the same object the C API and
// a security DLL see, so C++ host code and C DLL code can share it. Waits
// go to WaitForMultipleObjects, which already has the semantics event.hpp
// promises (lowest signalled index, atomic wait-all); what is added here is
// the std::chrono timeout (native_wait.hpp). The argument checks, the moves
// and the entry points of wait_any / wait_all are common/event.cpp.
//
// backend::is_event_handle (at the end): whether a HANDLE may be given to SetEvent by the host
// (docs/decisions.md#event-handles).
//
// Windows offers no cheap, documented way to ask an object's type
// (NtQueryObject is ntdll-internal). So this is a best effort: NULL and
// INVALID_HANDLE_VALUE are rejected, and any handle the process really has
// open (GetHandleInformation succeeds) is accepted. A live handle of another
// kind passes here and then SetEvent fails on it (ERROR_INVALID_HANDLE),
// which the dialog treats like any failed signal; on POSIX the handle table
// knows the kind and rejects it up front.
#include <rasshost/event.hpp>
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/wait_checks.hpp"
#include "win32/sync/native_wait.hpp"

#include <algorithm>
#include <new>
#include <system_error>

namespace rasshost {

struct Event::Impl {
    HANDLE handle;
};

struct EventAccess {
    static HANDLE handle(const Event& event) noexcept { return event.impl_ ? event.impl_->handle : nullptr; }
};

namespace {

static_assert(max_wait_events == MAXIMUM_WAIT_OBJECTS);

// wait_any over unique handles: Windows refuses a handle twice in one wait,
// event.hpp allows it in wait_any. Keeping first occurrences in order keeps
// "lowest index".
std::optional<std::size_t> wait_first(const HANDLE* handles, DWORD count, std::chrono::nanoseconds timeout) {
    HANDLE unique[max_wait_events];
    std::size_t index_of[max_wait_events];
    DWORD unique_count = 0;
    for (DWORD i = 0; i < count; ++i) {
        if (std::find(unique, unique + unique_count, handles[i]) != unique + unique_count) continue;
        index_of[unique_count] = i;
        unique[unique_count++] = handles[i];
    }
    const DWORD result = win32::wait_native(unique, unique_count, false, timeout);
    if (result >= WAIT_OBJECT_0 && result < WAIT_OBJECT_0 + unique_count) return index_of[result - WAIT_OBJECT_0];
    return std::nullopt;
}

}  // namespace

Event::Event(EventReset mode, bool initially_set) : impl_(nullptr) {
    const HANDLE handle = CreateEventW(nullptr, mode == EventReset::manual, initially_set, nullptr);
    if (handle == nullptr)
        throw std::system_error(static_cast<int>(GetLastError()), std::system_category(), "rasshost::Event");
    impl_ = new (std::nothrow) Impl{handle};
    if (impl_ == nullptr) {
        CloseHandle(handle);
        throw std::bad_alloc();
    }
}

Event::~Event() {
    if (!impl_) return;
    CloseHandle(impl_->handle);
    delete impl_;
}

void Event::set() noexcept {
    if (impl_) SetEvent(impl_->handle);
}

void Event::reset() noexcept {
    if (impl_) ResetEvent(impl_->handle);
}

void Event::pulse() noexcept {
    if (impl_) PulseEvent(impl_->handle);
}

bool Event::wait_for(std::chrono::nanoseconds timeout) noexcept {
    if (!impl_) return false;
    return win32::wait_native(&impl_->handle, 1, false, timeout) == WAIT_OBJECT_0;
}

void Event::wait() noexcept {
    if (impl_) WaitForSingleObject(impl_->handle, INFINITE);
}

void* Event::native_handle() const noexcept { return impl_ ? impl_->handle : nullptr; }

}  // namespace rasshost

namespace rasshost::backend {

std::optional<std::size_t> wait_events(std::span<Event* const> events, bool wait_all, std::chrono::nanoseconds timeout,
                                       const char* what) {
    HANDLE handles[max_wait_events];
    const std::uint32_t count = wait_checks::checked_count(events, what);
    wait_checks::gather(
        events, count, handles, what, [](const Event& event) { return EventAccess::handle(event); }, [](HANDLE) {});
    if (!wait_all) return wait_first(handles, count, timeout);
    wait_checks::check_distinct(handles, count, what);
    if (win32::wait_native(handles, count, true, timeout) < WAIT_OBJECT_0 + count) return 0;
    return std::nullopt;
}

bool is_event_handle(HANDLE handle) noexcept {
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE) return false;
    DWORD flags = 0;
    return GetHandleInformation(handle, &flags) != FALSE;
}

}  // namespace rasshost::backend
