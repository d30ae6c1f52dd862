// The TOTP example's core (examples/totp/totp_core.c): RFC 4648 base32
// decoding, RFC 4226 HOTP and RFC 6238 TOTP with HMAC-SHA1, verification
// with a skew window.
#include <doctest/doctest.h>

#include "totp_core.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

const std::string rfc_secret = "12345678901234567890";  // RFC 4226 / RFC 6238 SHA1 seed

const unsigned char* key_bytes() { return reinterpret_cast<const unsigned char*>(rfc_secret.data()); }

// Decodes or returns nullopt-like {false, {}}.
struct Decoded {
    bool ok;
    std::string bytes;
};

Decoded decode(std::string_view text, std::size_t capacity = 256) {
    std::vector<unsigned char> out(capacity + 1, 0xAA);
    std::size_t length = 12345;
    int rc = TotpBase32Decode(text.data(), text.size(), out.data(), capacity, &length);
    REQUIRE(out[capacity] == 0xAA);  // never writes past the capacity
    if (rc != 0) {
        CHECK(length == 0);
        return {false, {}};
    }
    REQUIRE(length <= capacity);
    return {true, std::string(reinterpret_cast<const char*>(out.data()), length)};
}

std::string code_string(std::uint32_t code, unsigned digits) {
    std::string text(digits + 1, '\0');
    TotpFormat(code, digits, text.data());
    text.resize(digits);
    return text;
}

}  // namespace

TEST_CASE("base32: RFC 4648 section 10 vectors, padded and unpadded") {
    struct Vector {
        std::string_view plain, padded, unpadded;
    };
    const Vector vectors[] = {
        {"", "", ""},
        {"f", "MY======", "MY"},
        {"fo", "MZXQ====", "MZXQ"},
        {"foo", "MZXW6===", "MZXW6"},
        {"foob", "MZXW6YQ=", "MZXW6YQ"},
        {"fooba", "MZXW6YTB", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI======", "MZXW6YTBOI"},
    };
    for (const auto& v : vectors) {
        CAPTURE(v.padded);
        auto padded = decode(v.padded);
        CHECK(padded.ok);
        CHECK(padded.bytes == v.plain);
        auto unpadded = decode(v.unpadded);
        CHECK(unpadded.ok);
        CHECK(unpadded.bytes == v.plain);
    }
}

TEST_CASE("base32: lowercase letters are accepted") {
    auto lower = decode("mzxw6ytboi");
    CHECK(lower.ok);
    CHECK(lower.bytes == "foobar");
    CHECK(decode("MzXw6YtBoI======").bytes == "foobar");
}

TEST_CASE("base32: the RFC 6238 seed round-trips from its usual encoding") {
    auto key = decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    CHECK(key.ok);
    CHECK(key.bytes == rfc_secret);
}

TEST_CASE("base32: characters outside the alphabet are rejected") {
    for (std::string_view bad : {"MZXW6YT0", "MZXW6YT1", "MZXW6YT8", "MZXW6YT9", "MZXW 6YTB", "MZXW6YTB\n",
                                 "MZXW-6YTB", "MZXW6YT!", "MZXW6YT@"}) {
        CAPTURE(bad);
        CHECK_FALSE(decode(bad).ok);
    }
    // A NUL inside the given length is a bad character too.
    CHECK_FALSE(decode(std::string_view("MZ\0W6YTB", 8)).ok);
}

TEST_CASE("base32: bad padding is rejected") {
    for (std::string_view bad : {
             "MY=====",           // padded, but not a multiple of 8
             "MY=======",         // too much padding
             "MZXW6YTB========",  // a whole block of padding
             "MY==MY==",          // data after padding
             "MY=A====",          // data inside padding
             "=MY=====",          // padding first
             "========",          // only padding
             "MZXW6YQ==",         // right data, wrong padding length
         }) {
        CAPTURE(bad);
        CHECK_FALSE(decode(bad).ok);
    }
}

TEST_CASE("base32: impossible lengths and non-canonical trailing bits are rejected") {
    // 1, 3 and 6 characters (mod 8) cannot come from any byte string.
    CHECK_FALSE(decode("M").ok);
    CHECK_FALSE(decode("MZX").ok);
    CHECK_FALSE(decode("MZXW6Y").ok);
    CHECK_FALSE(decode("M=======").ok);
    CHECK_FALSE(decode("MZXW6Y==").ok);
    // "MY" is 'f' with four zero bits; "MZ" sets one of them.
    CHECK(decode("MY").ok);
    CHECK_FALSE(decode("MZ").ok);
    CHECK_FALSE(decode("MZXR").ok);    // "fo" is MZXQ
    CHECK_FALSE(decode("MZXW7").ok);   // "foo" is MZXW6
    CHECK_FALSE(decode("MZXW6YR").ok); // "foob" is MZXW6YQ
}

TEST_CASE("base32: output that does not fit is rejected, exact fit is accepted") {
    CHECK(decode("MZXW6YTBOI", 6).ok);
    CHECK_FALSE(decode("MZXW6YTBOI", 5).ok);
    CHECK_FALSE(decode("MY", 0).ok);
    // Overlong for the TOTP key limit: 65 bytes is 104 characters.
    std::string overlong(104, 'A');
    CHECK(decode(overlong, 65).ok);
    CHECK_FALSE(decode(overlong, TOTP_KEY_MAX).ok);
}

TEST_CASE("HOTP: RFC 4226 Appendix D values") {
    const std::uint32_t expected[] = {755224, 287082, 359152, 969429, 338314,
                                      254676, 287922, 162583, 399871, 520489};
    for (std::uint64_t counter = 0; counter < 10; ++counter) {
        CAPTURE(counter);
        std::uint32_t code = 0;
        REQUIRE(TotpHotp(key_bytes(), rfc_secret.size(), counter, 6, &code) == 0);
        CHECK(code == expected[counter]);
        CHECK(code_string(code, 6) == code_string(expected[counter], 6));
    }
}

TEST_CASE("HOTP: argument checks") {
    std::uint32_t code = 0;
    CHECK(TotpHotp(key_bytes(), 0, 0, 6, &code) == -1);
    CHECK(TotpHotp(nullptr, 20, 0, 6, &code) == -1);
    CHECK(TotpHotp(key_bytes(), 20, 0, 0, &code) == -1);
    CHECK(TotpHotp(key_bytes(), 20, 0, 10, &code) == -1);
    std::vector<unsigned char> big(TOTP_KEY_MAX + 1, 1);
    CHECK(TotpHotp(big.data(), big.size(), 0, 6, &code) == -1);
    CHECK(TotpHotp(big.data(), TOTP_KEY_MAX, 0, 6, &code) == 0);
}

TEST_CASE("TOTP: RFC 6238 Appendix B SHA1 values, 8 digits and truncated to 6") {
    struct Vector {
        std::uint64_t time;
        std::uint64_t counter;
        std::string_view eight;
    };
    const Vector vectors[] = {
        {59, 0x1, "94287082"},
        {1111111109, 0x23523EC, "07081804"},
        {1111111111, 0x23523ED, "14050471"},
        {1234567890, 0x273EF07, "89005924"},
        {2000000000, 0x3F940AA, "69279037"},
        {20000000000, 0x27BC86AA, "65353130"},
    };
    for (const auto& v : vectors) {
        CAPTURE(v.time);
        std::uint64_t counter = 0;
        REQUIRE(TotpCounter(v.time, 0, 30, &counter) == 0);
        CHECK(counter == v.counter);

        std::uint32_t code = 0;
        REQUIRE(TotpCode(key_bytes(), rfc_secret.size(), v.time, 0, 30, 8, &code) == 0);
        CHECK(code_string(code, 8) == v.eight);
        REQUIRE(TotpCode(key_bytes(), rfc_secret.size(), v.time, 0, 30, 6, &code) == 0);
        CHECK(code_string(code, 6) == v.eight.substr(2));
    }
}

TEST_CASE("TOTP: counter edges") {
    std::uint64_t counter = 99;
    CHECK(TotpCounter(29, 0, 30, &counter) == 0);
    CHECK(counter == 0);
    CHECK(TotpCounter(30, 0, 30, &counter) == 0);
    CHECK(counter == 1);
    CHECK(TotpCounter(100, 40, 30, &counter) == 0);
    CHECK(counter == 2);
    CHECK(TotpCounter(39, 40, 30, &counter) == -1);
    CHECK(TotpCounter(100, 0, 0, &counter) == -1);
}

TEST_CASE("TOTP: format keeps leading zeros") {
    CHECK(code_string(0, 6) == "000000");
    CHECK(code_string(81804, 6) == "081804");
    CHECK(code_string(7081804, 8) == "07081804");
}

TEST_CASE("TOTP verify: the current step and one step either side, nothing further") {
    const std::uint64_t now = 1111111111;  // counter 0x23523ED, code 050471
    std::uint64_t matched = 0;
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), now, "050471", &matched) == 1);
    CHECK(matched == 0x23523ED);

    for (int delta : {-2, -1, 1, 2}) {
        CAPTURE(delta);
        std::uint64_t counter = 0x23523ED + static_cast<std::int64_t>(delta);
        std::uint32_t code = 0;
        REQUIRE(TotpHotp(key_bytes(), rfc_secret.size(), counter, 6, &code) == 0);
        int expected = (delta == -1 || delta == 1) ? 1 : 0;
        matched = 0;
        CHECK(TotpVerify(key_bytes(), rfc_secret.size(), now, code_string(code, 6).c_str(), &matched) == expected);
        if (expected == 1) CHECK(matched == counter);
    }
}

TEST_CASE("TOTP verify: typed text must be exactly six digits") {
    std::uint64_t matched = 0;
    const std::uint64_t now = 1111111111;
    for (const char* typed : {"", "05047", "0504711", "050471 ", " 050471", "05047a", "+50471", "５0471"}) {
        CAPTURE(typed);
        CHECK(TotpVerify(key_bytes(), rfc_secret.size(), now, typed, &matched) == 0);
    }
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), now, "050471", &matched) == 1);
}

TEST_CASE("TOTP verify: at the epoch the window does not go below counter 0") {
    std::uint64_t matched = 99;
    // T=59: counter 1 (287082); counter 0 is 755224; counter 2 is 359152.
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), 59, "755224", &matched) == 1);
    CHECK(matched == 0);
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), 10, "755224", &matched) == 1);
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), 10, "287082", &matched) == 1);
    CHECK(matched == 1);
    CHECK(TotpVerify(key_bytes(), rfc_secret.size(), 10, "359152", &matched) == 0);
}
