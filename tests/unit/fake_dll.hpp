// A security DLL the test drives by hand: Begin records its arguments and
// returns what the test says; the test thread then plays the DLL's worker,
// calling Send/Receive/GetInfo/Complete itself. End is counted.
#pragma once

#include <doctest/doctest.h>
#include <rasshost/host.hpp>
#include <rasshost/test_kit.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

struct BeginCall {
    HPORT port = nullptr;
    PBYTE send_buffer = nullptr;
    DWORD send_size = 0;
    PBYTE receive_buffer = nullptr;
    DWORD receive_size = 0;
    RASSHOST_PFN_COMPLETE complete = nullptr;
};

class FakeDll {
public:
    FakeDll() { current() = this; }
    ~FakeDll() { current() = nullptr; }

    static rasshost::SecurityDll entry_points() { return {&begin, &end}; }

    // What Begin does besides recording (default: return NO_ERROR).
    std::function<DWORD(const BeginCall&)> on_begin;
    // What End returns (default: ERROR_PORT_DISCONNECTED).
    std::function<DWORD(HPORT)> on_end;

    BeginCall wait_begin(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait_for(lock, timeout, [&] { return begun_.size() > taken_; }))
            throw std::runtime_error("Begin was not called");
        return begun_[taken_++];
    }

    bool wait_end_count(int count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return static_cast<int>(ended_.size()) >= count; });
    }

    int begin_count() {
        std::lock_guard lock(mutex_);
        return static_cast<int>(begun_.size());
    }
    std::vector<HPORT> ended() {
        std::lock_guard lock(mutex_);
        return ended_;
    }

private:
    static FakeDll*& current() {
        static FakeDll* instance = nullptr;
        return instance;
    }

    static DWORD WINAPI begin(HPORT port, PBYTE send, DWORD send_size, PBYTE receive, DWORD receive_size,
                              RASSHOST_PFN_COMPLETE complete) {
        FakeDll& self = *current();
        BeginCall call{port, send, send_size, receive, receive_size, complete};
        DWORD result = self.on_begin ? self.on_begin(call) : NO_ERROR;
        std::lock_guard lock(self.mutex_);
        self.begun_.push_back(call);
        self.changed_.notify_all();
        return result;
    }

    static DWORD WINAPI end(HPORT port) {
        FakeDll& self = *current();
        DWORD result = self.on_end ? self.on_end(port) : ERROR_PORT_DISCONNECTED;
        std::lock_guard lock(self.mutex_);
        self.ended_.push_back(port);
        self.changed_.notify_all();
        return result;
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<BeginCall> begun_;
    std::size_t taken_ = 0;
    std::vector<HPORT> ended_;
};

// Builds a SECURITY_MESSAGE.
inline SECURITY_MESSAGE verdict(HPORT port, DWORD id, const char* user = "alice", DWORD error = 0,
                                const char* domain = "LAB") {
    SECURITY_MESSAGE message{};
    message.dwMsgId = id;
    message.hPort = port;
    message.dwError = error;
    lstrcpynA(message.UserName, user, UNLEN + 1);
    lstrcpynA(message.Domain, domain, DNLEN + 1);
    return message;
}

// A waitable auto-reset event, closed at scope end.
struct ScopedEvent {
    HANDLE handle = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    ~ScopedEvent() { CloseHandle(handle); }
};

inline std::string bytes_of(const BYTE* data, std::size_t n) { return std::string(reinterpret_cast<const char*>(data), n); }

// One Receive into pRecvBuf with the given capacity, waited for; the bytes.
inline std::string receive_once(const BeginCall& begin, HANDLE event, WORD capacity, DWORD timeout_seconds = 10) {
    WORD length = capacity;
    REQUIRE(RasSecurityDialogReceive(begin.port, begin.receive_buffer, &length, timeout_seconds, event) == PENDING);
    REQUIRE(WaitForSingleObject(event, 20000) == WAIT_OBJECT_0);
    REQUIRE(length <= capacity);
    return bytes_of(begin.receive_buffer, length);
}

// Receives until at least `n` bytes arrived, `capacity` bytes at a time.
inline std::string receive_at_least(const BeginCall& begin, std::size_t n, WORD capacity = 255) {
    ScopedEvent event;
    std::string got;
    while (got.size() < n) got += receive_once(begin, event.handle, capacity);
    return got;
}
