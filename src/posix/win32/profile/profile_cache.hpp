// Parsed INI files, kept so that a read of a cached file costs a lookup
// (docs/decisions.md#ini-files). A file is parsed again when its time,
// size or identity changes; the check is made at most every
// recheck_interval per thread and file, and at once after any change this
// process makes through the file calls or the drive mapping.
#pragma once

#include "posix/win32/profile/ini_document.hpp"

#include <rasshost/win32.h>

#include <chrono>
#include <string>

namespace rasshost::posix {

inline constexpr std::chrono::milliseconds recheck_interval{100};

struct IniSnapshot {
    IniDocument document;
    std::string posix;   // the file's POSIX name
    DWORD error = ERROR_SUCCESS;  // why the file could not be read (it then reads as empty)
};

// The file a profile call names: a name without a directory lives in the
// Windows directory. Valid until this thread's next call.
const IniSnapshot& profile_snapshot(const char* file_name);

// The POSIX name of the profile file `file_name`, or the error.
std::string profile_path(const char* file_name, DWORD& error);

}  // namespace rasshost::posix
