// The calling thread's object and the list of threads by id (see the header).
#include "posix/win32/threads/current_thread.hpp"

#include <mutex>
#include <new>
#include <unordered_map>

#include <pthread.h>

namespace rasshost::posix {
namespace {

// The thread's reference to its object, on the heap (the key's value).
thread_local std::shared_ptr<ThreadObject>* this_thread_reference = nullptr;  // trivial: no destructor to register

struct ThreadList {
    std::mutex mutex;
    std::unordered_map<DWORD, std::weak_ptr<ThreadObject>> by_id;
};

ThreadList& thread_list() noexcept {
    static ThreadList* instance = new ThreadList;  // never destroyed: threads may end after main returns
    return *instance;
}

// The key's value is a heap copy of the thread's reference.
void end_of_thread(void* value) noexcept {
    std::unique_ptr<std::shared_ptr<ThreadObject>> reference(static_cast<std::shared_ptr<ThreadObject>*>(value));
    ThreadObject& object = **reference;
    object.finish(0);  // no effect if ExitThread or the start routine's return finished it
    this_thread_reference = nullptr;
}

struct ThreadKey {
    pthread_key_t key{};
    bool valid = pthread_key_create(&key, &end_of_thread) == 0;
};
const ThreadKey thread_key;

// Makes *reference the calling thread's object; false (reference not
// taken) when no key is left.
bool install(std::shared_ptr<ThreadObject>* reference) noexcept {
    if (!thread_key.valid || pthread_setspecific(thread_key.key, reference) != 0) return false;
    this_thread_reference = reference;
    return true;
}

}  // namespace

bool list_thread(const std::shared_ptr<ThreadObject>& object) noexcept {
    auto& list = thread_list();
    std::lock_guard lock(list.mutex);
    try {
        list.by_id[object->id()] = object;
    } catch (const std::bad_alloc&) {
        return false;
    }
    return true;
}

void unlist_thread(DWORD id) noexcept {
    auto& list = thread_list();
    std::lock_guard lock(list.mutex);
    list.by_id.erase(id);
}

std::shared_ptr<ThreadObject> find_thread(DWORD id) noexcept {
    auto& list = thread_list();
    std::lock_guard lock(list.mutex);
    const auto found = list.by_id.find(id);
    return found == list.by_id.end() ? nullptr : found->second.lock();
}

ThreadObject* existing_current_thread_object() noexcept {
    return this_thread_reference ? this_thread_reference->get() : nullptr;
}

std::shared_ptr<ThreadObject> current_thread_object() noexcept {
    if (this_thread_reference) return *this_thread_reference;
    std::unique_ptr<std::shared_ptr<ThreadObject>> reference;
    try {
        reference = std::make_unique<std::shared_ptr<ThreadObject>>(std::make_shared<ThreadObject>(GetCurrentThreadId()));
    } catch (const std::bad_alloc&) {
        return nullptr;
    }
    std::shared_ptr<ThreadObject> object = *reference;
    if (!list_thread(object)) return nullptr;
    if (!install(reference.get())) {
        unlist_thread(object->id());
        return nullptr;
    }
    reference.release();  // the key's now
    return object;
}

void become_current_thread(std::unique_ptr<std::shared_ptr<ThreadObject>> reference) noexcept {
    // Without a key (none left in the process) the reference is kept for
    // good: the object is never freed, and CreateThread's own path still
    // finishes it.
    std::shared_ptr<ThreadObject>* kept = reference.release();
    if (!install(kept)) this_thread_reference = kept;
}

std::shared_ptr<ThreadObject> thread_from_handle(HANDLE handle) noexcept {
    if (handle == current_thread_pseudo_handle) return current_thread_object();
    return lookup_handle_as<ThreadObject>(handle);
}

}  // namespace rasshost::posix
