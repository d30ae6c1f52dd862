// Two levels: per thread, the last few files by the name the caller gave
// (a string comparison and two counters: no lock, no system call), and
// for the process, parsed files by POSIX name under a mutex, so that
// threads share the parse.
#include "posix/win32/profile/profile_cache.hpp"

#include "posix/win32/files/drive_map.hpp"
#include "posix/win32/files/file_object.hpp"
#include "posix/win32/files/windows_path.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace rasshost::posix {
namespace {

struct Stamp {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = -1;
    std::int64_t modified_ns = -1;
    bool operator==(const Stamp& o) const {
        return device == o.device && inode == o.inode && size == o.size && modified_ns == o.modified_ns;
    }
};

struct Cached {
    Stamp stamp;
    std::shared_ptr<const IniSnapshot> snapshot;
};

struct Shared {
    std::mutex mutex;
    std::unordered_map<std::string, Cached> files;
};

Shared& shared() {
    static Shared* instance = new Shared;  // never destroyed: profile calls may come at exit
    return *instance;
}

std::int64_t coarse_now_ns() {
    timespec now{};
#ifdef CLOCK_MONOTONIC_COARSE
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
#else
    clock_gettime(CLOCK_MONOTONIC, &now);
#endif
    return static_cast<std::int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

Stamp stamp_of(const std::string& posix) {
    struct stat status {};
    if (::stat(posix.c_str(), &status) != 0) return Stamp{};
    return Stamp{status.st_dev, status.st_ino, status.st_size,
                 static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec};
}

std::string read_file(const std::string& posix, DWORD& error) {
    std::string text;
    const int fd = ::open(posix.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = errno == ENOENT ? ERROR_FILE_NOT_FOUND : ERROR_ACCESS_DENIED;
        return text;
    }
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || text.size() >= IniDocument::max_size) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

std::shared_ptr<const IniSnapshot> load(const char* file_name) {
    DWORD error = ERROR_SUCCESS;
    std::string posix = profile_path(file_name, error);
    const Stamp stamp = error == ERROR_SUCCESS ? stamp_of(posix) : Stamp{};
    std::lock_guard lock(shared().mutex);
    auto& cached = shared().files[posix];
    if (cached.snapshot && cached.stamp == stamp && error == ERROR_SUCCESS) return cached.snapshot;
    auto snapshot = std::make_shared<IniSnapshot>();
    if (error == ERROR_SUCCESS && stamp.size >= 0) snapshot->document = IniDocument(read_file(posix, error));
    else if (error == ERROR_SUCCESS) error = ERROR_FILE_NOT_FOUND;
    snapshot->error = error;
    snapshot->posix = std::move(posix);
    cached = Cached{stamp, snapshot};
    return snapshot;
}

struct Recent {
    std::string name;
    std::uint64_t files = 0, drives = 0;
    std::int64_t checked_ns = 0;
    std::shared_ptr<const IniSnapshot> snapshot;
};

struct RecentFiles {
    std::array<Recent, 4> entries;
    std::size_t next = 0;
};

// This thread's recent files, through a trivial thread_local pointer: one
// load on the hot path (initial-exec), with no TLS guard or wrapper call,
// which a thread_local with a destructor would need on every access. A
// pthread key frees the block when the thread exits.
[[gnu::tls_model("initial-exec")]] thread_local RecentFiles* this_thread_files = nullptr;

void free_recent_files(void* files) {
    this_thread_files = nullptr;
    delete static_cast<RecentFiles*>(files);
}

struct RecentKey {
    pthread_key_t key{};
    bool valid = pthread_key_create(&key, &free_recent_files) == 0;
};
const RecentKey recent_key;

// nullptr when the thread's block cannot be registered: calls then go to
// the process's cache.
RecentFiles* recent_files() {
    if (RecentFiles* files = this_thread_files) return files;
    if (!recent_key.valid) return nullptr;
    auto files = std::make_unique<RecentFiles>();
    if (pthread_setspecific(recent_key.key, files.get()) != 0) return nullptr;
    return this_thread_files = files.release();
}

}  // namespace

std::string profile_path(const char* file_name, DWORD& error) {
    std::string name = file_name != nullptr ? file_name : "win.ini";
    const bool bare = name.find_first_of("\\/") == std::string::npos && !(name.size() >= 2 && name[1] == ':');
    if (bare) name = "C:\\WINDOWS\\" + name;
    ResolvedPath path = resolve_path(name.c_str());
    error = path.error;
    return std::move(path.posix);
}

const IniSnapshot& profile_snapshot(const char* file_name) {
    constexpr std::int64_t recheck_ns = std::chrono::nanoseconds(recheck_interval).count();
    const char* name = file_name != nullptr ? file_name : "win.ini";
    RecentFiles* recent = recent_files();
    if (recent == nullptr) {
        thread_local std::shared_ptr<const IniSnapshot> uncached;  // only on this rare path
        uncached = load(name);
        return *uncached;
    }
    const std::uint64_t files = files_generation(), drives = drives::generation();
    const std::int64_t now = coarse_now_ns();
    for (auto& entry : recent->entries) {
        if (!entry.snapshot || std::strcmp(entry.name.c_str(), name) != 0) continue;
        if (entry.files == files && entry.drives == drives && now - entry.checked_ns < recheck_ns)
            return *entry.snapshot;
        entry = Recent{name, files, drives, now, load(name)};
        return *entry.snapshot;
    }
    Recent& slot = recent->entries[recent->next++ % recent->entries.size()];
    slot = Recent{name, files, drives, now, load(name)};
    return *slot.snapshot;
}

}  // namespace rasshost::posix
