// A stack fed through a scanner's sheet feeder (`daihoi scan ballots
// --device`): SANE's `scanimage --batch` (Debian package sane-utils) drives
// the scanner and writes every page as a grey PNG into a folder the counting
// board keeps; the pages are then read from there like any other files.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace daihoi::scan {

struct FeedOptions {
    std::string device;  // as `scanimage -L` names it ("fujitsu:fi-7160:1234"; SANE's test backend: "test")
    std::string source;  // the feeder as the device names it ("ADF", "ADF Duplex"); empty: the device's default
    int dpi = 200;
};

// Feeds the stack into `dir` (created; refused when it holds files already)
// and returns the pages' files in the order fed. Refused (exit 1) when
// scanimage is missing, the device or an option is refused (with the
// scanner's own words), or no page came out of the feeder; the pages fed
// before a failure stay in `dir`.
std::vector<std::filesystem::path> feed(const FeedOptions& o, const std::filesystem::path& dir);

// The folder a stack is fed into when the board names none:
// scan-ID-pN-YYYYMMDD-HHMMSS (local time), in the current folder.
std::filesystem::path default_feed_folder(const std::string& id, int pass);

// A stack for pass `pass` of election `id` (scan ballots --device): what the
// scan would refuse (election::check_scan) is refused before a sheet moves;
// then `on_feeding` (to tell the person at the feeder), then feed().
std::vector<std::filesystem::path> feed_for(SQLite::Database& db, const std::string& id, int pass,
                                            const FeedOptions& o, const std::filesystem::path& dir,
                                            const std::function<void()>& on_feeding = {});

}  // namespace daihoi::scan
