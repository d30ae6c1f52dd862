// Creating and closing handles: the free list and the lists of closed
// slots waiting for their last readers. Lookups need none of this
// (handle_slots.hpp); these paths take one mutex.
#include "posix/win32/handles/handle_table.hpp"

#include "posix/win32/sync/wait_subsystem.hpp"


#include <cassert>
#include <mutex>

namespace rasshost::posix {

namespace {

constexpr std::uint32_t no_slot = 0xFFFFFFFFu;

// Slots closed at one epoch. A slot closed at epoch s may be reused once the
// epoch reaches s + 2 (epoch.hpp), so at most three such lists (s - 2, s - 1,
// s) are ever waiting: they are indexed by epoch % 3, and slots need no
// stamp of their own.
struct ClosedList {
    std::uint32_t head = no_slot;
    std::uint64_t epoch = 0;
};

struct Bookkeeping {
    std::mutex mutex;
    // Reusable slots, first released first: a slot waits as long as possible
    // before its next use, so a stale handle names a later object as late as
    // possible (generations wrap, handle_value.hpp).
    std::uint32_t free_head = no_slot;
    std::uint32_t free_tail = no_slot;
    std::uint32_t free_count = 0;
    ClosedList closed[3];
    // Slots [0, fresh) have been handed out at least once.
    std::uint32_t fresh = 0;
};

Bookkeeping& bookkeeping() noexcept {
    static Bookkeeping* instance = new Bookkeeping;  // never destroyed: handles may be used at exit
    return *instance;
}

// Releases the objects of the closed slots that no reader can still see and
// makes those slots reusable. Under the mutex.
void recycle_closed(Bookkeeping& b) noexcept {
    if (b.closed[0].head == no_slot && b.closed[1].head == no_slot && b.closed[2].head == no_slot) return;
    const std::uint64_t now = epoch::advance();
    for (ClosedList& list : b.closed) {
        if (list.head == no_slot || !epoch::releasable(list.epoch, now)) continue;
        for (std::uint32_t index = list.head; index != no_slot;) {
            Slot& slot = handle_slots.at(index);
            const std::uint32_t next = slot.next;
            // Kernel objects' destructors never call back into the table, so
            // the last reference may be dropped here, under the mutex.
            slot.owner.reset();
            slot.next = no_slot;
            (b.free_tail == no_slot ? b.free_head : handle_slots.at(b.free_tail).next) = index;
            b.free_tail = index;
            ++b.free_count;
            index = next;
        }
        list.head = no_slot;
    }
}

// True if a never used slot can be handed out (growing the array if needed).
bool fresh_slot_left(const Bookkeeping& b) noexcept {
    if (b.fresh == handle_value::slot_count) return false;
    return b.fresh < handle_slots.capacity() || handle_slots.grow();
}

// A slot for a new handle: a recycled one while more than reuse_delay of
// them wait (handle_value.hpp), else a fresh one, else any recycled one.
// nullptr when memory or indices run out.
Slot* take_slot(Bookkeeping& b, std::uint32_t& index) noexcept {
    recycle_closed(b);
    if (b.free_count <= handle_value::reuse_delay && fresh_slot_left(b)) {
        index = b.fresh++;
        return &handle_slots.at(index);
    }
    if (b.free_head == no_slot) return nullptr;
    index = b.free_head;
    Slot& slot = handle_slots.at(index);
    b.free_head = slot.next;
    if (b.free_head == no_slot) b.free_tail = no_slot;
    --b.free_count;
    return &slot;
}

// Queues a slot that was just unpublished. Under the mutex.
void retire(Bookkeeping& b, std::uint32_t index, Slot& slot) noexcept {
    const std::uint64_t stamp = epoch::stamp();  // read after the unpublishing
    recycle_closed(b);  // empties any list of epoch stamp - 3, which shares this one's place
    ClosedList& list = b.closed[stamp % 3];
    assert(list.head == no_slot || list.epoch == stamp);
    slot.next = list.head;
    list.head = index;
    list.epoch = stamp;
    recycle_closed(b);  // with no reader about, this releases the object now
}

}  // namespace

HANDLE insert_handle(std::shared_ptr<KernelObject> object) noexcept {
    auto& b = bookkeeping();
    std::lock_guard lock(b.mutex);
    std::uint32_t index = 0;
    Slot* slot = take_slot(b, index);
    if (!slot) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    const std::uint32_t generation =
        handle_value::next_generation(handle_value::generation_of(slot->tag.load(std::memory_order_relaxed)));
    slot->kind = static_cast<std::uint8_t>(object->kind());
    const bool waitable = is_waitable(slot->kind);
    const bool holds_state = waitable && attach_handle_slot(static_cast<Waitable&>(*object), *slot);
    slot->owner = std::move(object);
    const std::uintptr_t value = handle_value::encode(index, generation);
    slot->tag.store(handle_value::open_tag(value, waitable, holds_state),
                    std::memory_order_release);  // publishes kind and owner
    return reinterpret_cast<HANDLE>(value);
}

std::shared_ptr<KernelObject> lookup_handle(HANDLE handle) noexcept {
    const HandleReader reader;
    const Slot* slot = reader.find(handle);
    return slot ? slot->owner : nullptr;
}

namespace {

// Closes `handle` if its slot's kind passes `accept`.
template <class Accept>
bool close_slot(HANDLE handle, Accept accept) noexcept {
    const auto value = handle_value::key_of(reinterpret_cast<std::uintptr_t>(handle));
    const std::uint32_t index = handle_value::index_of(value);
    Slot* slot = nullptr;
    {
        const epoch::ReadSection section;
        if (!handle_slots.view().find_open(handle)) return false;
        slot = &handle_slots.at(index);
        if (!accept(slot->kind)) return false;
        // Unpublish: from here no new lookup finds the object. Of several
        // threads closing the same handle, exactly one wins. An open slot's
        // tag never changes, so the tag the lookup matched is the one to swap.
        std::uintptr_t expected = slot->tag.load(std::memory_order_relaxed);
        if ((expected & ~handle_value::tag_flags) != value) return false;  // closed meanwhile
        const bool holds_state = (expected & handle_value::tag_flags) == 0;  // a waitable object's state copy
        const std::uintptr_t closed = handle_value::closed_tag(index, handle_value::generation_of(value));
        if (!slot->tag.compare_exchange_strong(expected, closed, std::memory_order_seq_cst)) return false;
        if (holds_state) detach_handle_slot(static_cast<Waitable&>(*slot->owner));
    }
    // The slot is ours until it is queued (slot memory is never freed).
    auto& b = bookkeeping();
    std::lock_guard lock(b.mutex);
    retire(b, index, *slot);
    return true;
}

}  // namespace

bool close_handle(HANDLE handle) noexcept { return close_slot(handle, is_kernel_object); }

bool close_handle_of_kind(HANDLE handle, KernelObject::Kind kind) noexcept {
    return close_slot(handle, [kind](std::uint8_t found) { return found == static_cast<std::uint8_t>(kind); });
}

}  // namespace rasshost::posix

// CloseHandle works on every kernel object; heaps and event sources are not
// closable (Windows ends them with HeapDestroy and DeregisterEventSource). Closing the
// current process's pseudo-handle does nothing and succeeds, as on Windows.
extern "C" BOOL WINAPI CloseHandle(HANDLE hObject) {
    if (hObject == GetCurrentProcess()) return TRUE;
    if (!rasshost::posix::close_handle(hObject)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return TRUE;
}
