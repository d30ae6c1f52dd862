// Never fail open: one table of every abnormal path a dialog can
// take -- errors, timeouts, hang-ups, late or misaddressed verdicts,
// malformed messages, shutdown. None may end in Verdict::success; the one
// legitimate path (SECURITYMSG_SUCCESS for that exact HPORT, in time) must.
// The table runs as two test cases only to keep each under ~10 s: the rows
// that wait for the 1 s dialog timeout are the second half.
#include <doctest/doctest.h>

#include "fake_dll.hpp"

#include <cstring>
#include <functional>
#include <thread>

using namespace std::chrono_literals;
using rasshost::DialogOutcome;
using rasshost::HostOptions;
using rasshost::Verdict;
using rasshost::test::TestHost;

namespace {

void complete(HPORT port, DWORD id, const char* user = "mallory", DWORD error = 0) {
    SECURITY_MESSAGE message = verdict(port, id, user, error);
    RasSecurityDialogComplete(&message);
}

// A dialog whose DLL completes at once with message id `id`.
DialogOutcome complete_with_message_id(DWORD id) {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    complete(dll.wait_begin().port, id);
    return host.wait_outcome();
}

HostOptions timed_options() {
    HostOptions options;
    options.dialog_timeout = 1s;
    options.end_grace_period = 3s;
    return options;
}

struct Row {
    const char* path;
    bool uses_timeout;  // waits for the 1 s dialog timeout
    bool legitimate;    // the only row whose verdict must be success
    std::function<DialogOutcome()> run;
};

const std::vector<Row>& table() {
    static const std::vector<Row> rows = {
        {"legitimate: SUCCESS for its own HPORT, in time", false, true,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points());
             auto user = host.connect();
             complete(dll.wait_begin().port, SECURITYMSG_SUCCESS);
             return host.wait_outcome();
         }},
        {"Begin fails after a SUCCESS Complete inside Begin", false, false,
         [] {
             FakeDll dll;
             dll.on_begin = [](const BeginCall& call) {
                 complete(call.port, SECURITYMSG_SUCCESS);
                 return DWORD{ERROR_ACCESS_DENIED};
             };
             TestHost host(FakeDll::entry_points());
             auto user = host.connect();
             return host.wait_outcome();
         }},
        {"hang-up while Begin runs, SUCCESS inside Begin after it", false, false,
         [] {
             FakeDll dll;
             ScopedEvent go;
             std::atomic<HPORT> port{nullptr};
             dll.on_begin = [&](const BeginCall& call) {
                 port = call.port;
                 WaitForSingleObject(go.handle, 10000);
                 complete(call.port, SECURITYMSG_SUCCESS);
                 return DWORD{NO_ERROR};
             };
             TestHost host(FakeDll::entry_points());
             auto user = host.connect();
             while (port.load() == nullptr) std::this_thread::sleep_for(1ms);
             user.hang_up();
             for (RAS_SECURITY_INFO info{}; RasSecurityDialogGetInfo(port, &info) == NO_ERROR &&
                                            info.LastError != ERROR_PORT_DISCONNECTED;)
                 std::this_thread::sleep_for(1ms);
             SetEvent(go.handle);
             return host.wait_outcome();
         }},
        {"hang-up before Complete, SUCCESS after End", false, false,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points());
             auto user = host.connect();
             auto begin = dll.wait_begin();
             user.hang_up();
             dll.wait_end_count(1);
             complete(begin.port, SECURITYMSG_SUCCESS);
             return host.wait_outcome();
         }},
        {"hang-up before Complete, SUCCESS from inside End", false, false,
         [] {
             FakeDll dll;
             dll.on_end = [](HPORT port) {
                 complete(port, SECURITYMSG_SUCCESS);
                 return DWORD{ERROR_PORT_DISCONNECTED};
             };
             TestHost host(FakeDll::entry_points());
             auto user = host.connect();
             dll.wait_begin();
             user.hang_up();
             return host.wait_outcome();
         }},
        {"End returns NO_ERROR after a hang-up, then a late SUCCESS", false, false,
         [] {
             FakeDll dll;
             dll.on_end = [](HPORT) { return DWORD{NO_ERROR}; };
             TestHost host(FakeDll::entry_points(), timed_options());
             auto user = host.connect();
             auto begin = dll.wait_begin();
             user.hang_up();
             dll.wait_end_count(1);
             complete(begin.port, SECURITYMSG_SUCCESS);
             return host.wait_outcome();
         }},
        {"Complete with dwMsgId 0", false, false, [] { return complete_with_message_id(0); }},
        {"Complete with dwMsgId 4", false, false, [] { return complete_with_message_id(4); }},
        {"Complete with dwMsgId 0xFFFFFFFF", false, false, [] { return complete_with_message_id(0xFFFFFFFF); }},
        {"shutdown before Complete, SUCCESS from inside End", false, false,
         [] {
             FakeDll dll;
             dll.on_end = [](HPORT port) {
                 complete(port, SECURITYMSG_SUCCESS);
                 return DWORD{ERROR_PORT_DISCONNECTED};
             };
             DialogOutcome outcome;
             HostOptions options;
             options.on_outcome = [&](const DialogOutcome& o) { outcome = o; };
             {
                 TestHost host(FakeDll::entry_points(), options);
                 auto user = host.connect();
                 dll.wait_begin();
                 host.host().shutdown();
             }
             return outcome;
         }},
        {"shutdown, End returns NO_ERROR, SUCCESS during the grace period", false, false,
         [] {
             FakeDll dll;
             std::thread late;
             dll.on_end = [&](HPORT port) {
                 late = std::thread([port] {
                     std::this_thread::sleep_for(100ms);
                     complete(port, SECURITYMSG_SUCCESS);
                 });
                 return DWORD{NO_ERROR};
             };
             DialogOutcome outcome;
             HostOptions options = timed_options();
             options.on_outcome = [&](const DialogOutcome& o) { outcome = o; };
             {
                 TestHost host(FakeDll::entry_points(), options);
                 auto user = host.connect();
                 dll.wait_begin();
                 host.host().shutdown();
             }
             if (late.joinable()) late.join();
             return outcome;
         }},
        // ---- the rows below wait for the dialog timeout ----
        {"dialog timeout, then a late SUCCESS", true, false,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points(), timed_options());
             auto user = host.connect();
             auto begin = dll.wait_begin();
             auto outcome = host.wait_outcome();
             complete(begin.port, SECURITYMSG_SUCCESS);
             return outcome;
         }},
        {"dialog timeout, End returns NO_ERROR, SUCCESS during the grace period", true, false,
         [] {
             FakeDll dll;
             dll.on_end = [](HPORT) { return DWORD{NO_ERROR}; };
             TestHost host(FakeDll::entry_points(), timed_options());
             auto user = host.connect();
             auto begin = dll.wait_begin();
             dll.wait_end_count(1);
             complete(begin.port, SECURITYMSG_SUCCESS);
             return host.wait_outcome();
         }},
        {"SUCCESS for a forged, a NULL and an INVALID_HANDLE_VALUE HPORT, a NULL message", true, false,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points(), timed_options());
             auto user = host.connect();
             auto begin = dll.wait_begin();
             complete(reinterpret_cast<HPORT>(reinterpret_cast<std::uintptr_t>(begin.port) + 2), SECURITYMSG_SUCCESS);
             complete(reinterpret_cast<HPORT>(reinterpret_cast<std::uintptr_t>(begin.port) ^ 0x1000), SECURITYMSG_SUCCESS);
             complete(nullptr, SECURITYMSG_SUCCESS);
             complete(INVALID_HANDLE_VALUE, SECURITYMSG_SUCCESS);
             RasSecurityDialogComplete(nullptr);
             return host.wait_outcome();
         }},
        {"SUCCESS for the HPORT of an earlier, finished dialog", true, false,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points(), timed_options());
             HPORT stale = nullptr;
             {
                 auto first = host.connect();
                 stale = dll.wait_begin().port;
                 complete(stale, SECURITYMSG_FAILURE);
                 host.wait_outcome();
             }
             auto user = host.connect();
             dll.wait_begin();
             complete(stale, SECURITYMSG_SUCCESS);
             return host.wait_outcome();
         }},
        {"SUCCESS addressed to another live dialog's HPORT", true, false,
         [] {
             FakeDll dll;
             TestHost host(FakeDll::entry_points(), timed_options());
             auto user_a = host.connect("line-a");
             auto a = dll.wait_begin();
             auto user_b = host.connect("line-b");
             auto b = dll.wait_begin();
             complete(b.port, SECURITYMSG_SUCCESS);  // meant for A, says B
             auto first = host.wait_outcome();
             auto second = host.wait_outcome();
             return first.port == a.port ? first : second;
         }},
    };
    return rows;
}

void run_rows(bool timed) {
    for (const auto& row : table()) {
        if (row.uses_timeout != timed) continue;
        INFO("path: " << std::string(row.path));
        const DialogOutcome outcome = row.run();
        if (row.legitimate) {
            CHECK(outcome.verdict == Verdict::success);
        } else {
            CHECK(outcome.verdict != Verdict::success);
            CHECK(outcome.port != nullptr);  // an outcome was really reported
        }
        MESSAGE(std::string(row.path) << " -> " << rasshost::to_string(outcome.verdict) << " (" << outcome.reason << ", "
                         << outcome.error << ")");
    }
}

}  // namespace

TEST_CASE("Never fail open: every abnormal path without a timer ends not in success -- the legitimate one does") {
    run_rows(false);
}

TEST_CASE("Never fail open: the abnormal paths through the dialog timeout end not in success") {
    run_rows(true);
}
