// The process's opens, by file: what each was opened for and what it
// shares. POSIX does not enforce share modes between processes, so Windows'
// ERROR_SHARING_VIOLATION is given between the opens of this process only.
#include "posix/win32/files/file_object.hpp"

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <vector>

namespace rasshost::posix {
namespace {

struct Open {
    FileIdentity identity;
    bool read, write;
    DWORD share;
};

struct Opens {
    std::mutex mutex;
    std::vector<Open> list;
};

Opens& opens() {
    static Opens* instance = new Opens;  // never destroyed: handles may close at exit
    return *instance;
}

}  // namespace

std::atomic<std::uint64_t> files_changes{1};
void note_files_changed() noexcept { files_changes.fetch_add(1, std::memory_order_acq_rel); }

FileObject::FileObject(int fd, FileIdentity identity, bool read, bool write, DWORD share,
                       std::string delete_on_close)
    : KernelObject(kind), fd_(fd), identity_(identity), read_(read), write_(write), share_(share),
      delete_on_close_(std::move(delete_on_close)) {}

FileObject::~FileObject() {
    forget_open(identity_, read_, write_, share_);
    if (!delete_on_close_.empty()) {
        ::unlink(delete_on_close_.c_str());
        note_files_changed();
    }
    ::close(fd_);
}

DWORD admit_open(FileIdentity identity, bool read, bool write, bool deleting, DWORD share) {
    std::lock_guard lock(opens().mutex);
    for (const auto& open : opens().list) {
        if (!(open.identity == identity)) continue;
        // The new open must share what each open does, and each must share what the new one does.
        if ((open.read && !(share & FILE_SHARE_READ)) || (open.write && !(share & FILE_SHARE_WRITE)))
            return ERROR_SHARING_VIOLATION;
        if ((read && !(open.share & FILE_SHARE_READ)) || (write && !(open.share & FILE_SHARE_WRITE)) ||
            (deleting && !(open.share & FILE_SHARE_DELETE)))
            return ERROR_SHARING_VIOLATION;
    }
    opens().list.push_back(Open{identity, read, write, share});
    return ERROR_SUCCESS;
}

void forget_open(FileIdentity identity, bool read, bool write, DWORD share) noexcept {
    std::lock_guard lock(opens().mutex);
    auto& list = opens().list;
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (it->identity == identity && it->read == read && it->write == write && it->share == share) {
            list.erase(it);
            return;
        }
    }
}

bool may_delete(FileIdentity identity) {
    std::lock_guard lock(opens().mutex);
    for (const auto& open : opens().list)
        if (open.identity == identity && !(open.share & FILE_SHARE_DELETE)) return false;
    return true;
}

}  // namespace rasshost::posix
