// RasSecurityDialogSend / Receive / GetInfo / Complete before any host is
// running: no transaction exists, so every HPORT is unknown and gets
// ERROR_INVALID_PORT_HANDLE (spec OQ-20); a Complete is ignored (OQ-17).
#include <rasshost/rasshost.h>

extern "C" DWORD WINAPI RasSecurityDialogSend(HPORT, PBYTE, WORD) { return ERROR_INVALID_PORT_HANDLE; }

extern "C" DWORD WINAPI RasSecurityDialogReceive(HPORT, PBYTE, PWORD, DWORD, HANDLE) {
    return ERROR_INVALID_PORT_HANDLE;
}

extern "C" DWORD WINAPI RasSecurityDialogGetInfo(HPORT, RAS_SECURITY_INFO*) { return ERROR_INVALID_PORT_HANDLE; }

extern "C" VOID WINAPI RasSecurityDialogComplete(SECURITY_MESSAGE*) {}
