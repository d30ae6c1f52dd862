// Events on POSIX, one concern in one file:
// - EventObject, the kernel object: a Waitable with nothing more (the wait
//   subsystem holds all its state); a distinct type so that the handle table
//   can tell events apart from threads (SetEvent on a thread handle is
//   ERROR_INVALID_HANDLE);
// - the Win32 event API over it: CreateEventA/W, SetEvent, ResetEvent,
//   PulseEvent, and backend::is_event_handle;
// - rasshost::Event's object and its waits (its moves and the entry points
//   of wait_any / wait_all are common/event.cpp). An Event holds its HANDLE
//   (for the C API) and its EventObject in one Impl that it keeps alive
//   itself, so its calls go straight to the object without a handle-table
//   lookup, and closing the handle behind its back cannot free the object
//   under it.
#include <rasshost/event.hpp>
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/wait_checks.hpp"
#include "posix/win32/handles/handle_table.hpp"
#include "posix/win32/sync/named_objects.hpp"
#include "posix/win32/sync/wait_now.hpp"
#include "posix/win32/sync/wait_subsystem.hpp"

#include <memory>
#include <new>
#include <system_error>
#include <utility>

namespace rasshost::posix {

class EventObject final : public Waitable {
public:
    static constexpr Kind kind = Kind::event;
    EventObject(bool manual_reset, bool initially_set) noexcept : Waitable(kind, manual_reset, initially_set) {}
};

}  // namespace rasshost::posix

// ---- the Win32 event API ----

namespace {

using rasshost::posix::EventObject;

// A NULL or empty name makes an unnamed event; a name goes through the
// process's namespace of named objects (named_objects.hpp).
template <class Char>
HANDLE create_event(BOOL manual_reset, BOOL initial_state, const Char* name) noexcept {
    return rasshost::posix::create_named(name, EventObject::kind, [&]() -> std::shared_ptr<rasshost::posix::KernelObject> {
        return std::make_shared<EventObject>(manual_reset != FALSE, initial_state != FALSE);
    });
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
    return create_event(bManualReset, bInitialState, lpName);
}

extern "C" HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES, BOOL bManualReset, BOOL bInitialState,
                                      LPCWSTR lpName) {
    return create_event(bManualReset, bInitialState, lpName);
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

namespace rasshost::backend {

bool is_event_handle(HANDLE handle) noexcept {
    const posix::HandleReader reader;
    return reader.find_as<posix::EventObject>(handle) != nullptr;
}

}  // namespace rasshost::backend

// ---- rasshost::Event ----

namespace rasshost {

// The object lives inside the Impl (one allocation), so a wait over 64
// Events finds each state two loads from the span (the Event, then its
// Impl), as a raw array of flags finds it one load away.
struct Event::Impl {
    Impl(bool manual_reset, bool initially_set) noexcept : object(manual_reset, initially_set) {}
    posix::EventObject object;
    HANDLE handle = nullptr;
    // The Event's reference to its own Impl, dropped by ~Event; the handle
    // table and any sleeping waiter hold others (aliases of this one).
    std::shared_ptr<Impl> self;
};

struct EventAccess {
    static posix::EventObject* object(const Event& event) noexcept {
        return event.impl_ ? &event.impl_->object : nullptr;
    }
};

namespace {

// Waits up to `timeout`, reading the clock only if the wait must sleep: a
// clock read costs as much as a whole 64-event wait that need not sleep.
std::uint32_t wait_one(posix::Waitable* object, std::chrono::nanoseconds timeout) noexcept {
    const std::uint32_t now = posix::try_wait_now(&object, 1, false);
    if (now != posix::wait_timed_out || timeout <= timeout.zero()) return now;
    return posix::sleep_for_objects(&object, 1, false, posix::Deadline::after(timeout));
}

}  // namespace

static_assert(max_wait_events == posix::max_wait_objects);

Event::Event(EventReset mode, bool initially_set) : impl_(nullptr) {
    auto impl = std::make_shared<Impl>(mode == EventReset::manual, initially_set);
    impl->handle = posix::insert_handle(std::shared_ptr<posix::KernelObject>(impl, &impl->object));
    if (!impl->handle) throw std::system_error(std::make_error_code(std::errc::not_enough_memory), "rasshost::Event");
    impl_ = impl.get();
    impl_->self = std::move(impl);
}

Event::~Event() {
    if (!impl_) return;
    CloseHandle(impl_->handle);
    const std::shared_ptr<Impl> last = std::move(impl_->self);  // frees the Impl unless a waiter still holds it
}

void Event::set() noexcept {
    if (impl_) impl_->object.set();
}

void Event::reset() noexcept {
    if (impl_) impl_->object.reset();
}

void Event::pulse() noexcept {
    if (impl_) impl_->object.pulse();
}

bool Event::wait_for(std::chrono::nanoseconds timeout) noexcept {
    if (!impl_) return false;
    posix::Waitable* object = &impl_->object;
    return wait_one(object, timeout) != posix::wait_timed_out;
}

void Event::wait() noexcept {
    if (!impl_) return;
    posix::Waitable* object = &impl_->object;
    posix::wait_for_objects(&object, 1, false, posix::Deadline::never());
}

void* Event::native_handle() const noexcept { return impl_ ? impl_->handle : nullptr; }

}  // namespace rasshost

namespace rasshost::backend {

// Validates the events and reads their states in one pass, answers from that
// snapshot if it can, else waits (as wait_one).
std::optional<std::size_t> wait_events(std::span<Event* const> events, bool wait_all, std::chrono::nanoseconds timeout,
                                       const char* what) {
    const std::uint32_t count = wait_checks::checked_count(events, what);
    posix::Waitable* objects[posix::max_wait_objects];
    posix::WaitSnapshot snapshot(count);
    wait_checks::gather(
        events, count, objects, what, [](const Event& event) { return EventAccess::object(event); },
        [&snapshot](posix::Waitable* object) { snapshot.see_previous(object->signal_bit()); });
    if (wait_all) wait_checks::check_distinct(objects, count, what);
    std::uint32_t result = snapshot.finish(objects, count, wait_all);
    if (result == posix::wait_timed_out && timeout > timeout.zero())
        result = posix::sleep_for_objects(objects, count, wait_all, posix::Deadline::after(timeout));
    if (result == posix::wait_timed_out) return std::nullopt;
    return result;
}

}  // namespace rasshost::backend
