#include "posix/win32/profile/ini_document.hpp"

#include "posix/win32/runtime/short_copy.hpp"
#include "posix/win32/text/ansi_case.hpp"

#include <cstring>

namespace rasshost::posix {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

IniLine parse_line(std::string_view raw) {
    IniLine line;
    line.text = std::string(raw);
    const std::string_view text = trim_spaces(raw);
    if (text.empty()) return line;
    if (text.front() == '[') {
        const auto close = text.rfind(']');
        if (close != std::string_view::npos) {
            line.kind = IniLine::Kind::section;
            line.name = std::string(text.substr(1, close - 1));
            return line;
        }
    }
    if (text.front() == ';') {
        line.kind = IniLine::Kind::comment;
        return line;
    }
    line.kind = IniLine::Kind::entry;
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) {
        line.name = std::string(text);
        return line;
    }
    line.name = std::string(trim_spaces(text.substr(0, equals)));
    std::string_view value = text.substr(equals + 1);
    while (!value.empty() && is_space(value.front())) value.remove_prefix(1);
    line.value = std::string(value);
    line.has_value = true;
    return line;
}

// The upper-case form of `text` (which it changes) as words; returns the
// hash. ASCII, what INI files hold, is folded a word at a time; other text
// through the ANSI code page's case.
std::size_t fold_words(char* text, std::size_t size, std::uint64_t* words) noexcept {
    if (const auto hash = fold_ascii_words(std::string_view(text, size), words)) return *hash;
    ansi_upper_in_place(text, size);
    return load_words(std::string_view(text, size), words);
}

void make_key(std::string& key, std::string_view section, std::string_view name) {
    key.assign(trim_spaces(section));
    key.push_back('\0');
    key.append(trim_spaces(name));
    ansi_upper_in_place(key);
}

}  // namespace

std::string_view trim_spaces_slowly(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

IniDocument::IniDocument(std::string_view text) {
    if (text.size() > max_size) text = text.substr(0, max_size);
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {  // a UTF-8 mark: skipped, and written back
        text.remove_prefix(3);
        utf8_mark_ = true;
    }
    const auto first_end = text.find('\n');
    if (first_end != std::string_view::npos && (first_end == 0 || text[first_end - 1] != '\r')) line_end_ = "\n";
    ends_with_line_end_ = text.empty() || text.back() == '\n';
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(start, end - start);
        // Only the file's own line end is taken off, so the text is written back the same.
        if (line_end_.size() == 2 && end < text.size() && !raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        lines_.push_back(parse_line(raw));
        start = end + 1;
    }
    index();
}

void IniDocument::index() {
    sections_.clear();
    section_index_.clear();
    std::vector<IndexedEntry> entries;
    std::string key;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const IniLine& line = lines_[i];
        if (line.kind == IniLine::Kind::section) {
            if (!sections_.empty()) sections_.back().end = i;
            sections_.push_back(IniSection{line.name, i, lines_.size()});
            make_key(key, line.name, {});
            section_index_.emplace(key.substr(0, key.size() - 1), sections_.size() - 1);
        } else if (line.kind == IniLine::Kind::entry && !sections_.empty()) {
            // Only the first section of a name is searched, as on Windows.
            make_key(key, sections_.back().name, {});
            if (section_index_.at(key.substr(0, key.size() - 1)) != sections_.size() - 1) continue;
            make_key(key, sections_.back().name, line.name);
            entries.push_back(IndexedEntry{word_key(key), i});
        }
    }
    entry_index_ = WordKeyTable<IndexedEntry>(std::move(entries));
}

const IniSection* IniDocument::find_section(std::string_view name) const {
    std::string key;
    make_key(key, name, {});
    key.pop_back();
    const auto found = section_index_.find(key);
    return found == section_index_.end() ? nullptr : &sections_[found->second];
}

const IniLine* IniDocument::find_entry(std::string_view section, std::string_view key) const {
    section = trim_spaces(section);
    key = trim_spaces(key);
    const std::size_t length = section.size() + 1 + key.size();
    char buffer[256];  // the usual key, folded on the stack
    std::uint64_t words[words_for(sizeof buffer)];
    if (length <= sizeof buffer) {
        copy_short(buffer, section.data(), section.size());
        buffer[section.size()] = '\0';
        copy_short(buffer + section.size() + 1, key.data(), key.size());
        const std::size_t hash = fold_words(buffer, length, words);
        const IndexedEntry* found = entry_index_.find(words, length, hash);
        return found == nullptr ? nullptr : &lines_[found->line];
    }
    std::string folded;
    make_key(folded, section, key);
    const WordKey long_key = word_key(folded);
    const IndexedEntry* found = entry_index_.find(long_key.words.data(), long_key.size, long_key.hash);
    return found == nullptr ? nullptr : &lines_[found->line];
}

void IniDocument::set_value(std::string_view section, std::string_view key, std::string_view value) {
    const std::string line_text = std::string(trim_spaces(key)) + "=" + std::string(value);
    if (const IniLine* entry = find_entry(section, key)) {
        const auto at = static_cast<std::size_t>(entry - lines_.data());
        lines_[at] = parse_line(std::string(trim_spaces(entry->name)) + "=" + std::string(value));
    } else if (const IniSection* found = find_section(section)) {
        std::size_t at = found->end;  // after its last non-blank line
        while (at > found->header + 1 && lines_[at - 1].kind == IniLine::Kind::blank) --at;
        lines_.insert(lines_.begin() + static_cast<std::ptrdiff_t>(at), parse_line(line_text));
    } else {
        lines_.push_back(parse_line("[" + std::string(trim_spaces(section)) + "]"));
        lines_.push_back(parse_line(line_text));
    }
    index();
}

void IniDocument::delete_entry(std::string_view section, std::string_view key) {
    if (const IniLine* entry = find_entry(section, key)) {
        lines_.erase(lines_.begin() + (entry - lines_.data()));
        index();
    }
}

void IniDocument::delete_section(std::string_view section) {
    if (const IniSection* found = find_section(section)) {
        lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(found->header),
                     lines_.begin() + static_cast<std::ptrdiff_t>(found->end));
        index();
    }
}

std::string IniDocument::text() const {
    std::string out = utf8_mark_ ? "\xEF\xBB\xBF" : "";
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        out += lines_[i].text;
        if (i + 1 < lines_.size() || ends_with_line_end_) out += line_end_;
    }
    return out;
}

}  // namespace rasshost::posix
