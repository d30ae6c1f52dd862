#include "common/source_key.hpp"

#include <asio/ip/address.hpp>

#include <system_error>

namespace rasshost {

std::string source_key(std::string_view peer) {
    std::error_code error;
    const auto address = asio::ip::make_address(std::string(peer), error);
    if (error) return std::string(peer);
    if (address.is_v4()) return address.to_string();
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    for (std::size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
    return asio::ip::address_v6(bytes).to_string() + "/64";
}

}  // namespace rasshost
