// Port::lend_descriptor's rule for a line over one descriptor (pty, serial
// and stdio on POSIX): a Port lends its line only before its first read or
// write, and never once closed (see <rasshost/port.hpp>).
#pragma once

#include "common/backend.hpp"

#include <cstdint>

namespace rasshost {

class LendableLine {
public:
    // Called as a read or a write starts.
    void note_io() noexcept { used_ = true; }

    // A duplicate of `descriptor` for the borrower, or -1.
    std::intptr_t lend(bool open, std::intptr_t descriptor) const noexcept {
        if (!open || used_) return -1;
        return backend::duplicate_line(descriptor);
    }

private:
    bool used_ = false;  // a read or write was started
};

}  // namespace rasshost
