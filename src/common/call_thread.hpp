// One thread that runs calls into the security DLL one after another
// (Begin calls are serialized: docs/decisions.md#begin-threading). A DLL call may block for long;
// stop() gives up waiting after a bound and leaves such a thread behind
// rather than hang the host.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace rasshost {

class CallThread {
public:
    CallThread();
    ~CallThread();  // stop(no wait beyond the queue's end)
    CallThread(const CallThread&) = delete;
    CallThread& operator=(const CallThread&) = delete;

    // Queues a call; calls run in order. Ignored after stop().
    void post(std::function<void()> call);

    // Runs the queued calls, then ends the thread. True if it ended within
    // `timeout`; false if a call is still running (the thread is detached
    // and finishes on its own).
    bool stop(std::chrono::milliseconds timeout);

private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rasshost
