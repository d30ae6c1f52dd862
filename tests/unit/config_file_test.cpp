// rasshost-serve --config FILE (tools/rasshost-serve/config_file.hpp): the
// lines a file may hold, the errors that name their line, and how the
// command line overrides the file.
#include <doctest/doctest.h>

#include "config_file.hpp"
#include "options.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using rasshost::serve::parse_command_line;
using rasshost::serve::parse_config_text;
using rasshost::serve::UsageError;
using rasshost::serve::with_config_file;
using Words = std::vector<std::string>;

namespace {

// A configuration file of the test's own, removed after it.
struct ConfigFile {
    explicit ConfigFile(const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("rasshost-config-test-" + std::to_string(++count) + ".conf")) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~ConfigFile() { std::filesystem::remove(path); }
    std::filesystem::path path;
    static inline int count = 0;
};

Words expanded(std::vector<std::string_view> arguments) { return with_config_file(arguments); }

}  // namespace

TEST_CASE("Config file: options one per line, with or without --, comments and blank lines skipped") {
    CHECK(parse_config_text("# a comment\n\ndll /usr/lib/x.so\r\n  --port   tcp:127.0.0.1:2323  \n\tonce\n", "f") ==
          Words{"--dll=/usr/lib/x.so", "--port=tcp:127.0.0.1:2323", "--once"});
    CHECK(parse_config_text("dll /srv/old server/SECURE.DLL", "f") == Words{"--dll=/srv/old server/SECURE.DLL"});
    CHECK(parse_config_text("", "f").empty());
    CHECK(parse_config_text("\n\n# only comments\n", "f").empty());
}

TEST_CASE("Config file: a line that is not an option is refused with its file and line number") {
    CHECK_THROWS_WITH_AS(parse_config_text("dll x\n\nDLL y\n", "/etc/rasshost/rasshost-serve.conf"),
                         "/etc/rasshost/rasshost-serve.conf:3: \"DLL\" is not an option of rasshost-serve", UsageError);
    CHECK_THROWS_AS(parse_config_text("config /etc/other.conf\n", "f"), UsageError);
    CHECK_THROWS_AS(parse_config_text("=x\n", "f"), UsageError);
    CHECK_THROWS_AS(parse_config_text(std::string("dll a\0b", 7), "f"), UsageError);
}

TEST_CASE("Config file: the command line overrides it") {
    ConfigFile file("dll /usr/lib/a.so\nport tcp:127.0.0.1:2323\nport tcp:127.0.0.1:2424\ndialog-timeout 30\n");
    const std::string path = file.path.string();
    SUBCASE("a single-valued option by coming later") {
        const auto words = expanded({"--config", path, "--dialog-timeout", "60"});
        std::vector<std::string_view> views(words.begin(), words.end());
        const auto options = parse_command_line(views);
        CHECK(options.dialog_timeout == std::chrono::seconds(60));
        CHECK(options.dll == "/usr/lib/a.so");
        CHECK(options.ports == std::vector<std::string>{"tcp:127.0.0.1:2323", "tcp:127.0.0.1:2424"});
    }
    SUBCASE("--port on the command line replaces every --port of the file") {
        const auto words = expanded({"--port=stdio", "--config=" + path});
        std::vector<std::string_view> views(words.begin(), words.end());
        CHECK(parse_command_line(views).ports == std::vector<std::string>{"stdio"});
    }
    SUBCASE("without --config the command line is as given") {
        CHECK(expanded({"--dll", "x", "--port", "stdio"}) == Words{"--dll", "x", "--port", "stdio"});
    }
}

TEST_CASE("Config file: a file that cannot be read, or --config given twice or empty, is a usage error") {
    CHECK_THROWS_AS(expanded({"--config", "/nonexistent/rasshost-serve.conf"}), UsageError);
    CHECK_THROWS_AS(expanded({"--config"}), UsageError);
    CHECK_THROWS_AS(expanded({"--config="}), UsageError);
    ConfigFile file("once\n");
    const std::string path = file.path.string();
    CHECK_THROWS_AS(expanded({"--config", path, "--config", path}), UsageError);
    ConfigFile big(std::string((1 << 20) + 1, '#'));
    CHECK_THROWS_WITH_AS(expanded({"--config", big.path.string()}), doctest::Contains("over 1 MiB"), UsageError);
}
