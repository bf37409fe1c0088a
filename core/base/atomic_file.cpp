#include "core/base/atomic_file.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace daihoi {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& file, int err) {
    throw Refused(_f("cannot write {}: {}", file.string(), std::strerror(err)));
}

// The mode a newly created file would get (0666 less the umask).
mode_t default_mode() {
    static const mode_t mode = [] {
        mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

void sync_dir(const fs::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: the rename itself is done
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(fs::path target, bool overwrite) : target_(std::move(target)), overwrite_(overwrite) {
    std::error_code ec;
    if (!overwrite_ && fs::exists(target_, ec))
        throw FileExists(_f("{} exists; it is not overwritten", target_.string()));
    fs::path dir = target_.parent_path();
    std::string leaf = ".";
    leaf += target_.filename().string();
    leaf += ".tmp-XXXXXX";
    std::string pattern = (dir / leaf).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) fail(target_, errno);
    temp_ = name.data();
    ::fchmod(fd_, default_mode());
}

AtomicFile::~AtomicFile() {
    if (stream_) std::fclose(stream_);
    else if (fd_ >= 0) ::close(fd_);
    if (!committed_) {
        std::error_code ec;
        fs::remove(temp_, ec);
    }
}

std::FILE* AtomicFile::stream() {
    if (!stream_) {
        stream_ = ::fdopen(fd_, "wb");
        if (!stream_) fail(target_, errno);
    }
    return stream_;
}

void AtomicFile::commit() {
    if (stream_ && std::fflush(stream_) != 0) fail(target_, errno);
    // A library that wrote by path replaced the file: sync what is at the path now.
    int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(target_, errno);
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) fail(target_, err);
    if (stream_) {
        rc = std::fclose(stream_);
        stream_ = nullptr;
        fd_ = -1;
        if (rc != 0) fail(target_, errno);
    } else if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (overwrite_) {
        if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(target_, errno);
    } else {
        // link() fails if the target exists: never replaces a file that appeared meanwhile.
        if (::link(temp_.c_str(), target_.c_str()) == 0) {
            ::unlink(temp_.c_str());
        } else {
            int e = errno;
            std::error_code ec;
            if (e == EEXIST || fs::exists(target_, ec))
                throw FileExists(_f("{} exists; it is not overwritten", target_.string()));
            // File systems without hard links (a Windows drive under WSL): check, then rename.
            if (::rename(temp_.c_str(), target_.c_str()) != 0) fail(target_, errno);
        }
    }
    committed_ = true;
    sync_dir(target_.parent_path());
}

void write_file_atomically(const fs::path& target, std::string_view bytes, bool overwrite) {
    AtomicFile f(target, overwrite);
    std::FILE* out = f.stream();
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size())
        throw Refused(_f("cannot write {}: {}", target.string(), std::strerror(errno)));
    f.commit();
}

}  // namespace daihoi
