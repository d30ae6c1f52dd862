// Win32 texts end with CRLF, as Windows' message table has them; the RAS
// texts end with %0 (no line break), as their message file writes them.
// The Win32 texts are those of current Windows (10 and later), which
// reworded ERROR_NOT_ENOUGH_MEMORY, ERROR_OUTOFMEMORY and
// ERROR_LOGON_FAILURE; the RAS texts those of NT 4's raserror.h, the era of
// the DLLs the host runs.
#include "posix/win32/messages/message_table.hpp"

#include <algorithm>
#include <iterator>

namespace rasshost::posix::messages {
namespace {

struct Entry {
    std::uint32_t id;
    std::string_view text;
};

// Sorted by id (checked by a static_assert below).
constexpr Entry table[] = {
    {0, "The operation completed successfully.\r\n"},
    {1, "Incorrect function.\r\n"},
    {2, "The system cannot find the file specified.\r\n"},
    {3, "The system cannot find the path specified.\r\n"},
    {5, "Access is denied.\r\n"},
    {6, "The handle is invalid.\r\n"},
    {8, "Not enough memory resources are available to process this command.\r\n"},
    {14, "Not enough memory resources are available to complete this operation.\r\n"},
    {21, "The device is not ready.\r\n"},
    {50, "The request is not supported.\r\n"},
    {87, "The parameter is incorrect.\r\n"},
    {109, "The pipe has been ended.\r\n"},
    {120, "This function is not supported on this system.\r\n"},
    {122, "The data area passed to a system call is too small.\r\n"},
    {123, "The filename, directory name, or volume label syntax is incorrect.\r\n"},
    {126, "The specified module could not be found.\r\n"},
    {127, "The specified procedure could not be found.\r\n"},
    {161, "The specified path is invalid.\r\n"},
    {183, "Cannot create a file when that file already exists.\r\n"},
    {206, "The filename or extension is too long.\r\n"},
    {234, "More data is available.\r\n"},
    {258, "The wait operation timed out.\r\n"},
    {259, "No more data is available.\r\n"},
    {288, "Attempt to release mutex not owned by caller.\r\n"},
    {298, "Too many posts were made to a semaphore.\r\n"},
    {317, "The system cannot find message text for message number 0x%1 in the message file for %2.\r\n"},
    {600, "An operation is pending.%0"},
    {601, "The port handle is invalid.%0"},
    {602, "The port is already open.%0"},
    {603, "Caller's buffer is too small.%0"},
    {604, "Wrong information specified.%0"},
    {606, "The port is not connected.%0"},
    {607, "The event is invalid.%0"},
    {610, "The buffer is invalid.%0"},
    {615, "The port was not found.%0"},
    {616, "An asynchronous request is pending.%0"},
    {617, "The port or device is already disconnecting.%0"},
    {618, "The port is not open.%0"},
    {619, "The port is disconnected.%0"},
    {628, "The port was disconnected.%0"},
    {629, "The data link was terminated by the remote machine.%0"},
    {630, "The port was disconnected due to hardware failure.%0"},
    {631, "The port was disconnected by the user.%0"},
    {635, "Unknown error.%0"},
    {638, "The request has timed out.%0"},
    {645, "Internal authentication error.%0"},
    {646, "The account is not permitted to logon at this time of day.%0"},
    {647, "The account is disabled.%0"},
    {648, "The password has expired.%0"},
    {649, "The account does not have Remote Access permission.%0"},
    {691, "Access denied because username and/or password is invalid on the domain.%0"},
    {703, "ERROR_INTERACTIVE_MODE%0"},
    {708, "The account has expired.%0"},
    {748, "ERROR_SMM_TIMEOUT%0"},
    {995, "The I/O operation has been aborted because of either a thread exit or an application request.\r\n"},
    {998, "Invalid access to memory location.\r\n"},
    {1004, "Invalid flags.\r\n"},
    {1113, "No mapping for the Unicode character exists in the target multi-byte code page.\r\n"},
    {1114, "A dynamic link library (DLL) initialization routine failed.\r\n"},
    {1157, "One of the library files needed to run this application cannot be found.\r\n"},
    {1326, "The user name or password is incorrect.\r\n"},
    {1460, "This operation returned because the timeout period expired.\r\n"},
    {1813, "The specified resource type cannot be found in the image file.\r\n"},
    {1816, "Not enough quota is available to process this command.\r\n"},
    {15100, "The specified resource language ID cannot be found in the image file.\r\n"},
};

constexpr bool sorted() {
    for (std::size_t i = 1; i < std::size(table); ++i)
        if (table[i - 1].id >= table[i].id) return false;
    return true;
}
static_assert(sorted(), "the message table must be sorted by id");

}  // namespace

std::string_view system_message(std::uint32_t id) noexcept {
    const auto* found = std::lower_bound(std::begin(table), std::end(table), id,
                                         [](const Entry& entry, std::uint32_t key) { return entry.id < key; });
    return found != std::end(table) && found->id == id ? found->text : std::string_view();
}

}  // namespace rasshost::posix::messages
