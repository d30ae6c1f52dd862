// rasshost-serve's options that limit calls: their secure defaults, their
// ranges, how they reach the host, and that --help and the host's guide
// (docs/rasshost-serve.md) name each of them.
#include <doctest/doctest.h>

#include "options.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace std::chrono_literals;
namespace serve = rasshost::serve;

namespace {

serve::Options parse(std::vector<std::string_view> extra) {
    std::vector<std::string_view> arguments{"--dll", "x.so", "--port", "tcp:127.0.0.1:0"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return serve::parse_command_line(arguments);
}

std::string usage_error(std::vector<std::string_view> extra) {
    try {
        parse(std::move(extra));
    } catch (const serve::UsageError& error) {
        return error.what();
    }
    return "(accepted)";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// `text` names the option itself, not only a longer one it begins
// ("--max-dialogs" in "--max-dialogs-per-source").
bool names(const std::string& text, const std::string& option) {
    for (auto at = text.find(option); at != std::string::npos; at = text.find(option, at + 1)) {
        const auto next = at + option.size();
        if (next == text.size() || (text[next] != '-' && !std::isalnum(static_cast<unsigned char>(text[next]))))
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE("rasshost-serve: the limits on calls are on by default, with sshd's and login's values") {
    const auto options = parse({});
    CHECK(options.dialog_timeout == 120s);
    CHECK(options.fail_delay == 3s);
    CHECK(options.max_dialogs == 100);
    CHECK(options.max_dialogs_per_source == 10);
    CHECK(options.max_failures == 5);
    CHECK(options.failure_window == 60s);
    CHECK(options.penalty == 30s);
    CHECK(options.max_penalty == 600s);
    rasshost::HostOptions host;
    serve::apply_limits(options, host);
    CHECK(host.dialog_timeout == 120s);
    CHECK(host.fail_delay == 3s);
    CHECK(host.limits.max_dialogs == 100);
    CHECK(host.limits.max_dialogs_per_source == 10);
    CHECK(host.limits.max_failures == 5);
    CHECK(host.limits.failure_window == 60s);
    CHECK(host.limits.penalty == 30s);
    CHECK(host.limits.max_penalty == 600s);
}

TEST_CASE("rasshost-serve: the limit options parse, 0 turns off what it can, and bad values are usage errors") {
    const auto options = parse({"--fail-delay", "0", "--max-dialogs=0", "--max-dialogs-per-source", "0",
                                "--max-failures", "0", "--failure-window", "900", "--penalty=5", "--max-penalty",
                                "3600", "--dialog-timeout", "0"});
    CHECK(options.fail_delay == 0s);
    CHECK(options.max_dialogs == 0);
    CHECK(options.max_dialogs_per_source == 0);
    CHECK(options.max_failures == 0);
    CHECK(options.failure_window == 900s);
    CHECK(options.penalty == 5s);
    CHECK(options.max_penalty == 3600s);
    CHECK(options.dialog_timeout == 0s);
    CHECK(usage_error({"--fail-delay", "601"}) == "--fail-delay: 601 is more than 600");
    CHECK(usage_error({"--max-failures", "101"}) == "--max-failures: 101 is more than 100");
    CHECK(usage_error({"--penalty", "0"}) == "--penalty: must be 1..604800");
    CHECK(usage_error({"--failure-window", "0"}) == "--failure-window: must be 1..604800");
    CHECK(usage_error({"--max-penalty", "604801"}) == "--max-penalty: 604801 is more than 604800");
    CHECK(usage_error({"--max-dialogs", "-1"}) == "--max-dialogs: \"-1\" is not a number");
    CHECK(usage_error({"--penalty", "700"}) == "--penalty 700 is more than --max-penalty 600");
}

TEST_CASE("rasshost-serve: --help and docs/rasshost-serve.md document every option, with its default") {
    const std::string help = serve::usage_text();
    const std::string guide = read_file(RASSHOST_SOURCE_DIR "/docs/rasshost-serve.md");
    REQUIRE(!guide.empty());
    const std::vector<std::string> options{
        "--dll", "--port", "--once", "--dialog-timeout", "--fail-delay", "--max-dialogs", "--max-dialogs-per-source",
        "--max-failures", "--failure-window", "--penalty", "--max-penalty", "--send-buffer", "--recv-buffer",
        "--ansi-code-page",
        "--transcript", "--log-level", "--windows-version", "--registry", "--drive", "--list-ports", "--help", "--version"};
    for (const auto& option : options) {
        CAPTURE(option);
        CHECK(help.find("  " + option + " ") != std::string::npos);
        CHECK(names(guide, option));
    }
    for (const auto* documented : {"(0 = never; default 120)", "(0..600; default 3)", "(0 = no cap; default 100)",
                                   "(0 = no cap; default 10)", "default 5)", "(1..604800; default 60)",
                                   "(1..604800; default 30)", "(1..604800; default 600)", "10000 sources"}) {
        CAPTURE(documented);
        CHECK(help.find(documented) != std::string::npos);
    }
}

TEST_CASE("rasshost-serve: --windows-version sets the version GetVersionExA reports, and refuses a malformed one") {
    CHECK_FALSE(parse({}).windows_version);
    const auto options = parse({"--windows-version", "5.2.3790-sp2-server"});
    REQUIRE(options.windows_version);
    CHECK(options.windows_version->minor == 2);
    CHECK(options.windows_version->build == 3790);
    CHECK(options.windows_version->service_pack_name == "Service Pack 2");
    CHECK(usage_error({"--windows-version", "2000"}).starts_with("--windows-version: \"2000\" is not"));
}

TEST_CASE("rasshost-serve: --drive takes LETTER:=DIRECTORY, repeatable") {
    const auto options = parse({"--drive", "C:=/srv/c", "--drive", "d:=rel"});
    CHECK(options.drives == std::vector<std::string>{"C:=/srv/c", "d:=rel"});
    CHECK(usage_error({"--drive", "C=/srv/c"}).find("LETTER:=DIRECTORY") != std::string::npos);
    CHECK(usage_error({"--drive", "C:="}).find("LETTER:=DIRECTORY") != std::string::npos);
    CHECK(usage_error({"--drive", "1:=/x"}).find("LETTER:=DIRECTORY") != std::string::npos);
}
