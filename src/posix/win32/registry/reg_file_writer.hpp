// The registry as a .reg file (docs/decisions.md#registry-file).
#pragma once

#include <string>

namespace rasshost::posix::registry {

// The non-volatile keys of HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER and
// HKEY_USERS as a version 5 file: UTF-16LE with its byte order mark and
// CRLF line ends, as regedit writes. Takes the tree's lock (shared).
std::string write_reg_file();

}  // namespace rasshost::posix::registry
