// script_from_transcript (from_transcript.hpp). A transcript record is
//   [TIME] HPORT KIND TEXT
// with KIND ">" (the DLL sent TEXT), "<" (it received TEXT), "open" or
// "close", and TEXT escaped by rasshost::log_escape (docs/rasshost-serve.md).
#include "from_transcript.hpp"

#include <rasshost/log_escape.hpp>

#include <algorithm>
#include <stdexcept>

namespace rasshost::chat {
namespace {

constexpr std::size_t max_expect = 32;  // the tail of a prompt worth waiting for
constexpr std::size_t max_sent = 4096;  // of what the DLL sent since the last input, the end kept

struct Record {
    std::string_view hport, kind, text;
};

// A record, or one with an empty kind for a line that is none.
Record parse(std::string_view line) {
    auto next_word = [&line] {
        const auto space = std::min(line.find(' '), line.size());
        const auto word = line.substr(0, space);
        line.remove_prefix(std::min(space + 1, line.size()));
        return word;
    };
    Record record;
    record.hport = next_word();
    if (record.hport.ends_with('Z')) record.hport = next_word();  // the time, when there is one
    record.kind = next_word();
    record.text = line;
    if (!record.hport.starts_with("0x") || (record.kind != ">" && record.kind != "<" && record.kind != "open" &&
                                            record.kind != "close"))
        return {};
    return record;
}

// `bytes` in rasshost-chat's SEND/EXPECT escapes (\r \n \t \\ \xHH); a word
// that would read as a command is spelled with an escape.
std::string chat_escaped(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r') out += "\\r";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\\') out += "\\\\";
        else if (u >= 0x20 && u < 0x7F) out += c;
        else out += {'\\', 'x', digits[u >> 4], digits[u & 0xF]};
    }
    if (out == "HANGUP" || out == "CLOSE") out = "\\x" + std::string(out[0] == 'H' ? "48" : "43") + out.substr(1);
    return out;
}

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

// The last line of what the DLL sent: after its last control byte (a line
// end, a telnet or terminal sequence), line ends at its end dropped, at
// most max_expect bytes from its end.
std::string last_line(std::string_view sent) {
    while (!sent.empty() && is_control(sent.back())) sent.remove_suffix(1);
    const auto start = std::find_if(sent.rbegin(), sent.rend(), is_control).base();
    auto line = sent.substr(static_cast<std::size_t>(start - sent.begin()));
    if (line.size() > max_expect) line.remove_prefix(line.size() - max_expect);
    return std::string(line);
}

bool only_masks(std::string_view received) {
    return !received.empty() &&
           std::all_of(received.begin(), received.end(), [](char c) { return c == '*' || c == '\r' || c == '\n'; });
}

}  // namespace

ReplayScript script_from_transcript(std::string_view text, std::string_view hport) {
    ReplayScript script;
    std::string sent;  // what the DLL sent since the caller's last chunk
    bool found = false;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        const auto record = parse(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
        if (record.kind.empty()) continue;
        if (!found && (hport.empty() || record.hport == hport)) {
            found = true;
            script.hport = std::string(record.hport);
        }
        if (!found || record.hport != script.hport) continue;
        const auto bytes = log_unescape(record.text);
        if (record.kind == ">" && bytes) {
            sent += *bytes;
            if (sent.size() > max_sent) sent.erase(0, sent.size() - max_sent);
        } else if (record.kind == "<" && bytes) {
            script.masked |= only_masks(*bytes);
            script.words.push_back(chat_escaped(last_line(sent)));
            script.words.push_back(chat_escaped(*bytes));
            sent.clear();
        } else if (record.kind == "close") {
            if (const auto line = last_line(sent); !line.empty()) script.words.push_back(chat_escaped(line));
            script.words.emplace_back("HANGUP");
            break;
        }
    }
    if (!found)
        throw std::invalid_argument(hport.empty() ? std::string("no dialog in the transcript")
                                                  : "no dialog " + std::string(hport) + " in the transcript");
    return script;
}

std::string shell_quoted(std::string_view word) {
    std::string out = "'";
    for (const char c : word) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

}  // namespace rasshost::chat
