#include "common.hpp"
namespace bench {
void run_scale(const Settings&, Report&) {}
}  // namespace bench
