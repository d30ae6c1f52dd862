// AppendOnlyFile on Windows: CreateFileW with FILE_APPEND_DATA as the only
// data right (every write goes to the end), an owner-only DACL for a new
// file, and FILE_FLAG_OPEN_REPARSE_POINT so that a symbolic link or junction
// is opened itself -- and then refused -- instead of followed.
#include <rasshost/append_only_file.hpp>
#include <rasshost/win32.h>

#include <sddl.h>

#include <algorithm>

#include <fmt/format.h>

namespace rasshost {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, std::string_view reason) {
    throw FileOpenError(fmt::format("{}: {}", path.string(), reason));
}

std::string system_message(DWORD error) {
    char text[256] = {};
    const DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, error, 0,
                                   text, sizeof text, nullptr);
    std::string message(text, n);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return message.empty() ? fmt::format("error {}", error) : message;
}

// The file's owner and SYSTEM, full control; nothing inherited.
struct OwnerOnly {
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    SECURITY_ATTRIBUTES attributes{sizeof(SECURITY_ATTRIBUTES), nullptr, FALSE};
    OwnerOnly() {
        if (ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:P(A;;FA;;;OW)(A;;FA;;;SY)", SDDL_REVISION_1,
                                                                 &descriptor, nullptr))
            attributes.lpSecurityDescriptor = descriptor;
    }
    ~OwnerOnly() { LocalFree(descriptor); }
    OwnerOnly(const OwnerOnly&) = delete;
    OwnerOnly& operator=(const OwnerOnly&) = delete;
};

}  // namespace

AppendOnlyFile::AppendOnlyFile(const std::filesystem::path& path) {
    OwnerOnly owner_only;
    if (owner_only.descriptor == nullptr) refuse(path, "cannot build an owner-only security descriptor");
    const HANDLE file = CreateFileW(path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ, &owner_only.attributes,
                                    OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (file == INVALID_HANDLE_VALUE) refuse(path, system_message(GetLastError()));
    BY_HANDLE_FILE_INFORMATION info{};
    const bool known = GetFileInformationByHandle(file, &info) != 0;
    if (known && (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0) {
        CloseHandle(file);
        refuse(path, "is a symbolic link or junction; refusing to follow it (name the file itself)");
    }
    if (!known || GetFileType(file) != FILE_TYPE_DISK) {
        CloseHandle(file);
        refuse(path, "not a regular file");
    }
    handle_ = reinterpret_cast<std::intptr_t>(file);
}

AppendOnlyFile::~AppendOnlyFile() { CloseHandle(reinterpret_cast<HANDLE>(handle_)); }

bool AppendOnlyFile::append(std::string_view bytes) noexcept {
    const auto file = reinterpret_cast<HANDLE>(handle_);
    while (!bytes.empty()) {
        DWORD written = 0;
        const auto chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size(), 1u << 30));
        if (!WriteFile(file, bytes.data(), chunk, &written, nullptr) || written == 0) return false;
        bytes.remove_prefix(written);
    }
    return true;
}

}  // namespace rasshost
