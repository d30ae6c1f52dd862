#include "common/transcript_mask.hpp"

#include <rasshost/win32.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace rasshost {
namespace {

constexpr char mask_char = '*';

bool is_rubout(unsigned char u) { return u == 0x08 || u == 0x7F; }

// Letters, digits and non-ASCII bytes (UTF-8 text) make up words.
bool is_word_byte(unsigned char u) {
    return (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80;
}

// What an echo can repeat as is: everything but control bytes.
bool is_printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u != 0x7F;
}

// A rubout or another control byte in the echo record: its echo, if any,
// is not the byte itself ("\b \b", "^X").
bool is_mark(char c) { return !is_printable(c) && c != '\n'; }

// The letter of a control byte's "^X" echo.
char caret_letter(char c) { return static_cast<char>(static_cast<unsigned char>(c) + 0x40); }

}  // namespace

TranscriptMask::~TranscriptMask() {
    SecureZeroMemory(typed_.data(), sizeof typed_);
    for (auto& word : words_) SecureZeroMemory(word.bytes.data(), word.bytes.size());
    SecureZeroMemory(word_.bytes.data(), word_.bytes.size());
}

void TranscriptMask::received(std::string& bytes) {
    bool first = true;
    for (auto& c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        const bool line_end = c == '\r' || c == '\n';
        if (!(typed_cr_ && (c == '\n' || c == '\0'))) {  // CR LF and CR NUL end one line
            record_typed(line_end ? '\n' : is_rubout(u) ? '\b' : c, first);
            first = false;
        }
        typed_cr_ = c == '\r';
        if (is_rubout(u)) {
            if (word_.size > 0) word_.bytes[--word_.size] = '\0';
        } else if (is_word_byte(u)) {
            record_word_byte(c);
        } else {
            end_word();
        }
        if (!line_end) c = mask_char;
    }
    rubout_ = Rubout::none;  // a rubout's echo follows its rubout
}

void TranscriptMask::sent(std::string& bytes) {
    std::string masked(bytes.size(), '\0');  // 1: masked; holds no secret
    budget_ = (bytes.size() + 1) * budget_per_byte;
    for (std::size_t i = 0; i < bytes.size();) {
        if (budget_ == 0) {  // matching cost too much: the rest of the chunk is masked
            masked[i] = is_printable(bytes[i]) ? 1 : 0;
            ++i;
            continue;
        }
        if (!is_printable(bytes[i])) {
            sent_control(bytes[i++]);
            continue;
        }
        sent_cr_ = false;
        const auto n = match(bytes, i);
        if (n == 0) {
            if (saturated_) masked[i] = 1;
            ++i;
        }
        for (std::size_t k = 0; k < n; ++k) masked[i++] = 1;
    }
    for (const auto& word : words_) mask_word(word, bytes, masked);
    mask_word(word_, bytes, masked);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (masked[i]) bytes[i] = mask_char;
}

void TranscriptMask::record_typed(char c, bool first_of_receive) {
    if (size_ == echo_limit) {  // drop the oldest: from now on its echo cannot be told
        erase(0, 1);
        saturated_ = true;
    }
    typed_[size_++] = Typed{c, first_of_receive};
}

// A control byte the DLL sent: never masked; it may end a line, echo a
// rubout or echo a control byte as is.
void TranscriptMask::sent_control(char c) {
    const bool second_of_crlf = sent_cr_ && c == '\n';
    sent_cr_ = c == '\r';
    caret_letter_ = '\0';
    if (c == '\r' || c == '\n') {
        rubout_ = Rubout::none;
        if (!second_of_crlf) line_ended();
        return;
    }
    if (is_rubout(static_cast<unsigned char>(c))) {  // "\b \b", once or twice ("^X" erased)
        if (rubout_ == Rubout::blank || rubout_ == Rubout::done) {
            rubout_ = rubout_ == Rubout::blank ? Rubout::done : Rubout::backspace;
            return;
        }
        auto at = awaiting_;
        while (at < size_ && is_mark(typed_[at].byte) && typed_[at].byte != '\b') ++at;
        if (at < size_ && typed_[at].byte == '\b') {
            erase(awaiting_, at + 1);
            rubout_ = Rubout::backspace;
        }
        return;
    }
    rubout_ = Rubout::none;
    if (awaiting_ < size_ && typed_[awaiting_].byte == c) erase(awaiting_, awaiting_ + 1);
}

// The DLL ended a line: the oldest awaiting line's end if it is next;
// otherwise that line, echoed in part or not at all, is set aside.
void TranscriptMask::line_ended() {
    auto at = awaiting_;
    while (at < size_ && is_mark(typed_[at].byte)) ++at;
    if (at < size_ && typed_[at].byte == '\n') {
        erase(awaiting_, at + 1);
        echoing_ = false;
        return;
    }
    const auto end = line_end(awaiting_);
    if (end == size_) return;  // still being typed: the DLL's line end is its own
    awaiting_ = end + 1;
    echoing_ = false;
}

// How many bytes from bytes[i] (printable) are an echo: 0, 1 or 2 ("^X").
std::size_t TranscriptMask::match(const std::string& bytes, std::size_t i) {
    const char b = bytes[i];
    // The letter of a "^X" split across chunks, unless the chunk reads
    // better as typed bytes echoed as themselves.
    const bool letter = caret_letter_ != '\0' && b == caret_letter_;
    caret_letter_ = '\0';
    if (letter && continues_as_typed(awaiting_, bytes, i + 1)) return 1;
    if (rubout_ == Rubout::backspace && b == ' ') {  // the blank of "\b \b"
        rubout_ = Rubout::blank;
        return 0;
    }
    rubout_ = Rubout::none;
    auto n = match_marks(bytes, i);
    if (n == 0) n = match_printable(bytes, i);
    return n == 0 && letter ? 1 : n;
}

// bytes[i] as the echo of a printable typed byte: at the head of the
// awaiting bytes, or where the echo resumes.
std::size_t TranscriptMask::match_printable(const std::string& bytes, std::size_t i) {
    const char b = bytes[i];
    const auto head = awaiting_ < size_ && typed_[awaiting_].byte == b ? agrees(awaiting_, bytes, i) : Agreement::none;
    if (head == Agreement::full) return take(awaiting_);
    if (resume_in_line(bytes, i) || resume_later(bytes, i) || resume_set_aside(bytes, i)) return 1;
    if (head == Agreement::line) return take(awaiting_);  // a whole line echoed, then other text
    return 0;
}

// Marks and line ends next in the record: a control byte echoed as "^X"
// is matched; what the DLL did not echo is passed over. A "^X" whose chunk
// does not go on as typed after that control byte (up to the chunk's end)
// may be a typed '^' echoed as itself: that reading wins where it agrees.
std::size_t TranscriptMask::match_marks(const std::string& bytes, std::size_t i) {
    auto at = awaiting_;
    for (; at < size_ && !is_printable(typed_[at].byte); ++at) {
        const char mark = typed_[at].byte;
        if (mark != '\n' && mark != '\b' && caret_echo(at + 1, bytes, i)) break;
    }
    const bool caret = at < size_ && !is_printable(typed_[at].byte);
    const bool rest_agrees = !caret || continues_as_typed(at + 1, bytes, i + 2);
    const char mark = caret ? typed_[at].byte : '\0';
    pass_over(caret ? at + 1 : at);
    if (!caret) return 0;
    if (!rest_agrees) {
        if (const auto n = match_printable(bytes, i); n > 0) return n;
    }
    echoing_ = true;
    if (i + 1 == bytes.size()) {
        caret_letter_ = caret_letter(mark);
        return 1;
    }
    return 2;
}

// The awaiting bytes before `to` (marks and line ends) were not echoed.
void TranscriptMask::pass_over(std::size_t to) {
    for (auto at = awaiting_; at < to; ++at)
        if (typed_[at].byte == '\n') echoing_ = false;
    erase(awaiting_, to);
}

// Whether bytes[i..] agree with the typed bytes from `at` on: full if equal
// up to the chunk's end, a control byte in it, or the record's end (marks
// and line ends the DLL did not echo passed over, as match() does); line if
// they differ only past the end of the typed line they began in.
TranscriptMask::Agreement TranscriptMask::agrees(std::size_t at, const std::string& bytes, std::size_t i) const {
    bool whole_line = false;
    const auto first = i;
    while (i < bytes.size() && at < size_) {
        if (budget_ == 0) return Agreement::full;  // masked: the safe side
        --budget_;
        const char s = bytes[i];
        const char t = typed_[at].byte;
        if (t == '\b') {
            if (is_rubout(static_cast<unsigned char>(s))) return Agreement::full;
            ++at;  // a rubout not echoed
        } else if (is_mark(t)) {
            if (caret_echo(at + 1, bytes, i))
                i += 2;
            else if (s == t)
                ++i;
            ++at;
        } else if (!is_printable(s)) {
            return Agreement::full;
        } else if (t == '\n') {
            whole_line = whole_line || i > first;
            ++at;  // a line end not echoed
        } else if (s != t) {
            return whole_line ? Agreement::line : Agreement::none;
        } else {
            ++i;
            ++at;
        }
    }
    return Agreement::full;
}

// Whether bytes[i..] (empty: yes) agree fully with the typed bytes from `at`.
bool TranscriptMask::continues_as_typed(std::size_t at, const std::string& bytes, std::size_t i) const {
    return i >= bytes.size() || agrees(at, bytes, i) == Agreement::full;
}

// Whether bytes[i..] begin with the "^X" echo of the control byte just
// before typed_[at]; a typed '^' next is taken as itself, as match() does.
bool TranscriptMask::caret_echo(std::size_t at, const std::string& bytes, std::size_t i) const {
    if (bytes[i] != '^') return false;
    if (i + 1 < bytes.size() && bytes[i + 1] != caret_letter(typed_[at - 1].byte)) return false;
    while (at < size_ && !is_printable(typed_[at].byte)) ++at;
    return at == size_ || typed_[at].byte != '^';
}

// The DLL passed over bytes of the line it is echoing.
bool TranscriptMask::resume_in_line(const std::string& bytes, std::size_t i) {
    if (!echoing_) return false;
    const auto end = line_end(awaiting_);
    for (auto at = awaiting_ + 1; at < end; ++at)
        if (typed_[at].byte == bytes[i] && agrees(at, bytes, i) == Agreement::full) return take(at) > 0;
    return false;
}

// The DLL echoes a later line, or a later receive: the bytes of its line
// before it were passed over; earlier lines are set aside.
bool TranscriptMask::resume_later(const std::string& bytes, std::size_t i) {
    bool start = false;
    for (auto at = awaiting_ + 1; at < size_; ++at) {
        const char t = typed_[at].byte;
        start = start || typed_[at - 1].byte == '\n' || typed_[at].first_of_receive;
        if (is_mark(t)) continue;  // a start stays one across marks
        if (start && t == bytes[i] && agrees(at, bytes, i) == Agreement::full) {
            auto line = at;
            while (line > awaiting_ && typed_[line - 1].byte != '\n') --line;
            erase(line, at);
            awaiting_ = line;
            return take(line) > 0;
        }
        start = false;
    }
    return false;
}

// The DLL echoes a set-aside line from its start (a line typed ahead of a
// prompt): it comes back to the head of the awaiting bytes.
bool TranscriptMask::resume_set_aside(const std::string& bytes, std::size_t i) {
    bool start = true;
    for (std::size_t at = 0; at < awaiting_; ++at) {
        const char t = typed_[at].byte;
        start = start || (at > 0 && typed_[at - 1].byte == '\n');
        if (is_mark(t)) continue;
        if (start && t == bytes[i] && agrees(at, bytes, i) == Agreement::full) {
            auto line = at;
            while (line > 0 && typed_[line - 1].byte != '\n') --line;
            const auto end = std::min(line_end(at) + 1, awaiting_);
            std::rotate(typed_.begin() + static_cast<std::ptrdiff_t>(line),
                        typed_.begin() + static_cast<std::ptrdiff_t>(end),
                        typed_.begin() + static_cast<std::ptrdiff_t>(awaiting_));
            awaiting_ -= end - line;
            return take(awaiting_ + (at - line)) > 0;
        }
        start = false;
    }
    return false;
}

// typed_[at] is echoed: the awaiting bytes before it were passed over.
std::size_t TranscriptMask::take(std::size_t at) {
    erase(awaiting_, at + 1);
    echoing_ = true;
    return 1;
}

std::size_t TranscriptMask::line_end(std::size_t from) const {
    while (from < size_ && typed_[from].byte != '\n') ++from;
    return from;
}

void TranscriptMask::erase(std::size_t from, std::size_t to) {
    if (to <= from) return;
    std::move(typed_.begin() + static_cast<std::ptrdiff_t>(to), typed_.begin() + static_cast<std::ptrdiff_t>(size_),
              typed_.begin() + static_cast<std::ptrdiff_t>(from));
    const auto n = to - from;
    SecureZeroMemory(typed_.data() + (size_ - n), n * sizeof(Typed));
    size_ -= n;
    if (awaiting_ >= to)
        awaiting_ -= n;
    else if (awaiting_ > from)
        awaiting_ = from;
}

void TranscriptMask::record_word_byte(char c) {
    if (word_.size == word_max) end_word();  // kept in pieces
    word_.bytes[word_.size++] = c;
}

void TranscriptMask::end_word() {
    if (word_.size >= min_word) {
        words_[next_word_] = word_;  // the whole array: the older word's bytes are overwritten
        next_word_ = (next_word_ + 1) % word_limit;
    }
    SecureZeroMemory(word_.bytes.data(), word_.bytes.size());
    word_.size = 0;
}

void TranscriptMask::mask_word(const Word& word, const std::string& bytes, std::string& masked) const {
    if (word.size < min_word) return;
    const std::string_view needle(word.bytes.data(), word.size);
    for (auto at = bytes.find(needle); at != std::string::npos; at = bytes.find(needle, at + 1))
        std::memset(masked.data() + at, 1, needle.size());
}

}  // namespace rasshost
