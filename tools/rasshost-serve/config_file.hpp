// rasshost-serve --config FILE: every command-line option, one per line,
// as pppd's options files and sshd_config hold theirs (docs/rasshost-serve.md,
// "Configuration file"):
//
//   # the DLL, and where calls come from
//   dll /usr/lib/x86_64-linux-gnu/rasshost/libpassword_security.so
//   port serial:/dev/ttyS0,baud=9600
//   once
//
// A line is an option's name (with or without "--") and its value, the rest
// of the line; '#' starts a comment line. The file's options come first, so
// the command line's override them: a single-valued option by coming later,
// and --port or --drive given on the command line replace all the file's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rasshost::serve {

// The options in a configuration file's text, as command-line words
// ("--dll=/usr/lib/x.so", "--once"). Throws UsageError naming
// `file`:LINE for a line that is not an option.
std::vector<std::string> parse_config_text(std::string_view text, std::string_view file);

// The command line with the file --config names (if it does) read in front
// of it, --config itself removed. Throws UsageError.
std::vector<std::string> with_config_file(const std::vector<std::string_view>& arguments);

}  // namespace rasshost::serve
