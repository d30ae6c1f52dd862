// Loads the greeter DLL through the installed library as the host does:
// LoadLibraryA, then the two exports with C linkage. Exit 0 when both exist.
#include <rasshost/rasshost.h>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: load_greeter PATH-TO-DLL\n");
        return 64;
    }
    HMODULE dll = LoadLibraryA(argv[1]);
    if (dll == nullptr) {
        std::fprintf(stderr, "LoadLibraryA(%s) failed: %u\n", argv[1], GetLastError());
        return 1;
    }
    const bool begin = GetProcAddress(dll, "RasSecurityDialogBegin") != nullptr;
    const bool end = GetProcAddress(dll, "RasSecurityDialogEnd") != nullptr;
    std::printf("RasSecurityDialogBegin %s, RasSecurityDialogEnd %s\n", begin ? "found" : "missing",
                end ? "found" : "missing");
    FreeLibrary(dll);
    return begin && end ? 0 : 1;
}
