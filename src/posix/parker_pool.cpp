// Hands each thread a parker for its lifetime and takes it back at thread
// exit. Parkers are never freed: a signaller may still call wake() on a
// parker whose waiter has already returned, so that memory must stay valid
// (it is reachable from the free list, so leak checkers stay quiet).
#include "parker.hpp"

#include <mutex>

namespace rasshost::posix {
namespace {

struct Pool {
    std::mutex mutex;
    Parker* free = nullptr;
};

Pool& pool() noexcept {
    static Pool* instance = new Pool;  // never destroyed: threads may exit after main returns
    return *instance;
}

Parker* take_parker() {
    auto& p = pool();
    {
        std::lock_guard lock(p.mutex);
        if (Parker* parker = p.free) {
            p.free = parker->next_free;
            return parker;
        }
    }
    return new Parker;  // may throw bad_alloc: for_this_thread() is noexcept, so that terminates
}

void give_back(Parker* parker) noexcept {
    auto& p = pool();
    std::lock_guard lock(p.mutex);
    parker->next_free = p.free;
    p.free = parker;
}

// One per thread: taken at the thread's first blocking wait, given back when
// the thread exits (also after pthread_exit, which runs thread_local
// destructors).
struct Lease {
    Parker* parker = take_parker();
    Lease() = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { give_back(parker); }
};

}  // namespace

Parker& Parker::for_this_thread() noexcept {
    thread_local Lease lease;
    return *lease.parker;
}

}  // namespace rasshost::posix
