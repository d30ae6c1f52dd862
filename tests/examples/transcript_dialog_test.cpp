// Secrets in transcripts: the example DLLs (password, totp, callback) under a
// host with a transcript, answered pasted in one write, typed ahead of their
// prompt and byte by byte. Whatever the timing, no password, token code or
// callback number reaches the transcript by default, in either direction;
// `TranscriptInput::plain` records input as typed.
#include "example_dialogs.hpp"

#include "password_file.h"
#include "totp_core.h"

#include <ctime>
#include <mutex>
#include <vector>

using namespace example_test;

namespace {

// A transcript as the host hands it out, direction by direction.
struct Transcript {
    std::mutex mutex;
    std::string received;  // from the remote user
    std::string sent;      // from the DLL
    std::string both;      // interleaved as recorded

    rasshost::HostOptions options(std::size_t receive_buffer_size = 1500,
                                  rasshost::TranscriptInput input = rasshost::TranscriptInput::masked) {
        auto o = example_test::options(receive_buffer_size);
        o.transcript_input = input;
        o.on_transcript = [this](HPORT, bool from_remote, std::string_view bytes) {
            std::lock_guard lock(mutex);
            (from_remote ? received : sent) += bytes;
            both += bytes;
        };
        return o;
    }
    // `secret` is nowhere: not in what was received, not in what was sent.
    void check_absent(std::string_view secret) {
        std::lock_guard lock(mutex);
        INFO("received: ", received);
        INFO("sent: ", sent);
        CHECK(received.find(secret) == std::string::npos);
        CHECK(sent.find(secret) == std::string::npos);
        CHECK(both.find(secret) == std::string::npos);
    }
    std::string sent_text() {
        std::lock_guard lock(mutex);
        return sent;
    }
    std::string received_text() {
        std::lock_guard lock(mutex);
        return received;
    }
};

void send_bytewise(RemoteUser& user, std::string_view text) {
    for (char c : text) user.send(std::string(1, c));
}

// Argon2id here, PBKDF2 under Wine: see password_dialog_test.cpp.
constexpr auto hashing = 30s;

struct PasswordSetup {
    TempDir dir;
    PasswordSetup() {
        char hash[PASSWORD_HASH_MAX];
        REQUIRE(PasswordHash("s3cret", 6, hash) == 0);
        write_file(dir / "passwords.txt", "alice:" + std::string(hash) + "\n");
        rasshost::test::set_environment(PASSWORD_FILE_ENV, (dir / "passwords.txt").string());
        set_line_timeout(20);
    }
};

const std::string rfc_seed = "12345678901234567890";

struct TotpSetup {
    TempDir dir;
    TotpSetup() {
        write_file(dir / "totp-secrets.txt", "alice:GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");
        rasshost::test::set_environment("RASSHOST_TOTP_FILE", (dir / "totp-secrets.txt").string());
        set_line_timeout(20);
        // At least 5 s left in this time step, so that the code stays good.
        while (std::time(nullptr) % TOTP_STEP >= TOTP_STEP - 5) std::this_thread::sleep_for(100ms);
    }
    static std::string code() {
        std::uint32_t value = 0;
        REQUIRE(TotpCode(reinterpret_cast<const unsigned char*>(rfc_seed.data()), rfc_seed.size(),
                         static_cast<std::uint64_t>(std::time(nullptr)), TOTP_T0, TOTP_STEP, TOTP_DIGITS,
                         &value) == 0);
        char text[TOTP_DIGITS + 1];
        TotpFormat(value, TOTP_DIGITS, text);
        return text;
    }
};

struct CallbackSetup {
    TempDir dir;
    CallbackSetup() {
        write_file(dir / "callback-numbers.txt", "+1 555-0100 199\n");
        rasshost::test::set_environment("RASSHOST_CALLBACK_LIST", (dir / "callback-numbers.txt").string());
        set_line_timeout(20);
    }
};

}  // namespace

TEST_CASE("transcript: a pasted name and password never show the password") {
    PasswordSetup setup;
    Transcript transcript;
    TestHost host(dll_path("password_security"), transcript.options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\rs3cret\r");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("s3cret");
    transcript.check_absent("alice");  // every typed byte is masked, the name too
    CHECK(transcript.received_text() == "*****\r******\r");
    CHECK(transcript.sent_text().find("Username: *****\r\n") != std::string::npos);
    // The password was never echoed: it masks none of what the DLL says next.
    CHECK(transcript.sent_text().find("Password: \r\nWelcome.\r\n") != std::string::npos);
}

TEST_CASE("transcript: a password typed ahead of its prompt never shows") {
    PasswordSetup setup;
    Transcript transcript;
    TestHost host(dll_path("password_security"), transcript.options());
    auto user = host.connect();
    user.expect("Username: ");
    user.send("alice\rwrong\r");
    // Typed while the wrong one is being checked, before the next prompt.
    user.send("alice\rs3cret\r");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("s3cret");
    transcript.check_absent("wrong");
}

TEST_CASE("transcript: a password typed byte by byte never shows") {
    PasswordSetup setup;
    Transcript transcript;
    TestHost host(dll_path("password_security"), transcript.options(1));
    auto user = host.connect();
    user.expect("Username: ");
    send_bytewise(user, "alice\r");
    user.expect("Password: ");
    send_bytewise(user, "s3cret\r");
    user.expect("Welcome.", hashing);
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("s3cret");
    for (char c : std::string("s3cret")) CHECK(transcript.received_text().find(c) == std::string::npos);
    CHECK(transcript.sent_text().find("Password: \r\nWelcome.\r\n") != std::string::npos);
}

TEST_CASE("transcript: a pasted token code never shows") {
    TotpSetup setup;
    Transcript transcript;
    TestHost host(dll_path("totp_security"), transcript.options());
    auto user = host.connect();
    const auto code = TotpSetup::code();
    user.expect("Username: ");
    user.send("alice\r" + code + "\r");
    user.expect("Welcome.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent(code);
}

TEST_CASE("transcript: a token code typed ahead of its prompt never shows") {
    TotpSetup setup;
    Transcript transcript;
    TestHost host(dll_path("totp_security"), transcript.options());
    auto user = host.connect();
    const auto code = TotpSetup::code();
    user.expect("Username: ");
    user.send("alice\r000000\r");
    user.send("alice\r" + code + "\r");  // before the second "Username: "
    user.expect("Welcome.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent(code);
}

TEST_CASE("transcript: a token code typed byte by byte, with a backspace, never shows") {
    TotpSetup setup;
    Transcript transcript;
    TestHost host(dll_path("totp_security"), transcript.options(1));
    auto user = host.connect();
    const auto code = TotpSetup::code();
    user.expect("Username: ");
    send_bytewise(user, "alice\r");
    user.expect("Token code: ");
    send_bytewise(user, "9\x7f" + code + "\r");
    user.expect("Welcome.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent(code);
}

TEST_CASE("transcript: a pasted callback number, though the DLL echoes it, never shows") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options());
    auto user = host.connect();
    user.expect("Callback number: ");
    user.send("+1 555-0100 199\r");
    user.expect("Calling you back at +15550100199.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("555-0100");
    transcript.check_absent("5550100199");
    transcript.check_absent("0100");
}

TEST_CASE("transcript: a callback number typed ahead of its prompt never shows") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options());
    auto user = host.connect();
    user.expect("Callback number: ");
    user.send("4711\r");                 // not listed
    user.send("+15550100199\r");         // before the second prompt
    user.expect("Calling you back at +15550100199.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("5550100199");
    transcript.check_absent("4711");
    CHECK(transcript.sent_text().find("Number not allowed.\r\nCallback number: ") != std::string::npos);
}

TEST_CASE("transcript: a callback number pasted after a refused one, echoed after the DLL's complaint, never shows") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options());
    auto user = host.connect();
    user.expect("Callback number: ");
    user.send("4711\r+15550100199\r");  // one write: the DLL may receive both lines at once
    user.expect("Calling you back at +15550100199.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("5550100199");
    transcript.check_absent("4711");
    const auto sent = transcript.sent_text();
    INFO("sent: ", sent);
    CHECK(sent.find("Number not allowed.\r\nCallback number: ************\r\n") != std::string::npos);
}

TEST_CASE("transcript: a callback number sent at connect, before any prompt, never shows") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options());
    auto user = host.connect();
    user.send("+15550100199\r");
    user.expect("Callback number: ");
    try {
        user.expect("Calling you back", 3s);
    } catch (const rasshost::test::ExpectationFailed&) {
        user.send("+15550100199\r");  // a host that drops input typed before Begin dropped it
        user.expect("Calling you back");
    }
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("5550100199");
}

TEST_CASE("transcript: a callback number typed byte by byte, with typos erased, never shows") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options(1));
    auto user = host.connect();
    user.expect("Callback number: ");
    send_bytewise(user, "+1 555 0100 1xy\b\x7f" "99\r");
    user.expect("Calling you back at +15550100199.");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    transcript.check_absent("5550100199");
    transcript.check_absent("0100");
    transcript.check_absent("555");
    // The DLL's rubouts still show, so the line's editing can be followed.
    CHECK(transcript.sent_text().find("\b \b") != std::string::npos);
}

TEST_CASE("transcript: plain input (a debugging opt-in) records what was typed") {
    CallbackSetup setup;
    Transcript transcript;
    TestHost host(dll_path("callback_security"), transcript.options(1500, rasshost::TranscriptInput::plain));
    auto user = host.connect();
    user.expect("Callback number: ");
    user.send("+1 555-0100 199\r");
    user.expect("Calling you back");
    CHECK(host.wait_outcome().verdict == Verdict::success);
    CHECK(transcript.received_text() == "+1 555-0100 199\r");
    CHECK(transcript.sent_text().find("Callback number: +1 555-0100 199\r\n") != std::string::npos);
}
