#include "posix/win32/files/wildcard.hpp"

#include "posix/win32/text/ansi_case.hpp"

namespace rasshost::posix {
namespace {

// The classic greedy match with one backtrack point: O(pattern * name) at
// worst, no recursion.
bool plain_match(std::string_view pattern, std::string_view name) noexcept {
    std::size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
    while (n < name.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = n;
        } else if (p < pattern.size() &&
                   (pattern[p] == '?' || ansi_upper(static_cast<unsigned char>(pattern[p])) ==
                                             ansi_upper(static_cast<unsigned char>(name[n])))) {
            ++p;
            ++n;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            n = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view name) noexcept {
    if (plain_match(pattern, name)) return true;
    // "x.*" also finds "x": the extension may be absent.
    if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*" && name.find('.') == std::string_view::npos)
        return plain_match(pattern.substr(0, pattern.size() - 2), name);
    return false;
}

}  // namespace rasshost::posix
