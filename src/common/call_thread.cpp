#include "common/call_thread.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace rasshost {

struct CallThread::State {
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable done;
    std::deque<std::function<void()>> calls;
    bool stopping = false;
    bool finished = false;
    std::thread thread;
};

CallThread::CallThread() : state_(std::make_shared<State>()) {
    // The thread owns a reference: if it is ever detached it still has its state.
    state_->thread = std::thread([state = state_] {
        std::unique_lock lock(state->mutex);
        for (;;) {
            state->wake.wait(lock, [&] { return state->stopping || !state->calls.empty(); });
            if (state->calls.empty()) break;
            auto call = std::move(state->calls.front());
            state->calls.pop_front();
            lock.unlock();
            call();
            call = nullptr;  // release what it captured outside the lock
            lock.lock();
        }
        state->finished = true;
        state->done.notify_all();
    });
}

CallThread::~CallThread() { stop(std::chrono::hours(24 * 365)); }

void CallThread::post(std::function<void()> call) {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->calls.push_back(std::move(call));
    state_->wake.notify_one();
}

bool CallThread::stop(std::chrono::milliseconds timeout) {
    std::unique_lock lock(state_->mutex);
    state_->stopping = true;
    state_->wake.notify_one();
    const bool ended = state_->done.wait_for(lock, timeout, [&] { return state_->finished; });
    lock.unlock();
    if (state_->thread.joinable()) {
        if (ended)
            state_->thread.join();
        else
            state_->thread.detach();
    }
    return ended;
}

}  // namespace rasshost
