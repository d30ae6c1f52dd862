// The loader's reason on Windows: the system's text for LoadLibrary's error.
#include "common/backend.hpp"

#include <string>

namespace rasshost {

std::string backend::load_error_reason(DWORD error, std::string_view file) {
    char* buffer = nullptr;
    const DWORD length = FormatMessageA(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, error,
        0, reinterpret_cast<LPSTR>(&buffer), 0, nullptr);
    std::string text(buffer != nullptr ? buffer : "", buffer != nullptr ? length : 0);
    if (buffer != nullptr) LocalFree(buffer);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    // Some messages name the file as an insert ("%1 is not a valid Win32 application.").
    if (const auto at = text.find("%1"); at != std::string::npos) text.replace(at, 2, file);
    return text;
}

}  // namespace rasshost
