// rasman.dll for Windows: a legacy security DLL does
// LoadLibrary("RASMAN.DLL") + GetProcAddress, so the host must
// offer a DLL of that name exporting Send/Receive/GetInfo. This shim holds
// no logic: the host in the same process registers its three functions at
// start-up (RasshostRegisterHost, called by src/win32/modules/rasman_provider.cpp)
// and every call is forwarded to them. Before a host registered, no HPORT
// can be valid: ERROR_INVALID_PORT_HANDLE (docs/decisions.md#calls-after-teardown).
//
// Registration rather than GetProcAddress on the exe: an exe exports
// nothing unless its link is told to, and the host may be any program that
// links the rasshost library (the CLI, a test, a user's service).
#include <rasshost/rasshost.h>

#include <atomic>

namespace {

struct HostFunctions {
    std::atomic<RASSHOST_PFN_SEND> send{nullptr};
    std::atomic<RASSHOST_PFN_RECEIVE> receive{nullptr};
    std::atomic<RASSHOST_PFN_GETINFO> get_info{nullptr};
};

HostFunctions host;  // constant-initialised: valid before DllMain runs

}  // namespace

extern "C" {

DWORD WINAPI RasshostRegisterHost(RASSHOST_PFN_SEND send, RASSHOST_PFN_RECEIVE receive, RASSHOST_PFN_GETINFO get_info);

// Installs the host's functions (a later host replaces an earlier one).
// Returns NO_ERROR, or ERROR_INVALID_PARAMETER if one is NULL.
DWORD WINAPI RasshostRegisterHost(RASSHOST_PFN_SEND send, RASSHOST_PFN_RECEIVE receive, RASSHOST_PFN_GETINFO get_info) {
    if (send == nullptr || receive == nullptr || get_info == nullptr) return ERROR_INVALID_PARAMETER;
    host.send.store(send);
    host.receive.store(receive);
    host.get_info.store(get_info);
    return NO_ERROR;
}

DWORD WINAPI RasSecurityDialogSend(HPORT hPort, PBYTE pBuffer, WORD BufferLength) {
    const auto send = host.send.load();
    return send ? send(hPort, pBuffer, BufferLength) : ERROR_INVALID_PORT_HANDLE;
}

DWORD WINAPI RasSecurityDialogReceive(HPORT hPort, PBYTE pBuffer, PWORD pBufferLength, DWORD Timeout,
                                      HANDLE hEvent) {
    const auto receive = host.receive.load();
    return receive ? receive(hPort, pBuffer, pBufferLength, Timeout, hEvent) : ERROR_INVALID_PORT_HANDLE;
}

DWORD WINAPI RasSecurityDialogGetInfo(HPORT hPort, RAS_SECURITY_INFO* pBuffer) {
    const auto get_info = host.get_info.load();
    return get_info ? get_info(hPort, pBuffer) : ERROR_INVALID_PORT_HANDLE;
}

}  // extern "C"
