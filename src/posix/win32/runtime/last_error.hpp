// The calling thread's last-error code, for the library's hot paths
// (TlsGetValue sets it on every call): a plain initial-exec thread_local,
// one load or store, where calling the exported SetLastError costs a PLT
// jump and a dynamic TLS lookup.
#pragma once

#include <rasshost/win32.h>

namespace rasshost::posix {

// constinit: no dynamic initialisation, so no TLS wrapper call on access.
extern constinit __attribute__((tls_model("initial-exec"))) thread_local DWORD last_error_code;

inline void set_last_error(DWORD code) noexcept { last_error_code = code; }

}  // namespace rasshost::posix
