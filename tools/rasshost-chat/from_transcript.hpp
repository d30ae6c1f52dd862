// rasshost-chat --from-transcript FILE: a dialog rasshost-serve --transcript
// recorded, turned into the EXPECT/SEND script that plays its caller again
// (expect's autoexpect idea), so that a bug report becomes a regression
// test. For each chunk the DLL received, the script expects the last line
// the DLL sent before it and sends the chunk; a dialog whose close record
// is there ends with its last message and HANGUP. Platform-free; the
// transcript is read strictly and within bounds (it may hold anything a
// caller typed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rasshost::chat {

struct ReplayScript {
    std::string hport;                // the dialog's, as the transcript names it
    std::vector<std::string> words;   // EXPECT SEND ... [HANGUP], in rasshost-chat's escapes
    bool masked = false;              // what the caller typed shows only as '*' (--transcript-input masked)
};

// The dialog of `text` whose HPORT is `hport`, or the first one. Throws
// std::invalid_argument when there is no such dialog.
ReplayScript script_from_transcript(std::string_view text, std::string_view hport = {});

// A word for a POSIX shell, in single quotes.
std::string shell_quoted(std::string_view word);

}  // namespace rasshost::chat
