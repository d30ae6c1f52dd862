// libFuzzer target: the INI parser behind GetPrivateProfileStringA. Any
// bytes parse (bounded, nothing escapes); the text written back parses to
// the same text again; and a value set through the editor is found again
// by the lookup the profile calls use.
#include "posix/win32/profile/ini_document.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using rasshost::posix::IniDocument;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_ini_document: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    IniDocument document(input);
    const std::string text = document.text();
    if (IniDocument(text).text() != text) fail("the written text does not parse back to itself");

    for (const auto& section : document.sections())
        for (std::size_t i = section.header + 1; i < section.end; ++i)
            (void)document.find_entry(section.name, document.lines()[i].name);

    document.set_value("Fuzz Section", "Fuzz Key", "fuzz value");
    const auto* entry = document.find_entry("FUZZ SECTION", "fuzz key");
    // An earlier [Fuzz Section] whose entry line the input shaped oddly may
    // hold the key; the value set must be what the lookup sees.
    if (entry == nullptr || entry->value != "fuzz value") fail("a value just set is not found");
    const IniDocument reread(document.text());
    entry = reread.find_entry("fuzz section", "FUZZ KEY");
    if (entry == nullptr || entry->value != "fuzz value") fail("a value set is lost when written and read back");
    return 0;
}
