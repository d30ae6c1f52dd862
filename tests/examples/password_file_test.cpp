// The password example's file helpers (examples/password/password_file.c)
// and the rasshost-passwd tool, run as a subprocess on temporary files.
#include <doctest/doctest.h>

#include "password_file.h"

#include <sodium.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace fs = std::filesystem;

namespace {

const std::string passwd_exe = RASSHOST_PASSWD_EXE;

// A private temporary directory, removed with its files.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "rasshost-pwtest-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    fs::path operator/(std::string_view name) const { return path_ / name; }

private:
    fs::path path_;
};

// Mode 0600 whatever the umask (the DLL refuses a file others may write).
void write_file(const fs::path& path, std::string_view text) {
    {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    REQUIRE(chmod(path.c_str(), 0600) == 0);
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string hash_of(std::string_view password) {
    char hash[PASSWORD_HASH_MAX];
    REQUIRE(PasswordHash(password.data(), password.size(), hash) == 0);
    return hash;
}

int check(const fs::path& file, const char* name, std::string_view password, int* known = nullptr) {
    return PasswordFileCheck(file.c_str(), name, password.data(), password.size(), known, nullptr, 0);
}

// PasswordFileCheck's result and reason for alice's right password.
std::pair<int, std::string> check_file(const fs::path& file) {
    char why[PASSWORD_WHY_MAX] = "unchanged";
    const int result = PasswordFileCheck(file.c_str(), "alice", "s3cret", 6, nullptr, why, sizeof why);
    return {result, why};
}

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// Runs rasshost-passwd FILE USER with `input` on stdin; returns the exit status.
int run_passwd(const std::string& args, std::string_view input) {
    // The tool may exit before reading its input (usage errors): a write to
    // the closed pipe must fail with EPIPE, not kill the test.
    std::signal(SIGPIPE, SIG_IGN);
    std::string command = shell_quote(passwd_exe) + " " + args + " >/dev/null 2>&1";
    FILE* pipe = popen(command.c_str(), "w");
    REQUIRE(pipe != nullptr);
    std::fwrite(input.data(), 1, input.size(), pipe);
    int status = pclose(pipe);
    REQUIRE(WIFEXITED(status));
    return WEXITSTATUS(status);
}

int run_passwd(const fs::path& file, const std::string& user, std::string_view input) {
    return run_passwd(shell_quote(file.string()) + " " + shell_quote(user), input);
}

}  // namespace

TEST_CASE("names: printable ASCII without ':' or spaces, optional DOMAIN\\user") {
    for (const char* good : {"alice", "a", "CORP\\alice", "x.y-z_1@example", "D\\u"}) {
        CAPTURE(good);
        CHECK(PasswordNameIsValid(good));
    }
    std::string longest(PASSWORD_NAME_MAX, 'n');
    CHECK(PasswordNameIsValid(longest.c_str()));
    std::string too_long(PASSWORD_NAME_MAX + 1, 'n');
    CHECK_FALSE(PasswordNameIsValid(too_long.c_str()));
    std::string long_domain = std::string(PASSWORD_DOMAIN_MAX + 1, 'D') + "\\u";
    CHECK_FALSE(PasswordNameIsValid(long_domain.c_str()));
    std::string max_domain = std::string(PASSWORD_DOMAIN_MAX, 'D') + "\\u";
    CHECK(PasswordNameIsValid(max_domain.c_str()));
    for (const char* bad : {"", "al ice", "al:ice", "\\alice", "CORP\\", "A\\B\\c", "tab\t", "caf\xc3\xa9"}) {
        CAPTURE(bad);
        CHECK_FALSE(PasswordNameIsValid(bad));
    }
    CHECK_FALSE(PasswordNameIsValid(nullptr));
}

TEST_CASE("names: DOMAIN\\user splits into the SECURITY_MESSAGE fields") {
    char domain[PASSWORD_DOMAIN_MAX + 1], user[PASSWORD_NAME_MAX + 1];
    REQUIRE(PasswordSplitName("CORP\\alice", domain, sizeof domain, user, sizeof user) == 0);
    CHECK(std::string(domain) == "CORP");
    CHECK(std::string(user) == "alice");
    REQUIRE(PasswordSplitName("bob", domain, sizeof domain, user, sizeof user) == 0);
    CHECK(std::string(domain).empty());
    CHECK(std::string(user) == "bob");
    CHECK(PasswordSplitName("CORP\\alice", domain, 4, user, sizeof user) == -1);
    CHECK(PasswordSplitName("CORP\\alice", domain, sizeof domain, user, 5) == -1);
}

TEST_CASE("lines: NAME:$argon2id$..., comments and junk never match") {
    char name[PASSWORD_NAME_MAX + 1], hash[PASSWORD_HASH_MAX];
    CHECK(PasswordParseLine("alice:$argon2id$v=19$m=65536,t=2,p=1$salt$hash\n", name, hash) == 1);
    CHECK(std::string(name) == "alice");
    CHECK(std::string(hash) == "$argon2id$v=19$m=65536,t=2,p=1$salt$hash");
    CHECK(PasswordParseLine("CORP\\bob:$argon2id$x\r\n", name, hash) == 1);
    CHECK(std::string(name) == "CORP\\bob");
    CHECK(std::string(hash) == "$argon2id$x");

    for (const char* junk : {"", "\n", "# alice:$argon2id$x", "alice", "alice:", ":$argon2id$x",
                             "alice:$argon2i$v=19$x", "alice:plaintext", "al ice:$argon2id$x", "alice:$argon2id$"}) {
        CAPTURE(junk);
        CHECK(PasswordParseLine(junk, name, hash) == 0);
        CHECK(name[0] == '\0');
    }
    std::string long_hash = "alice:$argon2id$" + std::string(PASSWORD_HASH_MAX, 'h');
    CHECK(PasswordParseLine(long_hash.c_str(), name, hash) == 0);
}

TEST_CASE("the dummy hash costs what a real hash costs") {
    REQUIRE(sodium_init() >= 0);
    CHECK(std::string_view(g_szPasswordDummyHash).substr(0, 10) == "$argon2id$");
    // Same algorithm and limits as the hashes rasshost-passwd writes.
    CHECK(crypto_pwhash_str_needs_rehash(g_szPasswordDummyHash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
    std::string fresh = hash_of("pw");
    CHECK(crypto_pwhash_str_needs_rehash(fresh.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0);
    CHECK(fresh.substr(0, fresh.find("$", 30)) ==
          std::string(g_szPasswordDummyHash).substr(0, std::string(g_szPasswordDummyHash).find("$", 30)));
}

TEST_CASE("lookup and check against a file") {
    TempDir dir;
    const auto file = dir / "passwords.txt";
    const std::string alice = hash_of("correct horse");
    const std::string bob = hash_of("battery staple");
    write_file(file, "# users\n"
                     "\n"
                     "alice:" + alice + "\n"
                     "CORP\\bob:" + bob + "\r\n"
                     "x:" + std::string(600, 'z') + "\n"   // overlong, skipped
                     "alice:" + bob + "\n"                  // a duplicate: the first line wins
                     "carol:$argon2id$garbage");            // no final newline, bad hash

    char hash[PASSWORD_HASH_MAX];
    CHECK(PasswordFileLookup(file.c_str(), "alice", hash) == PASSWORD_FOUND);
    CHECK(std::string(hash) == alice);
    CHECK(PasswordFileLookup(file.c_str(), "CORP\\bob", hash) == PASSWORD_FOUND);
    CHECK(std::string(hash) == bob);
    CHECK(PasswordFileLookup(file.c_str(), "bob", hash) == PASSWORD_NOT_FOUND);
    CHECK(hash[0] == '\0');
    CHECK(PasswordFileLookup(file.c_str(), "x", hash) == PASSWORD_NOT_FOUND);
    CHECK(PasswordFileLookup(file.c_str(), "carol", hash) == PASSWORD_FOUND);
    CHECK(PasswordFileLookup((dir / "missing").c_str(), "alice", hash) == PASSWORD_FILE_ERROR);

    int known = -1;
    CHECK(check(file, "alice", "correct horse", &known) == PASSWORD_MATCH);
    CHECK(known == 1);
    CHECK(check(file, "alice", "battery staple", &known) == PASSWORD_MISMATCH);
    CHECK(known == 1);
    CHECK(check(file, "CORP\\bob", "battery staple", &known) == PASSWORD_MATCH);
    CHECK(check(file, "Alice", "correct horse", &known) == PASSWORD_MISMATCH);  // case-sensitive
    CHECK(known == 0);
    CHECK(check(file, "mallory", "correct horse", &known) == PASSWORD_MISMATCH);
    CHECK(known == 0);
    CHECK(check(file, "bad name", "correct horse", &known) == PASSWORD_MISMATCH);
    CHECK(known == 0);
    CHECK(check(file, "alice", "", &known) == PASSWORD_MISMATCH);
    CHECK(check(file, "carol", "anything", &known) == PASSWORD_MISMATCH);
    CHECK(check(dir / "missing", "alice", "correct horse") == PASSWORD_FILE_ERROR);
}

TEST_CASE("an unknown user takes as long as a wrong password") {
    TempDir dir;
    const auto file = dir / "passwords.txt";
    write_file(file, "alice:" + hash_of("secret") + "\n");
    // Rounds alternate the two cases so load from other tests hits both;
    // the fastest of each is compared. Without the dummy verification an
    // unknown user would take microseconds against Argon2id's ~100 ms, so a
    // generous bound still catches the leak while tolerating a busy machine.
    auto time_of = [&](const char* name) {
        auto start = std::chrono::steady_clock::now();
        CHECK(check(file, name, "wrong") == PASSWORD_MISMATCH);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    double wrong_password = 1e9, unknown_user = 1e9;
    for (int round = 0; round < 5; ++round) {
        wrong_password = std::min(wrong_password, time_of("alice"));
        unknown_user = std::min(unknown_user, time_of("mallory"));
    }
    CAPTURE(wrong_password);
    CAPTURE(unknown_user);
    CHECK(unknown_user > wrong_password * 0.25);
    CHECK(unknown_user < wrong_password * 4.0);
}

TEST_CASE("the file comes from RASSHOST_PASSWORD_FILE, else passwords.txt in the configuration directory") {
    // /etc/rasshost/ in a /usr build, as a service reads it (examples/CMakeLists.txt)
    const std::string fallback = std::string(RASSHOST_EXAMPLE_CONFIG_DIR) + "passwords.txt";
    CHECK(fallback.starts_with("/"));
    CHECK(fallback.ends_with("/rasshost/passwords.txt"));
    unsetenv(PASSWORD_FILE_ENV);
    CHECK(std::string(PasswordFilePath()) == fallback);
    setenv(PASSWORD_FILE_ENV, "", 1);
    CHECK(std::string(PasswordFilePath()) == fallback);
    setenv(PASSWORD_FILE_ENV, "/etc/rasshost/passwords", 1);
    CHECK(std::string(PasswordFilePath()) == "/etc/rasshost/passwords");
    unsetenv(PASSWORD_FILE_ENV);
}

TEST_CASE("a password file that others may write, or that another user owns, is refused (StrictModes)") {
    TempDir dir;
    const auto file = dir / "passwords.txt";
    write_file(file, "alice:" + hash_of("s3cret") + "\n");
    CHECK(check_file(file).first == PASSWORD_MATCH);
    for (mode_t mode : {0600, 0640, 0644, 0400}) {
        CAPTURE(mode);
        REQUIRE(chmod(file.c_str(), mode) == 0);
        CHECK(check_file(file).first == PASSWORD_MATCH);
    }
    for (mode_t mode : {0620, 0602, 0664, 0666}) {
        CAPTURE(mode);
        REQUIRE(chmod(file.c_str(), mode) == 0);
        const auto [result, why] = check_file(file);
        CHECK(result == PASSWORD_FILE_UNSAFE);
        CHECK(why.find("writable by group or others") != std::string::npos);
    }
    REQUIRE(chmod(file.c_str(), 0600) == 0);

    // Not a regular file.
    auto [result, why] = check_file(dir / "");
    CHECK(result == PASSWORD_FILE_UNSAFE);
    CHECK(why.find("not a regular file") != std::string::npos);
    // A missing file is an error, not a safety problem.
    CHECK(check_file(dir / "missing").first == PASSWORD_FILE_ERROR);

    // Owned by someone else (only root can give a file away).
    if (geteuid() == 0) {
        REQUIRE(chown(file.c_str(), 65534, static_cast<gid_t>(-1)) == 0);
        std::tie(result, why) = check_file(file);
        CHECK(result == PASSWORD_FILE_UNSAFE);
        CHECK(why.find("owned by uid 65534") != std::string::npos);
    } else {
        MESSAGE("not root: the owner check is tested only when run as root");
    }
}

TEST_CASE("rasshost-passwd adds users, replaces a password in place, keeps other lines") {
    TempDir dir;
    const auto file = dir / "passwords.txt";

    REQUIRE(run_passwd(file, "alice", "first\n") == 0);
    struct stat st {};
    REQUIRE(stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);  // a new file is private
    CHECK(check(file, "alice", "first") == PASSWORD_MATCH);

    // Comments survive; a second user is appended.
    write_file(file, "# managed by rasshost-passwd\n" + read_file(file));
    REQUIRE(run_passwd(file, "CORP\\bob", "bobs password\r\n") == 0);
    CHECK(check(file, "CORP\\bob", "bobs password") == PASSWORD_MATCH);

    // Replacing alice keeps the order and the other lines.
    REQUIRE(chmod(file.c_str(), 0640) == 0);
    REQUIRE(run_passwd(file, "alice", "second") == 0);  // no newline at EOF is fine
    CHECK(check(file, "alice", "second") == PASSWORD_MATCH);
    CHECK(check(file, "alice", "first") == PASSWORD_MISMATCH);
    CHECK(check(file, "CORP\\bob", "bobs password") == PASSWORD_MATCH);
    REQUIRE(stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);  // an existing file keeps its mode

    const std::string text = read_file(file);
    CHECK(text.rfind("# managed by rasshost-passwd\nalice:$argon2id$", 0) == 0);
    CHECK(text.find("\nCORP\\bob:$argon2id$") != std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    // No temporary file is left behind.
    CHECK(std::distance(fs::directory_iterator(dir / ""), fs::directory_iterator()) == 1);
}

TEST_CASE("rasshost-passwd refuses bad input and leaves the file alone") {
    TempDir dir;
    const auto file = dir / "passwords.txt";
    REQUIRE(run_passwd(file, "alice", "pw\n") == 0);
    const std::string before = read_file(file);

    CHECK(run_passwd(file, "bad:name", "pw\n") == 64);
    CHECK(run_passwd(file, "bad name", "pw\n") == 64);
    CHECK(run_passwd(shell_quote(file.string()), "pw\n") == 64);  // USER missing
    CHECK(run_passwd(file, "bob", "") == 1);                        // no password
    CHECK(run_passwd(file, "bob", "\n") == 1);                      // empty password
    CHECK(run_passwd(file, "bob", std::string(PASSWORD_MAX + 1, 'p') + "\n") == 1);
    CHECK(run_passwd(dir / "no-such-dir" / "passwords.txt", "bob", "pw\n") == 1);
    CHECK(read_file(file) == before);
    CHECK(std::distance(fs::directory_iterator(dir / ""), fs::directory_iterator()) == 1);
}
