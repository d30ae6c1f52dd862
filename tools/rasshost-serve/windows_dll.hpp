// The check rasshost-serve makes of a Windows (PE) DLL named by --dll before
// anything loads it: an image that is broken, for another machine, or
// without the entry points a RAS server calls is refused with what it is
// and what it exports, rather than with a loader's bare error.
#pragma once

#include "pe_image.hpp"

#include <optional>
#include <string>

namespace rasshost::serve {

// The file's PE image if it is one (a file that does not start as a PE
// image, or cannot be read, is nullopt: the platform's loader says why).
// Throws HostError when it is a PE image the host cannot serve.
std::optional<PeImage> check_windows_dll(const std::string& path);

}  // namespace rasshost::serve
