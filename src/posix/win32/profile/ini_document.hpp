// An INI file as Windows reads it (docs/decisions.md#ini-files): lines
// kept as they are, so a write changes only the line it must; sections
// "[name]" (the last ']' closes the name); entries "name=value" with the
// spaces around the name and before the value dropped; ';' lines are
// comments. Lookups ignore letter case and see only the first section of
// a name and the first entry of a name in it, as Windows does.
// The parser is bounded: it reads at most max_size bytes, each once.
// Exported for its fuzz target only.
#pragma once

#include <rasshost/config.h>

#include "posix/win32/text/word_key.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rasshost::posix {

struct IniLine {
    enum class Kind : std::uint8_t { blank, section, entry, comment };
    Kind kind = Kind::blank;
    std::string text;   // the line as written, without its line end
    std::string name;   // a section's or an entry's name
    std::string value;  // an entry's value (after '=', quotes kept)
    bool has_value = false;  // an entry has '='
};

struct IniSection {
    std::string name;
    std::size_t header = 0;  // the line of "[name]"
    std::size_t end = 0;     // one past its last line
};

class RASSHOST_API IniDocument {
public:
    static constexpr std::size_t max_size = 16u << 20;

    IniDocument() = default;
    explicit IniDocument(std::string_view text);

    const std::vector<IniLine>& lines() const noexcept { return lines_; }
    const std::vector<IniSection>& sections() const noexcept { return sections_; }

    // The first section of that name (spaces around `name` ignored), or nullptr.
    const IniSection* find_section(std::string_view name) const;
    // The entry `key` of section `section`, or nullptr. Allocates nothing
    // for a section and key of fewer than 255 bytes together.
    const IniLine* find_entry(std::string_view section, std::string_view key) const;

    // Edits, each followed by a fresh parse of the lines.
    void set_value(std::string_view section, std::string_view key, std::string_view value);
    void delete_entry(std::string_view section, std::string_view key);
    void delete_section(std::string_view section);

    // The text again, with the file's line ends.
    std::string text() const;

private:
    void index();
    std::vector<IniLine> lines_;
    std::vector<IniSection> sections_;
    std::unordered_map<std::string, std::size_t> section_index_;  // upper-case name -> sections_
    struct IndexedEntry {
        WordKey key;  // upper-case "section\0key"
        std::size_t line = 0;
    };
    WordKeyTable<IndexedEntry> entry_index_;
    std::string line_end_ = "\r\n";
    bool ends_with_line_end_ = true;
    bool utf8_mark_ = false;
};

// Spaces, tabs and line-end characters removed from both ends (what
// Windows trims from names).
std::string_view trim_spaces_slowly(std::string_view text) noexcept;
inline std::string_view trim_spaces(std::string_view text) noexcept {
    const auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    if (!text.empty() && !is_space(text.front()) && !is_space(text.back())) return text;  // the usual name
    return trim_spaces_slowly(text);
}

}  // namespace rasshost::posix
