// IsBadReadPtr/IsBadWritePtr against pages whose protection the test sets
// with mmap/mprotect, and DebugBreak's SIGTRAP (POSIX only: Windows would
// need VirtualAlloc, and a breakpoint without a debugger ends the process).
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace {

// Three pages: read-write, read-only, none.
struct Pages {
    Pages() {
        size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        void* mapped = mmap(nullptr, 3 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        REQUIRE(mapped != MAP_FAILED);
        base = static_cast<char*>(mapped);
        std::memset(base, 'r', 2 * size);
        REQUIRE(mprotect(base + size, size, PROT_READ) == 0);
        REQUIRE(mprotect(base + 2 * size, size, PROT_NONE) == 0);
    }
    ~Pages() { munmap(base, 3 * size); }
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    char* base = nullptr;
    std::size_t size = 0;
};

}  // namespace

TEST_CASE("IsBadReadPtr: TRUE as soon as the range reaches an inaccessible page") {
    Pages pages;
    CHECK(IsBadReadPtr(pages.base, 2 * pages.size) == FALSE);
    CHECK(IsBadReadPtr(pages.base + 2 * pages.size, 1) == TRUE);
    CHECK(IsBadReadPtr(pages.base + pages.size - 1, pages.size + 2) == TRUE);
}

TEST_CASE("IsBadWritePtr: TRUE for a read-only page, FALSE for writable ones, whose bytes stay") {
    Pages pages;
    CHECK(IsBadWritePtr(pages.base, pages.size) == FALSE);
    CHECK(IsBadWritePtr(pages.base + pages.size - 10, 11) == TRUE);
    CHECK(IsBadWritePtr(pages.base + 2 * pages.size, 1) == TRUE);
    for (std::size_t i = 0; i < 2 * pages.size; ++i) REQUIRE(pages.base[i] == 'r');
}

TEST_CASE("DebugBreak raises SIGTRAP, which ends a process without a debugger") {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        signal(SIGTRAP, SIG_DFL);
        DebugBreak();
        _exit(0);  // not reached
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGTRAP);
}
