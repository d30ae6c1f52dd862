// rasshost/log_escape.hpp - strings from a remote user or a security DLL,
// made safe for one log line.
//
// A user name is whatever the DLL put in SECURITY_MESSAGE, and the DLL often
// copies it from what the caller typed: a CR/LF would start a forged line
// ("... SUCCESS user \"root\""), an ESC or a C1 byte would drive the
// operator's terminal. Every such string goes through log_escape() before it
// reaches a log, the verdict line or the audit line.
#pragma once

#include "config.h"

#include <optional>
#include <string>
#include <string_view>

namespace rasshost {

/** The text as it may appear in a log line, between double quotes:
 *  - printable ASCII (0x20..0x7E) as is, except `"` -> `\"` and `\` -> `\\`;
 *  - well-formed UTF-8 characters as is, except C1 controls (U+0080..U+009F),
 *    the line and paragraph separators (U+2028, U+2029) and the bidirectional
 *    controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which
 *    can break or reorder a line on screen;
 *  - every other byte as `\xNN` (two lower-case hex digits): control bytes
 *    (CR, LF, ESC, DEL ...), the bytes of the characters above, and any byte
 *    that is not part of well-formed UTF-8 (overlong forms, surrogates,
 *    values past U+10FFFF, truncated or stray sequences).
 *  The result is valid UTF-8 without control characters, and
 *  log_unescape() gives the original bytes back. */
RASSHOST_API std::string log_escape(std::string_view text);

/** The bytes log_escape() was given, or nullopt when `escaped` holds a
 *  backslash that starts none of `\"`, `\\`, `\xNN` (for log readers). */
RASSHOST_API std::optional<std::string> log_unescape(std::string_view escaped);

}  // namespace rasshost
