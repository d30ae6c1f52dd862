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
    const std::size_t calls = settings.quick ? 20000 : 200000;
    const std::size_t batches = settings.quick ? 5 : 21;
    static const char input[] = "user=alice;realm=ACME;port=COM3;callback=5551234;mode=terminal!!";
    static_assert(sizeof input == 65, "64 bytes and the NUL");
    wchar_t out[65];
    std::size_t sink = 0;

    const char* previous = std::setlocale(LC_CTYPE, nullptr);
    const std::string saved = previous != nullptr ? previous : "C";
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) std::setlocale(LC_CTYPE, "");
    const double baseline = summarize(per_call_ns([&](std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) sink += std::mbstowcs(out, input, 65);
    }, calls, batches)).p50;
    std::setlocale(LC_CTYPE, saved.c_str());

    auto convert = [&](UINT code_page) {
        return summarize(per_call_ns([&](std::size_t k) {
            for (std::size_t i = 0; i < k; ++i)
                sink += static_cast<std::size_t>(MultiByteToWideChar(code_page, 0, input, 64, out, 65));
        }, calls, batches)).p50;
    };
    const double acp = convert(CP_ACP);
    const double utf8 = convert(CP_UTF8);
    if (MultiByteToWideChar(CP_ACP, 0, input, 64, out, 65) != 64) throw std::runtime_error("text: conversion failed");
    if (sink == 1) std::puts("");

    report.add({"text.mb2wc64 [mbstowcs]", baseline, "ns"});
    Figure a{"text.mb2wc64 [MultiByteToWideChar CP_ACP]", acp, "ns", "mbstowcs", baseline, "<=2x raw"};
    a.met = acp <= 2 * baseline;
    report.add(a);
    report.add({"text.mb2wc64 [MultiByteToWideChar CP_UTF8]", utf8, "ns", "mbstowcs", baseline});
}

}  // namespace bench
