// Secrets: what the remote user typed is wiped when the dialog
// ends -- pRecvBuf, pSendBuf and the input queue -- and never reaches the
// host's log or the debug output.
//
// How the wipe is observed without undefined behaviour: the host keeps a
// dialog's buffers allocated until its Dialog object dies, and that object
// is alive for the whole on_outcome callback (teardown passes its own
// shared_ptr down to it). So reading pRecvBuf/pSendBuf from inside
// on_outcome reads live memory that teardown has already wiped. The input
// queue (src/common/input_ring.hpp) wipes bytes as a Receive takes them or
// the dialog ends (tests/unit/input_ring_test.cpp); the block it gives up
// when it grows or dies is wiped by its allocator
// (src/common/secure_allocator.hpp), and that allocator is tested here over
// a checking upstream allocator that inspects each block as it is handed
// back -- before it is freed.
#include <doctest/doctest.h>

#include "fake_dll.hpp"
#include "common/secure_allocator.hpp"

#include <rasshost/debug_output.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
using rasshost::test::TestHost;

namespace {

// Counts the blocks handed back and whether any still held a nonzero byte.
struct Inspection {
    std::size_t blocks = 0;
    std::size_t dirty_bytes = 0;
};
Inspection inspection;

template <class T>
struct CheckingAllocator : std::allocator<T> {
    using value_type = T;
    template <class U>
    struct rebind {
        using other = CheckingAllocator<U>;
    };
    CheckingAllocator() = default;
    template <class U>
    CheckingAllocator(const CheckingAllocator<U>&) noexcept {}
    void deallocate(T* p, std::size_t n) noexcept {
        ++inspection.blocks;
        const auto* bytes = reinterpret_cast<const unsigned char*>(p);
        inspection.dirty_bytes += static_cast<std::size_t>(
            std::count_if(bytes, bytes + n * sizeof(T), [](unsigned char b) { return b != 0; }));
        std::allocator<T>::deallocate(p, n);
    }
};

bool all_zero(const std::vector<BYTE>& bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](BYTE b) { return b == 0; });
}

}  // namespace

TEST_CASE("Secrets: the input queue's allocator wipes every block it frees, erase and clear alike") {
    inspection = {};
    {
        std::deque<BYTE, rasshost::SecureAllocator<BYTE, CheckingAllocator<BYTE>>> queue;
        for (int i = 0; i < 100000; ++i) queue.push_back(static_cast<BYTE>('a' + i % 26));
        queue.erase(queue.begin(), queue.begin() + 60000);  // sheds front blocks
        queue.shrink_to_fit();
        queue.clear();
    }
    CHECK(inspection.blocks > 10);
    CHECK(inspection.dirty_bytes == 0);
}

TEST_CASE("Secrets: pRecvBuf and pSendBuf are wiped when the dialog ends (observed from on_outcome)") {
    for (bool hang_up : {false, true}) {
        CAPTURE(hang_up);
        FakeDll dll;
        BeginCall begin;
        std::mutex mutex;
        std::vector<BYTE> receive_after, send_after;
        rasshost::HostOptions options;
        options.on_outcome = [&](const rasshost::DialogOutcome&) {
            // The Dialog (and so both buffers) is alive during this call.
            std::lock_guard lock(mutex);
            receive_after.assign(begin.receive_buffer, begin.receive_buffer + begin.receive_size);
            send_after.assign(begin.send_buffer, begin.send_buffer + begin.send_size);
        };
        TestHost host(FakeDll::entry_points(), options);
        auto user = host.connect();
        {
            std::lock_guard lock(mutex);
            begin = dll.wait_begin();
        }
        std::memcpy(begin.send_buffer, "Password: ", 10);
        REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, 10) == PENDING);
        user.expect("Password: ");
        user.send("correct horse battery staple\r");
        ScopedEvent event;
        WORD length = static_cast<WORD>(begin.receive_size);
        REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 5, event.handle) == PENDING);
        REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
        REQUIRE(length > 0);
        CHECK(begin.receive_buffer[0] == 'c');
        if (hang_up) {
            user.hang_up();
        } else {
            SECURITY_MESSAGE message = verdict(begin.port, SECURITYMSG_SUCCESS);
            RasSecurityDialogComplete(&message);
        }
        host.wait_outcome();
        std::lock_guard lock(mutex);
        REQUIRE(receive_after.size() == begin.receive_size);
        CHECK(all_zero(receive_after));
        CHECK(all_zero(send_after));
    }
}

TEST_CASE("Secrets: the password typed reaches neither the host log (any level) nor the debug output") {
    const std::string password = "Tr0ub4dor&3-x";
    std::mutex mutex;
    std::vector<std::string> lines;
    rasshost::set_debug_output([&](std::string_view text) {
        std::lock_guard lock(mutex);
        lines.emplace_back("debug: " + std::string(text));
    });
    {
        FakeDll dll;
        rasshost::HostOptions options;
        options.input_queue_limit = 8;  // overflow: the drop is logged, its bytes must not be
        options.on_log = [&](rasshost::LogLevel, std::string_view line) {
            std::lock_guard lock(mutex);
            lines.emplace_back("log: " + std::string(line));
        };
        TestHost host(FakeDll::entry_points(), options);
        // Dialog 1: the password is received, then a malformed Complete.
        {
            auto user = host.connect();
            auto begin = dll.wait_begin();
            std::memcpy(begin.send_buffer, "Password: ", 10);
            REQUIRE(RasSecurityDialogSend(begin.port, begin.send_buffer, 10) == PENDING);
            user.expect("Password: ");
            user.send(password.substr(0, 6));
            ScopedEvent event;
            WORD length = 100;
            REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, 5, event.handle) == PENDING);
            REQUIRE(WaitForSingleObject(event.handle, 10000) == WAIT_OBJECT_0);
            user.send(password + password + "\r");  // overflows the 8-byte queue
            std::this_thread::sleep_for(100ms);
            OutputDebugStringA("dll: checking the password\n");  // the DLL's own diagnostics
            SECURITY_MESSAGE message = verdict(begin.port, 42, "frank");
            RasSecurityDialogComplete(&message);
            RasSecurityDialogComplete(&message);  // a second, ignored (and logged) one
            auto outcome = host.wait_outcome();
            CHECK(outcome.bytes_dropped > 0);
        }
        // Dialog 2: the user hangs up with the password still queued.
        {
            auto user = host.connect();
            dll.wait_begin();
            user.send(password.substr(0, 8));
            std::this_thread::sleep_for(50ms);
            user.hang_up();
            host.wait_outcome();
        }
        // A failed Begin and a dialog timeout are logged too.
        dll.on_begin = [](const BeginCall&) { return DWORD{ERROR_ACCESS_DENIED}; };
        {
            auto user = host.connect();
            try {
                user.send(password);
            } catch (const rasshost::test::ExpectationFailed&) {
                // Begin failed first and the host has hung up: fine
            }
            host.wait_outcome();
        }
    }
    rasshost::set_debug_output(nullptr);
    std::lock_guard lock(mutex);
    CHECK(lines.size() >= 5);  // the host did log: the check below means something
    bool saw_debug = false;
    for (const auto& line : lines) {
        INFO(line);
        saw_debug = saw_debug || line.rfind("debug: ", 0) == 0;
        // No piece of the password that is long enough to be telling.
        for (std::size_t at = 0; at + 4 <= password.size(); ++at) CHECK(line.find(password.substr(at, 4)) == std::string::npos);
    }
    CHECK(saw_debug);
}
