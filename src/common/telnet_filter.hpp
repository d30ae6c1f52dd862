// The telnet side of a TCP line. Real telnet clients open with option
// negotiation (IAC DO/WILL ...); a security DLL must see only the user's
// typing, so the filter removes every IAC sequence from the input and
// produces the refusals that keep the client in plain NVT mode. It is a
// state machine: a sequence may be split across reads at any byte.
#pragma once

#include <rasshost/config.h>

#include <cstddef>
#include <span>
#include <vector>

namespace rasshost {

// Exported only so the unit test can drive it; not part of the public API.
class RASSHOST_API TelnetFilter {
public:
    // A subnegotiation (IAC SB ... IAC SE) longer than this is abandoned
    // and what follows is data again, so a client that never sends IAC SE
    // cannot swallow the user's input forever. Real ones (NAWS, TTYPE,
    // NEW-ENVIRON) are far shorter.
    static constexpr std::size_t max_subnegotiation = 1024;

    static constexpr std::byte iac{0xFF}, dont{0xFE}, do_{0xFD}, wont{0xFC}, will{0xFB}, sb{0xFA}, se{0xF0};

    /** Consumes `input`; appends the user's data bytes to `data` and the
     *  bytes to send back to the client (refusals) to `reply`. */
    void feed(std::span<const std::byte> input, std::vector<std::byte>& data, std::vector<std::byte>& reply);

    /** Telnet data rule for output: every 0xFF byte is sent as IAC IAC. */
    static void escape(std::span<const std::byte> output, std::vector<std::byte>& escaped);

private:
    enum class State { data, command, option, subnegotiation, subnegotiation_iac };
    State state_ = State::data;
    std::byte verb_{};  // DO/DONT/WILL/WONT awaiting its option byte
    std::size_t subnegotiation_length_ = 0;
};

}  // namespace rasshost
