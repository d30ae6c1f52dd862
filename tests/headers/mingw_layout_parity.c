/* Layout parity: mingw-w64's OWN <rasshost.h> and <raserror.h>
 * describe the same structures and values as rasshost's headers.
 *
 * <rasshost.h> here is mingw-w64's (only the project's include/ is added,
 * which has no top-level rasshost.h). <rasshost/rasshost.h> then sees the
 * SDK's include guard, skips its own declarations and applies its
 * compile-time layout assertions (sizeof 296, offsets 8, 16, 20, 277 on
 * 64-bit Windows; 288, 4, 8, 12, 269 on 32-bit; RAS_SECURITY_INFO 140, 4,
 * 8 on both) to mingw-w64's types. The constants are asserted below at
 * compile time and all of it again at run time by layout_checks.h. */
#include <rasshost/config.h> /* RASSHOST_STATIC_ASSERT: rasshost.h includes it inside the SDK guard */
#include <windows.h>
#include <rasshost.h>
#include <raserror.h>
#include <rasshost/rasshost.h>
#include <rasshost/raserror.h> /* 607 and 748: mingw-w64 hides them at WINVER >= 0x0600 */
#include <stddef.h>

#include "layout_checks.h"

#define SAME(a, b, name) RASSHOST_STATIC_ASSERT((a) == (b), name)
#define WIDE (sizeof(void *) == 8)
SAME(sizeof(SECURITY_MESSAGE), WIDE ? 296 : 288, sm_size);
SAME(offsetof(SECURITY_MESSAGE, hPort), WIDE ? 8 : 4, sm_hport);
SAME(offsetof(SECURITY_MESSAGE, dwError), WIDE ? 16 : 8, sm_error);
SAME(offsetof(SECURITY_MESSAGE, UserName), WIDE ? 20 : 12, sm_user);
SAME(offsetof(SECURITY_MESSAGE, Domain), WIDE ? 277 : 269, sm_domain);
SAME(sizeof(RAS_SECURITY_INFO), 140, rsi_size);
SAME(offsetof(RAS_SECURITY_INFO, DeviceName), 8, rsi_device);
SAME(sizeof(HPORT), sizeof(void *), hport_size);
SAME(SECURITYMSG_SUCCESS, 1, msg_success);
SAME(SECURITYMSG_FAILURE, 2, msg_failure);
SAME(SECURITYMSG_ERROR, 3, msg_error);
SAME(UNLEN, 256, unlen);
SAME(DNLEN, 15, dnlen);
SAME(MAX_DEVICE_NAME, 128, max_device_name);
SAME(PENDING, 600, pending);
SAME(ERROR_INVALID_PORT_HANDLE, 601, e601);
SAME(ERROR_BUFFER_TOO_SMALL, 603, e603);
SAME(ERROR_ASYNC_REQUEST_PENDING, 616, e616);
SAME(ERROR_PORT_NOT_OPEN, 618, e618);
SAME(ERROR_PORT_DISCONNECTED, 619, e619);
SAME(ERROR_AUTHENTICATION_FAILURE, 691, e691);
SAME(ERROR_EVENT_INVALID, 607, e607);
SAME(ERROR_SMM_TIMEOUT, 748, e748);

int main(void)
{
    return check_layout();
}
