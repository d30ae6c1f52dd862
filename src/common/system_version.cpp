// The configured Windows version (rasshost/system_version.hpp): its storage
// and its command-line form.
#include <rasshost/system_version.hpp>

#include <charconv>
#include <mutex>

namespace rasshost {
namespace {

struct Stored {
    std::mutex mutex;
    SystemVersion version;
};

Stored& stored() {
    static Stored* const instance = new Stored;  // never destroyed: read at exit by late DLL code
    return *instance;
}

// Reads a decimal number up to `max` from the front of `text`, consuming it.
std::optional<unsigned> take_number(std::string_view& text, unsigned max) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() || value > max) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

bool take(std::string_view& text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
}

std::optional<unsigned> take_product(std::string_view& text) {
    if (take(text, "-workstation")) return 1u;
    if (take(text, "-server")) return 3u;
    if (take(text, "-dc")) return 2u;
    return std::nullopt;
}

}  // namespace

void set_system_version(const SystemVersion& version) {
    auto& s = stored();
    std::lock_guard lock(s.mutex);
    s.version = version;
    if (s.version.service_pack_name.size() > 127) s.version.service_pack_name.resize(127);
}

SystemVersion system_version() {
    auto& s = stored();
    std::lock_guard lock(s.mutex);
    return s.version;
}

std::optional<SystemVersion> parse_system_version(std::string_view text) {
    SystemVersion version;
    const auto major = take_number(text, 255);
    const bool dot1 = major && take(text, ".");
    const auto minor = dot1 ? take_number(text, 255) : std::nullopt;
    const bool dot2 = minor && take(text, ".");
    const auto build = dot2 ? take_number(text, 65535) : std::nullopt;
    if (!build) return std::nullopt;
    version.major = *major;
    version.minor = *minor;
    version.build = *build;
    version.service_pack_major = 0;
    version.service_pack_name.clear();
    if (take(text, "-sp")) {
        const auto pack = take_number(text, 255);
        if (!pack) return std::nullopt;
        version.service_pack_major = *pack;
        if (*pack != 0) version.service_pack_name = "Service Pack " + std::to_string(*pack);
    }
    if (const auto product = take_product(text)) version.product_type = *product;
    if (!text.empty()) return std::nullopt;
    return version;
}

std::string to_string(const SystemVersion& version) {
    std::string text = std::to_string(version.major) + '.' + std::to_string(version.minor) + '.' +
                       std::to_string(version.build);
    if (version.service_pack_major != 0) text += "-sp" + std::to_string(version.service_pack_major);
    switch (version.product_type) {
        case 1: text += "-workstation"; break;
        case 2: text += "-dc"; break;
        default: text += "-server"; break;
    }
    return text;
}

}  // namespace rasshost
