// Hands each thread a parker for its lifetime and takes it back at thread
// exit. Parkers are never freed: a signaller may still call wake() on a
// parker whose waiter has already returned, so that memory must stay valid
// (it is reachable from the free list, so leak checkers stay quiet).
#include "posix/win32/sync/parker.hpp"

#include <mutex>

#include <pthread.h>

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

// The thread's parker, given back when the thread exits. A pthread key, not
// a thread_local with a destructor: glibc registers such a destructor under
// the loader's lock, and a thread's first wait may come while another
// thread holds that lock in dlclose and waits for it (a DLL whose unload
// joins its workers). Key destructors run after the thread_local ones, so
// those may still wait with the parker.
thread_local Parker* this_thread_parker = nullptr;  // trivial: no destructor to register

void release_at_exit(void* parker) noexcept {
    this_thread_parker = nullptr;
    give_back(static_cast<Parker*>(parker));
}

struct LeaseKey {
    pthread_key_t key{};
    bool valid = pthread_key_create(&key, &release_at_exit) == 0;
};
const LeaseKey lease_key;

}  // namespace

Parker& Parker::for_this_thread() noexcept {
    if (Parker* parker = this_thread_parker) return *parker;
    Parker* parker = take_parker();
    // Without a key (none left in the process) the parker is never given
    // back: one lost per thread, never a wrong one.
    if (lease_key.valid) pthread_setspecific(lease_key.key, parker);
    this_thread_parker = parker;
    return *parker;
}

}  // namespace rasshost::posix
