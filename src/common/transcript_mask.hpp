// What a transcript may show of a dialog: by default nothing the remote
// user typed, whatever the timing (typed ahead, pasted, byte by byte), in
// either direction, and as much as that allows of what the DLL says.
//
// Received bytes are all masked ('*'; CR and LF kept, so the line structure
// shows). Sent bytes are masked where they repeat typed input, as a DLL's
// echo does (a callback number, a name) or a message quoting it ("Calling
// you back at ..."). Two records, both of bytes the DLL has received:
//  - the echo record: the typed lines not yet echoed, in order (line ends,
//    rubouts and other control bytes kept as marks). A DLL echoes in order,
//    so a sent byte is masked as an echo when it equals the oldest typed
//    byte not yet echoed and the rest of its chunk agrees with what was
//    typed from there: equal up to the chunk's end, a control byte in it
//    (the CR of "\r\n"), the last typed byte, or the end of the typed line
//    (marks and line ends the DLL did not echo are passed over). The echo
//    may also resume further on, where the rest of the chunk agrees: later
//    in the line being echoed (the DLL passed over a byte), at a later line
//    or receive (it passed over what came before), or at a set-aside line.
//    A sent byte that agrees nowhere is shown and uses nothing up, so a line
//    the DLL never echoes (a password) masks no later message by chance.
//    When the DLL ends a line (sends CR or LF) it has not echoed to its end,
//    that line is set aside, not forgotten: it is masked again if the DLL
//    echoes it from its start, as it does a line typed ahead of a prompt.
//    An echo that follows its input is always found: it agrees where that
//    input begins. A control byte's "^X" echo is masked; a rubout's
//    "\b \b" shows.
//  - the word record: the last words typed (runs of letters, digits and
//    bytes >= 0x80, at least min_word long). Every occurrence of one in a
//    sent chunk is masked, so a DLL that restates a number after dropping
//    its separators, or a password in a message, still shows none of them.
//
// Both records are bounded. If typed bytes not yet echoed (set-aside lines
// included) overflow the echo record, every printable sent byte is masked
// for the rest of the dialog; a sent chunk whose matching costs more than
// budget_per_byte comparisons per byte is masked from there on: the bounds
// can cost legibility, never a secret.
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
    /// Typed bytes compared per sent byte, on average over a chunk; past that
    /// the rest of the chunk is masked (an echo costs a few hundred at most).
    static constexpr std::size_t budget_per_byte = 4096;

    TranscriptMask() = default;
    ~TranscriptMask();
    TranscriptMask(const TranscriptMask&) = delete;
    TranscriptMask& operator=(const TranscriptMask&) = delete;

    /** Bytes the DLL received: recorded, then masked in place. */
    void received(std::string& bytes);
    /** Bytes the DLL sent: masked in place where they repeat typed input. */
    void sent(std::string& bytes);

private:
    // A typed byte: printable as typed, '\n' a line end, '\b' a rubout,
    // any other control byte as typed.
    struct Typed {
        char byte = '\0';
        bool first_of_receive = false;  // where the echo may resume
    };
    struct Word {
        std::array<char, word_max> bytes{};
        std::size_t size = 0;
    };
    enum class Rubout : unsigned char { none, backspace, blank, done };

    void record_typed(char c, bool first_of_receive);
    void sent_control(char c);
    void line_ended();
    std::size_t match(const std::string& bytes, std::size_t i);
    std::size_t match_marks(const std::string& bytes, std::size_t i);
    std::size_t match_printable(const std::string& bytes, std::size_t i);
    void pass_over(std::size_t to);
    enum class Agreement : unsigned char { none, line, full };
    Agreement agrees(std::size_t at, const std::string& bytes, std::size_t i) const;
    bool continues_as_typed(std::size_t at, const std::string& bytes, std::size_t i) const;
    bool caret_echo(std::size_t at, const std::string& bytes, std::size_t i) const;
    bool resume_in_line(const std::string& bytes, std::size_t i);
    bool resume_later(const std::string& bytes, std::size_t i);
    bool resume_set_aside(const std::string& bytes, std::size_t i);
    std::size_t take(std::size_t at);
    std::size_t line_end(std::size_t from) const;
    void erase(std::size_t from, std::size_t to);

    void record_word_byte(char c);
    void end_word();
    void mask_word(const Word& word, const std::string& bytes, std::string& out) const;

    // [0, awaiting_): lines set aside, oldest first, each ending in '\n';
    // [awaiting_, size_): typed bytes awaiting their echo, oldest first.
    std::array<Typed, echo_limit> typed_{};
    std::size_t size_ = 0;
    std::size_t awaiting_ = 0;
    bool echoing_ = false;     // the oldest awaiting line's echo has begun
    bool saturated_ = false;   // the echo record overflowed: mask all from then on
    bool typed_cr_ = false;    // an LF or NUL right after a typed CR is part of its line end
    bool sent_cr_ = false;     // an LF right after a sent CR is part of its line end
    char caret_letter_ = '\0'; // the letter due after a "^" that echoed a control byte
    Rubout rubout_ = Rubout::none;
    mutable std::size_t budget_ = 0;  // comparisons left for the chunk being sent
    std::array<Word, word_limit> words_{};  // a ring: next_word_ is the oldest
    std::size_t next_word_ = 0;
    Word word_;  // the word being typed
};

}  // namespace rasshost
