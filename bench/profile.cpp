// Section: INI files. GetPrivateProfileStringA of a cached file (one value
// among 64 keys of a section) against the raw baseline: a
// std::unordered_map from key names to values, looked up under a
// std::mutex, the value copied to the caller's buffer (what the call
// returns). The file lives under the temporary directory in Windows form.
#include "common.hpp"

#include <rasshost/win32.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bench {
namespace {

struct RawValues {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
    };
    std::mutex mutex;
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> values;

    DWORD get(const char* key, char* buffer, DWORD size) {
        std::lock_guard lock(mutex);
        const auto found = values.find(std::string_view(key));
        if (found == values.end()) return 0;
        const std::size_t n = found->second.size() < size ? found->second.size() : size - 1;
        std::memcpy(buffer, found->second.data(), n);
        buffer[n] = '\0';
        return static_cast<DWORD>(n);
    }
};

std::string bench_file() {
    char temp[MAX_PATH];
    if (GetTempPathA(MAX_PATH, temp) == 0) throw std::runtime_error("profile: GetTempPathA failed");
    return std::string(temp) + "rasshost-bench-" + std::to_string(GetCurrentThreadId()) + ".ini";
}

}  // namespace

void run_profile(const Settings& settings, Report& report) {
    const std::size_t calls = settings.quick ? 20000 : 50000;
    const std::size_t rounds = settings.quick ? 5 : 41;

    RawValues raw;
    std::string text = "[Settings]\r\n";
    for (int i = 0; i < 64; ++i) {
        const std::string key = "Key" + std::to_string(i), value = "value-" + std::to_string(i * 7919);
        raw.values.emplace(key, value);
        text += key + "=" + value + "\r\n";
    }
    raw.values.emplace("Server", "radius.example.com");
    text += "Server=radius.example.com\r\n";
    const std::string file = bench_file();
    HANDLE h = CreateFileA(file.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    DWORD written = 0;
    if (h == INVALID_HANDLE_VALUE || !WriteFile(h, text.data(), static_cast<DWORD>(text.size()), &written, nullptr))
        throw std::runtime_error("profile: cannot write " + file);
    CloseHandle(h);

    char buffer[64];
    std::size_t sink = 0;
    const auto p50 = interleaved_p50<2>(rounds, {
        [&] { return loop_ns(calls, [&] { sink += raw.get("Server", buffer, sizeof buffer); }); },
        [&] { return loop_ns(calls, [&] {
            sink += GetPrivateProfileStringA("Settings", "Server", "", buffer, sizeof buffer, file.c_str());
        }); }});
    const double baseline = p50[0], read = p50[1];
    if (std::strcmp(buffer, "radius.example.com") != 0) throw std::runtime_error("profile: wrong value read");
    DeleteFileA(file.c_str());
    if (sink == 1) std::puts("");

    report.add({"profile.get [unordered_map under a mutex]", baseline, "ns"});
    Figure f{"profile.get [GetPrivateProfileStringA, cached]", read, "ns", "unordered_map under a mutex", baseline,
             "<=2x raw"};
    f.met = read <= 2 * baseline;
    report.add(f);
}

}  // namespace bench
