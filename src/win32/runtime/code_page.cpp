// On Windows the ANSI code page belongs to the system: it can be read, not
// chosen (docs/decisions.md#ansi-code-page).
#include <rasshost/code_page.hpp>
#include <rasshost/win32.h>

namespace rasshost {

bool set_ansi_code_page(unsigned code_page) noexcept { return code_page == GetACP(); }

unsigned ansi_code_page() noexcept { return GetACP(); }

}  // namespace rasshost
