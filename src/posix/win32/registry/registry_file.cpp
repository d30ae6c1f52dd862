// The registry's file (rasshost/registry.hpp): importing a .reg file,
// saving the tree atomically, and saving after each change once a file is
// in use (persistence.hpp; docs/decisions.md#registry-file).
#include <rasshost/registry.hpp>

#include "posix/win32/registry/key_tree.hpp"
#include "posix/win32/registry/persistence.hpp"
#include "posix/win32/registry/reg_file_parser.hpp"
#include "posix/win32/registry/reg_file_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>

namespace rasshost::posix::registry {
namespace {

struct FileInUse {
    std::mutex mutex;  // orders saves: each writes a snapshot taken after the last
    std::filesystem::path path;
    bool in_use = false;
    bool unsaved = false;
};

FileInUse& file_in_use() {
    static FileInUse state;
    return state;
}

void apply(const RegChange& change) {
    std::shared_ptr<Key> root = predefined_root(change.root);
    if (!root) return;
    std::vector<std::wstring_view> parts;
    split_path(change.path, parts);
    bool created = false;
    LSTATUS error = ERROR_SUCCESS;
    if (change.what == RegChange::What::delete_key || change.what == RegChange::What::delete_value) {
        const auto key = walk(root, parts);
        if (!key) return;  // regedit ignores deleting what is not there
        if (change.what == RegChange::What::delete_value) {
            key->erase_value(change.name);
        } else if (key->parent) {  // [-KEY] deletes the whole subtree
            key->parent->subkeys.erase(fold(key->name));
            key->parent = nullptr;
            mark_deleted(*key);
        }
        return;
    }
    const auto key = create_path(root, parts, false, created, error);
    if (key && change.what == RegChange::What::value) key->set_value(change.name, change.type, change.data);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RegistryFileError(path.string() + ": cannot be read: " + std::strerror(errno), 0);
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_reg_file_bytes) throw RegistryFileError(path.string() + ": larger than 16 MiB", 0);
    }
    return bytes;
}

void write_all(int fd, const std::string& bytes, const std::string& name) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw RegistryFileError(name + ": cannot be written: " + std::strerror(errno), 0);
        done += static_cast<std::size_t>(n);
    }
}

// Writes to a temporary file beside `path` and renames it over: a reader
// (or a crash) sees the old file or the new one, never half of one.
void write_atomically(const std::filesystem::path& path, const std::string& bytes) {
    const std::string temporary = path.string() + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw RegistryFileError(temporary + ": cannot be created: " + std::strerror(errno), 0);
    try {
        write_all(fd, bytes, temporary);
        if (::fsync(fd) != 0) throw RegistryFileError(temporary + ": " + std::strerror(errno), 0);
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        throw RegistryFileError(path.string() + ": cannot be replaced: " + std::strerror(error), 0);
    }
}

void save_in_use(FileInUse& state) {
    try {
        write_atomically(state.path, write_reg_file());
        state.unsaved = false;
    } catch (const RegistryFileError&) {
        state.unsaved = true;
    }
}

void import_bytes(std::string_view bytes, const std::string& name) {
    const RegParse parsed = parse_reg_file(bytes);
    if (parsed.error_line)
        throw RegistryFileError(name + ":" + std::to_string(parsed.error_line) + ": " + parsed.error,
                                parsed.error_line);
    std::unique_lock lock(tree().mutex);
    for (const auto& change : parsed.changes) apply(change);
}

}  // namespace

void saved_after_change() noexcept {
    FileInUse& state = file_in_use();
    std::lock_guard lock(state.mutex);
    if (state.in_use) save_in_use(state);
}

LSTATUS flush() noexcept {
    FileInUse& state = file_in_use();
    std::lock_guard lock(state.mutex);
    if (state.in_use && state.unsaved) save_in_use(state);
    return state.unsaved ? ERROR_CANTWRITE : ERROR_SUCCESS;
}

}  // namespace rasshost::posix::registry

namespace rasshost {

void load_registry_file(const std::filesystem::path& path) {
    posix::registry::import_bytes(posix::registry::read_file(path), path.string());
    posix::registry::saved_after_change();
}

void save_registry_file(const std::filesystem::path& path) {
    posix::registry::write_atomically(path, posix::registry::write_reg_file());
}

void use_registry_file(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) load_registry_file(path);
    auto& state = posix::registry::file_in_use();
    std::lock_guard lock(state.mutex);
    state.path = path;
    state.in_use = true;
    state.unsaved = false;
}

}  // namespace rasshost
