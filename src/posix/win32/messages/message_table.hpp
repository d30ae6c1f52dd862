// The emulation's system message table: Windows' English texts for the
// Win32 error codes the library returns and for the RAS codes
// (docs/decisions.md#format-message).
#pragma once

#include <cstdint>
#include <string_view>

namespace rasshost::posix::messages {

// The message definition of `id` as FormatMessage reads it (inserts and
// escapes unprocessed), or an empty view for an unknown id.
std::string_view system_message(std::uint32_t id) noexcept;

}  // namespace rasshost::posix::messages
