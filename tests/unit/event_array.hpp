// Test support for the wait suites: `count` unnamed events, closed together,
// laid out as the HANDLE array WaitForMultipleObjects takes.
#pragma once

#include <rasshost/win32.h>

#include <cstddef>
#include <vector>

struct Events {
    std::vector<HANDLE> handles;
    Events(int count, BOOL manual, BOOL initially_set = FALSE) {
        for (int i = 0; i < count; ++i) handles.push_back(CreateEventA(nullptr, manual, initially_set, nullptr));
    }
    ~Events() {
        for (HANDLE h : handles) CloseHandle(h);
    }
    Events(const Events&) = delete;
    Events& operator=(const Events&) = delete;
    HANDLE operator[](std::size_t i) const { return handles[i]; }
    DWORD size() const { return static_cast<DWORD>(handles.size()); }
    const HANDLE* data() const { return handles.data(); }
};
