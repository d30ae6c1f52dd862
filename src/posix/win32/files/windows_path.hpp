// A Windows path (ANSI, as the A calls get it) as the POSIX file it names
// (docs/decisions.md#windows-paths): "C:\\x", "\\x" (the current drive),
// "x\\y" (the current directory), '\\' and '/' alike, "." and "..", and
// every existing component found whatever its letter case.
#pragma once

#include <rasshost/win32.h>

#include <string>
#include <string_view>

namespace rasshost::posix {

struct ResolvedPath {
    DWORD error = ERROR_SUCCESS;  // ERROR_SUCCESS, or why the path names nothing
    std::string posix;            // UTF-8, for the system; the last component as found if it exists
    std::string windows;          // the full Windows form, "C:\\DIR\\NAME"
    std::string last;             // the last component as given (ANSI; empty for a drive root)
    bool exists = false;          // whether the last component exists
};

// What the last component may be: a file name, or a FindFirstFile pattern
// ('*' and '?' allowed; it is then never looked up).
enum class LastComponent { name, pattern };

// Resolves a NUL-terminated path of at most MAX_PATH characters. Errors:
// ERROR_PATH_NOT_FOUND (NULL, empty, a missing directory, an unmapped
// drive, a full path of MAX_PATH or more), ERROR_FILENAME_EXCED_RANGE (a
// name of more than MAX_PATH characters), ERROR_INVALID_NAME (a character
// Windows forbids in names). Exported for its fuzz target only.
RASSHOST_API ResolvedPath resolve_path(const char* ansi, LastComponent last = LastComponent::name);

// The current directory in Windows form, or empty when no drive holds it.
std::string current_directory_windows();

// The POSIX name, UTF-8, of an entry of `directory` whose ANSI name equals
// `name` letter case ignored (the exact spelling first); empty if none.
std::string find_entry(const std::string& directory, std::string_view name);

}  // namespace rasshost::posix
