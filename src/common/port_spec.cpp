// Parsing and printing port specs. Every error names the field at fault and
// quotes the whole spec, because the user typed it on a command line and
// needs to see which part to fix.
#include <rasshost/port_spec.hpp>

#include <array>
#include <charconv>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace rasshost {
namespace {

class SpecParser {
public:
    explicit SpecParser(std::string_view text) : text_(text) {}

    [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
        std::string message = "port spec \"";
        message.append(text_).append("\": ").append(field).append(": ").append(problem);
        throw PortSpecError(message);
    }

    // A decimal number in [low, high], the whole of `value`.
    unsigned number(std::string_view field, std::string_view value, unsigned low, unsigned high) const {
        unsigned result = 0;
        const auto* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, result);
        if (value.empty() || stop != end || error == std::errc::invalid_argument) fail(field, "not a number");
        if (error == std::errc::result_out_of_range || result < low || result > high)
            fail(field, "out of range " + std::to_string(low) + ".." + std::to_string(high));
        return result;
    }

    // One of the `names`, mapped to the value at the same index.
    template <typename T, std::size_t N>
    T choice(std::string_view field, std::string_view value, const std::array<std::pair<std::string_view, T>, N>& names,
             std::string_view expected) const {
        for (const auto& [name, result] : names)
            if (name == value) return result;
        fail(field, "\"" + std::string(value) + "\" is not one of " + std::string(expected));
    }

    // "key=value,key=value" after the kind (and device); each key once.
    std::vector<std::pair<std::string_view, std::string_view>> options(std::string_view rest,
                                                                        std::set<std::string_view> known) const {
        std::vector<std::pair<std::string_view, std::string_view>> result;
        std::set<std::string_view> seen;
        while (true) {
            const auto comma = rest.find(',');
            const auto item = rest.substr(0, comma);
            const auto equals = item.find('=');
            if (item.empty()) fail("options", "empty option");
            if (equals == std::string_view::npos) fail(item, "expected key=value");
            const auto key = item.substr(0, equals);
            if (!known.contains(key)) fail(key, "unknown key");
            if (!seen.insert(key).second) fail(key, "duplicate key");
            result.emplace_back(key, item.substr(equals + 1));
            if (comma == std::string_view::npos) return result;
            rest.remove_prefix(comma + 1);
        }
    }

    SerialSettings serial(std::string_view rest) const {
        SerialSettings settings;
        const auto comma = rest.find(',');
        settings.device = std::string(rest.substr(0, comma));
        if (settings.device.empty()) fail("device", "missing device");
        if (settings.device.find('=') != std::string::npos) fail("device", "missing device (first field is an option)");
        if (comma == std::string_view::npos) return settings;
        using P = SerialSettings::Parity;
        using S = SerialSettings::StopBits;
        using F = SerialSettings::FlowControl;
        for (const auto& [key, value] :
             options(rest.substr(comma + 1), {"baud", "data", "parity", "stop", "flow", "lowlatency"})) {
            if (key == "baud") settings.baud = number(key, value, 1, 4'000'000);
            else if (key == "data") settings.data_bits = number(key, value, 5, 8);
            else if (key == "parity")
                settings.parity = choice<P, 5>(key, value,
                    {{{"none", P::none}, {"odd", P::odd}, {"even", P::even}, {"mark", P::mark}, {"space", P::space}}},
                    "none, odd, even, mark, space");
            else if (key == "stop")
                settings.stop_bits = choice<S, 3>(key, value, {{{"1", S::one}, {"1.5", S::one_and_half}, {"2", S::two}}},
                                                  "1, 1.5, 2");
            else if (key == "flow")
                settings.flow = choice<F, 3>(key, value,
                    {{{"none", F::none}, {"rtscts", F::rts_cts}, {"xonxoff", F::xon_xoff}}}, "none, rtscts, xonxoff");
            else settings.low_latency = choice<bool, 2>(key, value, {{{"on", true}, {"off", false}}}, "on, off");
        }
        return settings;
    }

    PtySettings pty(std::optional<std::string_view> rest) const {
        PtySettings settings;
        if (!rest) return settings;
        for (const auto& [key, value] : options(*rest, {"link"})) {
            if (value.empty()) fail(key, "empty path");
            settings.link = std::string(value);
        }
        return settings;
    }

    TcpSettings tcp(std::string_view rest) const {
        TcpSettings settings;
        std::string_view host;
        std::string_view port;
        if (rest.starts_with('[')) {  // [IPv6]:PORT
            const auto close = rest.find(']');
            if (close == std::string_view::npos) fail("host", "missing ']' after IPv6 address");
            host = rest.substr(1, close - 1);
            if (rest.substr(close + 1, 1) != ":") fail("port", "missing \":PORT\" after the address");
            port = rest.substr(close + 2);
        } else {
            const auto colon = rest.rfind(':');
            if (colon == std::string_view::npos) fail("port", "missing \":PORT\" after the host");
            host = rest.substr(0, colon);
            port = rest.substr(colon + 1);
            if (host.find(':') != std::string_view::npos) fail("host", "an IPv6 address needs brackets: [ADDRESS]:PORT");
        }
        if (host.empty()) fail("host", "missing host");
        if (host.find_first_of(" \t,[]") != std::string_view::npos) fail("host", "bad character in host");
        settings.host = std::string(host);
        settings.port = static_cast<std::uint16_t>(number("port", port, 0, 65535));
        return settings;
    }

    PortSpec parse() const {
        const auto colon = text_.find(':');
        const auto kind = text_.substr(0, colon);
        const auto rest = colon == std::string_view::npos ? std::optional<std::string_view>()
                                                            : std::optional(text_.substr(colon + 1));
        if (kind == "serial") {
            if (!rest) fail("device", "missing device (serial:DEVICE,...)");
            return serial(*rest);
        }
        if (kind == "pty") return pty(rest);
        if (kind == "tcp") {
            if (!rest) fail("host", "missing HOST:PORT (tcp:HOST:PORT)");
            return tcp(*rest);
        }
        if (kind == "stdio") {
            if (rest) fail("stdio", "takes no options");
            return StdioSettings{};
        }
        if (kind.empty()) fail("kind", "empty spec (expected serial, pty, tcp or stdio)");
        fail("kind", "unknown kind \"" + std::string(kind) + "\" (expected serial, pty, tcp or stdio)");
    }

private:
    std::string_view text_;
};

const char* name_of(SerialSettings::Parity parity) {
    constexpr std::array names{"none", "odd", "even", "mark", "space"};
    return names.at(static_cast<std::size_t>(parity));
}
const char* name_of(SerialSettings::StopBits stop) {
    constexpr std::array names{"1", "1.5", "2"};
    return names.at(static_cast<std::size_t>(stop));
}
const char* name_of(SerialSettings::FlowControl flow) {
    constexpr std::array names{"none", "rtscts", "xonxoff"};
    return names.at(static_cast<std::size_t>(flow));
}

struct Printer {
    std::string operator()(const SerialSettings& s) const {
        std::string text = "serial:" + s.device + ",baud=" + std::to_string(s.baud) +
                           ",data=" + std::to_string(s.data_bits) + ",parity=" + name_of(s.parity) +
                           ",stop=" + name_of(s.stop_bits) + ",flow=" + name_of(s.flow);
        if (s.low_latency) text += ",lowlatency=on";
        return text;
    }
    std::string operator()(const PtySettings& s) const { return s.link.empty() ? "pty" : "pty:link=" + s.link; }
    std::string operator()(const TcpSettings& s) const {
        const bool v6 = s.host.find(':') != std::string::npos;
        return "tcp:" + (v6 ? "[" + s.host + "]" : s.host) + ":" + std::to_string(s.port);
    }
    std::string operator()(const StdioSettings&) const { return "stdio"; }
};

}  // namespace

PortSpec parse_port_spec(std::string_view text) { return SpecParser(text).parse(); }

std::string to_string(const PortSpec& spec) { return std::visit(Printer{}, spec); }

}  // namespace rasshost
