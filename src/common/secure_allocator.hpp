// An allocator that wipes every block with SecureZeroMemory before handing
// it back: for containers that hold what a remote user typed (the block of
// the dialog's input queue, input_ring.hpp). A std::fill before clear() or
// erase() is a dead store the optimiser may drop; this wipe cannot be
// dropped, and it also covers the blocks a container frees on its own (a
// deque shedding its front blocks, a vector reallocating).
#pragma once

#include <rasshost/win32.h>

#include <cstddef>
#include <memory>

namespace rasshost {

template <class T, class Upstream = std::allocator<T>>
class SecureAllocator : public Upstream {
public:
    using value_type = T;
    template <class U>
    struct rebind {
        using other = SecureAllocator<U, typename std::allocator_traits<Upstream>::template rebind_alloc<U>>;
    };

    SecureAllocator() = default;
    template <class U, class V>
    SecureAllocator(const SecureAllocator<U, V>& other) noexcept : Upstream(static_cast<const V&>(other)) {}

    void deallocate(T* p, std::size_t n) noexcept {
        SecureZeroMemory(p, n * sizeof(T));
        Upstream::deallocate(p, n);
    }

    template <class U, class V>
    bool operator==(const SecureAllocator<U, V>&) const noexcept { return true; }
};

}  // namespace rasshost
