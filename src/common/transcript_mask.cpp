#include "transcript_mask.hpp"

#include <rasshost/win32.h>

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

// What an echo can repeat: everything but control bytes.
bool is_echoable(unsigned char u) { return u >= 0x20 && u != 0x7F; }

}  // namespace

TranscriptMask::~TranscriptMask() {
    SecureZeroMemory(echo_.data(), echo_.size());
    for (auto& word : words_) SecureZeroMemory(word.bytes.data(), word.bytes.size());
    SecureZeroMemory(word_.bytes.data(), word_.bytes.size());
}

void TranscriptMask::received(std::string& bytes) {
    for (auto& c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (is_rubout(u)) {
            if (word_.size > 0) word_.bytes[--word_.size] = '\0';
        } else if (is_echoable(u)) {
            record_echo(c);
            if (is_word_byte(u))
                record_word_byte(c);
            else
                end_word();
        } else {
            end_word();
        }
        if (c != '\r' && c != '\n') c = mask_char;
    }
}

void TranscriptMask::sent(std::string& bytes) {
    std::string masked(bytes.size(), '\0');  // 1: masked; holds no secret
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto u = static_cast<unsigned char>(bytes[i]);
        if (is_echoable(u) && (take_echo(bytes[i]) || saturated_)) masked[i] = 1;
    }
    for (const auto& word : words_) mask_word(word, bytes, masked);
    mask_word(word_, bytes, masked);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (masked[i]) bytes[i] = mask_char;
}

void TranscriptMask::record_echo(char c) {
    if (echo_size_ == echo_limit) {  // drop the oldest: from now on its echo cannot be told
        std::memmove(echo_.data(), echo_.data() + 1, echo_size_ - 1);
        --echo_size_;
        saturated_ = true;
    }
    echo_[echo_size_++] = c;
}

// The oldest typed byte equal to `c` is its echo: used up.
bool TranscriptMask::take_echo(char c) {
    const auto* end = echo_.data() + echo_size_;
    auto* at = static_cast<char*>(std::memchr(echo_.data(), static_cast<unsigned char>(c), echo_size_));
    if (at == nullptr) return false;
    std::memmove(at, at + 1, static_cast<std::size_t>(end - at - 1));
    echo_[--echo_size_] = '\0';
    return true;
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
