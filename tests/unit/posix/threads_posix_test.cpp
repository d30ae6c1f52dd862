// CreateThread's stack size on POSIX: the pthread the emulation creates gets
// at least the requested size and at least PTHREAD_STACK_MIN.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include <pthread.h>

#include <initializer_list>

namespace {
constexpr DWORD patience_ms = 10000;
}  // namespace

TEST_CASE("a nonzero stack size is honoured, a tiny one is rounded up to PTHREAD_STACK_MIN") {
    auto stack_size = [](LPVOID) -> DWORD {
        pthread_attr_t attr;
        size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            pthread_attr_getstacksize(&attr, &size);
            pthread_attr_destroy(&attr);
        }
        return static_cast<DWORD>(size / 1024);
    };
    for (SIZE_T requested : {SIZE_T{1}, SIZE_T{4096}, SIZE_T{1} << 20}) {
        for (DWORD flags : {0u, STACK_SIZE_PARAM_IS_A_RESERVATION}) {
            HANDLE thread = CreateThread(nullptr, requested, stack_size, nullptr, flags, nullptr);
            REQUIRE(thread != nullptr);
            REQUIRE(WaitForSingleObject(thread, patience_ms) == WAIT_OBJECT_0);
            DWORD kib = 0;
            CHECK(GetExitCodeThread(thread, &kib));
            CHECK(kib * 1024 >= requested);
            CHECK(kib * 1024 >= static_cast<DWORD>(PTHREAD_STACK_MIN));
            CloseHandle(thread);
        }
    }
}
