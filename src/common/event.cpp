// rasshost::Event's platform-free part: moves, and wait_any / wait_all over
// the backend's wait (common/backend.hpp); the messages of their argument
// checks (common/wait_checks.hpp). The object itself is the backend's
// (src/posix/win32/sync/event.cpp, src/win32/sync/event.cpp).
#include <rasshost/event.hpp>

#include "common/backend.hpp"
#include "common/wait_checks.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace rasshost {

namespace wait_checks {

void throw_bad_count(const char* what) { throw std::invalid_argument(std::string(what) + ": needs 1 to 64 events"); }

void throw_null_event(const char* what) {
    throw std::invalid_argument(std::string(what) + ": null or moved-from Event");
}

void throw_twice(const char* what) { throw std::invalid_argument(std::string(what) + ": an Event appears twice"); }

}  // namespace wait_checks

Event::Event(Event&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}

Event& Event::operator=(Event&& other) noexcept {
    if (this != &other) {
        Event old(std::move(*this));  // closes our event at the end of this scope
        impl_ = std::exchange(other.impl_, nullptr);
    }
    return *this;
}

std::optional<std::size_t> wait_any(std::span<Event* const> events, std::chrono::nanoseconds timeout) {
    return backend::wait_events(events, false, timeout, "rasshost::wait_any");
}

bool wait_all(std::span<Event* const> events, std::chrono::nanoseconds timeout) {
    return backend::wait_events(events, true, timeout, "rasshost::wait_all").has_value();
}

}  // namespace rasshost
