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
#include <rasshost/connect_remote.hpp>
#include <rasshost/test_kit.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <string>

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

int usage(std::string_view why) {
    fmt::print(stderr,
               "rasshost-chat: {}\nusage: rasshost-chat (--tcp HOST:PORT | --pty PATH) [--timeout SECS] "
               "EXPECT SEND [EXPECT SEND ...] [HANGUP]\n",
               why);
    return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
    std::string tcp, pty;
    int timeout_seconds = 10;
    std::vector<std::string> script;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if ((arg == "--tcp" || arg == "--pty" || arg == "--timeout") && i + 1 < argc) {
            std::string value = argv[++i];
            if (arg == "--tcp") tcp = value;
            else if (arg == "--pty") pty = value;
            else timeout_seconds = std::atoi(value.c_str());
        } else if (arg.starts_with("--")) {
            return usage(fmt::format("unknown option {}", arg));
        } else {
            script.emplace_back(arg);
        }
    }
    if (tcp.empty() == pty.empty()) return usage("give exactly one of --tcp and --pty");
    if (timeout_seconds <= 0) return usage("--timeout must be a positive number of seconds");
    try {
        std::unique_ptr<rasshost::RemoteEnd> end;
        if (!tcp.empty()) {
            const auto colon = tcp.rfind(':');
            if (colon == std::string::npos) return usage("--tcp needs HOST:PORT");
            std::string host = tcp.substr(0, colon);
            if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            end = rasshost::connect_tcp_remote(host, static_cast<std::uint16_t>(std::stoi(tcp.substr(colon + 1))));
        } else {
            end = rasshost::connect_pty_remote(pty);
        }
        rasshost::test::RemoteUser user(std::move(end));
        const std::chrono::milliseconds timeout(timeout_seconds * 1000);
        std::size_t shown = 0;  // bytes of user.received() already echoed
        for (std::size_t i = 0; i < script.size(); ++i) {
            const bool is_expect = i % 2 == 0;
            if (script[i] == "CLOSE") {
                user.hang_up();
                fmt::print("\n[remote hung up]\n");
                return 0;
            }
            if (script[i] == "HANGUP") {
                user.expect_hangup(timeout);
                const auto& seen = user.received();
                std::fwrite(seen.data() + shown, 1, seen.size() - shown, stdout);  // the rest, up to the hang-up
                fmt::print("\n[hang-up]\n");
                return 0;
            }
            if (is_expect) {
                if (!script[i].empty()) {
                    auto text = user.expect(unescape(script[i]), timeout);
                    std::fwrite(text.data(), 1, text.size(), stdout);
                    shown += text.size();
                }
            } else {
                const auto text = unescape(script[i]);
                user.send(text);
                fmt::print("[sent {} bytes]\n", text.size());
            }
            std::fflush(stdout);
        }
        return 0;
    } catch (const rasshost::test::ExpectationFailed& error) {
        fmt::print(stderr, "\nrasshost-chat: {}\n", error.what());
        return 1;
    } catch (const std::exception& error) {
        fmt::print(stderr, "rasshost-chat: {}\n", error.what());
        return 1;
    }
}
