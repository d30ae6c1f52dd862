// Port::lend_descriptor's rule for a line over one descriptor (pty, serial
// and stdio on POSIX): a Port lends its line only before its first read or
// write, and never once closed; and Port::hand_over's, after a dialog: a
// line handed over does no I/O again (see <rasshost/port.hpp>).
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

    // A duplicate of `descriptor` for the program the call goes to, or -1;
    // from then on handed_over() is true.
    std::intptr_t hand_over(bool open, std::intptr_t descriptor) noexcept {
        if (!open || handed_over_) return -1;
        const auto line = backend::duplicate_line(descriptor);
        handed_over_ = line >= 0;
        return line;
    }
    bool handed_over() const noexcept { return handed_over_; }

private:
    bool used_ = false;  // a read or write was started
    bool handed_over_ = false;
};

}  // namespace rasshost
