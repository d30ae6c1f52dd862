// rasshost/drives.hpp - where the drive letters of Windows paths lead.
//
// Legacy DLLs name files C:\ACME\USERS.TXT. On POSIX each drive letter maps
// to a directory, as Wine's dosdevices do: Z: is / unless changed, C: is
// unmapped until the embedder maps it (the Windows directory C:\WINDOWS is
// found there), and a path on an unmapped drive fails with
// ERROR_PATH_NOT_FOUND (docs/decisions.md#windows-paths). On Windows the
// drives are the system's: these calls change nothing and return false.
// rasshost-serve sets them with --drive C:=DIR; the test kit includes this
// header.
#pragma once

#include "config.h"

#include <filesystem>
#include <optional>
#include <string_view>

namespace rasshost {

/** Maps drive `letter` (A-Z, either case) to `directory` (made absolute);
 *  true when applied, false on Windows. Throws std::invalid_argument for a
 *  letter that is not A-Z or an empty directory. Thread-safe; open files
 *  keep the file they opened. */
RASSHOST_API bool map_drive(char letter, const std::filesystem::path& directory);

/** Removes a drive's mapping (paths on it then fail); false on Windows. */
RASSHOST_API bool unmap_drive(char letter);

/** The directory behind a drive, if mapped (always empty on Windows). */
RASSHOST_API std::optional<std::filesystem::path> drive_directory(char letter);

/** Applies "C:=DIR" (the rasshost-serve option's form). Throws
 *  std::invalid_argument with a reason when the text is not of that form. */
RASSHOST_API bool map_drive_option(std::string_view option);

}  // namespace rasshost
