// The scanned pages of ballots (SPEC §12) as the workspace keeps them: each
// page's image (grey PNG) with its SHA-256, what the scanner read, and what
// became of it — entered as a ballot, held for a person, or rejected — and
// the decisions people took on held pages. Reading images is core/scan's;
// this layer only keeps what it is given, under the rules of ballot entry.
#pragma once

#include "core/election/election.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::election {

// A page as the scanner hands it over.
struct PageRecord {
    std::string file;  // as named on the command line
    int page = 1;
    std::vector<std::uint8_t> image;  // the image kept: the scanner's own file, or the page as PNG
    std::string format = "png";       // png, jpeg
    std::string sha256;               // of `image`, 64 lower-case hexadecimal digits
    std::string source_sha256;        // of the file it came from (the same for a PNG or JPEG page)
    std::string status;             // accepted, held, rejected
    std::string reason;             // held or rejected: why ("" when accepted)
    std::string reading;            // JSON: what was read, row by row
    std::optional<EntryLine> ballot;  // accepted: the marks entered
};

// A page as kept.
struct StoredPage {
    std::int64_t id = 0;
    int pass = 1;
    std::string station, file;
    int page = 1;
    std::string sha256, format, status, reason;
    std::optional<std::int64_t> serial;   // accepted: its ballot in `pass`
    std::string reading, at;
    std::map<int, std::int64_t> decided;  // pass → the ballot a person's decision on it was entered as
    // Still waiting for a person: held and not decided into its own pass.
    bool waiting() const { return status == "held" && !decided.count(pass); }
};

// What a scanning command checks first (below), without a transaction: for
// a stack that is fed through the scanner before it is read.
void check_scan(SQLite::Database& db, const std::string& id, int pass);

// One scanning command: a single transaction (BEGIN IMMEDIATE), so that a
// stack is entered whole or not at all. Refused (exit 1) unless the election
// is open; a usage error for a pass out of 1…kMaxPass.
class ScanSession {
  public:
    ScanSession(db::Workspace& ws, const std::string& id, int pass, const std::string& station);
    ~ScanSession();
    ScanSession(const ScanSession&) = delete;
    ScanSession& operator=(const ScanSession&) = delete;

    const Election& election() const { return election_; }
    // The page already kept with this image, or this page of this file, in
    // any pass (a page is read once, whatever resolution a PDF is read at).
    std::optional<StoredPage> stored(const std::string& sha256, const std::string& source_sha256, int page);
    // Keeps the page; an accepted one is entered as the next ballot of the
    // pass (the journal names the page).
    struct Kept {
        std::int64_t page = 0;                // its number in the workspace
        std::optional<std::int64_t> serial;  // accepted: its ballot
    };
    Kept keep(const PageRecord& p);
    // The audit trail's line for the whole stack.
    void commit(const std::string& summary);

  private:
    db::Workspace& ws_;
    std::optional<db::Transaction> tx_;
    Election election_;
    int pass_;
    std::string station_;
};

// The pages of election `id` (of one pass when given), in the order read.
std::vector<StoredPage> scanned_pages(SQLite::Database& db, const std::string& id, std::optional<int> pass = {});
// One page by its number; bad input (exit 3) when `id` has no such page.
StoredPage scanned_page(SQLite::Database& db, const std::string& id, std::int64_t page);
// The page ballot `serial` of `pass` was entered from (accepted, or decided
// by a person); none for a ballot typed at a terminal or imported.
std::optional<StoredPage> page_of_ballot(SQLite::Database& db, const std::string& id, int pass, std::int64_t serial);
// The image kept for a page, as stored (its SHA-256 is the page's; its
// format the page's `format`).
std::vector<std::uint8_t> page_image(SQLite::Database& db, const std::string& id, std::int64_t page);

// A person's decision on page `page`, entered as the next ballot of `pass`
// with the journal naming the page. Into the page's own pass only a held
// page that waits; into another pass any page not rejected (a second pass
// made by confirming every page on screen). Refused (exit 1) when already
// decided for that pass, and unless the election is open.
Verdict decide_page(db::Workspace& ws, const std::string& id, std::int64_t page, int pass, const std::string& station,
                    const EntryLine& e);

// Whether `pass` holds ballots entered from scanned pages: its serials are
// the scanner's order, not the stack's numbers (close compares it with pass 1
// as a collection of ballots).
bool pass_scanned(SQLite::Database& db, const std::string& id, int pass);

// Per pass of election `id`, the held pages that wait for a person's
// decision in that pass (scan review); a pass with none is left out.
std::map<int, std::int64_t> pages_waiting(SQLite::Database& db, const std::string& id);

// Every page kept, for `audit export`: page number, pass, file, page, SHA-256, status.
nlohmann::ordered_json pages_json(SQLite::Database& db, const std::string& id);

}  // namespace daihoi::election
