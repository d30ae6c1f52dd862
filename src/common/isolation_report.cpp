// The report an isolated child writes to its parent: one "key value" line
// per field, in a fixed order, ending with "end". The parent reads it from
// a process that ran a possibly hostile DLL, so the parser accepts only the
// canonical form encode_report produces and bounds every length.
#include <rasshost/isolation.hpp>

#include <array>
#include <charconv>
#include <limits>

namespace rasshost::isolation {
namespace {

constexpr std::string_view magic = "rasshost-report 1";

bool needs_escape(unsigned char c) { return c < 0x21 || c > 0x7E || c == '\\'; }

std::string escape(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : text.substr(0, max_report_field)) {
        if (needs_escape(c)) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not canonical
}

std::optional<std::string> unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c != '\\') {
            if (needs_escape(c)) return std::nullopt;
            out += static_cast<char>(c);
        } else {
            if (text.size() - i < 4 || text[i + 1] != 'x') return std::nullopt;
            const int high = hex_digit(text[i + 2]);
            const int low = hex_digit(text[i + 3]);
            if (high < 0 || low < 0) return std::nullopt;
            const auto byte = static_cast<unsigned char>(high * 16 + low);
            if (!needs_escape(byte)) return std::nullopt;
            out += static_cast<char>(byte);
            i += 3;
        }
        if (out.size() > max_report_field) return std::nullopt;
    }
    return out;
}

std::optional<std::uint64_t> number(std::string_view text, std::uint64_t max) {
    if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
    std::uint64_t value = 0;
    const auto [at, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || at != text.data() + text.size() || value > max) return std::nullopt;
    return value;
}

std::optional<Verdict> verdict_named(std::string_view text) {
    for (auto v : {Verdict::success, Verdict::failure, Verdict::error, Verdict::aborted})
        if (to_string(v) == text) return v;
    return std::nullopt;
}

// Splits the next "KEY VALUE\n" line off `rest`; nullopt unless KEY matches.
std::optional<std::string_view> field(std::string_view& rest, std::string_view key) {
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return std::nullopt;
    const auto line = rest.substr(0, newline);
    rest.remove_prefix(newline + 1);
    if (line.size() < key.size() + 1 || line.substr(0, key.size()) != key || line[key.size()] != ' ')
        return std::nullopt;
    return line.substr(key.size() + 1);
}

}  // namespace

std::string encode_report(const Report& report) {
    std::string out(magic);
    out += "\nverdict ";
    out += to_string(report.verdict);
    out += "\nerror " + std::to_string(report.error);
    out += "\nuser " + escape(report.user);
    out += "\ndomain " + escape(report.domain);
    out += "\nreason " + escape(report.reason);
    out += "\nreceived " + std::to_string(report.bytes_received);
    out += "\nsent " + std::to_string(report.bytes_sent);
    out += "\ndropped " + std::to_string(report.bytes_dropped);
    out += "\nend\n";
    return out;
}
// Three strings of max_report_field bytes, each escaped to at most four
// times that, plus the keys and three 20-digit counts, fit the bound.
static_assert(3 * 4 * max_report_field + 256 <= max_report_size);

std::optional<Report> parse_report(std::string_view bytes) {
    if (bytes.size() > max_report_size) return std::nullopt;
    std::string_view rest = bytes;
    if (!rest.starts_with(magic) || rest.size() == magic.size() || rest[magic.size()] != '\n') return std::nullopt;
    rest.remove_prefix(magic.size() + 1);
    Report report;
    const auto verdict = field(rest, "verdict");
    if (!verdict) return std::nullopt;
    const auto v = verdict_named(*verdict);
    const auto error = field(rest, "error");
    if (!v || !error) return std::nullopt;
    const auto code = number(*error, std::numeric_limits<std::uint32_t>::max());
    if (!code) return std::nullopt;
    report.verdict = *v;
    report.error = static_cast<std::uint32_t>(*code);
    const std::array<std::pair<std::string_view, std::string*>, 3> strings{
        {{"user", &report.user}, {"domain", &report.domain}, {"reason", &report.reason}}};
    for (const auto& [key, target] : strings) {
        const auto text = field(rest, key);
        if (!text) return std::nullopt;
        auto value = unescape(*text);
        if (!value) return std::nullopt;
        *target = std::move(*value);
    }
    const std::array<std::pair<std::string_view, std::uint64_t*>, 3> counts{
        {{"received", &report.bytes_received}, {"sent", &report.bytes_sent}, {"dropped", &report.bytes_dropped}}};
    for (const auto& [key, target] : counts) {
        const auto text = field(rest, key);
        if (!text) return std::nullopt;
        const auto value = number(*text, std::numeric_limits<std::uint64_t>::max());
        if (!value) return std::nullopt;
        *target = *value;
    }
    if (rest != "end\n") return std::nullopt;
    return report;
}

}  // namespace rasshost::isolation
