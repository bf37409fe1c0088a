// Ballots (SPEC §5.2): imported from files, typed one at a time at a
// terminal, removed (undo, corrections), the running totals of a pass,
// reconciliation of the passes, and the counting board's counts.
#include "core/election/election.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/base/progress.hpp"
#include "core/db/import_engine.hpp"
#include "core/db/keyed_import.hpp"
#include "core/delegates/delegates.hpp"
#include "core/election/internal.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

namespace daihoi::election {

using detail::Action;
using detail::check_pass;
using detail::count_pass;
using detail::parse_int;
using detail::parse_positions;
using detail::read_positions;
using detail::require_phase;

// ---- ballots -----------------------------------------------------------------------------

db::ImportSummary import_ballots(db::Workspace& ws, const std::string& id, const std::string& path,
                                 const ImportBallots& o) {
    check_pass(o.pass);
    enum Col { Serial, Crossed, Kept, Flag };
    struct Row {
        std::int64_t serial = 0;
        PositionSet kept;
        std::string flag;
    };
    auto& db = ws.db();
    bool crossed_column = false;
    int count = 0;
    std::optional<SQLite::Statement> ins;
    std::int64_t imported = 0, first = 0, last = 0;  // for the journal

    db::ImportKind<Row> k;
    k.kind = "ballots";
    k.progress_label = _("importing ballots");
    k.columns = ballot_columns();
    k.batch_rows = 4096;
    k.header = [&](const io::ColumnMap& cols) -> std::string {
        crossed_column = cols.has(Crossed);
        if (cols.has(Crossed) && cols.has(Kept)) return _("give either a 'crossed' or a 'kept' column, not both");
        if (!cols.has(Crossed) && !cols.has(Kept))
            return _("missing column: 'crossed' (positions crossed out) or 'kept' (positions left)");
        return {};
    };
    k.prepare = [&](io::SeenKeys& taken) {
        Election e = require(db, id);
        require_phase(e, Phase::Open, Action::EnterBallots);
        count = static_cast<int>(candidates(db, id).size());
        SQLite::Statement q(db, "SELECT serial FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, o.pass);
        while (q.executeStep()) taken.take(std::to_string(q.getColumn(0).getInt64()));
        ins.emplace(db, "INSERT INTO ballots (election, pass, serial, kept, flag, station) VALUES (?, ?, ?, ?, ?, ?)");
        ins->bind(1, id);
        ins->bind(2, o.pass);
        ins->bind(6, o.station);
    };
    k.parse = [&](db::Cells& c, Row& r, db::RowProblems& p) {
        auto serial = parse_int(c[Serial]);
        if (serial && *serial >= 1) r.serial = *serial;
        else p.add("serial", _f("'{}' is not a ballot number", c[Serial]));
        const char* field = crossed_column ? "crossed" : "kept";
        auto positions = read_positions(c[crossed_column ? Crossed : Kept], count,
                                        [&](std::string problem) { p.add(field, std::move(problem)); });
        r.flag = std::move(c[Flag]);
        // A ballot ruled invalid counts for nobody: its marks are not kept.
        r.kept = !r.flag.empty()  ? PositionSet()
                 : crossed_column ? PositionSet::all_but(count, positions)
                                  : PositionSet::of(positions);
    };
    k.key_field = "serial";
    k.key = [](const Row& r) { return r.serial ? std::to_string(r.serial) : std::string(); };
    k.taken_message = [&](std::string_view serial) {
        return _f("ballot {} was already entered in pass {}", serial, o.pass);
    };
    k.write = [&](const Row& r, db::Change) {
        ins->bind(3, static_cast<int64_t>(r.serial));
        ins->bind(4, r.kept.bytes().data(), static_cast<int>(r.kept.bytes().size()));
        ins->bind(5, r.flag);
        ins->exec();
        ins->reset();
        first = imported++ ? std::min(first, r.serial) : r.serial;
        last = std::max(last, r.serial);
    };
    k.finish = [&] {
        detail::journal(db, id, o.pass, std::nullopt, "imported", o.station,
                        nlohmann::ordered_json{{"file", path}, {"ballots", imported}, {"first", first}, {"last", last}}
                            .dump());
    };
    k.preview = [](const Row& r) {
        return nlohmann::ordered_json{
            {"serial", r.serial},
            {"kept", r.kept.positions()},
            {"flag", r.flag.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.flag)}};
    };
    k.audit = [&](const db::ImportSummary& s) {
        return o.station.empty()
                   ? _f("election {} pass {}: {} ballots imported from {}", id, o.pass, s.added, path)
                   : _f("election {} pass {}: {} ballots imported from {} at station {}", id, o.pass, s.added, path,
                        o.station);
    };
    db::ImportRun run;
    run.file = o.file;
    run.progress = o.progress;
    run.context = {{"election", id}, {"pass", o.pass}};
    if (!o.station.empty()) run.context["station"] = o.station;
    return db::run_import(ws, path, k, run);
}

EntryLine parse_entry(const std::string& raw, int count) {
    auto cleaned = text::clean(raw);
    if (!cleaned) throw InputError(Diagnostic{"", 0, 0, _("not valid UTF-8")});
    std::string_view s = *cleaned;
    EntryLine e;
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
        auto n = parse_int(s.substr(0, colon));
        if (!n || *n < 1) throw InputError(Diagnostic{"", 0, 0, _f("'{}' is not a ballot number", s.substr(0, colon))});
        e.serial = *n;
        s.remove_prefix(colon + 1);
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    }
    if (s.empty()) throw InputError(Diagnostic{"", 0, 0, _("empty line: type the positions crossed, '-' for none, or '!reason'")});
    if (s.front() == '!') {
        e.flag = std::string(s.substr(1));
        if (e.flag.empty()) throw InputError(Diagnostic{"", 0, 0, _("give the reason after '!', e.g. !unissued")});
        return e;
    }
    if (s == "-") return e;
    std::vector<std::string> problems;
    e.crossed = parse_positions(s, count, problems, "crossed");
    if (!problems.empty()) {
        std::vector<Diagnostic> ds;
        for (auto& p : problems) ds.push_back({"", 0, 0, p});
        throw InputError(ds);
    }
    return e;
}

EntrySession start_entry(SQLite::Database& db, const std::string& id, int pass) {
    check_pass(pass);
    EntrySession s;
    s.election = require(db, id);
    require_phase(s.election, Phase::Open, Action::EnterBallots);
    s.pass = pass;
    s.candidates = static_cast<int>(candidates(db, id).size());
    s.places = s.election.seats + s.election.reserves;
    s.entered = count_ballots(db, id, pass);
    return s;
}

std::string entry_help() {
    return _("Type the positions crossed out ('3 17'), '-' if none, '!reason' for a ballot the board ruled invalid,\n"
             "'N: …' first to give the ballot's number; 'undo' removes your last ballot, 'help' shows this, "
             "'quit' stops.");
}

Verdict enter_ballot(db::Workspace& ws, const std::string& id, int pass, const std::string& station, const EntryLine& e) {
    check_pass(pass);
    db::Transaction tx(ws);  // BEGIN IMMEDIATE: terminals take turns for the next serial
    auto& db = ws.db();
    const Election election = require(db, id);
    require_phase(election, Phase::Open, Action::EnterBallots);
    int count = static_cast<int>(candidates(db, id).size());
    std::int64_t serial;
    if (e.serial) {
        serial = *e.serial;
        SQLite::Statement q(db, "SELECT 1 FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.bind(3, static_cast<int64_t>(serial));
        if (q.executeStep())
            throw InputError(Diagnostic{"", 0, 0, _f("ballot {} was already entered in pass {}", serial, pass)});
    } else {
        SQLite::Statement q(db, "SELECT coalesce(max(serial), 0) + 1 FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.executeStep();
        serial = q.getColumn(0).getInt64();
    }
    // A ballot ruled invalid counts for nobody: its marks are not kept.
    Ballot b{serial, e.flag.empty() ? PositionSet::all_but(count, e.crossed) : PositionSet(), e.flag};
    SQLite::Statement ins(db, "INSERT INTO ballots (election, pass, serial, kept, flag, station) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, id);
    ins.bind(2, pass);
    ins.bind(3, static_cast<int64_t>(serial));
    ins.bind(4, b.kept.bytes().data(), static_cast<int>(b.kept.bytes().size()));
    ins.bind(5, e.flag);
    ins.bind(6, station);
    ins.exec();
    detail::journal(db, id, pass, serial, "entered", station);
    tx.commit(station.empty() ? _f("election {} pass {}: ballot {} entered", id, pass, serial)
                              : _f("election {} pass {}: ballot {} entered at {}", id, pass, serial, station));
    return {serial, invalid_reason(b, count, election.seats + election.reserves), b.kept.size()};
}

void delete_ballot(db::Workspace& ws, const std::string& id, int pass, std::int64_t serial, const std::string& reason,
                   const std::string& station) {
    check_pass(pass);
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Open, Action::RemoveBallot);
    SQLite::Statement del(ws.db(), "DELETE FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
    del.bind(1, id);
    del.bind(2, pass);
    del.bind(3, static_cast<int64_t>(serial));
    if (del.exec() == 0)
        throw InputError(Diagnostic{"", 0, 0, _f("no ballot {} in pass {} of election {}", serial, pass, id)});
    detail::journal(ws.db(), id, pass, serial, reason.empty() ? "undone" : "removed", station, reason);
    tx.commit(reason.empty() ? _f("election {} pass {}: ballot {} removed (undo)", id, pass, serial)
                             : _f("election {} pass {}: ballot {} removed ({})", id, pass, serial, reason));
}

PassTotals pass_totals(SQLite::Database& db, const std::string& id, int pass) {
    const Election e = require(db, id);
    TallyInput in;
    in.seats = e.seats;
    in.reserves = e.reserves;
    SQLite::Statement n(db, "SELECT count(*) FROM candidates WHERE election = ?");
    n.bind(1, id);
    n.executeStep();
    for (int p = 1; p <= n.getColumn(0).getInt(); ++p) in.candidates.push_back({p, "", ""});
    Counter counter(in);  // no base: validity alone
    count_pass(db, id, pass, counter);
    auto r = counter.finish();
    return {r.entered, r.valid, r.invalid};
}

std::int64_t count_ballots(SQLite::Database& db, const std::string& id, int pass) {
    SQLite::Statement q(db, "SELECT count(*) FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

namespace {
// What pass `pass` holds for one ballot, as a clause people read.
std::string ballot_clause(int pass, const PassBallot& b) {
    if (!b.flag.empty()) return _f("pass {} has it flagged '{}'", pass, b.flag);
    if (b.kept.empty()) return _f("pass {} keeps no name", pass);
    return _f("pass {} keeps {}", pass, fmt::join(b.kept, " "));
}

// Two passes hold the same ballot: the same flag, or unflagged the same marks.
bool same_ballot(const PassBallot& x, const PassBallot& y) {
    bool flagged = !x.flag.empty() || !y.flag.empty();
    return flagged ? x.flag == y.flag : x == y;
}

// The ballots of one pass by serial; a flagged ballot by its flag alone (its
// marks count for nobody), so that passes compare as the board ruled.
std::map<std::int64_t, PassBallot> pass_ballots(SQLite::Database& db, const std::string& id, int pass) {
    std::map<std::int64_t, PassBallot> m;
    SQLite::Statement q(db, "SELECT serial, kept, flag FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    while (q.executeStep()) {
        PassBallot b{detail::position_set(q.getColumn(1)).positions(), q.getColumn(2).getString()};
        if (!b.flag.empty()) b.kept.clear();
        m.emplace(q.getColumn(0).getInt64(), std::move(b));
    }
    return m;
}

// Pass `n` against pass 1, ballot by ballot, into `out`.
void compare(const std::map<std::int64_t, PassBallot>& a, const std::map<std::int64_t, PassBallot>& b, int n,
             std::vector<Difference>& out) {
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            out.push_back({n, ia->first, "only_in_pass1", _f("only in pass {}, not in pass {}", 1, n), ia->second,
                           std::nullopt});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            out.push_back({n, ib->first, "only_in_pass", _f("only in pass {}, not in pass {}", n, 1), std::nullopt,
                           ib->second});
            ++ib;
        } else {
            if (!same_ballot(ia->second, ib->second))
                out.push_back({n, ia->first, "differs",
                               ballot_clause(1, ia->second) + ", " + ballot_clause(n, ib->second), ia->second,
                               ib->second});
            ++ia, ++ib;
        }
    }
}

// The ballots of a pass as a collection, whatever their serials.
std::vector<PassBallot> collection(const std::map<std::int64_t, PassBallot>& m) {
    std::vector<PassBallot> v;
    v.reserve(m.size());
    for (const auto& [serial, b] : m) v.push_back(b);
    std::sort(v.begin(), v.end());
    return v;
}
}  // namespace

std::vector<Difference> Reconciliation::of_pass(int pass) const {
    std::vector<Difference> out;
    for (const auto& d : differences)
        if (d.pass == pass) out.push_back(d);
    return out;
}

Reconciliation reconcile(SQLite::Database& db, const std::string& id) {
    require(db, id);
    Reconciliation r;
    r.passes.push_back(1);
    SQLite::Statement q(db, "SELECT DISTINCT pass FROM ballots WHERE election = ? AND pass <> 1 ORDER BY pass");
    q.bind(1, id);
    while (q.executeStep()) r.passes.push_back(q.getColumn(0).getInt());
    const auto first = pass_ballots(db, id, 1);
    const auto first_collection = collection(first);
    r.ballots[1] = static_cast<std::int64_t>(first.size());
    for (int n : r.passes) {
        if (n == 1) continue;
        const auto other = pass_ballots(db, id, n);
        r.ballots[n] = static_cast<std::int64_t>(other.size());
        compare(first, other, n, r.differences);
        r.as_collections[n] = collection(other) == first_collection;
    }
    return r;
}

std::vector<CountWarning> record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued,
                                        std::int64_t collected) {
    if (issued < 0 || collected < 0) throw UsageError(_("--issued and --collected must not be negative"));
    db::Transaction tx(ws);
    auto& db = ws.db();
    const Election e = require(db, id);
    require_phase(e, Phase::Open, Action::RecordCounts);
    SQLite::Statement q(db, "UPDATE elections SET issued = ?, collected = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(issued));
    q.bind(2, static_cast<int64_t>(collected));
    q.bind(3, id);
    q.exec();
    std::vector<CountWarning> warnings;
    if (collected > issued)
        warnings.push_back({"collected_over_issued",
                            _f("{} ballots collected but only {} issued: the election cannot be closed with these counts",
                               collected, issued)});
    // No more ballots can come back than there are people to vote: the base
    // (convened or fixed) bounds them; the valid ballots are no bound.
    std::optional<std::int64_t> base;
    if (e.base_kind == BaseKind::Fixed) base = e.base_fixed;
    if (e.base_kind == BaseKind::Convened)
        if (auto b = delegates::convened_base(db); b.count > 0) base = b.count;
    if (base && collected > *base)
        warnings.push_back({"collected_over_base",
                            _f("{} ballots collected, more than the base of {}: check the delegate list", collected,
                               *base)});
    if (auto entered = count_ballots(db, id, 1); entered > collected)
        warnings.push_back({"entered_over_collected",
                            _f("{} ballots are entered in pass 1 already, more than the {} collected: the election "
                               "cannot be closed until they agree",
                               entered, collected)});
    tx.commit(_f("election {}: {} ballots issued, {} collected", id, issued, collected));
    return warnings;
}

}  // namespace daihoi::election
