// config_file.hpp.
#include "config_file.hpp"

#include "options.hpp"

#include <rasshost/log_escape.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace rasshost::serve {
namespace {

constexpr std::size_t max_config_bytes = 1 << 20;
constexpr std::string_view blanks = " \t\r";

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool is_option_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// "--port" for "--port=...", "--port", or "" for a word that is no option.
std::string_view option_of(std::string_view word) {
    if (!word.starts_with("--")) return {};
    return word.substr(0, word.find('='));
}

}  // namespace

std::vector<std::string> parse_config_text(std::string_view text, std::string_view file) {
    if (text.find('\0') != std::string_view::npos) throw UsageError(fmt::format("{}: not a text file", log_escape(file)));
    std::vector<std::string> words;
    std::size_t number = 0;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        const auto line = trimmed(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
        ++number;
        if (line.empty() || line.front() == '#') continue;
        const auto space = std::min(line.find_first_of(blanks), line.size());
        std::string_view name = line.substr(0, space);
        if (name.starts_with("--")) name.remove_prefix(2);
        const auto value = trimmed(line.substr(space));
        if (!is_option_name(name) || name == "config")
            throw UsageError(fmt::format("{}:{}: \"{}\" is not an option of rasshost-serve", log_escape(file), number,
                                         log_escape(name)));
        words.push_back(value.empty() ? fmt::format("--{}", name) : fmt::format("--{}={}", name, value));
    }
    return words;
}

std::vector<std::string> with_config_file(const std::vector<std::string_view>& arguments) {
    std::vector<std::string> command_line;
    std::string file;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--config" || arguments[i].starts_with("--config=")) {
            if (!file.empty()) throw UsageError("--config: given twice");
            const bool inline_value = arguments[i].starts_with("--config=");
            if (!inline_value && i + 1 == arguments.size()) throw UsageError("--config needs a value");
            file = std::string(inline_value ? arguments[i].substr(9) : arguments[++i]);
            if (file.empty()) throw UsageError("--config: empty path");
            continue;
        }
        command_line.emplace_back(arguments[i]);
    }
    if (file.empty()) return command_line;
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open())
        throw UsageError(fmt::format("--config: cannot open {}: {}", log_escape(file), std::strerror(errno)));
    std::string text(max_config_bytes + 1, '\0');  // read no more than the bound (not /dev/zero to its end)
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw UsageError(fmt::format("--config: cannot read {}", log_escape(file)));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_config_bytes) throw UsageError(fmt::format("--config: {} is over 1 MiB", log_escape(file)));
    auto words = parse_config_text(text, file);
    // A list option the command line gives replaces the file's.
    for (const std::string_view list : {"--port", "--drive"})
        if (std::any_of(command_line.begin(), command_line.end(), [&](const auto& w) { return option_of(w) == list; }))
            std::erase_if(words, [&](const auto& w) { return option_of(w) == list; });
    words.insert(words.end(), command_line.begin(), command_line.end());
    return words;
}

}  // namespace rasshost::serve
