// Carrier loss on Win32 COM ports (src/win32/ports/carrier_watch.hpp). Real modem
// lines do not exist under Wine (a COM port there is a pty), so the edge
// rule is tested on its own, and the watch on handles without modem lines.
#include <doctest/doctest.h>
#include <rasshost/win32.h>

#include "win32/ports/carrier_watch.hpp"

#include <asio/io_context.hpp>

using rasshost::win32::CarrierEdge;
using rasshost::win32::CarrierWatch;

TEST_CASE("Carrier: only a fall after carrier was up is a hang-up, and only once") {
    CarrierEdge edge;
    CHECK_FALSE(edge.dropped(false));  // never up: a line without DCD wired is not hung up
    CHECK_FALSE(edge.dropped(false));
    CHECK_FALSE(edge.dropped(true));   // the call comes up
    CHECK_FALSE(edge.dropped(true));   // an event that changed nothing
    CHECK(edge.dropped(false));        // the modem dropped the call
    CHECK_FALSE(edge.dropped(false));  // reported once
    CHECK_FALSE(edge.dropped(true));
    CHECK(edge.dropped(false));        // a second call on the same line, dropped again
}

TEST_CASE("Carrier: a handle without modem lines is not watched and never reports a drop") {
    asio::io_context io;
    // A pipe takes no comm calls, as a pty under Wine answers GetCommModemStatus with 50.
    HANDLE read_end = nullptr;
    HANDLE write_end = nullptr;
    REQUIRE(CreatePipe(&read_end, &write_end, nullptr, 0));
    bool dropped = false;
    CarrierWatch watch;
    CHECK_FALSE(watch.start(read_end, io.get_executor(), [&] { dropped = true; }));
    CHECK_FALSE(watch.watching());
    io.run_for(std::chrono::milliseconds(20));
    CHECK_FALSE(dropped);
    watch.stop();  // harmless when nothing started
    CloseHandle(read_end);
    CloseHandle(write_end);
}
