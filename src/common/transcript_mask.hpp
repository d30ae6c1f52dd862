// What a transcript may show of a dialog: by default nothing the remote
// user typed, whatever the timing (typed ahead, pasted, byte by byte), in
// either direction.
//
// Received bytes are all masked ('*'; CR and LF kept, so the line structure
// shows). Sent bytes are masked where they repeat typed input, as a DLL's
// echo does (a callback number, a name) or a message quoting it ("Calling
// you back at ..."). Two records, both of bytes the DLL has received:
//  - the echo record: typed printable bytes not yet sent back. A sent byte
//    equal to one of them is masked and that entry used up -- the echo, in
//    order, whether it comes a chunk or a byte at a time. A typed byte the
//    DLL never echoes (a password) stays until it masks one later sent byte
//    that happens to equal it: over-masking, bounded by what was typed.
//  - the word record: the last words typed (runs of letters, digits and
//    bytes >= 0x80, at least min_word long). Every occurrence of one in a
//    sent chunk is masked, so a DLL that restates a number after dropping
//    its separators still shows none of its words.
// BS and DEL are not recorded (the DLL's rubout "\b \b" is shown as is);
// they shorten the word being typed.
//
// Both records are bounded. If typed bytes not yet echoed overflow the echo
// record, every printable sent byte is masked for the rest of the dialog:
// the bound can cost legibility, never a secret.
//
// Not thread-safe: the dialog calls it under its mutex. Storage is wiped.
#pragma once

#include <rasshost/config.h>

#include <array>
#include <cstddef>
#include <string>

namespace rasshost {

// Exported only so the unit test can drive it; not part of the public API.
class RASSHOST_API TranscriptMask {
public:
    static constexpr std::size_t echo_limit = 512;  ///< typed bytes awaiting their echo
    static constexpr std::size_t word_limit = 16;   ///< words remembered
    static constexpr std::size_t word_max = 64;     ///< a longer word is kept in pieces
    static constexpr std::size_t min_word = 3;      ///< shorter words are not searched for

    TranscriptMask() = default;
    ~TranscriptMask();
    TranscriptMask(const TranscriptMask&) = delete;
    TranscriptMask& operator=(const TranscriptMask&) = delete;

    /** Bytes the DLL received: recorded, then masked in place. */
    void received(std::string& bytes);
    /** Bytes the DLL sent: masked in place where they repeat typed input. */
    void sent(std::string& bytes);

private:
    struct Word {
        std::array<char, word_max> bytes{};
        std::size_t size = 0;
    };

    void record_echo(char c);
    bool take_echo(char c);
    void record_word_byte(char c);
    void end_word();
    void mask_word(const Word& word, const std::string& bytes, std::string& out) const;

    std::array<char, echo_limit> echo_{};  // oldest first, echo_size_ of them
    std::size_t echo_size_ = 0;
    bool saturated_ = false;  // the echo record overflowed: mask all from then on
    std::array<Word, word_limit> words_{};  // a ring: next_word_ is the oldest
    std::size_t next_word_ = 0;
    Word word_;  // the word being typed
};

}  // namespace rasshost
