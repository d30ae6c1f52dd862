// Legacy workers outlive their dialog: one woken just before a hang-up still
// copies into pSendBuf and pRecvBuf after End returned (the samples do this).
// Those writes must land in memory the host still owns: a single line keeps
// its buffer pair for its lifetime, and a tcp or loopback dialog's pair waits
// in a quarantine before reuse. Under ASan a write into freed buffers traps.
#include "fault_helpers.hpp"

#include <asio/io_context.hpp>

#include <algorithm>
#include <cstring>
#include <deque>

using namespace fault;

namespace {

// What a lingering worker does after End: fills both buffers.
void write_late(const BeginCall& begin) {
    std::memset(begin.send_buffer, 'S', begin.send_size);
    std::memset(begin.receive_buffer, 'R', begin.receive_size);
}

bool all_zero(const BYTE* data, DWORD size) {
    return std::all_of(data, data + size, [](BYTE b) { return b == 0; });
}

// A single line (as serial or pty): one call at a time, each a fresh
// loopback, whose remote ends the test keeps.
class SingleLineListener final : public rasshost::PortListener {
public:
    explicit SingleLineListener(asio::any_io_executor executor) : executor_(std::move(executor)) {}
    std::string description() const override { return "single line"; }
    void async_accept(AcceptHandler handler) override {
        auto pair = rasshost::make_loopback(executor_, "line");
        {
            std::lock_guard lock(mutex_);
            remotes_.push_back(std::move(pair.remote_side));
        }
        asio::post(executor_, [handler = std::move(handler),
                               port = std::shared_ptr<rasshost::Port>(std::move(pair.host_side))]() mutable {
            handler({}, std::unique_ptr<rasshost::Port>(new SharedPort(std::move(port))));
        });
    }
    void close() noexcept override {}

private:
    // std::function needs a copyable handler: the port travels shared.
    struct SharedPort final : rasshost::Port {
        explicit SharedPort(std::shared_ptr<rasshost::Port> port) : port_(std::move(port)) {}
        const std::string& device_name() const noexcept override { return port_->device_name(); }
        asio::any_io_executor get_executor() noexcept override { return port_->get_executor(); }
        void async_read_some(std::span<std::byte> buffer, rasshost::IoHandler handler) override {
            port_->async_read_some(buffer, std::move(handler));
        }
        void async_write(std::span<const std::byte> data, rasshost::IoHandler handler) override {
            port_->async_write(data, std::move(handler));
        }
        void close() noexcept override { port_->close(); }
        std::shared_ptr<rasshost::Port> port_;
    };

    asio::any_io_executor executor_;
    std::mutex mutex_;
    std::deque<std::unique_ptr<rasshost::RemoteEnd>> remotes_;
};

}  // namespace

TEST_CASE("A worker writing both buffers after End of a loopback dialog writes into quarantined memory") {
    FakeDll dll;
    TestHost host(FakeDll::entry_points());
    auto user = host.connect();
    const auto first = dll.wait_begin();
    complete(first.port, SECURITYMSG_FAILURE);
    host.wait_outcome();
    REQUIRE(dll.wait_end_count(1));
    REQUIRE(wait_until([&] { return host.host().live_dialogs() == 0; }));
    std::this_thread::sleep_for(100ms);  // the dialog object goes with its last handler
    write_late(first);

    // The next dialog gets other buffers, while the first pair waits.
    auto next_user = host.connect();
    const auto next = dll.wait_begin();
    CHECK(next.send_buffer != first.send_buffer);
    CHECK(next.receive_buffer != first.receive_buffer);
    CHECK(all_zero(next.send_buffer, next.send_size));
    CHECK(all_zero(next.receive_buffer, next.receive_size));
    write_late(first);
    complete(next.port, SECURITYMSG_SUCCESS);
    CHECK(host.wait_outcome().verdict == Verdict::success);
}

TEST_CASE("A single line keeps its buffer pair: late writes land in it, and the next call finds it wiped") {
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    {
        FakeDll dll;
        rasshost::SecurityHost host(io, FakeDll::entry_points());
        host.serve(std::make_unique<SingleLineListener>(io.get_executor()));
        const auto first = dll.wait_begin();
        complete(first.port, SECURITYMSG_FAILURE);
        REQUIRE(dll.wait_end_count(1));
        write_late(first);  // End has returned; the line's next call may already be up
        const auto second = dll.wait_begin();
        CHECK(second.send_buffer == first.send_buffer);
        CHECK(second.receive_buffer == first.receive_buffer);
        write_late(first);  // the first call's worker, still going
        complete(second.port, SECURITYMSG_FAILURE);
        REQUIRE(dll.wait_end_count(2));
        const auto third = dll.wait_begin();
        CHECK(all_zero(third.send_buffer, third.send_size));
        CHECK(all_zero(third.receive_buffer, third.receive_size));
        host.shutdown();
    }
    work.reset();
    runner.join();
}
