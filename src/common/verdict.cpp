// The verdict's name, as verdict lines and logs show it (rasshost/dialog.hpp).
#include <rasshost/dialog.hpp>

namespace rasshost {

std::string_view to_string(Verdict verdict) noexcept {
    switch (verdict) {
        case Verdict::success: return "SUCCESS";
        case Verdict::failure: return "FAILURE";
        case Verdict::error: return "ERROR";
        case Verdict::aborted: return "ABORTED";
    }
    return "ABORTED";
}

}  // namespace rasshost
