// What the fault suites share: a Complete shorthand, a bounded wait for a
// condition, and checks that a dialog is gone.
#pragma once

#include <doctest/doctest.h>

#include "fake_dll.hpp"

#include <rasshost/listeners.hpp>
#include <rasshost/loopback.hpp>
#include <rasshost/port_spec.hpp>

#include <asio/executor_work_guard.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <utility>


using namespace std::chrono_literals;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace fault {

inline void complete(HPORT port, DWORD id, const char* user = "alice", DWORD error = 0) {
    SECURITY_MESSAGE message = verdict(port, id, user, error);
    RasSecurityDialogComplete(&message);
}

// Polls `predicate` every `period` (longer where each poll costs, as one
// that opens a connection) until it holds or `timeout` ran out.
template <class Predicate>
bool wait_until(Predicate predicate, std::chrono::milliseconds timeout = 10s,
                std::chrono::milliseconds period = 2ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(period);
    }
    return true;
}

DWORD last_error_of(HPORT port) {
    RAS_SECURITY_INFO info{};
    const DWORD result = RasSecurityDialogGetInfo(port, &info);
    return result == NO_ERROR ? info.LastError : result;
}

// Every rasman call on a dead HPORT returns 601
// (docs/decisions.md#calls-after-teardown).
inline void check_port_dead(HPORT port) {
    BYTE b = 'x';
    WORD length = 1;
    ScopedEvent event;
    RAS_SECURITY_INFO info{};
    CHECK(RasSecurityDialogSend(port, &b, 1) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogReceive(port, &b, &length, 0, event.handle) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogGetInfo(port, &info) == ERROR_INVALID_PORT_HANDLE);
    CHECK(length == 1);
}

inline void send_ignoring_hangup(rasshost::test::RemoteUser& user, std::string_view text) {
    try {
        user.send(text);
    } catch (const rasshost::test::ExpectationFailed&) {
        // the host has already hung up: fine
    }
}

}  // namespace fault

using namespace fault;
