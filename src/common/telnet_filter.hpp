// The telnet side of a TCP line. Real telnet clients open with option
// negotiation (IAC DO/WILL ...); a security DLL must see only the user's
// typing, so the filter removes every IAC sequence from the input and
// produces the answers. The host offers to echo and to suppress go-ahead
// (RFC 857, 858), which puts a client in character mode with its local echo
// off -- the DLL's own echo then decides what the caller sees, as on a
// serial line, and a password is not shown -- and refuses every other
// option. It is a state machine: a sequence may be split across reads at
// any byte.
#pragma once

#include <rasshost/config.h>

#include <array>
#include <cstddef>
#include <cstdint>
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
    static constexpr std::byte echo{1}, suppress_go_ahead{3};

    /** The host's opening: IAC WILL ECHO, IAC WILL SGA, appended to `reply`.
     *  Call it once, before the first feed. */
    void offer(std::vector<std::byte>& reply);

    /** Consumes `input`; appends the user's data bytes to `data` and the
     *  answers to send back to the client to `reply`. Neither grows by
     *  more than input.size(): an answer is 3 bytes, for a request of 3. */
    void feed(std::span<const std::byte> input, std::vector<std::byte>& data, std::vector<std::byte>& reply);

    /** Telnet data rule for output: every 0xFF byte is sent as IAC IAC. */
    static void escape(std::span<const std::byte> output, std::vector<std::byte>& escaped);

private:
    // RFC 1143's state of an option the host performs (ECHO, SGA). The host
    // asks once per option (on, at connect) and never asks one off, so the
    // Q method's WANTNO state and its queue never arise. Every other option,
    // the client's and ours, stays NO: nothing to keep.
    enum class Option : std::uint8_t { no, yes, want_yes };
    enum class State : std::uint8_t { data, data_after_cr, command, option, subnegotiation, subnegotiation_iac };

    void step(std::byte b, std::vector<std::byte>& data, std::vector<std::byte>& reply);
    void command(std::byte b, std::vector<std::byte>& data);
    void negotiate(std::byte option, std::vector<std::byte>& reply);
    Option* ours(std::byte option) noexcept;

    State state_ = State::data;
    std::byte verb_{};  // DO/DONT/WILL/WONT awaiting its option byte
    std::size_t subnegotiation_length_ = 0;
    std::array<Option, 2> ours_{};  // ECHO, SGA
};

}  // namespace rasshost
