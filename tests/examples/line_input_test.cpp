// The examples' line reader (examples/common/line_input.c) against a
// scripted stand-in for rasman's Send/Receive/GetInfo: chunking, line ends,
// backspace, type-ahead, bounds, echo, time-out, stop and line drop.
#include <doctest/doctest.h>

#include "line_input.h"

#include <rasshost/raserror.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <thread>

namespace {

// What the fake line does on the next Receive.
struct Step {
    enum Kind { bytes, timeout, hangup, never } kind;
    std::string data;
};

// The remote end: a script of receive outcomes and what was sent.
struct FakeLine {
    std::deque<Step> script;
    std::string sent;
    DWORD last_error = SUCCESS;
    int receives = 0;
    bool receive_pending = false;
};

FakeLine* line_of(HPORT port) { return static_cast<FakeLine*>(port); }

DWORD WINAPI fake_send(HPORT port, PBYTE buffer, WORD length) {
    FakeLine* line = line_of(port);
    if (line->last_error == ERROR_PORT_DISCONNECTED) return ERROR_PORT_DISCONNECTED;
    line->sent.append(reinterpret_cast<const char*>(buffer), length);
    return PENDING;
}

// Completes at once, as a host does when input is queued
// (docs/decisions.md#when-a-receive-completes).
DWORD WINAPI fake_receive(HPORT port, PBYTE buffer, PWORD length, DWORD timeout, HANDLE event) {
    FakeLine* line = line_of(port);
    REQUIRE(timeout > 0);
    REQUIRE(*length > 0);
    ++line->receives;
    if (line->last_error == ERROR_PORT_DISCONNECTED) return ERROR_PORT_DISCONNECTED;
    Step step = line->script.empty() ? Step{Step::never, {}} : line->script.front();
    if (!line->script.empty()) line->script.pop_front();
    switch (step.kind) {
    case Step::bytes: {
        // Deliver what fits; keep the rest for the next receive.
        std::size_t n = std::min<std::size_t>(step.data.size(), *length);
        std::copy_n(step.data.data(), n, buffer);
        if (n < step.data.size()) line->script.push_front({Step::bytes, step.data.substr(n)});
        *length = static_cast<WORD>(n);
        line->last_error = SUCCESS;
        break;
    }
    case Step::timeout:  // a short stand-in for the host's time-out
        Sleep(200);
        *length = 0;
        line->last_error = SUCCESS;
        break;
    case Step::hangup:
        *length = 0;
        line->last_error = ERROR_PORT_DISCONNECTED;
        break;
    case Step::never:
        line->receive_pending = true;
        return PENDING;  // never signalled
    }
    SetEvent(event);
    return PENDING;
}

DWORD WINAPI fake_get_info(HPORT port, RAS_SECURITY_INFO* info) {
    *info = RAS_SECURITY_INFO{};
    info->LastError = line_of(port)->last_error;
    return NO_ERROR;
}

// A LINE_INPUT bound to a FakeLine, with buffers of the given sizes.
struct Fixture {
    FakeLine line;
    std::string send_buffer, receive_buffer;
    HANDLE stop = CreateEventA(nullptr, TRUE, FALSE, nullptr);
    LINE_INPUT li{};

    explicit Fixture(std::size_t send_size = 1500, std::size_t receive_size = 1500)
        : send_buffer(send_size, '\0'), receive_buffer(receive_size, '\0') {
        REQUIRE(stop != nullptr);
        REQUIRE(LineInputOpen(&li, &line, reinterpret_cast<PBYTE>(send_buffer.data()),
                              static_cast<DWORD>(send_size), reinterpret_cast<PBYTE>(receive_buffer.data()),
                              static_cast<DWORD>(receive_size), stop) == NO_ERROR);
        li.pfnSend = fake_send;
        li.pfnReceive = fake_receive;
        li.pfnGetInfo = fake_get_info;
    }
    ~Fixture() {
        LineInputClose(&li);
        CloseHandle(stop);
    }
    void type(std::string_view bytes) { line.script.push_back({Step::bytes, std::string(bytes)}); }
    void type_each_byte(std::string_view bytes) {
        for (char c : bytes) type(std::string_view(&c, 1));
    }
    // Reads one line with a 64-byte buffer; returns {result, line}.
    std::pair<DWORD, std::string> read(const char* prompt = nullptr, DWORD flags = 0, DWORD capacity = 64) {
        std::string buffer(capacity, 'X');
        DWORD result = LineInputRead(&li, prompt, buffer.data(), capacity, flags);
        return {result, std::string(buffer.c_str())};
    }
};

}  // namespace

TEST_CASE("LineInputOpen binds rasman and reads the time-out setting") {
    Fixture f;
    CHECK(f.li.hRasman != nullptr);
    CHECK(f.li.hReceiveEvent != nullptr);
    CHECK(f.li.dwTimeoutSeconds >= 1);
    LINE_INPUT li{};
    BYTE buffer[4];
    CHECK(LineInputOpen(&li, &f.line, nullptr, 4, buffer, 4, f.stop) == ERROR_INVALID_PARAMETER);
    CHECK(LineInputOpen(&li, &f.line, buffer, 4, buffer, 0, f.stop) == ERROR_INVALID_PARAMETER);
    CHECK(LineInputOpen(&li, &f.line, buffer, 4, buffer, 4, nullptr) == ERROR_INVALID_PARAMETER);
}

TEST_CASE("CR, LF and CRLF each end a line, the LF of a CRLF is skipped even across receives") {
    Fixture f;
    f.type("one\r");
    f.type("\ntwo\n");
    f.type("three\r\nfour\r");
    f.type("\n");
    f.type("five\n");
    for (const char* expected : {"one", "two", "three", "four", "five"}) {
        auto [result, text] = f.read();
        CHECK(result == NO_ERROR);
        CHECK(text == expected);
    }
}

TEST_CASE("LF LF is two lines, CR CR is two lines: only CRLF pairs") {
    Fixture f;
    f.type("a\n\nb\r\rc\n\r");
    for (const char* expected : {"a", "", "b", "", "c"}) {
        auto [result, text] = f.read();
        CHECK(result == NO_ERROR);
        CHECK(text == expected);
    }
}

TEST_CASE("input split into single bytes is put back together") {
    Fixture f;
    f.type_each_byte("alice\r\nsecret\r\n");
    CHECK(f.read().second == "alice");
    CHECK(f.read().second == "secret");
    CHECK(f.line.receives == 14);  // the last LF is not needed yet
}

TEST_CASE("type-ahead after a line end stays for the next read") {
    Fixture f;
    f.type("alice\rsecret\r");
    CHECK(f.read("Username: ").second == "alice");
    CHECK(f.read("Password: ").second == "secret");
    CHECK(f.line.receives == 1);
    CHECK(f.line.sent == "Username: \r\nPassword: \r\n");
}

TEST_CASE("a receive buffer smaller than the line: the host keeps the rest") {
    Fixture f(1500, 3);
    f.type("abcdefgh\r");
    CHECK(f.read().second == "abcdefgh");
    CHECK(f.line.receives == 3);
}

TEST_CASE("backspace and DEL erase, erasing an empty line does nothing") {
    Fixture f;
    f.type("ab\bc\x7f" "d\r");
    CHECK(f.read().second == "ad");
    f.type("\b\b\x7fxy\b\r");
    CHECK(f.read().second == "x");
    f.type("q\b\r");
    CHECK(f.read().second == "");
}

TEST_CASE("other control characters are kept as typed, never silently removed") {
    Fixture f;
    f.type("a\x01\x1b[b\tc\x1f\r");
    CHECK(f.read().second == "a\x01\x1b[b\tc\x1f");
    // Backspace erases a control character like any other.
    f.type("x\x01\by\r");
    CHECK(f.read().second == "xy");
}

TEST_CASE("a NUL byte cannot be part of a C string: the line is consumed and reported like an overlong one") {
    Fixture f;
    f.type(std::string("s3c\0ret\rnext\r", 13));
    auto [result, text] = f.read();
    CHECK(result == ERROR_INSUFFICIENT_BUFFER);
    CHECK(text.empty());
    CHECK(f.read() == std::pair<DWORD, std::string>{NO_ERROR, "next"});
    // Erased before the line ends, it is gone.
    f.type(std::string("ab\0\bc\r", 6));
    CHECK(f.read() == std::pair<DWORD, std::string>{NO_ERROR, "abc"});
}

TEST_CASE("CR NUL (telnet's bare CR) ends a line like CRLF, also across receives") {
    Fixture f;
    f.type(std::string("alice\r\0s3cret\r", 14));
    CHECK(f.read().second == "alice");
    CHECK(f.read().second == "s3cret");
    f.type("bob\r");
    f.type(std::string("\0", 1));
    f.type("x\r");
    CHECK(f.read().second == "bob");
    CHECK(f.read().second == "x");
}

TEST_CASE("echo: a control character echoes as ^X and is erased as two columns") {
    Fixture f;
    f.type("a\x1b\x01\bb\r");
    CHECK(f.read("Username: ", LINE_ECHO).second == "a\x1b" "b");
    CHECK(f.line.sent == "Username: a^[^A\b \b\b \bb\r\n");
}

TEST_CASE("echo: only with LINE_ECHO, backspace echoes as BS SP BS") {
    Fixture f;
    f.type("ab\bc\r");
    CHECK(f.read("Username: ", LINE_ECHO).second == "ac");
    CHECK(f.line.sent == "Username: ab\b \bc\r\n");
    f.line.sent.clear();
    f.type("secret\b\r");
    CHECK(f.read("Password: ", 0).second == "secre");
    CHECK(f.line.sent == "Password: \r\n");
}

TEST_CASE("a line longer than the buffer is consumed whole and reported, never overrun") {
    Fixture f;
    f.type("12345678\r");
    auto [result, text] = f.read(nullptr, 0, 8);  // room for 7 + NUL
    CHECK(result == ERROR_INSUFFICIENT_BUFFER);
    CHECK(text.empty());
    f.type("1234567\r");
    auto [ok, fits] = f.read(nullptr, 0, 8);
    CHECK(ok == NO_ERROR);
    CHECK(fits == "1234567");
    // Backspacing over the excess makes the line fit again.
    f.type("123456789\b\b\r");
    CHECK(f.read(nullptr, 0, 8).second == "1234567");
    // The next line is unaffected.
    f.type("next\r");
    CHECK(f.read(nullptr, 0, 8).second == "next");
}

TEST_CASE("consumed input is wiped from the receive buffer") {
    Fixture f;
    f.type("secret\r");
    CHECK(f.read().second == "secret");
    CHECK(f.receive_buffer.find("secret") == std::string::npos);
}

TEST_CASE("long output is sent in pieces of the send buffer") {
    Fixture f(4, 1500);
    std::string text = "0123456789";
    CHECK(LineInputWriteString(&f.li, text.c_str()) == NO_ERROR);
    CHECK(f.line.sent == text);
}

TEST_CASE("line drop: zero bytes with LastError 619 ends the read with 619") {
    Fixture f;
    f.type("ali");
    f.line.script.push_back({Step::hangup, {}});
    auto [result, text] = f.read();
    CHECK(result == ERROR_PORT_DISCONNECTED);
    CHECK(text.empty());
    // Afterwards Send fails too.
    CHECK(LineInputWriteString(&f.li, "x") == ERROR_PORT_DISCONNECTED);
}

TEST_CASE("the stop event (End) wins over input that is ready") {
    Fixture f;
    f.type("alice\r");
    SetEvent(f.stop);
    auto [result, text] = f.read();
    CHECK(result == ERROR_OPERATION_ABORTED);
    CHECK(text.empty());
}

TEST_CASE("the stop event (End) aborts a pending read") {
    Fixture f;
    f.type("ali");  // then the receive stays pending
    std::thread ender([&] {
        Sleep(100);
        SetEvent(f.stop);
    });
    auto [result, text] = f.read();
    ender.join();
    CHECK(result == ERROR_OPERATION_ABORTED);
    CHECK(text.empty());
    CHECK(f.line.receive_pending);
}

TEST_CASE("a receive time-out before the deadline is retried, at the deadline the read times out") {
    Fixture f;
    f.li.dwTimeoutSeconds = 1;
    // Receive time-outs (length 0, LastError SUCCESS) keep coming until the
    // one-second deadline passes.
    for (int i = 0; i < 20; ++i) f.line.script.push_back({Step::timeout, {}});
    auto start = std::chrono::steady_clock::now();
    auto [result, text] = f.read("Username: ");
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(result == ERROR_REQUEST_TIMEOUT);
    CHECK(text.empty());
    CHECK(elapsed >= std::chrono::milliseconds(990));
    CHECK(elapsed < std::chrono::seconds(5));
}

TEST_CASE("LineInputConclude: failure, error, time-out and abort") {
    Fixture f;
    SECURITY_MESSAGE msg{};
    CHECK(LineInputConclude(&f.li, &msg, NO_ERROR, "alice") == TRUE);
    CHECK(msg.dwMsgId == SECURITYMSG_FAILURE);
    CHECK(msg.dwError == NO_ERROR);
    CHECK(std::string(msg.UserName) == "alice");
    CHECK(f.line.sent == "Access denied.\r\n");

    msg = SECURITY_MESSAGE{};
    f.line.sent.clear();
    CHECK(LineInputConclude(&f.li, &msg, ERROR_REQUEST_TIMEOUT, "") == TRUE);
    CHECK(msg.dwMsgId == SECURITYMSG_ERROR);
    CHECK(msg.dwError == ERROR_REQUEST_TIMEOUT);
    CHECK(f.line.sent.find("Timed out.") != std::string::npos);

    msg = SECURITY_MESSAGE{};
    CHECK(LineInputConclude(&f.li, &msg, ERROR_PORT_DISCONNECTED, "alice") == TRUE);
    CHECK(msg.dwMsgId == SECURITYMSG_ERROR);
    CHECK(msg.dwError == ERROR_PORT_DISCONNECTED);

    CHECK(LineInputConclude(&f.li, &msg, ERROR_OPERATION_ABORTED, "alice") == FALSE);
}
