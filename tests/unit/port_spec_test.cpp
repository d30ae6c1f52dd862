// Port spec strings: every accepted form, the canonical printing, and one
// precise message per kind of mistake.
#include <doctest/doctest.h>
#include <rasshost/port_spec.hpp>

#include <string>

using namespace rasshost;

namespace {

std::string error_of(const std::string& text) {
    try {
        parse_port_spec(text);
    } catch (const PortSpecError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("a full serial spec sets every field, keys in any order") {
    const auto spec = parse_port_spec("serial:/dev/ttyS0,flow=rtscts,stop=1,data=7,parity=even,baud=115200");
    const auto& s = std::get<SerialSettings>(spec);
    CHECK(s.device == "/dev/ttyS0");
    CHECK(s.baud == 115200);
    CHECK(s.data_bits == 7);
    CHECK(s.parity == SerialSettings::Parity::even);
    CHECK(s.stop_bits == SerialSettings::StopBits::one);
    CHECK(s.flow == SerialSettings::FlowControl::rts_cts);
    CHECK_FALSE(s.low_latency);
}

TEST_CASE("a bare serial device gets 9600 8N1 without flow control") {
    const auto s = std::get<SerialSettings>(parse_port_spec("serial:COM3"));
    CHECK(s == SerialSettings{"COM3"});
    CHECK(s.baud == 9600);
    CHECK(s.data_bits == 8);
}

TEST_CASE("every serial value word is accepted") {
    using P = SerialSettings::Parity;
    using S = SerialSettings::StopBits;
    using F = SerialSettings::FlowControl;
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,parity=none")).parity == P::none);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,parity=odd")).parity == P::odd);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,parity=mark")).parity == P::mark);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,parity=space")).parity == P::space);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,stop=1.5")).stop_bits == S::one_and_half);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,stop=2")).stop_bits == S::two);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,flow=none")).flow == F::none);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,flow=xonxoff")).flow == F::xon_xoff);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,lowlatency=on")).low_latency);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,data=5")).data_bits == 5);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,baud=1")).baud == 1);
    CHECK(std::get<SerialSettings>(parse_port_spec("serial:x,baud=4000000")).baud == 4000000);
}

TEST_CASE("pty, pty with a link, and stdio parse") {
    CHECK(std::get<PtySettings>(parse_port_spec("pty")).link.empty());
    CHECK(std::get<PtySettings>(parse_port_spec("pty:link=/tmp/ttyRAS")).link == "/tmp/ttyRAS");
    CHECK(std::holds_alternative<StdioSettings>(parse_port_spec("stdio")));
}

TEST_CASE("tcp takes IPv4, bracketed IPv6, any address and port 0") {
    CHECK(std::get<TcpSettings>(parse_port_spec("tcp:127.0.0.1:2323")) == TcpSettings{"127.0.0.1", 2323});
    CHECK(std::get<TcpSettings>(parse_port_spec("tcp:[::1]:2323")) == TcpSettings{"::1", 2323});
    CHECK(std::get<TcpSettings>(parse_port_spec("tcp:0.0.0.0:2323")) == TcpSettings{"0.0.0.0", 2323});
    CHECK(std::get<TcpSettings>(parse_port_spec("tcp:127.0.0.1:0")).port == 0);
    CHECK(std::get<TcpSettings>(parse_port_spec("tcp:127.0.0.1:65535")).port == 65535);
}

TEST_CASE("to_string round-trips every kind") {
    for (const char* text : {"serial:/dev/ttyS0,baud=9600,data=8,parity=none,stop=1,flow=rtscts",
                             "serial:COM3,baud=12345,data=5,parity=mark,stop=1.5,flow=xonxoff,lowlatency=on",
                             "pty", "pty:link=/tmp/ttyRAS", "tcp:127.0.0.1:2323", "tcp:[::1]:0", "stdio"}) {
        CAPTURE(text);
        const auto spec = parse_port_spec(text);
        CHECK(to_string(spec) == text);
        CHECK(parse_port_spec(to_string(spec)) == spec);
    }
    CHECK(to_string(parse_port_spec("serial:/dev/ttyUSB0")) ==
          "serial:/dev/ttyUSB0,baud=9600,data=8,parity=none,stop=1,flow=none");
}

TEST_CASE("a bad serial number names its field") {
    CHECK(error_of("serial:/dev/ttyS0,baud=abc") == R"(port spec "serial:/dev/ttyS0,baud=abc": baud: not a number)");
    CHECK(error_of("serial:/dev/ttyS0,baud=") == R"(port spec "serial:/dev/ttyS0,baud=": baud: not a number)");
    CHECK(error_of("serial:/dev/ttyS0,baud=96x") == R"(port spec "serial:/dev/ttyS0,baud=96x": baud: not a number)");
    CHECK(error_of("serial:/dev/ttyS0,baud=-1") == R"(port spec "serial:/dev/ttyS0,baud=-1": baud: not a number)");
    CHECK(error_of("serial:/dev/ttyS0,baud=0") == R"(port spec "serial:/dev/ttyS0,baud=0": baud: out of range 1..4000000)");
    CHECK(error_of("serial:/dev/ttyS0,baud=99999999999") ==
          R"(port spec "serial:/dev/ttyS0,baud=99999999999": baud: out of range 1..4000000)");
    CHECK(error_of("serial:/dev/ttyS0,data=9") == R"(port spec "serial:/dev/ttyS0,data=9": data: out of range 5..8)");
    CHECK(error_of("serial:/dev/ttyS0,data=4") == R"(port spec "serial:/dev/ttyS0,data=4": data: out of range 5..8)");
}

TEST_CASE("a bad serial word names its field and the choices") {
    CHECK(error_of("serial:/dev/ttyS0,parity=weird") ==
          R"(port spec "serial:/dev/ttyS0,parity=weird": parity: "weird" is not one of none, odd, even, mark, space)");
    CHECK(error_of("serial:/dev/ttyS0,stop=3") == R"(port spec "serial:/dev/ttyS0,stop=3": stop: "3" is not one of 1, 1.5, 2)");
    CHECK(error_of("serial:/dev/ttyS0,flow=hw") ==
          R"(port spec "serial:/dev/ttyS0,flow=hw": flow: "hw" is not one of none, rtscts, xonxoff)");
    CHECK(error_of("serial:/dev/ttyS0,lowlatency=yes") ==
          R"(port spec "serial:/dev/ttyS0,lowlatency=yes": lowlatency: "yes" is not one of on, off)");
}

TEST_CASE("unknown, duplicate, valueless and empty serial options are refused") {
    CHECK(error_of("serial:/dev/ttyS0,speed=9600") == R"(port spec "serial:/dev/ttyS0,speed=9600": speed: unknown key)");
    CHECK(error_of("serial:/dev/ttyS0,baud=9600,baud=300") ==
          R"(port spec "serial:/dev/ttyS0,baud=9600,baud=300": baud: duplicate key)");
    CHECK(error_of("serial:/dev/ttyS0,baud") == R"(port spec "serial:/dev/ttyS0,baud": baud: expected key=value)");
    CHECK(error_of("serial:/dev/ttyS0,") == R"(port spec "serial:/dev/ttyS0,": options: empty option)");
    CHECK(error_of("serial:/dev/ttyS0,,baud=1") == R"(port spec "serial:/dev/ttyS0,,baud=1": options: empty option)");
}

TEST_CASE("a serial spec without a device says so") {
    CHECK(error_of("serial") == R"(port spec "serial": device: missing device (serial:DEVICE,...))");
    CHECK(error_of("serial:") == R"(port spec "serial:": device: missing device)");
    CHECK(error_of("serial:,baud=9600") == R"(port spec "serial:,baud=9600": device: missing device)");
    CHECK(error_of("serial:baud=9600") ==
          R"(port spec "serial:baud=9600": device: missing device (first field is an option))");
}

TEST_CASE("a bad tcp address names host or port") {
    CHECK(error_of("tcp") == R"(port spec "tcp": host: missing HOST:PORT (tcp:HOST:PORT))");
    CHECK(error_of("tcp:127.0.0.1") == R"(port spec "tcp:127.0.0.1": port: missing ":PORT" after the host)");
    CHECK(error_of("tcp::2323") == R"(port spec "tcp::2323": host: missing host)");
    CHECK(error_of("tcp:127.0.0.1:http") == R"(port spec "tcp:127.0.0.1:http": port: not a number)");
    CHECK(error_of("tcp:127.0.0.1:") == R"(port spec "tcp:127.0.0.1:": port: not a number)");
    CHECK(error_of("tcp:127.0.0.1:65536") == R"(port spec "tcp:127.0.0.1:65536": port: out of range 0..65535)");
    CHECK(error_of("tcp:::1:23") == R"(port spec "tcp:::1:23": host: an IPv6 address needs brackets: [ADDRESS]:PORT)");
    CHECK(error_of("tcp:[::1:23") == R"(port spec "tcp:[::1:23": host: missing ']' after IPv6 address)");
    CHECK(error_of("tcp:[::1]23") == R"(port spec "tcp:[::1]23": port: missing ":PORT" after the address)");
    CHECK(error_of("tcp:[]:23") == R"(port spec "tcp:[]:23": host: missing host)");
}

TEST_CASE("a bad pty or stdio option and an unknown kind are refused") {
    CHECK(error_of("pty:link=") == R"(port spec "pty:link=": link: empty path)");
    CHECK(error_of("pty:path=/tmp/x") == R"(port spec "pty:path=/tmp/x": path: unknown key)");
    CHECK(error_of("pty:") == R"(port spec "pty:": options: empty option)");
    CHECK(error_of("stdio:raw") == R"(port spec "stdio:raw": stdio: takes no options)");
    CHECK(error_of("modem:/dev/ttyS0") ==
          R"(port spec "modem:/dev/ttyS0": kind: unknown kind "modem" (expected serial, pty, tcp or stdio))");
    CHECK(error_of("") == R"(port spec "": kind: empty spec (expected serial, pty, tcp or stdio))");
}

TEST_CASE("a PortSpecError is an invalid_argument") {
    CHECK_THROWS_AS(parse_port_spec("nope"), std::invalid_argument);
}
