// Lookup keys compared and hashed eight bytes at a time: a value name of
// the registry, "SECTION\0KEY" of an INI file. Lookups by such names are
// the hot path of a DLL reading its settings; the names are short.
//
// A key is its bytes as words, the last word's unused bytes zero. Words are
// loaded from the key's own bytes and never stored and reloaded at another
// width, so a lookup never waits on a store it just made (a store read back
// by a wider or offset load stalls the processor). Keys come from DLLs and
// administrators, never from a remote caller, so the hash need not resist
// chosen collisions.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace rasshost::posix {

constexpr std::size_t words_for(std::size_t bytes) noexcept { return (bytes + 7) / 8; }

constexpr std::uint64_t bytes_of(unsigned char b) noexcept { return 0x0101010101010101ULL * b; }

// The word of bytes [at, at + 8) of `text`, or of its last 1 to 7 bytes
// from `at`, zero beyond the end. Reads only the text's bytes.
inline std::uint64_t load_word(const char* text, std::size_t size, std::size_t at) noexcept {
    std::uint64_t word = 0;
    const std::size_t n = size - at;
    if (n >= 8) {
        std::memcpy(&word, text + at, 8);
    } else if (std::endian::native == std::endian::little && size >= 8) {
        std::memcpy(&word, text + size - 8, 8);  // the 8 bytes ending with the text
        word >>= 8 * (8 - n);
    } else if (std::endian::native == std::endian::little && n >= 4) {
        std::uint32_t low = 0, high = 0;  // two loads that overlap unless n is 8
        std::memcpy(&low, text + at, 4);
        std::memcpy(&high, text + at + n - 4, 4);
        word = low | (std::uint64_t{high} << (8 * (n - 4)));
    } else if (std::endian::native == std::endian::little) {
        const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(text[at + i])}; };
        word = byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));  // n is 1, 2 or 3
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t byte = static_cast<unsigned char>(text[at + i]);
            word |= byte << (std::endian::native == std::endian::little ? 8 * i : 8 * (7 - i));
        }
    }
    return word;
}

// Upper-cases the ASCII letters of a word whose bytes are all below 0x80:
// a byte gets bit 7 from the first sum when it is 'a' or more and from the
// second when it is beyond 'z' (no sum carries into the next byte).
constexpr std::uint64_t ascii_upper(std::uint64_t word) noexcept {
    const std::uint64_t at_least_a = word + bytes_of(0x80 - 'a');
    const std::uint64_t beyond_z = word + bytes_of(0x80 - 'z' - 1);
    const std::uint64_t lower = at_least_a & ~beyond_z & bytes_of(0x80);
    return word - (lower >> 2);  // 0x80 >> 2 is the 0x20 between the cases
}

// The hash, in steps for callers that hash as they fold. A step is an
// add and a rotation on the chain; the words' multiplications do not wait
// for one another, so a short key costs little more than the final mix.
constexpr std::uint64_t hash_start(std::size_t size) noexcept { return 0x9E3779B97F4A7C15ULL ^ size; }
constexpr std::uint64_t hash_step(std::uint64_t h, std::uint64_t word) noexcept {
    return std::rotl(h + word * 0xff51afd7ed558ccdULL, 29);
}
constexpr std::size_t hash_finish(std::uint64_t h) noexcept {
    h ^= h >> 32;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

// Loads `text` into `words` (words_for(text.size()) of them); returns the hash.
inline std::size_t load_words(std::string_view text, std::uint64_t* words) noexcept {
    std::uint64_t h = hash_start(text.size());
    for (std::size_t i = 0; i < words_for(text.size()); ++i) {
        words[i] = load_word(text.data(), text.size(), 8 * i);
        h = hash_step(h, words[i]);
    }
    return hash_finish(h);
}

// Upper-cases `text` into `words` (words_for(text.size()) of them) a word
// at a time and returns its hash, when `text` is ASCII; nothing otherwise
// (the caller folds such text through the code page).
inline std::optional<std::size_t> fold_ascii_words(std::string_view text, std::uint64_t* words) noexcept {
    std::uint64_t h = hash_start(text.size());
    for (std::size_t i = 0; i < words_for(text.size()); ++i) {
        const std::uint64_t word = load_word(text.data(), text.size(), 8 * i);
        if (word & bytes_of(0x80)) return std::nullopt;
        words[i] = ascii_upper(word);
        h = hash_step(h, words[i]);
    }
    return hash_finish(h);
}

inline bool same_words(const std::uint64_t* a, const std::uint64_t* b, std::size_t size) noexcept {
    for (std::size_t i = 0; i < words_for(size); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// A key kept in a table.
struct WordKey {
    std::vector<std::uint64_t> words;
    std::size_t size = 0;
    std::size_t hash = 0;
};

inline WordKey word_key(std::string_view text) {
    WordKey key;
    key.size = text.size();
    key.words.resize(words_for(text.size()));
    key.hash = load_words(text, key.words.data());
    return key;
}

// Items with a `WordKey key` member, found by key in an open-addressed
// table at most half full. The first of equal keys is the one found.
template <class Item>
class WordKeyTable {
public:
    WordKeyTable() = default;
    explicit WordKeyTable(std::vector<Item> items) : items_(std::move(items)) {
        std::size_t size = 2;
        while (size < 2 * items_.size()) size *= 2;
        slots_.assign(size, 0);
        for (std::size_t i = 0; i < items_.size(); ++i) {
            const WordKey& key = items_[i].key;
            std::size_t at = key.hash & (size - 1);
            for (; slots_[at] != 0; at = (at + 1) & (size - 1))
                if (matches(items_[slots_[at] - 1], key.words.data(), key.size, key.hash)) break;
            if (slots_[at] == 0) slots_[at] = static_cast<std::uint32_t>(i + 1);
        }
    }

    const Item* find(const std::uint64_t* words, std::size_t size, std::size_t hash) const noexcept {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
            const std::uint32_t slot = slots_[at];
            if (slot == 0) return nullptr;
            if (matches(items_[slot - 1], words, size, hash)) return &items_[slot - 1];
        }
    }

    const std::vector<Item>& items() const noexcept { return items_; }

private:
    static bool matches(const Item& item, const std::uint64_t* words, std::size_t size, std::size_t hash) noexcept {
        return item.key.hash == hash && item.key.size == size && same_words(item.key.words.data(), words, size);
    }
    std::vector<Item> items_;
    std::vector<std::uint32_t> slots_;  // 0 empty, else an index into items_ + 1
};

}  // namespace rasshost::posix
