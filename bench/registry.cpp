// Section: registry. Reading a value (RegQueryValueExA on an open key, as a
// DLL reads its settings) against the raw baseline in the same run: a
// std::unordered_map from names to values, looked up under a std::mutex and
// copied out. Both hold the value among 64 others. The REG_DWORD read is the
// figure with a target; a REG_SZ read adds the conversion to the ANSI code
// page (Windows keeps registry strings as UTF-16; so does the emulation).
#include "common.hpp"

#include <rasshost/win32.h>

#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bench {
namespace {

template <class Value>
struct RawValues {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
    };
    std::mutex mutex;
    std::unordered_map<std::string, Value, Hash, std::equal_to<>> values;

    bool read(const char* name, Value& out) {
        std::lock_guard lock(mutex);
        const auto found = values.find(std::string_view(name));
        if (found == values.end()) return false;
        out = found->second;
        return true;
    }
};

constexpr const char* bench_key = "Software\\rasshost-bench-registry";
constexpr const char* path_text = "C:\\ACME\\USERS.TXT";

HKEY make_key() {
    HKEY key = nullptr;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, bench_key, 0, nullptr, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, nullptr, &key,
                        nullptr) != ERROR_SUCCESS)
        throw std::runtime_error("registry: RegCreateKeyExA failed");
    for (DWORD i = 0; i < 64; ++i) {
        const std::string name = "Other" + std::to_string(i);
        RegSetValueExA(key, name.c_str(), 0, REG_DWORD, reinterpret_cast<const BYTE*>(&i), sizeof i);
    }
    const DWORD retries = 3;
    RegSetValueExA(key, "RetryCount", 0, REG_DWORD, reinterpret_cast<const BYTE*>(&retries), sizeof retries);
    RegSetValueExA(key, "UserFile", 0, REG_SZ, reinterpret_cast<const BYTE*>(path_text),
                   static_cast<DWORD>(std::strlen(path_text) + 1));
    return key;
}

}  // namespace

void run_registry(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 20000 : 50000;
    const std::size_t rounds = settings.quick ? 5 : 41;
    RawValues<DWORD> raw_dwords;
    RawValues<std::string> raw_strings;
    for (DWORD i = 0; i < 64; ++i) raw_dwords.values.emplace("Other" + std::to_string(i), i);
    raw_dwords.values.emplace("RetryCount", 3);
    raw_strings.values = {{"UserFile", path_text}};
    for (DWORD i = 0; i < 64; ++i) raw_strings.values.emplace("Other" + std::to_string(i), "x");
    HKEY key = make_key();

    DWORD sink = 0;
    char buffer[64];
    std::string text;
    const auto p50 = interleaved_p50<4>(rounds, {
        [&] { return loop_ns(calls, [&] {
            DWORD value = 0;
            raw_dwords.read("RetryCount", value);
            sink += value;
        }); },
        [&] { return loop_ns(calls, [&] {
            DWORD value = 0, size = sizeof value;
            RegQueryValueExA(key, "RetryCount", nullptr, nullptr, reinterpret_cast<BYTE*>(&value), &size);
            sink += value;
        }); },
        [&] { return loop_ns(calls, [&] {
            raw_strings.read("UserFile", text);
            std::memcpy(buffer, text.c_str(), text.size() + 1);
            sink += static_cast<DWORD>(buffer[0]);
        }); },
        [&] { return loop_ns(calls, [&] {
            DWORD size = sizeof buffer;
            RegQueryValueExA(key, "UserFile", nullptr, nullptr, reinterpret_cast<BYTE*>(buffer), &size);
            sink += static_cast<DWORD>(buffer[0]);
        }); }});
    const double raw_dword = p50[0], reg_dword = p50[1], raw_string = p50[2], reg_string = p50[3];
    RegCloseKey(key);
    RegDeleteKeyA(HKEY_CURRENT_USER, bench_key);
    if (sink == 1) std::puts("");

    report.add({"registry.read_dword [unordered_map under a mutex]", raw_dword, "ns"});
    Figure d{"registry.read_dword [RegQueryValueExA]", reg_dword, "ns", "unordered_map under a mutex", raw_dword,
             "<=2x raw"};
    d.met = reg_dword <= 2 * raw_dword;
    report.add(d);
    report.add({"registry.read_sz [unordered_map<string> under a mutex]", raw_string, "ns"});
    report.add({"registry.read_sz [RegQueryValueExA]", reg_string, "ns", "unordered_map<string> under a mutex",
                raw_string});
}

}  // namespace bench
