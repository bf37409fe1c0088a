// Counting by scanner (SPEC §12): a stack of scanned pages read and entered
// as one pass, in one transaction, each page kept with its hash; and what a
// person needs to look at a page again.
#pragma once

#include "core/base/progress.hpp"
#include "core/db/workspace.hpp"
#include "core/election/scanned.hpp"
#include "core/scan/reader.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::scan {

// The paper of election `id` as it is printed now (the reader's template).
paper::BallotContent paper_of(SQLite::Database& db, const std::string& id);

struct ScanOptions {
    int pass = 1;
    std::string station;
    bool stamp = false;     // an empty stamp box holds the page (no_stamp)
    double pdf_dpi = 200;   // a PDF's pages are rendered at this resolution
    int threads = 0;        // pages read at once; 0: one per core
    Progress* progress = nullptr;
};

struct ScannedPage {
    std::string file;
    int page = 1;
    PageReading reading;
    std::optional<std::int64_t> page_id;  // as kept (a blank page is not kept)
    std::optional<std::int64_t> serial;   // accepted: its ballot
    std::string sha256;
};

struct ScanResult {
    int pass = 1;
    bool agree = false;  // an agree/disagree ballot: rows are scored by their boxes
    std::vector<ScannedPage> pages;
    int accepted = 0, held = 0, rejected = 0, blank = 0;
};

// Reads every page of `paths` (expand_paths) and keeps them in election
// `id`, entering each accepted page as the next ballot of the pass, all in
// one transaction. Bad input (exit 3, nothing kept): a file that cannot be
// read, a page already kept (the same image: a page is read once), every
// one listed. Refused (exit 1) unless the election is open.
ScanResult scan_ballots(db::Workspace& ws, const std::string& id, const std::vector<std::filesystem::path>& paths,
                        const ScanOptions& o);

// What was read, as kept with the page and printed by --json.
nlohmann::ordered_json reading_json(const PageReading& r);
PageReading reading_from_json(const std::string& json);
nlohmann::ordered_json to_json(const ScanResult& r, bool scores);

// The rows' scores of a stack, in bands of 50 ‰ (cross form: the share of
// the name struck, once a row; agree form: of each box inked, twice a row),
// with the thresholds (--scores): how far from them a stack's ballots lie.
struct ScoreBands {
    std::vector<int> counts;  // 21 bands: 0–49 ‰, 50–99 ‰, … 1000 ‰
    int doubtful = 0, rows = 0;
};
ScoreBands score_bands(const ScanResult& r);

// The page kept, decoded, with what was read drawn on it (scan show, scan
// review): a PNG. `reader` is the election's (its layout places the rows);
// one is made once for many pages.
std::vector<std::uint8_t> annotated_page(SQLite::Database& db, const std::string& id, const election::StoredPage& p,
                                         const Reader& reader, bool zoom_rows);

// The entry a reading makes (for an accepted page, and as the proposal a
// person accepts with 'ok' in review): its marks in the form of `ballots
// enter`. None while a row is doubtful.
std::optional<election::EntryLine> entry_of(const PageReading& r, election::Form form);

}  // namespace daihoi::scan
