// --dll NAME without a directory, as pppd's "plugin NAME" finds its plugin
// directory: a name no file answers to where it is looked for today (the
// current directory, LD_LIBRARY_PATH) is looked for in the directory the
// example DLLs are installed in, <libdir>/rasshost, found relative to this
// program so a moved install finds its own (docs/rasshost-serve.md,
// "The DLL by name"). POSIX; on Windows the name is as given.
#pragma once

#include <string>

namespace rasshost::serve {

// The file to load for `dll`: `dll` itself unless it is a bare name found
// only in the installed DLL directory, then that file's path.
std::string installed_dll_file(const std::string& dll);

// The installed DLL directory of this program ("" on Windows).
std::string installed_dll_directory();

}  // namespace rasshost::serve
