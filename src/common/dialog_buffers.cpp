// The dialog buffers' owners: see dialog_buffers.hpp.
#include "common/dialog_buffers.hpp"

namespace rasshost {

DialogBuffers::DialogBuffers(std::size_t send_size, std::size_t receive_size, bool owned_by_line)
    : send(send_size), receive(receive_size), line_owned(owned_by_line) {}

DialogBuffers::~DialogBuffers() { wipe(); }

void DialogBuffers::wipe() noexcept {
    SecureZeroMemory(send.data(), send.size());
    SecureZeroMemory(receive.data(), receive.size());
}

std::shared_ptr<DialogBuffers> BufferQuarantine::take(std::size_t send_size, std::size_t receive_size) {
    std::shared_ptr<DialogBuffers> served;
    {
        std::lock_guard lock(mutex_);
        if (!waiting_.empty() && Clock::now() - waiting_.front().first >= hold) {
            served = std::move(waiting_.front().second);
            waiting_.pop_front();
        }
    }
    if (served && served->send.size() == send_size && served->receive.size() == receive_size) {
        served->wipe();  // a late write may have landed after it was put
        return served;
    }
    return std::make_shared<DialogBuffers>(send_size, receive_size, false);
}

void BufferQuarantine::put(std::shared_ptr<DialogBuffers> pair) {
    pair->wipe();
    std::vector<std::shared_ptr<DialogBuffers>> freed;  // destroyed outside the lock
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    waiting_.emplace_back(now, std::move(pair));
    while (waiting_.size() > max_pairs || (waiting_.size() > reserve && now - waiting_.front().first >= hold)) {
        freed.push_back(std::move(waiting_.front().second));
        waiting_.pop_front();
    }
}

std::size_t BufferQuarantine::size() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
}

}  // namespace rasshost
