// The Microsoft CRT's _strdate and _strtime: fixed 8-character local date
// and time. A NULL buffer returns NULL (the CRT's invalid-parameter path
// would end the process).
#include <rasshost/compat/time.h>

#include <ctime>

namespace {

bool local_now(tm& out) noexcept {
    const time_t now = time(nullptr);
    return localtime_r(&now, &out) != nullptr;
}

// "AA?BB?CC" with two digits each, the separator at 2 and 5, and a NUL.
char* write_fields(char* buffer, int a, int b, int c, char separator) noexcept {
    const int fields[] = {a, b, c};
    for (int i = 0; i < 3; ++i) {
        const auto value = static_cast<unsigned>(fields[i]) % 100u;
        buffer[i * 3] = static_cast<char>('0' + value / 10);
        buffer[i * 3 + 1] = static_cast<char>('0' + value % 10);
        if (i < 2) buffer[i * 3 + 2] = separator;
    }
    buffer[8] = '\0';
    return buffer;
}

}  // namespace

extern "C" char* _strdate(char* buffer) {
    if (buffer == nullptr) return nullptr;
    tm now{};
    if (!local_now(now)) now = tm{};
    return write_fields(buffer, now.tm_mon + 1, now.tm_mday, now.tm_year, '/');
}

extern "C" char* _strtime(char* buffer) {
    if (buffer == nullptr) return nullptr;
    tm now{};
    if (!local_now(now)) now = tm{};
    return write_fields(buffer, now.tm_hour, now.tm_min, now.tm_sec, ':');
}
