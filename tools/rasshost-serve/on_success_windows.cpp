// OnSuccess on Windows (on_success.hpp): not served; --on-success is refused
// before a host starts (on_success_supported()).
#include "on_success.hpp"

namespace rasshost::serve {

struct OnSuccess::State {};

OnSuccess::OnSuccess(asio::io_context&, std::string, Log) {}
OnSuccess::~OnSuccess() = default;
void OnSuccess::hand_over(const DialogOutcome&, std::intptr_t, std::function<void()> done) { done(); }
void OnSuccess::stop_all() {}
bool on_success_supported() noexcept { return false; }

}  // namespace rasshost::serve
