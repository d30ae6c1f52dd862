/* rasshost.h in strict C99 with -Wpedantic -Werror. */
#include <rasshost/rasshost.h>
#include <stddef.h>

#include "layout_checks.h"

/* The SDK's generic entry-point type and the project typedefs must accept
 * the DLL's exports. */
static DWORD WINAPI fake_end(HPORT port) { (void)port; return ERROR_PORT_DISCONNECTED; }

int main(void)
{
    RASSHOST_PFN_END end = fake_end;
    RASSECURITYPROC generic = (RASSECURITYPROC)fake_end;
    if (((RASSHOST_PFN_END)generic)((HPORT)1) != ERROR_PORT_DISCONNECTED || end((HPORT)1) != 619) {
        printf("FAIL function pointer round trip\n");
        return 1;
    }
    return check_layout();
}
