// What the loader (module.cpp) shares with the calls that look at a loaded
// module's file (module_file.cpp): the HMODULE values and the dlopen handle
// behind one.
#pragma once

#include <rasshost/win32.h>

#include <cstdint>
#include <memory>

namespace rasshost::posix {

inline constexpr std::uintptr_t module_value_step = 0x10000;
// Above 2^32, where no HANDLE value lies (handle_value.hpp): an HMODULE
// passed where a HANDLE is expected never names a kernel object.
inline constexpr std::uintptr_t rasman_value = std::uintptr_t{1} << 32;
inline constexpr std::uintptr_t main_program_value = rasman_value + module_value_step;

inline HMODULE as_hmodule(std::uintptr_t value) { return reinterpret_cast<HMODULE>(value); }
inline std::uintptr_t value_of(HMODULE module) { return reinterpret_cast<std::uintptr_t>(module); }

// One dlopen reference; dlclose when the last user (the loader's entry, a
// GetProcAddress or a file look-up in flight) lets go, never under the
// loader's lock.
class Library {
public:
    explicit Library(void* dl) noexcept : dl_(dl) {}
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
    void* dl() const noexcept { return dl_; }

private:
    void* dl_;
};

// The open library behind an HMODULE once no other thread is in its
// DllMain; nullptr for an unknown or freed one (module.cpp).
std::shared_ptr<Library> library_of(std::uintptr_t value);

}  // namespace rasshost::posix
