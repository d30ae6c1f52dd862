#include "posix/win32/files/windows_path.hpp"

#include "posix/win32/files/drive_map.hpp"
#include "posix/win32/text/ansi_case.hpp"
#include "posix/win32/text/ansi_code_page.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <vector>

namespace rasshost::posix {
namespace {

bool is_separator(char c) { return c == '\\' || c == '/'; }

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Characters Windows refuses in a file name (a pattern may hold * and ?).
bool valid_name(std::string_view name, bool pattern) {
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 32 || std::strchr("<>:\"|", c) != nullptr) return false;
        if (!pattern && (c == '*' || c == '?')) return false;
    }
    return true;
}

struct WindowsPath {
    char drive = 0;
    std::vector<std::string> parts;
};

// Splits "X:\\a\\b" (as current_directory_windows gives it).
bool split_absolute(std::string_view full, WindowsPath& out) {
    if (full.size() < 2 || !is_letter(full[0]) || full[1] != ':') return false;
    out.drive = static_cast<char>(ansi_upper(static_cast<unsigned char>(full[0])));
    std::string part;
    for (const char c : full.substr(2)) {
        if (!is_separator(c)) {
            part += c;
        } else if (!part.empty()) {
            out.parts.push_back(std::move(part));
            part.clear();
        }
    }
    if (!part.empty()) out.parts.push_back(std::move(part));
    return true;
}

// Where a path starts: a drive root, the current drive's root or the
// current directory. False when a relative path has no current directory.
bool starting_point(std::string_view& path, WindowsPath& out) {
    WindowsPath current;
    const bool have_current = split_absolute(current_directory_windows(), current);
    if (path.size() >= 2 && is_letter(path[0]) && path[1] == ':') {
        out.drive = static_cast<char>(ansi_upper(static_cast<unsigned char>(path[0])));
        path.remove_prefix(2);
        // "C:name" is relative to the drive's current directory: ours, or its root.
        if ((path.empty() || !is_separator(path[0])) && have_current && current.drive == out.drive) out = current;
        return true;
    }
    if (!have_current) return false;
    if (!path.empty() && is_separator(path[0])) {
        out.drive = current.drive;
        return true;
    }
    out = current;
    return true;
}

// Applies the components of `path` ("." and ".." included) to `out`.
bool add_components(std::string_view path, WindowsPath& out, LastComponent last) {
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = start;
        while (end < path.size() && !is_separator(path[end])) ++end;
        std::string part(path.substr(start, end - start));
        const bool final_part = end >= path.size();
        if (final_part)  // Windows drops a name's trailing dots and spaces
            while (!part.empty() && part != "." && part != ".." && (part.back() == '.' || part.back() == ' '))
                part.pop_back();
        if (part == "..") {
            if (!out.parts.empty()) out.parts.pop_back();
        } else if (!part.empty() && part != ".") {
            if (!valid_name(part, final_part && last == LastComponent::pattern)) return false;
            out.parts.push_back(std::move(part));
        }
        start = end + 1;
    }
    return true;
}

std::string join(const WindowsPath& path) {
    std::string full{path.drive, ':', '\\'};
    for (std::size_t i = 0; i < path.parts.size(); ++i) {
        if (i > 0) full += '\\';
        full += path.parts[i];
    }
    return full;
}

bool is_directory(const std::string& posix) {
    struct stat status {};
    return ::stat(posix.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

std::string child(const std::string& directory, const std::string& name) {
    return directory == "/" ? "/" + name : directory + "/" + name;
}

// Walks the components on disk below the drive's directory.
void locate(const WindowsPath& path, const std::string& root, LastComponent last, ResolvedPath& out) {
    std::string current = root;
    for (std::size_t i = 0; i + 1 < path.parts.size(); ++i) {
        const std::string found = find_entry(current, path.parts[i]);
        if (found.empty() || !is_directory(child(current, found))) {
            out.error = ERROR_PATH_NOT_FOUND;
            return;
        }
        current = child(current, found);
    }
    if (path.parts.empty()) {
        out.posix = current;
        out.exists = true;
        return;
    }
    out.last = path.parts.back();
    const std::string found = last == LastComponent::name ? find_entry(current, out.last) : std::string();
    out.exists = !found.empty();
    out.posix = child(current, out.exists ? found : ansi_to_utf8(out.last));
}

}  // namespace

std::string find_entry(const std::string& directory, std::string_view name) {
    const std::string exact = ansi_to_utf8(name);
    struct stat status {};
    if (::lstat(child(directory, exact).c_str(), &status) == 0) return exact;
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory.c_str()), ::closedir);
    if (!dir) return {};
    std::string best;  // the smallest of several matches, so the choice is stable
    while (const dirent* entry = ::readdir(dir.get())) {
        const std::string candidate = entry->d_name;
        if (candidate == "." || candidate == "..") continue;
        if (ansi_equal_ignoring_case(utf8_to_ansi(candidate), name) && (best.empty() || candidate < best))
            best = candidate;
    }
    return best;
}

std::string current_directory_windows() {
    std::string buffer(4096, '\0');
    if (::getcwd(buffer.data(), buffer.size()) == nullptr) return {};
    buffer.resize(std::strlen(buffer.c_str()));
    return drives::windows_form(buffer).value_or(std::string());
}

ResolvedPath resolve_path(const char* ansi, LastComponent last) {
    ResolvedPath out;
    const std::size_t length = ansi != nullptr ? ::strnlen(ansi, MAX_PATH + 1) : 0;
    if (length > MAX_PATH) {
        out.error = ERROR_FILENAME_EXCED_RANGE;
        return out;
    }
    std::string_view path(ansi != nullptr ? ansi : "", length);
    WindowsPath full;
    if (path.empty() || (path.size() >= 2 && is_separator(path[0]) && is_separator(path[1])) ||
        !starting_point(path, full)) {
        out.error = ERROR_PATH_NOT_FOUND;  // nothing, a UNC name, or no current directory
        return out;
    }
    if (!add_components(path, full, last)) {
        out.error = ERROR_INVALID_NAME;
        return out;
    }
    out.windows = join(full);
    const auto root = drives::root_of(full.drive);
    if (out.windows.size() >= MAX_PATH || !root) {
        out.error = ERROR_PATH_NOT_FOUND;
        return out;
    }
    locate(full, *root, last, out);
    return out;
}

}  // namespace rasshost::posix
