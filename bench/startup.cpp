#include "common.hpp"
namespace bench {
void run_startup(const Settings&, Report&) {}
}  // namespace bench
