// libbench_password.so: the security DLL of the scale benchmark. A password
// prompt ("Password: ", a line, "secret" succeeds), served the way a DLL
// for a modem bank would be written: no thread per dialog, but worker
// threads that each wait for up to 63 dialogs' receive events with one
// WaitForMultipleObjects (slot 0 is the worker's own wake-up event).
//
// While it has workers the DLL holds a reference to itself (as a Windows DLL
// whose threads outlive their dialogs pins itself): a host's FreeLibrary
// never unloads it under them, and ~Pool, which joins them, runs at exit, not
// inside dlclose. There it held the loader's lock, which a worker's first
// blocking wait takes (it registers a thread-local): a dialog process of
// rasshost-serve --isolate hung when its worker first slept just as it
// unloaded the DLL. The bench keeps its own reference to the module and
// calls BenchPasswordShutdown(), which joins the workers and drops the DLL's
// reference, so that the next load is a real one.
#include <rasshost/rasshost.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include <dlfcn.h>

namespace {

constexpr DWORD receive_timeout_seconds = 120;
constexpr std::size_t dialogs_per_worker = MAXIMUM_WAIT_OBJECTS - 1;
constexpr char prompt[] = "Password: ";

struct Dialog {
    HPORT port;
    PBYTE receive_buffer;
    WORD capacity;
    RASSHOST_PFN_COMPLETE complete;
    HANDLE event;
    WORD length = 0;
    char line[64] = {};
    std::size_t used = 0;
};

struct Worker {
    HANDLE wake = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    std::mutex mutex;
    std::vector<Dialog*> inbox;  // handed over by Begin (mutex)
    std::size_t load = 0;        // dialogs given to it and not finished (pool mutex)
    std::thread thread;
};

void stop_workers(bool unpin);

struct Pool {
    std::mutex mutex;
    std::vector<std::unique_ptr<Worker>> workers;
    std::atomic<bool> stopping{false};
    void* self = nullptr;  // the DLL's reference to itself while it has workers
    ~Pool() { stop_workers(false); }  // at exit: the workers end before their code goes
};

void* pin_self() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&pin_self), &info) == 0 || info.dli_fname == nullptr) return nullptr;
    return ::dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
}

Pool& pool() {
    static Pool instance;
    return instance;
}

bool issue_receive(Dialog& d) {
    d.length = d.capacity;
    return RasSecurityDialogReceive(d.port, d.receive_buffer, &d.length, receive_timeout_seconds, d.event) == PENDING;
}

void finish(Dialog& d, DWORD id, DWORD error) {
    SECURITY_MESSAGE message{};
    message.dwMsgId = id;
    message.hPort = d.port;
    message.dwError = error;
    std::memcpy(message.UserName, "bench", 6);
    d.complete(&message);
}

// The receive of `d` completed. Returns true when the dialog is over.
bool on_received(Dialog& d) {
    if (d.length == 0) {
        RAS_SECURITY_INFO info{};
        RasSecurityDialogGetInfo(d.port, &info);
        if (info.LastError != ERROR_PORT_DISCONNECTED) finish(d, SECURITYMSG_FAILURE, 0);  // a timeout
        return true;  // hung up: the host calls End, no verdict to give
    }
    const std::size_t n = std::min<std::size_t>(d.length, sizeof d.line - 1 - d.used);
    std::memcpy(d.line + d.used, d.receive_buffer, n);
    d.used += n;
    const std::string_view line(d.line, d.used);
    if (const auto eol = line.find_first_of("\r\n"); eol != std::string_view::npos) {
        const bool right = line.substr(0, eol) == "secret";
        SecureZeroMemory(d.line, sizeof d.line);
        finish(d, right ? SECURITYMSG_SUCCESS : SECURITYMSG_FAILURE, 0);
        return true;
    }
    if (d.used == sizeof d.line - 1) {
        finish(d, SECURITYMSG_FAILURE, 0);
        return true;
    }
    return !issue_receive(d);
}

void work(Worker& self) {
    std::vector<Dialog*> mine;
    HANDLE handles[MAXIMUM_WAIT_OBJECTS];
    for (;;) {
        handles[0] = self.wake;
        for (std::size_t i = 0; i < mine.size(); ++i) handles[i + 1] = mine[i]->event;
        const DWORD r = WaitForMultipleObjects(static_cast<DWORD>(mine.size() + 1), handles, FALSE, INFINITE);
        if (r == WAIT_OBJECT_0) {
            std::lock_guard lock(self.mutex);
            if (pool().stopping) break;
            mine.insert(mine.end(), self.inbox.begin(), self.inbox.end());
            self.inbox.clear();
            continue;
        }
        if (r == WAIT_FAILED) break;
        const std::size_t index = r - WAIT_OBJECT_0 - 1;
        Dialog* d = mine[index];
        if (!on_received(*d)) continue;
        mine[index] = mine.back();
        mine.pop_back();
        CloseHandle(d->event);
        delete d;
        std::lock_guard lock(pool().mutex);
        --self.load;
    }
    for (Dialog* d : mine) {
        CloseHandle(d->event);
        delete d;
    }
}

}  // namespace

extern "C" {

RASSHOST_DLL_EXPORT DWORD WINAPI RasSecurityDialogBegin(HPORT hPort, PBYTE pSendBuf, DWORD SendBufSize, PBYTE pRecvBuf,
                                                        DWORD RecvBufSize,
                                                        VOID(WINAPI* RasSecurityDialogComplete)(SECURITY_MESSAGE*)) {
    if (SendBufSize < sizeof prompt - 1 || RecvBufSize == 0) return ERROR_INVALID_PARAMETER;
    auto d = std::make_unique<Dialog>();
    d->port = hPort;
    d->receive_buffer = pRecvBuf;
    d->capacity = static_cast<WORD>(std::min<DWORD>(RecvBufSize, 64));
    d->complete = RasSecurityDialogComplete;
    d->event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    if (d->event == nullptr) return GetLastError();
    std::memcpy(pSendBuf, prompt, sizeof prompt - 1);
    const DWORD sent = RasSecurityDialogSend(hPort, pSendBuf, sizeof prompt - 1);
    if (sent != PENDING || !issue_receive(*d)) {
        CloseHandle(d->event);
        return sent != PENDING ? sent : ERROR_PORT_DISCONNECTED;
    }
    // Begin is serialized by the host; workers only decrement loads.
    Worker* target = nullptr;
    {
        std::lock_guard lock(pool().mutex);
        for (auto& w : pool().workers)
            if (w->load < dialogs_per_worker) {
                target = w.get();
                break;
            }
        if (target == nullptr) {
            if (pool().self == nullptr) pool().self = pin_self();
            pool().workers.push_back(std::make_unique<Worker>());
            target = pool().workers.back().get();
            target->thread = std::thread(work, std::ref(*target));
        }
        ++target->load;
    }
    {
        std::lock_guard lock(target->mutex);
        target->inbox.push_back(d.release());
    }
    SetEvent(target->wake);
    return NO_ERROR;
}

RASSHOST_DLL_EXPORT DWORD WINAPI RasSecurityDialogEnd(HPORT) { return ERROR_PORT_DISCONNECTED; }

/** Worker threads running now. */
RASSHOST_DLL_EXPORT DWORD BenchPasswordWorkers(void) {
    std::lock_guard lock(pool().mutex);
    return static_cast<DWORD>(pool().workers.size());
}

/** Stops and joins the workers (dialogs still open are dropped), and drops
 *  the DLL's reference to itself: the caller must hold one. */
RASSHOST_DLL_EXPORT void BenchPasswordShutdown(void) { stop_workers(true); }

}  // extern "C"

namespace {

void stop_workers(bool unpin) {
    std::vector<std::unique_ptr<Worker>> workers;
    void* self = nullptr;
    {
        std::lock_guard lock(pool().mutex);
        pool().stopping = true;
        workers.swap(pool().workers);
        if (unpin) std::swap(self, pool().self);
    }
    for (auto& w : workers) {
        SetEvent(w->wake);
        w->thread.join();
        CloseHandle(w->wake);
    }
    if (self != nullptr) ::dlclose(self);
    std::lock_guard lock(pool().mutex);
    pool().stopping = false;
}

}  // namespace
