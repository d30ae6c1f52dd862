// Section: text. MultiByteToWideChar of a 64-byte ASCII string (CP_ACP,
// Windows-1252, and CP_UTF8) against the raw baseline: the C library's
// mbstowcs of the same string in the same run, in a UTF-8 locale when the
// system has one (what a port would call without rasshost).
#include "common.hpp"

#include <rasshost/win32.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace bench {

void run_text(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 20000 : 50000;
    const std::size_t rounds = settings.quick ? 5 : 41;
    static const char input[] = "user=alice;realm=ACME;port=COM3;callback=5551234;mode=terminal!!";
    static_assert(sizeof input == 65, "64 bytes and the NUL");
    wchar_t out[65];
    std::size_t sink = 0;

    const char* previous = std::setlocale(LC_CTYPE, nullptr);
    const std::string saved = previous != nullptr ? previous : "C";
    const auto in_utf8_locale = [&](auto body) {
        if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) std::setlocale(LC_CTYPE, "");
        const double ns = body();
        std::setlocale(LC_CTYPE, saved.c_str());
        return ns;
    };
    const auto convert = [&](UINT code_page) {
        return loop_ns(calls, [&] { sink += static_cast<std::size_t>(MultiByteToWideChar(code_page, 0, input, 64, out, 65)); });
    };
    const auto p50 = interleaved_p50<3>(rounds, {
        [&] { return in_utf8_locale([&] { return loop_ns(calls, [&] { sink += std::mbstowcs(out, input, 65); }); }); },
        [&] { return convert(CP_ACP); },
        [&] { return convert(CP_UTF8); }});
    const double baseline = p50[0], acp = p50[1], utf8 = p50[2];
    if (MultiByteToWideChar(CP_ACP, 0, input, 64, out, 65) != 64) throw std::runtime_error("text: conversion failed");
    if (sink == 1) std::puts("");

    report.add({"text.mb2wc64 [mbstowcs]", baseline, "ns"});
    Figure a{"text.mb2wc64 [MultiByteToWideChar CP_ACP]", acp, "ns", "mbstowcs", baseline, "<=2x raw"};
    a.met = acp <= 2 * baseline;
    report.add(a);
    report.add({"text.mb2wc64 [MultiByteToWideChar CP_UTF8]", utf8, "ns", "mbstowcs", baseline});
}

}  // namespace bench
