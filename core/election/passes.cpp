// What the passes hold, for people and for the congress file: the ballots of
// one pass as entered (`ballots list`, SPEC §5.2) and the ballot-entry
// journal (nhật ký nhập phiếu) that practice prints and files with the
// congress record.
#include "core/election/election.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/election/internal.hpp"
#include "core/error.hpp"

#include <SQLiteCpp/Statement.h>

namespace daihoi::election {

namespace detail {

void journal(SQLite::Database& db, const std::string& id, int pass, std::optional<std::int64_t> serial,
             std::string_view action, const std::string& station, const std::string& detail) {
    SQLite::Statement q(db,
                        "INSERT INTO ballot_journal (election, pass, serial, action, at, station, detail) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, id);
    q.bind(2, pass);
    if (serial) q.bind(3, static_cast<int64_t>(*serial));
    else q.bind(3);
    q.bind(4, std::string(action));
    q.bind(5, audit::now_utc());  // the audit trail's clock, so the two read side by side
    q.bind(6, station);
    q.bind(7, detail);
    q.exec();
}

}  // namespace detail

std::string count_began(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT at FROM ballot_journal WHERE election = ? ORDER BY seq LIMIT 1");
    q.bind(1, id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

std::vector<JournalEntry> journal(SQLite::Database& db, const std::string& id) {
    require(db, id);
    std::vector<JournalEntry> out;
    SQLite::Statement q(db,
                        "SELECT seq, pass, serial, action, at, station, detail FROM ballot_journal "
                        "WHERE election = ? ORDER BY seq");
    q.bind(1, id);
    while (q.executeStep()) {
        JournalEntry e;
        e.seq = q.getColumn(0).getInt64();
        e.pass = q.getColumn(1).getInt();
        if (!q.getColumn(2).isNull()) e.serial = q.getColumn(2).getInt64();
        e.action = q.getColumn(3).getString();
        e.at = q.getColumn(4).getString();
        e.station = q.getColumn(5).getString();
        std::string detail = q.getColumn(6).getString();
        if (e.action == "imported") {
            // Written by import_ballots as data: {"file", "ballots", "first", "last"}.
            auto j = nlohmann::json::parse(detail, nullptr, false);
            if (j.is_object()) {
                e.file = j.value("file", "");
                e.ballots = j.value("ballots", std::int64_t{0});
                e.first = j.value("first", std::int64_t{0});
                e.last = j.value("last", std::int64_t{0});
            } else {
                e.file = detail;
            }
        } else {
            e.reason = std::move(detail);
        }
        out.push_back(std::move(e));
    }
    return out;
}

BallotList list_ballots(SQLite::Database& db, const std::string& id, int pass) {
    detail::check_pass(pass);
    const Election e = require(db, id);
    BallotList list;
    list.form = code(e.form);
    const bool agree = e.form == Form::Agree;
    const int count = static_cast<int>(candidates(db, id).size());
    const int places = e.seats + e.reserves;
    SQLite::Statement q(db,
                        "SELECT serial, kept, disagree, flag, station FROM ballots WHERE election = ? AND pass = ? "
                        "ORDER BY serial");
    q.bind(1, id);
    q.bind(2, pass);
    while (q.executeStep()) {
        ListedBallot b;
        b.pass = pass;
        b.serial = q.getColumn(0).getInt64();
        Ballot ballot{b.serial, detail::stored_positions(q.getColumn(1)), q.getColumn(3).getString()};
        b.flag = ballot.flag;
        b.station = q.getColumn(4).getString();
        if (b.flag.empty()) {
            b.kept = ballot.kept.positions();
            if (agree) {
                b.disagree = detail::stored_positions(q.getColumn(2)).positions();
            } else {
                for (int p = 1; p <= count; ++p)
                    if (!ballot.kept.has(p)) b.crossed.push_back(p);
            }
        } else {
            ballot.kept = PositionSet();  // a flagged ballot counts for nobody
        }
        b.reason = invalid_reason(ballot, count, places, e.form);
        list.ballots.push_back(std::move(b));
    }
    return list;
}

}  // namespace daihoi::election
