// The process-wide map from HPORT to the dialog it names. HPORT values are
// opaque, nonzero, never INVALID_HANDLE_VALUE and never reused, so a stale
// or forged HPORT finds nothing and gets 601 (docs/decisions.md#hport-values,
// docs/decisions.md#calls-after-teardown).
#pragma once

#include <rasshost/rasshost.h>

#include <memory>

namespace rasshost {

class Dialog;

// A fresh HPORT value.
HPORT allocate_hport() noexcept;

void register_dialog(HPORT port, std::shared_ptr<Dialog> dialog);
void unregister_dialog(HPORT port) noexcept;

// The dialog of a live HPORT, or nullptr.
std::shared_ptr<Dialog> find_dialog(HPORT port) noexcept;

}  // namespace rasshost
