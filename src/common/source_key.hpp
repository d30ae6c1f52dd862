// The source a call is counted against for per-source limits: an IPv4
// address, or the /64 of an IPv6 one (what one subscriber usually holds, so
// hopping through its addresses does not dodge the count, as sshd does).
#pragma once

#include <rasshost/config.h>

#include <string>
#include <string_view>

namespace rasshost {

// "192.0.2.7" -> "192.0.2.7"; "2001:db8:1:2:a:b:c:d" -> "2001:db8:1:2::/64";
// an empty peer (a line with no address) -> "". Anything else that is not
// an address is its own source.
RASSHOST_API std::string source_key(std::string_view peer);

}  // namespace rasshost
