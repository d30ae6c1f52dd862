// Why the last LoadLibrary on this thread failed, in the loader's own words
// (dlerror's text): Windows' error codes alone ("error 126") do not say
// whether the file is missing, not a shared object, or lacks a dependency.
#pragma once

#include <string>

namespace rasshost::posix {

// Records the reason for this thread's failing LoadLibrary; "" on success.
void set_load_error(std::string reason);

}  // namespace rasshost::posix
