// The stdio line on Windows: the console (or whatever stdin/stdout are).
//
// Raw mode: the console's input mode loses line input, echo and Ctrl+C
// processing, and gains virtual-terminal input, so bytes pass as typed
// (arrow keys as VT sequences); the saved modes come back through
// restore_terminal(), which close() and an atexit hook call.
// Reading: console and anonymous-pipe handles cannot do overlapped I/O,
// so Asio cannot wait on them; one reader thread blocks in ReadFile and
// hands each chunk to the io_context. On close() the pending read is
// aborted; the thread, which may stay blocked in ReadFile until the next
// key or the process end, is detached and owns nothing of the Port.
// Writing: WriteFile on the io thread (a terminal takes small writes at once).
#include <rasshost/listeners.hpp>
#include <rasshost/stdio_terminal.hpp>
#include <rasshost/win32.h>

#include "common/backend.hpp"
#include "common/port_completion.hpp"

#include <asio/error.hpp>
#include <asio/post.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace rasshost {
namespace {

DWORD saved_input_mode = 0;
DWORD saved_output_mode = 0;
bool saved_valid = false;

void make_console_raw() {
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    if (saved_valid || !GetConsoleMode(in, &saved_input_mode)) return;  // not a console: nothing to change
    GetConsoleMode(out, &saved_output_mode);
    saved_valid = true;
    static std::once_flag hook;
    std::call_once(hook, [] { std::atexit([] { restore_terminal(); }); });
    DWORD raw = saved_input_mode & ~DWORD{ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT | ENABLE_PROCESSED_INPUT};
    SetConsoleMode(in, raw | ENABLE_VIRTUAL_TERMINAL_INPUT);
    SetConsoleMode(out, saved_output_mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
}

// What the reader thread and the Port share; it outlives whichever ends last.
struct Inbox {
    std::mutex mutex;
    std::deque<std::byte> bytes;
    bool ended = false;   // stdin reached its end or failed
    bool closed = false;  // the Port is gone
    std::span<std::byte> buffer;
    IoHandler pending;    // the read waiting for bytes, if any
};

// Completes the pending read if it can; call with the lock held, on the io thread.
void fulfil(Inbox& inbox, asio::any_io_executor executor) {
    if (!inbox.pending) return;
    std::error_code error;
    std::size_t n = 0;
    if (!inbox.bytes.empty()) {
        n = std::min(inbox.buffer.size(), inbox.bytes.size());
        std::copy_n(inbox.bytes.begin(), n, inbox.buffer.begin());
        inbox.bytes.erase(inbox.bytes.begin(), inbox.bytes.begin() + static_cast<std::ptrdiff_t>(n));
    } else if (inbox.ended) {
        error = asio::error::eof;
    } else {
        return;
    }
    post_completion(executor, std::exchange(inbox.pending, nullptr), error, n);
}

class StdioPort final : public Port {
public:
    explicit StdioPort(asio::io_context& io) : executor_(io.get_executor()), inbox_(std::make_shared<Inbox>()) {
        make_console_raw();
        std::thread([inbox = inbox_, executor = executor_] {
            HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
            char chunk[512];
            for (;;) {
                DWORD n = 0;
                const bool ok = ReadFile(in, chunk, sizeof chunk, &n, nullptr) != FALSE;
                std::lock_guard lock(inbox->mutex);
                if (inbox->closed) return;
                if (!ok || n == 0) inbox->ended = true;
                const auto* bytes = reinterpret_cast<const std::byte*>(chunk);
                inbox->bytes.insert(inbox->bytes.end(), bytes, bytes + n);
                asio::post(executor, [inbox, executor] {
                    std::lock_guard lock(inbox->mutex);
                    fulfil(*inbox, executor);
                });
                if (inbox->ended) return;
            }
        }).detach();
    }
    ~StdioPort() override { close(); }

    const std::string& device_name() const noexcept override { return name_; }
    asio::any_io_executor get_executor() noexcept override { return executor_; }

    void async_read_some(std::span<std::byte> buffer, IoHandler handler) override {
        std::lock_guard lock(inbox_->mutex);
        if (inbox_->closed) return post_aborted(executor_, std::move(handler));
        inbox_->buffer = buffer;
        inbox_->pending = std::move(handler);
        fulfil(*inbox_, executor_);
    }

    void async_write(std::span<const std::byte> data, IoHandler handler) override {
        if (closed()) return post_aborted(executor_, std::move(handler));
        HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
        std::size_t done = 0;
        while (done < data.size()) {
            DWORD n = 0;
            const auto chunk = static_cast<DWORD>(std::min<std::size_t>(data.size() - done, 1 << 16));
            if (!WriteFile(out, data.data() + done, chunk, &n, nullptr)) {
                return post_completion(executor_, std::move(handler), asio::error::eof, done);  // the reader went away
            }
            done += n;
        }
        post_completion(executor_, std::move(handler), {}, done);
    }

    void close() noexcept override {
        IoHandler pending;
        {
            std::lock_guard lock(inbox_->mutex);
            if (inbox_->closed) return;
            inbox_->closed = true;
            pending = std::exchange(inbox_->pending, nullptr);
        }
        if (pending) post_aborted(executor_, std::move(pending));
        restore_terminal();
    }

private:
    bool closed() {
        std::lock_guard lock(inbox_->mutex);
        return inbox_->closed;
    }

    asio::any_io_executor executor_;
    std::shared_ptr<Inbox> inbox_;
    std::string name_ = "stdio";
};

}  // namespace

void restore_terminal() noexcept {
    if (!saved_valid) return;
    SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), saved_input_mode);
    SetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), saved_output_mode);
    saved_valid = false;
}

namespace backend {

std::unique_ptr<Port> open_stdio_port(asio::io_context& io) { return std::make_unique<StdioPort>(io); }

}  // namespace backend

}  // namespace rasshost
