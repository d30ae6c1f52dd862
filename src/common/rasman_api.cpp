// The functions a security DLL gets from rasman.dll (spec 2.3-2.6), routed
// by HPORT to the dialog that owns it. Unknown or finished HPORTs get
// ERROR_INVALID_PORT_HANDLE (OQ-20). The same RasSecurityDialogComplete is
// the callback every Begin receives and the SDK's global (OQ-23): it routes
// by pSecMsg->hPort.
#include <rasshost/rasshost.h>

#include "dialog.hpp"
#include "dialog_registry.hpp"

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
    if (pSecMsg == nullptr) return;  // nothing to route (OQ-17: ignored)
    if (auto dialog = find_dialog(pSecMsg->hPort)) dialog->complete(*pSecMsg);
}
