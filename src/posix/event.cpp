// The Win32 event API over EventObject: CreateEventA/W, SetEvent,
// ResetEvent, PulseEvent.
#include <rasshost/win32.h>

#include "event_object.hpp"

#include <memory>
#include <new>

namespace {

using rasshost::posix::EventObject;

HANDLE create_event(BOOL manual_reset, BOOL initial_state, bool named) noexcept {
    if (named) {
        // Named events are shared between processes on Windows; the
        // emulation does not pretend to offer that.
        SetLastError(ERROR_NOT_SUPPORTED);
        return nullptr;
    }
    std::shared_ptr<EventObject> event;
    try {
        event = std::make_shared<EventObject>(manual_reset != FALSE, initial_state != FALSE);
    } catch (const std::bad_alloc&) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    HANDLE handle = rasshost::posix::insert_handle(std::move(event));
    // Win32 clears the last error on success (callers test it for
    // ERROR_ALREADY_EXISTS after creating named objects).
    if (handle) SetLastError(ERROR_SUCCESS);
    return handle;
}

// The action runs inside a HandleReader: no reference count is touched, and
// the event cannot be destroyed under it (a set never sleeps).
template <class Action>
BOOL with_event(HANDLE handle, Action action) noexcept {
    const rasshost::posix::HandleReader reader;
    EventObject* event = reader.find_as<EventObject>(handle);
    if (!event) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    action(*event);
    return TRUE;
}

}  // namespace

// Security attributes are ignored: there is no access control between
// threads of one process, and handles are not inherited by children.
extern "C" HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState, LPCSTR lpName) {
    return create_event(bManualReset, bInitialState, lpName && lpName[0] != '\0');
}

extern "C" HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState,
                                      LPCWSTR lpName) {
    return create_event(bManualReset, bInitialState, lpName && lpName[0] != L'\0');
}

extern "C" BOOL WINAPI SetEvent(HANDLE hEvent) {
    return with_event(hEvent, [](EventObject& event) { event.set(); });
}

extern "C" BOOL WINAPI ResetEvent(HANDLE hEvent) {
    return with_event(hEvent, [](EventObject& event) { event.reset(); });
}

extern "C" BOOL WINAPI PulseEvent(HANDLE hEvent) {
    return with_event(hEvent, [](EventObject& event) { event.pulse(); });
}
