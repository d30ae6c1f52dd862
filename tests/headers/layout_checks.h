/* Shared by the C99 and C++98 header programs: the SDK layout and constants
 * (docs/decisions.md#sdk-header), checked at run time with a
 * message per mismatch (rasshost.h also asserts them at compile time). */
#include <stddef.h>
#include <stdio.h>

static int failures = 0;

#define EXPECT_EQ(actual, expected)                                                           \
    do {                                                                                      \
        unsigned long a_ = (unsigned long)(actual), e_ = (unsigned long)(expected);           \
        if (a_ != e_) {                                                                       \
            printf("FAIL %s == %lu, expected %lu\n", #actual, a_, e_);                        \
            ++failures;                                                                       \
        }                                                                                     \
    } while (0)

static int check_layout(void)
{
    int wide = sizeof(void *) == 8;
    EXPECT_EQ(sizeof(DWORD), 4);
    EXPECT_EQ(sizeof(WORD), 2);
    EXPECT_EQ(sizeof(BYTE), 1);
    EXPECT_EQ(sizeof(HPORT), sizeof(void *));
    EXPECT_EQ(sizeof(SECURITY_MESSAGE), wide ? 296 : 288);
    EXPECT_EQ(offsetof(SECURITY_MESSAGE, dwMsgId), 0);
    EXPECT_EQ(offsetof(SECURITY_MESSAGE, hPort), wide ? 8 : 4);
    EXPECT_EQ(offsetof(SECURITY_MESSAGE, dwError), wide ? 16 : 8);
    EXPECT_EQ(offsetof(SECURITY_MESSAGE, UserName), wide ? 20 : 12);
    EXPECT_EQ(offsetof(SECURITY_MESSAGE, Domain), wide ? 277 : 269);
    EXPECT_EQ(sizeof(((SECURITY_MESSAGE *)0)->UserName), 257);
    EXPECT_EQ(sizeof(((SECURITY_MESSAGE *)0)->Domain), 16);
    EXPECT_EQ(sizeof(RAS_SECURITY_INFO), 140);
    EXPECT_EQ(offsetof(RAS_SECURITY_INFO, LastError), 0);
    EXPECT_EQ(offsetof(RAS_SECURITY_INFO, BytesReceived), 4);
    EXPECT_EQ(offsetof(RAS_SECURITY_INFO, DeviceName), 8);
    EXPECT_EQ(sizeof(((RAS_SECURITY_INFO *)0)->DeviceName), 129);
    EXPECT_EQ(UNLEN, 256);
    EXPECT_EQ(DNLEN, 15);
    EXPECT_EQ(CNLEN, 15);
    EXPECT_EQ(PWLEN, 256);
    EXPECT_EQ(MAX_DEVICE_NAME, 128);
    EXPECT_EQ(SECURITYMSG_SUCCESS, 1);
    EXPECT_EQ(SECURITYMSG_FAILURE, 2);
    EXPECT_EQ(SECURITYMSG_ERROR, 3);
    EXPECT_EQ(RASBASE, 600);
    EXPECT_EQ(SUCCESS, 0);
    EXPECT_EQ(PENDING, 600);
    EXPECT_EQ(NO_ERROR, 0);
    EXPECT_EQ(ERROR_INVALID_PORT_HANDLE, 601);
    EXPECT_EQ(ERROR_PORT_ALREADY_OPEN, 602);
    EXPECT_EQ(ERROR_BUFFER_TOO_SMALL, 603);
    EXPECT_EQ(ERROR_WRONG_INFO_SPECIFIED, 604);
    EXPECT_EQ(ERROR_PORT_NOT_CONNECTED, 606);
    EXPECT_EQ(ERROR_EVENT_INVALID, 607);
    EXPECT_EQ(ERROR_BUFFER_INVALID, 610);
    EXPECT_EQ(ERROR_PORT_NOT_FOUND, 615);
    EXPECT_EQ(ERROR_ASYNC_REQUEST_PENDING, 616);
    EXPECT_EQ(ERROR_ALREADY_DISCONNECTING, 617);
    EXPECT_EQ(ERROR_PORT_NOT_OPEN, 618);
    EXPECT_EQ(ERROR_PORT_DISCONNECTED, 619);
    EXPECT_EQ(ERROR_DISCONNECTION, 628);
    EXPECT_EQ(ERROR_REMOTE_DISCONNECTION, 629);
    EXPECT_EQ(ERROR_HARDWARE_FAILURE, 630);
    EXPECT_EQ(ERROR_USER_DISCONNECTION, 631);
    EXPECT_EQ(ERROR_UNKNOWN, 635);
    EXPECT_EQ(ERROR_REQUEST_TIMEOUT, 638);
    EXPECT_EQ(ERROR_AUTH_INTERNAL, 645);
    EXPECT_EQ(ERROR_RESTRICTED_LOGON_HOURS, 646);
    EXPECT_EQ(ERROR_ACCT_DISABLED, 647);
    EXPECT_EQ(ERROR_PASSWD_EXPIRED, 648);
    EXPECT_EQ(ERROR_NO_DIALIN_PERMISSION, 649);
    EXPECT_EQ(ERROR_AUTHENTICATION_FAILURE, 691);
    EXPECT_EQ(ERROR_INTERACTIVE_MODE, 703);
    EXPECT_EQ(ERROR_ACCT_EXPIRED, 708);
    EXPECT_EQ(ERROR_SMM_TIMEOUT, 748);
    EXPECT_EQ(ERROR_ACCESS_DENIED, 5);
    EXPECT_EQ(ERROR_INVALID_HANDLE, 6);
    EXPECT_EQ(ERROR_NOT_ENOUGH_MEMORY, 8);
    EXPECT_EQ(ERROR_OUTOFMEMORY, 14);
    EXPECT_EQ(ERROR_NOT_SUPPORTED, 50);
    EXPECT_EQ(ERROR_INVALID_PARAMETER, 87);
    EXPECT_EQ(ERROR_CALL_NOT_IMPLEMENTED, 120);
    EXPECT_EQ(ERROR_MOD_NOT_FOUND, 126);
    EXPECT_EQ(ERROR_PROC_NOT_FOUND, 127);
    EXPECT_EQ(WAIT_TIMEOUT, 258);
    EXPECT_EQ(ERROR_DLL_NOT_FOUND, 1157);
    EXPECT_EQ(ERROR_LOGON_FAILURE, 1326);
    EXPECT_EQ(ERROR_TIMEOUT, 1460);
    EXPECT_EQ(WAIT_OBJECT_0, 0);
    EXPECT_EQ(WAIT_ABANDONED, 0x80);
    EXPECT_EQ(WAIT_FAILED, 0xFFFFFFFFu);
    EXPECT_EQ(INFINITE, 0xFFFFFFFFu);
    EXPECT_EQ(MAXIMUM_WAIT_OBJECTS, 64);
    EXPECT_EQ(MAX_PATH, 260);
    EXPECT_EQ(DLL_PROCESS_ATTACH, 1);
    EXPECT_EQ(DLL_PROCESS_DETACH, 0);
    EXPECT_EQ(DLL_THREAD_ATTACH, 2);
    EXPECT_EQ(DLL_THREAD_DETACH, 3);
    EXPECT_EQ(HEAP_ZERO_MEMORY, 8);
    if (failures == 0) printf("layout and constants: all as in the Windows SDK\n");
    return failures == 0 ? 0 : 1;
}
