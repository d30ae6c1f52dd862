#include "common/accept_error.hpp"

#include <asio/error.hpp>

namespace rasshost {

bool transient_accept_error(const std::error_code& error) {
    if (error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
        error == asio::error::no_memory || error == asio::error::connection_aborted)
        return true;
    // ENFILE has no Asio name: the same number in the standard system category.
    const std::error_code as_system = error.category() == asio::error::get_system_category()
                                          ? std::error_code(error.value(), std::system_category())
                                          : error;
    return as_system == std::errc::too_many_files_open || as_system == std::errc::too_many_files_open_in_system ||
           as_system == std::errc::no_buffer_space || as_system == std::errc::not_enough_memory ||
           as_system == std::errc::connection_aborted;
}

}  // namespace rasshost
