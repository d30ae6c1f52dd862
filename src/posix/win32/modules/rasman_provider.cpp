// On POSIX the module loader itself answers LoadLibrary("rasman.dll") with
// the pseudo-module (rasman_module.cpp): nothing to prepare.
#include "common/backend.hpp"

namespace rasshost::backend {

void provide_rasman() {}

}  // namespace rasshost::backend
