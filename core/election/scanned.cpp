// The scanned pages of ballots as the workspace keeps them (scanned.hpp).
#include "core/election/scanned.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/election/internal.hpp"
#include "core/error.hpp"

#include <fmt/format.h>

namespace daihoi::election {

namespace {

constexpr const char* kPageColumns = "id, pass, station, file, page, sha256, format, status, reason, reading, at";

StoredPage page_from(SQLite::Database& db, SQLite::Statement& q) {
    StoredPage p;
    p.id = q.getColumn(0).getInt64();
    p.pass = q.getColumn(1).getInt();
    p.station = q.getColumn(2).getString();
    p.file = q.getColumn(3).getString();
    p.page = q.getColumn(4).getInt();
    p.sha256 = q.getColumn(5).getString();
    p.format = q.getColumn(6).getString();
    p.status = q.getColumn(7).getString();
    p.reason = q.getColumn(8).getString();
    p.reading = q.getColumn(9).getString();
    p.at = q.getColumn(10).getString();
    SQLite::Statement d(db, "SELECT pass, serial, by FROM scan_decisions WHERE page = ? ORDER BY pass");
    d.bind(1, static_cast<int64_t>(p.id));
    while (d.executeStep()) {
        if (d.getColumn(2).getString() == "scanner")
            p.serial = d.getColumn(1).getInt64();
        else
            p.decided[d.getColumn(0).getInt()] = d.getColumn(1).getInt64();
    }
    return p;
}

// The ballot page `page` became in `pass`, entered by `by` (scanner, person).
void record_decision(SQLite::Database& db, std::int64_t page, int pass, std::int64_t serial, const char* by,
                     const std::string& station) {
    SQLite::Statement q(db, "INSERT INTO scan_decisions (page, pass, serial, by, at, station) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(page));
    q.bind(2, pass);
    q.bind(3, static_cast<int64_t>(serial));
    q.bind(4, by);
    q.bind(5, audit::now_utc());
    q.bind(6, station);
    q.exec();
}

// The journal's note of a ballot entered from a page.
std::string page_note(std::int64_t page) { return fmt::format("page {}", page); }

}  // namespace

void check_scan(SQLite::Database& db, const std::string& id, int pass) {
    detail::check_pass(pass);
    detail::require_phase(require(db, id), Phase::Open, detail::Action::EnterBallots);
}

ScanSession::ScanSession(db::Workspace& ws, const std::string& id, int pass, const std::string& station)
    : ws_(ws), pass_(pass), station_(station) {
    detail::check_pass(pass);
    tx_.emplace(ws);
    election_ = require(ws.db(), id);
    detail::require_phase(election_, Phase::Open, detail::Action::EnterBallots);
}

ScanSession::~ScanSession() = default;

std::optional<StoredPage> ScanSession::stored(const std::string& sha256, const std::string& source_sha256, int page) {
    SQLite::Statement q(ws_.db(), fmt::format("SELECT {} FROM scan_pages WHERE election = ? AND (sha256 = ? OR "
                                              "(source_sha256 = ? AND page = ?))",
                                              kPageColumns));
    q.bind(1, election_.id);
    q.bind(2, sha256);
    q.bind(3, source_sha256);
    q.bind(4, page);
    if (!q.executeStep()) return std::nullopt;
    return page_from(ws_.db(), q);
}

ScanSession::Kept ScanSession::keep(const PageRecord& p) {
    auto& db = ws_.db();
    SQLite::Statement ins(db, "INSERT INTO scan_pages (election, pass, station, file, page, sha256, source_sha256, "
                              "image, format, status, reason, reading, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, election_.id);
    ins.bind(2, pass_);
    ins.bind(3, station_);
    ins.bind(4, p.file);
    ins.bind(5, p.page);
    ins.bind(6, p.sha256);
    ins.bind(7, p.source_sha256.empty() ? p.sha256 : p.source_sha256);
    ins.bind(8, p.image.data(), static_cast<int>(p.image.size()));
    ins.bind(9, p.format);
    ins.bind(10, p.status);
    ins.bind(11, p.reason);
    ins.bind(12, p.reading);
    ins.bind(13, audit::now_utc());
    ins.exec();
    const std::int64_t page = db.getLastInsertRowid();
    if (p.status != "accepted" || !p.ballot) return {page, std::nullopt};
    EntryLine e = *p.ballot;
    e.serial.reset();
    Verdict v = detail::insert_ballot(db, election_, pass_, station_, e, page_note(page));
    record_decision(db, page, pass_, v.serial, "scanner", station_);
    return {page, v.serial};
}

void ScanSession::commit(const std::string& summary) { tx_->commit(summary); }

std::vector<StoredPage> scanned_pages(SQLite::Database& db, const std::string& id, std::optional<int> pass) {
    require(db, id);
    SQLite::Statement q(db, fmt::format("SELECT {} FROM scan_pages WHERE election = ?{} ORDER BY id", kPageColumns,
                                        pass ? " AND pass = ?" : ""));
    q.bind(1, id);
    if (pass) q.bind(2, *pass);
    std::vector<StoredPage> out;
    while (q.executeStep()) out.push_back(page_from(db, q));
    return out;
}

StoredPage scanned_page(SQLite::Database& db, const std::string& id, std::int64_t page) {
    require(db, id);
    SQLite::Statement q(db, fmt::format("SELECT {} FROM scan_pages WHERE election = ? AND id = ?", kPageColumns));
    q.bind(1, id);
    q.bind(2, static_cast<int64_t>(page));
    if (!q.executeStep())
        throw InputError(Diagnostic{"", 0, 0, _f("election {} has no scanned page {}", id, page)});
    return page_from(db, q);
}

std::optional<StoredPage> page_of_ballot(SQLite::Database& db, const std::string& id, int pass, std::int64_t serial) {
    SQLite::Statement q(db, fmt::format("SELECT {} FROM scan_pages WHERE election = ? AND id = (SELECT d.page FROM "
                                        "scan_decisions d JOIN scan_pages p ON p.id = d.page WHERE p.election = ? "
                                        "AND d.pass = ? AND d.serial = ?)",
                                        kPageColumns));
    q.bind(1, id);
    q.bind(2, id);
    q.bind(3, pass);
    q.bind(4, static_cast<int64_t>(serial));
    if (!q.executeStep()) return std::nullopt;
    return page_from(db, q);
}

std::vector<std::uint8_t> page_image(SQLite::Database& db, const std::string& id, std::int64_t page) {
    SQLite::Statement q(db, "SELECT image FROM scan_pages WHERE election = ? AND id = ?");
    q.bind(1, id);
    q.bind(2, static_cast<int64_t>(page));
    if (!q.executeStep())
        throw InputError(Diagnostic{"", 0, 0, _f("election {} has no scanned page {}", id, page)});
    const auto col = q.getColumn(0);
    const auto* b = static_cast<const std::uint8_t*>(col.getBlob());
    return {b, b + col.getBytes()};
}

Verdict decide_page(db::Workspace& ws, const std::string& id, std::int64_t page, int pass, const std::string& station,
                    const EntryLine& e) {
    detail::check_pass(pass);
    db::Transaction tx(ws);
    auto& db = ws.db();
    const Election election = require(db, id);
    StoredPage p = scanned_page(db, id, page);
    if (p.status == "rejected")
        throw Refused(_f("page {} was rejected ({}): it is not a ballot of this election", page, p.reason));
    if (pass == p.pass && p.serial)
        throw Refused(_f("page {} was read and entered in pass {} as ballot {}: a person's decision goes into another "
                         "pass",
                         page, pass, *p.serial));
    if (p.decided.count(pass))
        throw Refused(_f("page {} is already ballot {} of pass {}", page, p.decided.at(pass), pass));
    EntryLine line = e;
    line.serial.reset();
    Verdict v = detail::insert_ballot(db, election, pass, station, line, page_note(page));
    record_decision(db, page, pass, v.serial, "person", station);
    tx.commit(_f("election {} pass {}: scanned page {} decided by a person, ballot {}", id, pass, page, v.serial));
    return v;
}

bool pass_scanned(SQLite::Database& db, const std::string& id, int pass) {
    SQLite::Statement q(db, "SELECT 1 FROM scan_decisions d JOIN scan_pages p ON p.id = d.page "
                            "WHERE p.election = ? AND d.pass = ? LIMIT 1");
    q.bind(1, id);
    q.bind(2, pass);
    return q.executeStep();
}

std::map<int, std::int64_t> pages_waiting(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT p.pass, count(*) FROM scan_pages p WHERE p.election = ? AND p.status = 'held' "
                            "AND NOT EXISTS (SELECT 1 FROM scan_decisions d WHERE d.page = p.id AND d.pass = p.pass) "
                            "GROUP BY p.pass");
    q.bind(1, id);
    std::map<int, std::int64_t> out;
    while (q.executeStep()) out[q.getColumn(0).getInt()] = q.getColumn(1).getInt64();
    return out;
}

nlohmann::ordered_json pages_json(SQLite::Database& db, const std::string& id) {
    auto out = nlohmann::ordered_json::array();
    SQLite::Statement q(db, "SELECT id, pass, file, page, sha256, status FROM scan_pages WHERE election = ? ORDER BY id");
    q.bind(1, id);
    while (q.executeStep())
        out.push_back({{"page_id", q.getColumn(0).getInt64()},
                       {"pass", q.getColumn(1).getInt()},
                       {"file", q.getColumn(2).getString()},
                       {"page", q.getColumn(3).getInt()},
                       {"sha256", q.getColumn(4).getString()},
                       {"status", q.getColumn(5).getString()}});
    return out;
}

}  // namespace daihoi::election
