// The process's ANSI code page: how the ...A calls read and write text that
// Windows keeps as UTF-16 (registry strings, file names, message texts).
// One place for every A<->W conversion (docs/decisions.md#ansi-code-page).
// Exported for its unit test only.
#pragma once

#include <rasshost/config.h>

#include <string>
#include <string_view>

namespace rasshost::posix {

// Windows-1252 unless the embedder chose another one
// (rasshost::set_ansi_code_page: 1252, 437 or 65001).
RASSHOST_API unsigned ansi_code_page() noexcept;

// ANSI bytes as wide characters. As on Windows, the five bytes 1252 leaves
// undefined map to the C1 controls of the same value, so every byte
// survives a round trip.
RASSHOST_API std::wstring ansi_to_wide(std::string_view ansi);

// Wide characters as ANSI bytes; a character the code page lacks becomes '?'
// (WideCharToMultiByte's default character).
RASSHOST_API std::string wide_to_ansi(std::wstring_view wide);

// ANSI bytes as UTF-8, for names handed to the operating system.
RASSHOST_API std::string ansi_to_utf8(std::string_view ansi);

// UTF-8 from the operating system (file names, environment) as ANSI bytes.
RASSHOST_API std::string utf8_to_ansi(std::string_view utf8);

}  // namespace rasshost::posix
