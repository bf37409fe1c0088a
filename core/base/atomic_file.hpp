// The one way daihoi writes a file people keep (reports, exports, samples,
// backups): into a temporary file beside the target, synced, then renamed
// over it. A full disk, a crash or an error leaves the old file or none,
// never half of a new one.
#pragma once

#include <cstdio>
#include <filesystem>

#include "core/error.hpp"

namespace daihoi {

// The refusal of a target that exists (overwrite false): a caller that picks
// its own names (automatic backups) takes the next name instead.
struct FileExists : Refused {
    using Refused::Refused;
};

class AtomicFile {
public:
    // Creates the temporary file in the target's folder (which must exist).
    // With `overwrite` false, an existing target is refused (FileExists, exit 1)
    // now and again at commit (no rename over a file that appeared meanwhile).
    explicit AtomicFile(std::filesystem::path target, bool overwrite = true);
    ~AtomicFile();  // removes the temporary file unless committed
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::filesystem::path& target() const { return target_; }
    // For libraries that write by path (libxlsxwriter): write here, then commit.
    const std::filesystem::path& temp_path() const { return temp_; }
    // A stdio stream on the temporary file, opened on first use.
    std::FILE* stream();

    // Flushes, syncs, closes and renames into place; throws Refused naming
    // the file and the system's reason (e.g. no space left on the device).
    void commit();

private:
    std::filesystem::path target_, temp_;
    int fd_ = -1;
    std::FILE* stream_ = nullptr;
    bool overwrite_;
    bool committed_ = false;
};

// Writes `bytes` to `target` through an AtomicFile.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, bool overwrite = true);

}  // namespace daihoi
