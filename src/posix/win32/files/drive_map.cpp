// The drive table: 26 directories under a reader-writer lock. Z: is / from
// the start, as in Wine's default prefix, so any POSIX path has a Windows
// form; the rest are unmapped until the embedder maps them.
#include "posix/win32/files/drive_map.hpp"

#include <rasshost/drives.hpp>

#include "posix/win32/text/ansi_code_page.hpp"

#include <array>
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

namespace rasshost::posix::drives {
namespace {

struct Table {
    std::shared_mutex mutex;
    std::array<std::string, 26> roots;  // empty: unmapped
    Table() { roots['Z' - 'A'] = "/"; }
};

Table& table() {
    static Table* instance = new Table;  // never destroyed: used until exit
    return *instance;
}

int index_of(char letter) {
    if (letter >= 'a' && letter <= 'z') return letter - 'a';
    if (letter >= 'A' && letter <= 'Z') return letter - 'A';
    return -1;
}

// Whether `path` is `root` or lies below it.
bool holds(std::string_view root, std::string_view path) {
    if (root == "/") return !path.empty() && path.front() == '/';
    return path.substr(0, root.size()) == root && (path.size() == root.size() || path[root.size()] == '/');
}

}  // namespace

std::optional<std::string> root_of(char letter) {
    const int index = index_of(letter);
    if (index < 0) return std::nullopt;
    std::shared_lock lock(table().mutex);
    const auto& root = table().roots[static_cast<std::size_t>(index)];
    if (root.empty()) return std::nullopt;
    return root;
}

std::optional<std::string> windows_form(std::string_view posix_utf8) {
    const std::string normal = std::filesystem::path(posix_utf8).lexically_normal().string();
    std::string_view path = normal;
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    int best = -1;
    std::size_t best_length = 0;
    std::string rest;
    {
        std::shared_lock lock(table().mutex);
        for (int i = 0; i < 26; ++i) {
            const auto& root = table().roots[static_cast<std::size_t>(i)];
            if (root.empty() || !holds(root, path) || (best >= 0 && root.size() <= best_length)) continue;
            best = i;
            best_length = root.size();
        }
        if (best < 0) return std::nullopt;
        rest = std::string(path.substr(best_length == 1 ? 1 : best_length));
    }
    if (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
    for (auto& c : rest)
        if (c == '/') c = '\\';
    return std::string(1, static_cast<char>('A' + best)) + ":\\" + utf8_to_ansi(rest);
}

std::atomic<std::uint64_t> changes{1};

namespace {

void set_root(char letter, std::string root) {
    const int index = index_of(letter);
    if (index < 0) throw std::invalid_argument(std::string("not a drive letter: ") + letter);
    std::unique_lock lock(table().mutex);
    table().roots[static_cast<std::size_t>(index)] = std::move(root);
    changes.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace
}  // namespace rasshost::posix::drives

namespace rasshost {

bool map_drive(char letter, const std::filesystem::path& directory) {
    if (directory.empty()) throw std::invalid_argument("map_drive: an empty directory");
    std::string root = std::filesystem::absolute(directory).lexically_normal().string();
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    posix::drives::set_root(letter, std::move(root));
    return true;
}

bool unmap_drive(char letter) {
    posix::drives::set_root(letter, {});
    return true;
}

std::optional<std::filesystem::path> drive_directory(char letter) {
    auto root = posix::drives::root_of(letter);
    if (!root) return std::nullopt;
    return std::filesystem::path(*root);
}

}  // namespace rasshost
