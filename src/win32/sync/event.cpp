// rasshost::Event over a native Win32 event: the same object the C API and
// a security DLL see, so C++ host code and C DLL code can share it. Waits
// go to WaitForMultipleObjects, which already has the semantics event.hpp
// promises (lowest signalled index, atomic wait-all); what is added here is
// the std::chrono timeout (native_wait.hpp) and the argument checks.
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
#include "win32/sync/native_wait.hpp"

#include <algorithm>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

namespace rasshost {

struct Event::Impl {
    HANDLE handle;
};

struct EventAccess {
    static HANDLE handle(const Event& event) noexcept { return event.impl_ ? event.impl_->handle : nullptr; }
};

namespace {

static_assert(max_wait_events == MAXIMUM_WAIT_OBJECTS);

// Validates a multi-wait and collects its handles into a fixed array.
DWORD gather(std::span<Event* const> events, HANDLE* out, const char* what) {
    if (events.empty() || events.size() > max_wait_events)
        throw std::invalid_argument(std::string(what) + ": needs 1 to 64 events");
    for (std::size_t i = 0; i < events.size(); ++i) {
        out[i] = events[i] ? EventAccess::handle(*events[i]) : nullptr;
        if (!out[i]) throw std::invalid_argument(std::string(what) + ": null or moved-from Event");
    }
    return static_cast<DWORD>(events.size());
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

Event::Event(Event&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}

Event& Event::operator=(Event&& other) noexcept {
    if (this != &other) {
        Event old(std::move(*this));  // closes our event at the end of this scope
        impl_ = std::exchange(other.impl_, nullptr);
    }
    return *this;
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

std::optional<std::size_t> wait_any(std::span<Event* const> events, std::chrono::nanoseconds timeout) {
    HANDLE handles[max_wait_events];
    const DWORD count = gather(events, handles, "rasshost::wait_any");
    // Windows refuses a handle twice in one wait; event.hpp allows it in
    // wait_any. Keeping first occurrences in order keeps "lowest index".
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

bool wait_all(std::span<Event* const> events, std::chrono::nanoseconds timeout) {
    HANDLE handles[max_wait_events];
    const DWORD count = gather(events, handles, "rasshost::wait_all");
    for (DWORD i = 1; i < count; ++i)
        if (std::find(handles, handles + i, handles[i]) != handles + i)
            throw std::invalid_argument("rasshost::wait_all: an Event appears twice");
    return win32::wait_native(handles, count, true, timeout) < WAIT_OBJECT_0 + count;
}

}  // namespace rasshost

namespace rasshost::backend {

bool is_event_handle(HANDLE handle) noexcept {
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE) return false;
    DWORD flags = 0;
    return GetHandleInformation(handle, &flags) != FALSE;
}

}  // namespace rasshost::backend
