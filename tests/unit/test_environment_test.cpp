// rasshost::test::set_environment: what a DLL under test reads with getenv().
#include <doctest/doctest.h>
#include <rasshost/test_kit.hpp>

#include <cstdlib>
#include <string>
#include <system_error>

using rasshost::test::set_environment;

TEST_CASE("set_environment: getenv sees the value, and a second call replaces it") {
    set_environment("RASSHOST_TEST_SETTING", "/data/first.txt");
    REQUIRE(std::getenv("RASSHOST_TEST_SETTING") != nullptr);
    CHECK(std::string(std::getenv("RASSHOST_TEST_SETTING")) == "/data/first.txt");
    set_environment("RASSHOST_TEST_SETTING", "second value with spaces");
    CHECK(std::string(std::getenv("RASSHOST_TEST_SETTING")) == "second value with spaces");
}

TEST_CASE("set_environment: an empty name or one with '=' is refused, nothing set") {
    CHECK_THROWS_AS(set_environment("", "x"), std::system_error);
    CHECK_THROWS_AS(set_environment("A=B", "x"), std::system_error);
    CHECK(std::getenv("A") == nullptr);
}
