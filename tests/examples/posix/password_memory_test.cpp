// The password example DLL under many callers at once: each Argon2id check
// takes its hash's memory (m= in the hash, 64 MiB at rasshost-passwd's
// cost), so the DLL runs at most RASSHOST_PASSWORD_MAX_CHECKS of them at
// once (default: the number of CPUs) and the others wait. 120 callers who
// submit their password together must keep the peak RSS under
// (checks at once x hash memory) + 64 MiB.
//
// Memory is the peak RSS of this whole test process (VmHWM), reset through
// /proc/self/clear_refs once every caller waits at "Password: ". The file's
// hash is made here at 16 MiB, so the test stays quick on 2 cores; the
// figure in docs/hardening.md, at rasshost-passwd's 64 MiB, by hand:
//   RASSHOST_TEST_ARGON2_MIB=64 build/tests/password_memory_test -s
// Under ASan/TSan RSS is meaningless: the figure is printed, not checked.
#include "../example_dialogs.hpp"
#include "support/process_memory.hpp"
#include "support/sanitizers.hpp"

#include "password_file.h"

#include <sodium.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

using namespace example_test;

namespace {

using process_memory::MiB;

// An Argon2id hash of `password` that takes `mib` MiB to check.
std::string hash_of(std::string_view password, unsigned mib) {
    char hash[crypto_pwhash_STRBYTES];
    REQUIRE(sodium_init() >= 0);
    REQUIRE(crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                                  static_cast<std::size_t>(mib) * MiB, crypto_pwhash_ALG_ARGON2ID13) == 0);
    return hash;
}

// The memory one check of `hash` takes: its m= parameter, in KiB.
std::uint64_t hash_memory(const std::string& hash) {
    const auto at = hash.find("$m=");
    REQUIRE(at != std::string::npos);
    return std::stoull(hash.substr(at + 3)) * 1024;
}

unsigned test_hash_mib() {
    const char* text = std::getenv("RASSHOST_TEST_ARGON2_MIB");
    const unsigned mib = text != nullptr ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : 16;
    return mib >= 1 && mib <= 1024 ? mib : 16;
}

}  // namespace

TEST_CASE("password: 120 simultaneous submissions stay within (checks at once x hash memory) + 64 MiB") {
    constexpr int callers = 120;
    TempDir dir;
    const std::string hash = hash_of("s3cret", test_hash_mib());
    // 120 users (the lockout allows a user only a few tries in flight),
    // all with the same hash of "s3cret".
    std::string file;
    for (int i = 0; i < callers; ++i) file += "user" + std::to_string(i) + ":" + hash + "\n";
    write_file(dir / "passwords.txt", file);
    rasshost::test::set_environment(PASSWORD_FILE_ENV, (dir / "passwords.txt").string());
    set_line_timeout(120);
    rasshost::test::set_environment("RASSHOST_PASSWORD_MAX_CHECKS", "");  // the default: one per CPU
    const std::uint64_t checks = std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t bound = checks * hash_memory(hash) + 64 * MiB;

    TestHost host(dll_path("password_security"), options());
    std::vector<RemoteUser> users;
    for (int i = 0; i < callers; ++i) users.push_back(host.connect());
    for (int i = 0; i < callers; ++i) {
        users[i].expect("Username: ");
        users[i].send("user" + std::to_string(i) + "\r");
    }
    for (auto& user : users) user.expect("Password: ");

    process_memory::reset_peak();
    const auto started = std::chrono::steady_clock::now();
    for (auto& user : users) user.send("s3cret\r");
    for (auto& user : users) user.expect("Welcome.", 50s);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::uint64_t peak = process_memory::peak();
    for (int i = 0; i < callers; ++i) CHECK(host.wait_outcome(30s).verdict == Verdict::success);

    MESSAGE(callers << " submissions, hash " << hash_memory(hash) / MiB << " MiB, " << checks
                    << " checks at once allowed: peak RSS " << peak / MiB << " MiB (bound " << bound / MiB
                    << " MiB), all checked in " << seconds << " s"
                    << std::string(test_build::sanitized ? " (sanitizer build: not checked)" : ""));
    if (!test_build::sanitized) CHECK(peak < bound);
}
