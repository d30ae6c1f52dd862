// The host functions with no transaction open: every HPORT is unknown
// (601 for a never-issued hPort), and Complete is ignored
// (docs/decisions.md#calls-after-teardown, docs/decisions.md#complete-handling).
#include <doctest/doctest.h>
#include <rasshost/rasshost.h>

TEST_CASE("Send/Receive/GetInfo on a never-issued HPORT return 601") {
    BYTE buffer[16] = {};
    WORD length = sizeof buffer;
    RAS_SECURITY_INFO info{};
    auto forged = reinterpret_cast<HPORT>(0x4242);
    CHECK(RasSecurityDialogSend(forged, buffer, 4) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogReceive(forged, buffer, &length, 0, nullptr) == ERROR_INVALID_PORT_HANDLE);
    CHECK(length == sizeof buffer);
    CHECK(RasSecurityDialogGetInfo(forged, &info) == ERROR_INVALID_PORT_HANDLE);
    CHECK(RasSecurityDialogSend(nullptr, nullptr, 0) == ERROR_INVALID_PORT_HANDLE);
}

TEST_CASE("RasSecurityDialogComplete with an unknown hPort or NULL is ignored") {
    SECURITY_MESSAGE message{};
    message.dwMsgId = SECURITYMSG_SUCCESS;
    message.hPort = reinterpret_cast<HPORT>(0x4242);
    RasSecurityDialogComplete(&message);
    RasSecurityDialogComplete(nullptr);
    CHECK(message.dwMsgId == SECURITYMSG_SUCCESS);
}
