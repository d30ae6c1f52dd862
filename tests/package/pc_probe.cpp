// Built with rasshost.pc's flags alone (relocated_test.cmake): the public
// C++ headers compile, Asio makes the library's choices, and the library
// links and answers.
#include <rasshost/host.hpp>
#include <rasshost/win32.h>

#include <cstdio>

#if !defined(ASIO_STANDALONE) || !defined(ASIO_DISABLE_STD_ALIGNED_ALLOC)
#error "rasshost.pc lacks the Asio definitions the library is built with"
#endif

int main() {
    HANDLE event = CreateEventA(nullptr, TRUE, TRUE, nullptr);
    const bool signalled = event != nullptr && WaitForSingleObject(event, 0) == WAIT_OBJECT_0;
    if (event != nullptr) CloseHandle(event);
    std::printf("an event from the relocated install: %s\n", signalled ? "signalled" : "FAILED");
    return signalled ? 0 : 1;
}
