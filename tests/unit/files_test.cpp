// Files by handle and by name: CreateFileA's dispositions and their
// GetLastError codes, ReadFile/WriteFile, the file pointer and size, share
// modes between this process's opens, delete/move/copy, directories,
// attributes, FindFirstFile patterns, temporary names and the wide lstr*
// calls. Every case works in a fresh directory under GetTempPathA.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "scratch_directory.hpp"
#include "support/platform_cases.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace {

HANDLE open(const std::string& name, DWORD access, DWORD share, DWORD disposition) {
    return CreateFileA(name.c_str(), access, share, nullptr, disposition, FILE_ATTRIBUTE_NORMAL, nullptr);
}

std::set<std::string> find_all(const std::string& pattern) {
    std::set<std::string> names;
    WIN32_FIND_DATAA data;
    HANDLE find = FindFirstFileA(pattern.c_str(), &data);
    if (find == INVALID_HANDLE_VALUE) return names;
    do names.insert(data.cFileName);
    while (FindNextFileA(find, &data));
    CHECK(GetLastError() == ERROR_NO_MORE_FILES);
    FindClose(find);
    return names;
}

}  // namespace

TEST_CASE("CreateFileA: each disposition's result and last error") {
    ScratchDirectory dir;
    const std::string file = dir / "data.txt";
    HANDLE h = open(file, GENERIC_WRITE, 0, OPEN_EXISTING);
    CHECK(h == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    h = open(dir / "missing\\data.txt", GENERIC_WRITE, 0, CREATE_ALWAYS);
    CHECK(h == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);

    h = open(file, GENERIC_WRITE, 0, CREATE_NEW);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CloseHandle(h);
    CHECK(open(file, GENERIC_WRITE, 0, CREATE_NEW) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_FILE_EXISTS);

    ScratchDirectory::write(file, "hello");
    h = open(file, GENERIC_WRITE, 0, OPEN_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    CHECK(GetFileSize(h, nullptr) == 5u);  // OPEN_ALWAYS keeps the content
    CloseHandle(h);
    h = open(file, GENERIC_WRITE, 0, CREATE_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    CHECK(GetFileSize(h, nullptr) == 0u);  // CREATE_ALWAYS truncates
    CloseHandle(h);

    h = open(dir / "fresh.txt", GENERIC_WRITE, 0, OPEN_ALWAYS);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_SUCCESS);
    CloseHandle(h);
    ScratchDirectory::write(file, "hello");
    h = open(file, GENERIC_WRITE, 0, TRUNCATE_EXISTING);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(GetFileSize(h, nullptr) == 0u);
    CloseHandle(h);
}

TEST_CASE("ReadFile and WriteFile: contents, end of file, access checks") {
    ScratchDirectory dir;
    const std::string file = dir / "io.bin";
    HANDLE h = open(file, GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    DWORD n = 0;
    CHECK(WriteFile(h, "0123456789", 10, &n, nullptr));
    CHECK(n == 10u);
    CHECK(SetFilePointer(h, 0, nullptr, FILE_BEGIN) == 0u);
    char buffer[32] = {};
    CHECK(ReadFile(h, buffer, sizeof buffer, &n, nullptr));
    CHECK(n == 10u);
    CHECK(std::string(buffer, n) == "0123456789");
    CHECK(ReadFile(h, buffer, sizeof buffer, &n, nullptr));  // at the end: success, 0 bytes
    CHECK(n == 0u);
    CloseHandle(h);

    h = open(file, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(!ReadFile(h, buffer, 4, &n, nullptr));
    CHECK(GetLastError() == ERROR_ACCESS_DENIED);
    CloseHandle(h);
    h = open(file, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CHECK(!WriteFile(h, "x", 1, &n, nullptr));
    CHECK(GetLastError() == ERROR_ACCESS_DENIED);
    OVERLAPPED at{};
    at.Offset = 6;
    CHECK(ReadFile(h, buffer, 3, &n, &at));  // a positioned read
    CHECK(std::string(buffer, n) == "678");
    CloseHandle(h);
}

TEST_CASE("SetFilePointer, GetFileSize and SetEndOfFile") {
    ScratchDirectory dir;
    HANDLE h = open(dir / "size.bin", GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    DWORD n = 0;
    REQUIRE(WriteFile(h, "abcdefgh", 8, &n, nullptr));
    CHECK(SetFilePointer(h, -3, nullptr, FILE_END) == 5u);
    CHECK(SetFilePointer(h, 1, nullptr, FILE_CURRENT) == 6u);
    CHECK(SetFilePointer(h, -7, nullptr, FILE_CURRENT) == INVALID_SET_FILE_POINTER);
    CHECK(GetLastError() == ERROR_NEGATIVE_SEEK);
    CHECK(SetFilePointer(h, 0, nullptr, FILE_CURRENT) == 6u);  // unchanged by the failure
    LARGE_INTEGER distance, position, size;
    distance.QuadPart = 4;
    CHECK(SetFilePointerEx(h, distance, &position, FILE_BEGIN));
    CHECK(position.QuadPart == 4);
    CHECK(SetEndOfFile(h));
    DWORD high = 7;
    CHECK(GetFileSize(h, &high) == 4u);
    CHECK(high == 0u);
    CHECK(GetFileSizeEx(h, &size));
    CHECK(size.QuadPart == 4);
    distance.QuadPart = 10;
    CHECK(SetFilePointerEx(h, distance, nullptr, FILE_BEGIN));
    CHECK(SetEndOfFile(h));  // extends
    CHECK(GetFileSize(h, nullptr) == 10u);
    CHECK(FlushFileBuffers(h));
    CloseHandle(h);
    CHECK(GetFileSize(h, nullptr) == INVALID_FILE_SIZE);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("share modes: a second open must fit what the first shares and does") {
    ScratchDirectory dir;
    const std::string file = dir / "shared.txt";
    HANDLE first = open(file, GENERIC_READ, FILE_SHARE_READ, CREATE_NEW);
    REQUIRE(first != INVALID_HANDLE_VALUE);
    HANDLE reader = open(file, GENERIC_READ, FILE_SHARE_READ, OPEN_EXISTING);
    CHECK(reader != INVALID_HANDLE_VALUE);
    CloseHandle(reader);
    CHECK(open(file, GENERIC_WRITE, FILE_SHARE_READ, OPEN_EXISTING) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_SHARING_VIOLATION);
    CHECK(open(file, GENERIC_READ, 0, OPEN_EXISTING) == INVALID_HANDLE_VALUE);  // would deny the first's reading
    CHECK(GetLastError() == ERROR_SHARING_VIOLATION);
    CHECK(!DeleteFileA(file.c_str()));
    CHECK(GetLastError() == ERROR_SHARING_VIOLATION);
    CloseHandle(first);
    HANDLE writer = open(file, GENERIC_WRITE, 0, OPEN_EXISTING);
    CHECK(writer != INVALID_HANDLE_VALUE);
    CloseHandle(writer);
    CHECK(DeleteFileA(file.c_str()));
}

TEST_CASE("an existing file is found whatever the case of its name") {
    ScratchDirectory dir;
    REQUIRE(CreateDirectoryA((dir / "Acme").c_str(), nullptr));
    ScratchDirectory::write(dir / "Acme\\Users.txt", "alice");
    CHECK(ScratchDirectory::read(dir / "ACME\\USERS.TXT") == "alice");
    CHECK(ScratchDirectory::read(dir / "acme/users.txt") == "alice");  // '/' separates too
    CHECK(ScratchDirectory::read(dir / "acme\\.\\sub\\..\\users.txt") == "alice");
    CHECK(find_all(dir / "acme\\*") == std::set<std::string>{".", "..", "Users.txt"});
}

TEST_CASE("DeleteFileA, MoveFileA, MoveFileExA and CopyFileA") {
    ScratchDirectory dir;
    const std::string a = dir / "a.txt", b = dir / "b.txt", c = dir / "c.txt";
    CHECK(!DeleteFileA(a.c_str()));
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    ScratchDirectory::write(a, "A");
    ScratchDirectory::write(b, "B");
    CHECK(!MoveFileA(a.c_str(), b.c_str()));
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    CHECK(MoveFileExA(a.c_str(), b.c_str(), MOVEFILE_REPLACE_EXISTING));
    CHECK(ScratchDirectory::read(b) == "A");
    CHECK(GetFileAttributesA(a.c_str()) == INVALID_FILE_ATTRIBUTES);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    CHECK(MoveFileA(b.c_str(), a.c_str()));
    CHECK(!MoveFileA(b.c_str(), c.c_str()));
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);

    CHECK(CopyFileA(a.c_str(), c.c_str(), TRUE));
    CHECK(ScratchDirectory::read(c) == "A");
    ScratchDirectory::write(a, "new");
    CHECK(!CopyFileA(a.c_str(), c.c_str(), TRUE));
    CHECK(GetLastError() == ERROR_FILE_EXISTS);
    CHECK(CopyFileA(a.c_str(), c.c_str(), FALSE));
    CHECK(ScratchDirectory::read(c) == "new");
    CHECK(DeleteFileA(c.c_str()));
}

TEST_CASE("CreateDirectoryA, RemoveDirectoryA and GetFileAttributesA") {
    ScratchDirectory dir;
    const std::string sub = dir / "sub";
    CHECK(CreateDirectoryA(sub.c_str(), nullptr));
    CHECK(!CreateDirectoryA(sub.c_str(), nullptr));
    CHECK(GetLastError() == ERROR_ALREADY_EXISTS);
    CHECK((GetFileAttributesA(sub.c_str()) & FILE_ATTRIBUTE_DIRECTORY) != 0);
    ScratchDirectory::write(sub + "\\f.txt", "x");
    CHECK((GetFileAttributesA((sub + "\\f.txt").c_str()) & FILE_ATTRIBUTE_DIRECTORY) == 0);
    CHECK(!RemoveDirectoryA(sub.c_str()));
    CHECK(GetLastError() == ERROR_DIR_NOT_EMPTY);
    CHECK(!CreateDirectoryA((dir / "no\\such").c_str(), nullptr));
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    CHECK(DeleteFileA((sub + "\\f.txt").c_str()));
    CHECK(RemoveDirectoryA(sub.c_str()));
    CHECK(!RemoveDirectoryA(sub.c_str()));
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
}

TEST_CASE("FindFirstFileA: '*' and '?' match letter case ignored, then ERROR_NO_MORE_FILES") {
    ScratchDirectory dir;
    for (const char* name : {"a.txt", "B.TXT", "c.log", "readme"}) ScratchDirectory::write(dir / name, "x");
    CHECK(find_all(dir / "*.txt") == std::set<std::string>{"a.txt", "B.TXT"});
    CHECK(find_all(dir / "?.LOG") == std::set<std::string>{"c.log"});
    CHECK(find_all(dir / "*.*") == std::set<std::string>{".", "..", "a.txt", "B.TXT", "c.log", "readme"});
    CHECK(find_all(dir / "read*") == std::set<std::string>{"readme"});
    WIN32_FIND_DATAA data;
    CHECK(FindFirstFileA((dir / "*.none").c_str(), &data) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_FILE_NOT_FOUND);
    CHECK(FindFirstFileA((dir / "none\\*").c_str(), &data) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    HANDLE find = FindFirstFileA((dir / "c.log").c_str(), &data);
    REQUIRE(find != INVALID_HANDLE_VALUE);
    CHECK(data.nFileSizeLow == 1u);
    CHECK((data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) == 0);
    CHECK(FindClose(find));
}

// Windows' find handles are not kernel objects; the emulation's are table
// entries that no wait accepts.
TEST_CASE("a find handle is not waitable" * platform_cases::posix_emulation_only) {
    ScratchDirectory dir;
    WIN32_FIND_DATAA data;
    HANDLE find = FindFirstFileA((dir / "*").c_str(), &data);
    REQUIRE(find != INVALID_HANDLE_VALUE);
    CHECK(WaitForSingleObject(find, 0) == WAIT_FAILED);
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
    CHECK(FindClose(find));
    CHECK(!FindClose(find));
    CHECK(GetLastError() == ERROR_INVALID_HANDLE);
}

TEST_CASE("GetTempFileNameA: a new empty file, or only the name for a given number") {
    ScratchDirectory dir;
    char name[MAX_PATH];
    const UINT unique = GetTempFileNameA(dir.path().c_str(), "rasXYZ", 0, name);
    CHECK(unique != 0u);
    const std::string made = name;
    CHECK(made.rfind(dir / "ras", 0) == 0);
    std::string tail = made.substr(made.size() - 4);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](char c) { return static_cast<char>(c | 0x20); });
    CHECK(tail == ".tmp");
    CHECK(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES);
    CHECK(GetTempFileNameA(dir.path().c_str(), "pre", 0x1234, name) == 0x1234u);
    std::string given = name;
    std::transform(given.begin(), given.end(), given.begin(), [](char c) { return static_cast<char>(c | 0x20); });
    std::string expected = dir / "pre1234.tmp";
    std::transform(expected.begin(), expected.end(), expected.begin(), [](char c) { return static_cast<char>(c | 0x20); });
    CHECK(given == expected);
    CHECK(GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES);  // not created
}

TEST_CASE("CreateFileW and the wide lstr calls") {
    ScratchDirectory dir;
    const std::string narrow = dir / "wide.txt";
    const std::wstring wide(narrow.begin(), narrow.end());
    HANDLE h = CreateFileW(wide.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    REQUIRE(h != INVALID_HANDLE_VALUE);
    CloseHandle(h);
    CHECK(GetFileAttributesW(wide.c_str()) != INVALID_FILE_ATTRIBUTES);
    CHECK(DeleteFileW(wide.c_str()));

    WCHAR buffer[32];
    CHECK(lstrcpyW(buffer, L"abc") == buffer);
    CHECK(lstrcatW(buffer, L"def") == buffer);
    CHECK(lstrlenW(buffer) == 6);
    CHECK(lstrlenW(nullptr) == 0);
    CHECK(lstrcmpW(buffer, L"abcdef") == 0);
    CHECK(lstrcmpW(L"abc", L"abd") < 0);
}

TEST_CASE("bad handles and names fail without crashing") {
    DWORD n = 0;
    char byte = 0;
    CHECK(!ReadFile(nullptr, &byte, 1, &n, nullptr));
    CHECK(!WriteFile(INVALID_HANDLE_VALUE, &byte, 1, &n, nullptr));
    CHECK(SetFilePointer(nullptr, 0, nullptr, FILE_BEGIN) == INVALID_SET_FILE_POINTER);
    CHECK(!SetEndOfFile(nullptr));
    CHECK(GetFileAttributesA("") == INVALID_FILE_ATTRIBUTES);
    CHECK(CreateFileA("", GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_PATH_NOT_FOUND);
    const std::string long_name(300, 'x');
    CHECK(CreateFileA(long_name.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr) == INVALID_HANDLE_VALUE);
    CHECK(GetLastError() == ERROR_FILENAME_EXCED_RANGE);
}
