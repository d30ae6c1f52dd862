// rasshost-chat: plays a remote user against a running host, in the manner
// of chat(8): a script of alternating EXPECT and SEND strings.
//
//   rasshost-chat --tcp 127.0.0.1:2323 "Username: " "alice\r" "Password: " "secret\r" HANGUP
//
// "" as an EXPECT expects nothing. Two words are commands wherever they
// stand: HANGUP waits for the host to hang up, CLOSE hangs up from the
// remote side; either ends the script. SEND strings understand \r, \n, \t, \\ and \xHH. The bytes the
// host sent are echoed to stdout as they are matched. Exit 0 when the whole
// script ran, 1 when an expectation failed (with what was seen), 64 for a
// usage error.
#include "from_transcript.hpp"

#include <rasshost/config.h>
#include <rasshost/connect_remote.hpp>
#include <rasshost/log_escape.hpp>
#include <rasshost/test_kit.hpp>

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int exit_usage = 64;

std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        if (c == 'r') out += '\r';
        else if (c == 'n') out += '\n';
        else if (c == 't') out += '\t';
        else if (c == 'x' && i + 2 < text.size() + 1) {
            unsigned value = 0;
            auto [at, error] = std::from_chars(text.data() + i + 1, text.data() + std::min(text.size(), i + 3), value, 16);
            if (error != std::errc()) throw std::invalid_argument(fmt::format("bad \\x escape in \"{}\"", text));
            out += static_cast<char>(value);
            i = static_cast<std::size_t>(at - text.data()) - 1;
        } else out += c;
    }
    return out;
}

constexpr std::string_view usage_line =
    "usage: rasshost-chat (--tcp HOST:PORT | --pty PATH) [--timeout SECS] EXPECT SEND [EXPECT SEND ...] [HANGUP]\n"
    "       rasshost-chat --from-transcript FILE [--hport HPORT]\n"
    "       rasshost-chat --help | --version\n";

int usage(std::string_view why) {
    fmt::print(stderr, "rasshost-chat: {}\n{}", why, usage_line);
    return exit_usage;
}

void help() {
    fmt::print("{}\n"
               "Plays a remote user against a running host, as chat(8) does: EXPECT and SEND strings\n"
               "alternate. \"\" expects nothing. HANGUP waits for the host to hang up, CLOSE hangs up;\n"
               "either ends the script. SEND strings understand \\r, \\n, \\t, \\\\ and \\xHH.\n\n"
               "  --tcp HOST:PORT   connect to a tcp port (HOST an IPv4 address, or [IPv6])\n"
               "  --pty PATH        open the slave of a pty a host serves\n"
               "  --timeout SECS    how long each EXPECT and HANGUP waits, 1..86400 (default 10)\n"
               "  --from-transcript FILE\n"
               "                    print the script that plays again the caller of a dialog\n"
               "                    rasshost-serve --transcript recorded (the first, or --hport's)\n"
               "  --help, --version\n\n"
               "Exit status: 0 the script ran, 1 an expectation failed, 64 usage error.\n",
               usage_line);
}

struct Arguments {
    std::string tcp;
    std::string pty;
    int timeout_seconds = 10;
    std::vector<std::string> script;
    std::string from_transcript;
    std::string hport;
    bool help = false;
    bool version = false;
};

// `text` as a whole number in [low, high], or nullopt.
std::optional<long> number_in(std::string_view text, long low, long high) {
    long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) return std::nullopt;
    return value;
}

// What is wrong with the command line, or "" if nothing is.
std::string parse(int argc, char** argv, Arguments& args) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--help" || arg == "--version") {
            (arg == "--help" ? args.help : args.version) = true;
            return {};
        }
        if (arg == "--tcp" || arg == "--pty" || arg == "--timeout" || arg == "--from-transcript" || arg == "--hport") {
            if (i + 1 == argc) return fmt::format("{} needs a value", arg);
            std::string value = argv[++i];
            if (arg == "--from-transcript") args.from_transcript = value;
            else if (arg == "--hport") args.hport = value;
            else if (arg == "--tcp") args.tcp = value;
            else if (arg == "--pty") args.pty = value;
            else if (const auto seconds = number_in(value, 1, 86400)) args.timeout_seconds = static_cast<int>(*seconds);
            else return fmt::format("--timeout {}: not a number of seconds from 1 to 86400", value);
        } else if (arg.starts_with("--")) {
            return fmt::format("unknown option {}", arg);
        } else {
            args.script.emplace_back(arg);
        }
    }
    if (!args.from_transcript.empty()) {
        if (!args.tcp.empty() || !args.pty.empty() || !args.script.empty())
            return "--from-transcript takes no line and no script";
        return {};
    }
    if (!args.hport.empty()) return "--hport goes with --from-transcript";
    if (args.tcp.empty() == args.pty.empty()) return "give exactly one of --tcp and --pty";
    if (!args.tcp.empty()) {
        const auto colon = args.tcp.rfind(':');
        if (colon == std::string::npos || colon == 0) return "--tcp needs HOST:PORT";
        if (!number_in(std::string_view(args.tcp).substr(colon + 1), 1, 65535))
            return fmt::format("--tcp {}: the port must be a number from 1 to 65535", args.tcp);
    }
    return {};
}

std::unique_ptr<rasshost::RemoteEnd> connect(const Arguments& args) {
    if (args.tcp.empty()) return rasshost::connect_pty_remote(args.pty);
    const auto colon = args.tcp.rfind(':');
    std::string host = args.tcp.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return rasshost::connect_tcp_remote(host, static_cast<std::uint16_t>(*number_in(args.tcp.substr(colon + 1), 1, 65535)));
}

// --from-transcript: the script words, shell-quoted, on one line.
int print_replay(const std::string& file, const std::string& hport) {
    constexpr std::size_t max_transcript = 64 << 20;
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) return usage(fmt::format("--from-transcript: cannot open {}", rasshost::log_escape(file)));
    std::string text(max_transcript + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_transcript) return usage("--from-transcript: over 64 MiB; give --hport, or cut the file");
    try {
        const auto script = rasshost::chat::script_from_transcript(text, hport);
        std::string line;
        for (const auto& word : script.words) line += (line.empty() ? "" : " ") + rasshost::chat::shell_quoted(word);
        fmt::print("{}\n", line);
        if (script.masked)
            fmt::print(stderr, "rasshost-chat: dialog {}: what the caller typed is masked ('*'); to replay it, "
                               "record it with --transcript-input plain on a test line\n", script.hport);
        return 0;
    } catch (const std::invalid_argument& error) {
        fmt::print(stderr, "rasshost-chat: {}: {}\n", rasshost::log_escape(file), error.what());
        return 1;
    }
}

class Chat {
public:
    Chat(std::unique_ptr<rasshost::RemoteEnd> end, std::chrono::milliseconds timeout)
        : user_(std::move(end)), timeout_(timeout) {}

    // Plays the script: EXPECT and SEND strings alternate.
    void run(const std::vector<std::string>& script) {
        for (std::size_t i = 0; i < script.size(); ++i) {
            if (script[i] == "CLOSE") return close();
            if (script[i] == "HANGUP") return await_hangup();
            if (i % 2 == 0)
                expect(script[i]);
            else
                send(script[i]);
            std::fflush(stdout);
        }
    }

private:
    void close() {
        user_.hang_up();
        fmt::print("\n[remote hung up]\n");
    }

    void await_hangup() {
        user_.expect_hangup(timeout_);
        const auto& seen = user_.received();
        std::fwrite(seen.data() + shown_, 1, seen.size() - shown_, stdout);  // the rest, up to the hang-up
        fmt::print("\n[hang-up]\n");
    }

    void expect(const std::string& pattern) {
        if (pattern.empty()) return;
        auto text = user_.expect(unescape(pattern), timeout_);
        std::fwrite(text.data(), 1, text.size(), stdout);
        shown_ += text.size();
    }

    void send(const std::string& escaped) {
        const auto text = unescape(escaped);
        user_.send(text);
        fmt::print("[sent {} bytes]\n", text.size());
    }

    rasshost::test::RemoteUser user_;
    const std::chrono::milliseconds timeout_;
    std::size_t shown_ = 0;  // bytes of user_.received() already echoed
};

}  // namespace

int main(int argc, char** argv) {
    Arguments args;
    if (const std::string wrong = parse(argc, argv, args); !wrong.empty()) return usage(wrong);
    if (args.help) {
        help();
        return 0;
    }
    if (args.version) {
        fmt::print("rasshost-chat {}\n", RASSHOST_VERSION_STRING);
        return 0;
    }
    if (!args.from_transcript.empty()) return print_replay(args.from_transcript, args.hport);
    try {
        Chat chat(connect(args), std::chrono::milliseconds(args.timeout_seconds * 1000));
        chat.run(args.script);
        return 0;
    } catch (const rasshost::test::ExpectationFailed& error) {
        fmt::print(stderr, "\nrasshost-chat: {}\n", error.what());
        return 1;
    } catch (const std::exception& error) {
        fmt::print(stderr, "rasshost-chat: {}\n", error.what());
        return 1;
    }
}
