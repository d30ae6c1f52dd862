// The password example's hashes (examples/password/password_hash.h):
// Argon2id from libsodium on POSIX, PBKDF2-HMAC-SHA256 from CNG on Windows.
#include <doctest/doctest.h>

#include "password_hash.h"

#include <string>
#include <string_view>

namespace {

const std::string_view prefix = g_szPasswordHashPrefix;

bool verifies(const std::string& hash, std::string_view password) {
    const int result = PasswordHashVerify(hash.c_str(), password.data(), password.size());
    REQUIRE(result >= 0);
    return result == 1;
}

std::string hash_of(std::string_view password) {
    char hash[PASSWORD_HASH_MAX];
    REQUIRE(PasswordHash(password.data(), password.size(), hash) == 0);
    return hash;
}

// Written by another implementation (Python's hashlib.pbkdf2_hmac, and
// libsodium's crypto_pwhash_str): the password is "s3cret".
const std::string argon2id_s3cret =
    "$argon2id$v=19$m=65536,t=2,p=1$0Erbnkb1OGzC2Cbf+ZKRcA$8pIHbJi5CE8rbX36Ch2rjb5Y/b3nv/tJAbMmHwpk4Hk";
const std::string pbkdf2_s3cret =
    "$pbkdf2-sha256$i=600000$plQ1Nq8Dao2BbTEZc1VszA==$ZbivXxf0xQjKvvvEpU5onmV0b5KPC8k52m3VFU/mgtE=";

}  // namespace

TEST_CASE("password hash: a new hash verifies its password only, and salts differ") {
    const std::string hash = hash_of("s3cret");
    CHECK(hash.rfind(prefix, 0) == 0);
    CHECK(hash.size() < PASSWORD_HASH_MAX);
    CHECK(verifies(hash, "s3cret"));
    CHECK_FALSE(verifies(hash, "s3cre"));
    CHECK_FALSE(verifies(hash, "s3cret "));
    CHECK_FALSE(verifies(hash, ""));
    CHECK(hash_of("s3cret") != hash);  // a fresh salt each time
}

TEST_CASE("password hash: a password with NUL and high bytes is hashed whole") {
    const std::string password("a\0b\xff", 4);
    const std::string hash = hash_of(password);
    CHECK(verifies(hash, password));
    CHECK_FALSE(verifies(hash, std::string_view("a", 1)));
}

TEST_CASE("password hash: another implementation's hash of this platform's kind verifies, the other kind never") {
    const bool pbkdf2 = prefix == "$pbkdf2-sha256$";
    const std::string& ours = pbkdf2 ? pbkdf2_s3cret : argon2id_s3cret;
    const std::string& theirs = pbkdf2 ? argon2id_s3cret : pbkdf2_s3cret;
    CHECK(verifies(ours, "s3cret"));
    CHECK_FALSE(verifies(ours, "S3cret"));
    CHECK_FALSE(verifies(theirs, "s3cret"));
}

TEST_CASE("password hash: malformed hashes are a mismatch, never a crash or a match") {
    const std::string good = hash_of("pw");
    for (const std::string& bad :
         {std::string(), std::string(prefix.substr(0, 3)), std::string(prefix), good.substr(0, good.size() / 2),
          good.substr(0, good.size() - 1), good + "$", good + "A", std::string(PASSWORD_HASH_MAX * 2, '$'),
          std::string("$pbkdf2-sha256$i=0$plQ1Nq8Dao2BbTEZc1VszA==$ZbivXxf0xQjKvvvEpU5onmV0b5KPC8k52m3VFU/mgtE="),
          std::string("$pbkdf2-sha256$i=99999999999$c2FsdA==$ZbivXxf0xQjKvvvEpU5onmV0b5KPC8k52m3VFU/mgtE="),
          std::string("$pbkdf2-sha256$i=1000$$ZbivXxf0xQjKvvvEpU5onmV0b5KPC8k52m3VFU/mgtE="),
          std::string("$pbkdf2-sha256$i=1000$c2 FsdA==$ZbivXxf0xQjKvvvEpU5onmV0b5KPC8k52m3VFU/mgtE="),
          std::string("$pbkdf2-sha256$i=1000$c2FsdA==$c2hvcnQ=")}) {
        CAPTURE(bad);
        CHECK(PasswordHashVerify(bad.c_str(), "pw", 2) == 0);
    }
    CHECK(PasswordHashVerify(nullptr, "pw", 2) == 0);
}

TEST_CASE("password hash: the dummy hash for unknown users is of this platform's kind and cost") {
    const std::string dummy = g_szPasswordDummyHash;
    CHECK(dummy.rfind(prefix, 0) == 0);
    const std::string fresh = hash_of("x");
    // Same parameters: everything before the salt is equal.
    const auto parameters = [](const std::string& hash) { return hash.substr(0, hash.rfind('$', hash.rfind('$') - 1)); };
    CHECK(parameters(dummy) == parameters(fresh));
    CHECK_FALSE(verifies(dummy, ""));
}
