// What the platform-free code needs from a backend (src/posix, src/win32)
// beyond the Win32 API itself.
#pragma once

#include <rasshost/port.hpp>
#include <rasshost/win32.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace asio {
class io_context;
}

namespace rasshost {
class Event;
}

namespace rasshost::backend {

// True if `handle` names an event the host may signal with SetEvent
// (docs/decisions.md#event-handles). Never consumes or changes the event.
bool is_event_handle(HANDLE handle) noexcept;

// wait_any (wait_all = false: the lowest signalled index) or wait_all (an
// index when all were taken at once) over `events`, std::nullopt on timeout
// (see <rasshost/event.hpp>). Checks its arguments with wait_checks.hpp,
// which names the caller by `what`.
std::optional<std::size_t> wait_events(std::span<Event* const> events, bool wait_all,
                                       std::chrono::nanoseconds timeout, const char* what);

// Makes LoadLibrary("RASMAN.DLL") in a security DLL yield this host's
// Send/Receive/GetInfo (docs/decisions.md#rasman-pseudo-module). Called before the DLL is loaded.
// POSIX: nothing to do (the module loader knows the name). Windows: loads
// the project's rasman.dll shim and registers the host with it; throws
// HostError when the shim cannot be found.
void provide_rasman();

// LoadLibrary of the host's own security DLL by the file's native name, so
// any name the file system holds loads (LoadLibraryA would go through the
// ANSI code page). POSIX: the UTF-8 name as it is; Windows: LoadLibraryW.
HMODULE load_library(const std::filesystem::path& file);

// Why LoadLibrary(file) just failed on this thread with `error`, in the
// loader's own words: POSIX, dlerror's text as LoadLibrary kept it (it names
// the file: missing, not a shared object, a missing dependency); Windows,
// the system's message for the code. "" when there is nothing to add.
std::string load_error_reason(DWORD error, std::string_view file);

// The person's own terminal as a Port, in raw mode until the Port closes
// (POSIX: the tty or whatever stdin/stdout are; Windows: the console).
// Throws std::system_error when it cannot be set up.
std::unique_ptr<Port> open_stdio_port(asio::io_context& io);

// Called by set_debug_output before the sink changes, so that what a DLL
// passes to OutputDebugStringA/W reaches deliver_debug_output
// (common/debug_output.hpp). POSIX: nothing to do (the emulation's own
// functions deliver). Windows: installs, once, the handler that copies
// kernel32's debug strings.
void watch_debug_output();

// Lending a line to a child process (Port::lend_descriptor, adopt_port).
// POSIX: a duplicate of `descriptor` (close-on-exec), -1 if none could be
// made; Windows: always -1, lines are not lent there.
std::intptr_t duplicate_line(std::intptr_t descriptor) noexcept;
// The child's side: a Port over a lent line (the descriptor is the Port's
// now). POSIX: the kind's own Port; Windows: throw std::system_error.
std::unique_ptr<Port> adopt_pty_port(asio::io_context& io, std::intptr_t descriptor);
std::unique_ptr<Port> adopt_serial_port(asio::io_context& io, std::intptr_t descriptor, const std::string& device);
// stdin's duplicate as the line's input; output goes to this process's stdout.
std::unique_ptr<Port> adopt_stdio_port(asio::io_context& io, std::intptr_t descriptor);

}  // namespace rasshost::backend
