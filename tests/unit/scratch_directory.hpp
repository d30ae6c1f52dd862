// A fresh directory under GetTempPathA for one test case, removed with its
// files at the end, through the Win32 calls themselves (so the same code
// runs natively and under Wine).
#pragma once

#include <rasshost/win32.h>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

class ScratchDirectory {
public:
    ScratchDirectory() {
        char temp[MAX_PATH];
        REQUIRE(GetTempPathA(MAX_PATH, temp) > 0);
        for (unsigned attempt = 0; attempt < 1000; ++attempt) {
            char name[64];
            std::snprintf(name, sizeof name, "rasshost-test-%lu-%u", static_cast<unsigned long>(GetCurrentThreadId()),
                          static_cast<unsigned>((GetTickCount() + attempt) & 0xFFFFFu));
            path_ = std::string(temp) + name;
            if (CreateDirectoryA(path_.c_str(), nullptr)) return;
        }
        FAIL("no scratch directory could be made");
    }
    ~ScratchDirectory() { remove_tree(path_); }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    // The directory, without a trailing backslash.
    const std::string& path() const { return path_; }
    // A name inside it.
    std::string operator/(const std::string& name) const { return path_ + "\\" + name; }

    // Writes a whole file (created or replaced).
    static void write(const std::string& file, const std::string& text) {
        HANDLE h = CreateFileA(file.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
        REQUIRE(h != INVALID_HANDLE_VALUE);
        DWORD written = 0;
        REQUIRE(WriteFile(h, text.data(), static_cast<DWORD>(text.size()), &written, nullptr));
        CloseHandle(h);
    }

    // Reads a whole file ("" if it cannot be opened).
    static std::string read(const std::string& file) {
        HANDLE h = CreateFileA(file.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING, 0, nullptr);
        if (h == INVALID_HANDLE_VALUE) return {};
        std::string text;
        char buffer[4096];
        DWORD n = 0;
        while (ReadFile(h, buffer, sizeof buffer, &n, nullptr) && n > 0) text.append(buffer, n);
        CloseHandle(h);
        return text;
    }

private:
    static void remove_tree(const std::string& directory) {
        WIN32_FIND_DATAA data;
        HANDLE find = FindFirstFileA((directory + "\\*").c_str(), &data);
        if (find != INVALID_HANDLE_VALUE) {
            do {
                const std::string name = data.cFileName;
                if (name == "." || name == "..") continue;
                const std::string full = directory + "\\" + name;
                if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                    remove_tree(full);
                } else {
                    DeleteFileA(full.c_str());
                }
            } while (FindNextFileA(find, &data));
            FindClose(find);
        }
        RemoveDirectoryA(directory.c_str());
    }
    std::string path_;
};
