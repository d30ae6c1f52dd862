// The functions a security DLL gets from rasman.dll, routed
// by HPORT to the dialog that owns it. Unknown or finished HPORTs get
// ERROR_INVALID_PORT_HANDLE (docs/decisions.md#calls-after-teardown). The same RasSecurityDialogComplete is
// the callback every Begin receives and the SDK's global
// (docs/decisions.md#global-complete): it routes
// by pSecMsg->hPort.
#include <rasshost/rasshost.h>

#include "common/dialog.hpp"
#include "common/dialog_registry.hpp"

using rasshost::find_dialog;

extern "C" DWORD WINAPI RasSecurityDialogSend(HPORT hPort, PBYTE pBuffer, WORD BufferLength) {
    auto dialog = find_dialog(hPort);
    return dialog ? dialog->send(pBuffer, BufferLength) : ERROR_INVALID_PORT_HANDLE;
}

extern "C" DWORD WINAPI RasSecurityDialogReceive(HPORT hPort, PBYTE pBuffer, PWORD pBufferLength, DWORD Timeout,
                                                 HANDLE hEvent) {
    auto dialog = find_dialog(hPort);
    return dialog ? dialog->receive(pBuffer, pBufferLength, Timeout, hEvent) : ERROR_INVALID_PORT_HANDLE;
}

extern "C" DWORD WINAPI RasSecurityDialogGetInfo(HPORT hPort, RAS_SECURITY_INFO* pBuffer) {
    auto dialog = find_dialog(hPort);
    return dialog ? dialog->get_info(pBuffer) : ERROR_INVALID_PORT_HANDLE;
}

extern "C" VOID WINAPI RasSecurityDialogComplete(SECURITY_MESSAGE* pSecMsg) {
    if (pSecMsg == nullptr) return;  // nothing to route: ignored (docs/decisions.md#complete-handling)
    if (auto dialog = find_dialog(pSecMsg->hPort)) dialog->complete(*pSecMsg);
}
