// rasshost.h in strict C++98, included inside an extern "C" block as legacy
// C++ sources do (extern "C"-safe).
#include <stddef.h>
extern "C" {
#include <rasshost/rasshost.h>
}

#include "layout_checks.h"

int main()
{
    return check_layout();
}
