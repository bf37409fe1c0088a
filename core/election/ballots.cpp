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
#include "core/election/scanned.hpp"
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

namespace {

// A serial over kMaxSerial, in a file or typed.
std::string serial_too_big(std::string_view typed) {
    return _f("'{}' is not a ballot number: ballot numbers run from 1 to {}", typed, kMaxSerial);
}

// The form of election `id` (cross when there is no such election: the
// command's own check names it).
Form form_of(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT form FROM elections WHERE id = ?");
    q.bind(1, id);
    return q.executeStep() ? forms().parse(q.getColumn(0).getString()).value_or(Form::Cross) : Form::Cross;
}

// The "Không đồng ý" marks of an agree ballot; NULL on a cross ballot.
void bind_disagree(SQLite::Statement& q, int index, Form form, const PositionSet& disagree) {
    if (form == Form::Agree) q.bind(index, disagree.bytes().data(), static_cast<int>(disagree.bytes().size()));
    else q.bind(index);
}
}  // namespace

db::ImportSummary import_ballots(db::Workspace& ws, const std::string& id, const std::string& path,
                                 const ImportBallots& o) {
    check_pass(o.pass);
    enum Col { Serial, Crossed, Kept, Flag, Agree, Disagree };  // as in ballot_columns()
    struct Row {
        std::int64_t serial = 0;
        PositionSet kept, disagree;  // disagree: agree form only
        std::string flag;
    };
    auto& db = ws.db();
    const Form form = form_of(db, id);
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
        if (form == Form::Agree) {
            if (cols.has(Crossed) || cols.has(Kept))
                return _f("election {} has an agree/disagree ballot: the file needs the columns serial, agree, "
                          "disagree, flag (the rows marked in each box), not '{}'",
                          id, cols.has(Crossed) ? "crossed" : "kept");
            if (!cols.has(Agree) || !cols.has(Disagree))
                return _f("missing column: '{}' — election {} has an agree/disagree ballot: the file needs the "
                          "columns serial, agree, disagree, flag",
                          cols.has(Agree) ? "disagree" : "agree", id);
            return {};
        }
        if (cols.has(Agree) || cols.has(Disagree))
            return _f("election {} has a ballot where names are crossed out: the file needs a 'crossed' or a 'kept' "
                      "column, not '{}' (agree/disagree columns are for an election created with --form agree)",
                      id, cols.has(Agree) ? "agree" : "disagree");
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
        ins.emplace(db, "INSERT INTO ballots (election, pass, serial, kept, flag, station, disagree) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
        ins->bind(1, id);
        ins->bind(2, o.pass);
        ins->bind(6, o.station);
    };
    k.parse = [&](db::Cells& c, Row& r, db::RowProblems& p) {
        auto serial = parse_int(c[Serial]);
        if (serial && *serial >= 1 && *serial <= kMaxSerial) r.serial = *serial;
        else if (serial && *serial > kMaxSerial) p.add("serial", serial_too_big(c[Serial]));
        else p.add("serial", _f("'{}' is not a ballot number", c[Serial]));
        r.flag = std::move(c[Flag]);
        auto marks = [&](Col col, const char* field) {
            return read_positions(c[col], count, [&](std::string problem) { p.add(field, std::move(problem)); });
        };
        if (form == Form::Agree) {
            // A row in both columns, or in neither, is no vote: allowed (Quy chế 244 Art. 32).
            auto agree = marks(Agree, "agree"), disagree = marks(Disagree, "disagree");
            if (r.flag.empty()) {
                r.kept = PositionSet::of(agree);
                r.disagree = PositionSet::of(disagree);
            }
            return;
        }
        auto positions = crossed_column ? marks(Crossed, "crossed") : marks(Kept, "kept");
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
        bind_disagree(*ins, 7, form, r.disagree);
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
    k.preview = [&](const Row& r) {
        nlohmann::ordered_json j{{"serial", r.serial}};
        if (form == Form::Agree) j["agree"] = r.kept.positions(), j["disagree"] = r.disagree.positions();
        else j["kept"] = r.kept.positions();
        j["flag"] = r.flag.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.flag);
        return j;
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

namespace {
// The marks of an agree ballot typed at a terminal: "2 5" the rows marked
// "Không đồng ý", "b3" a row marked in both boxes, "o4" in neither; every
// other row is marked "Đồng ý". Each problem says how to type it instead.
void parse_agree_marks(std::string_view s, int count, EntryLine& e, std::vector<std::string>& problems) {
    std::vector<bool> seen(static_cast<std::size_t>(count) + 1, false);
    for (auto tok : detail::position_tokens(s)) {
        std::vector<int>* into = &e.disagree;
        std::string_view number = tok;
        if (char c = tok.front(); c == 'b' || c == 'B' || c == 'o' || c == 'O') {
            into = c == 'b' || c == 'B' ? &e.both : &e.neither;
            number.remove_prefix(1);
        }
        auto v = parse_int(number);
        if (!v || *v < 1 || *v > count) {
            problems.push_back(_f("'{}' is not a row of the ballot: type a row from 1 to {} marked 'Không đồng ý', "
                                  "or b and the row (both boxes marked), or o and the row (neither)",
                                  tok, count));
            continue;
        }
        if (seen[static_cast<std::size_t>(*v)]) {
            problems.push_back(_f("row {} is typed twice: type each row once", *v));
            continue;
        }
        seen[static_cast<std::size_t>(*v)] = true;
        into->push_back(static_cast<int>(*v));
    }
}
}  // namespace

EntryLine parse_entry(const std::string& raw, int count, Form form) {
    if (raw.size() > kMaxEntryLine)
        throw InputError(Diagnostic{"", 0, 0, _f("the line is longer than {} characters; a ballot's line is far "
                                                 "shorter",
                                                 kMaxEntryLine)});
    std::string cleaned;
    if (auto fault = text::clean_field(raw, cleaned))
        throw InputError(Diagnostic{"", 0, 0, fault->kind == text::TextFault::Kind::InvalidUtf8
                                                  ? _("not valid UTF-8")
                                                  : fault->message(raw)});
    std::string_view s = cleaned;
    EntryLine e;
    e.form = form;
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
        auto n = parse_int(s.substr(0, colon));
        if (n && *n > kMaxSerial) throw InputError(Diagnostic{"", 0, 0, serial_too_big(s.substr(0, colon))});
        if (!n || *n < 1)
            throw InputError(Diagnostic{"", 0, 0, _f("'{}' is not a ballot number: type a number from 1 before ':', "
                                                     "e.g. '12: …'",
                                                     s.substr(0, colon))});
        e.serial = *n;
        s.remove_prefix(colon + 1);
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    }
    if (s.empty())
        throw InputError(Diagnostic{"", 0, 0, form == Form::Agree
                                                  ? _("empty line: type the rows marked 'Không đồng ý', '-' if every "
                                                      "row is marked 'Đồng ý', or '!reason'")
                                                  : _("empty line: type the positions crossed, '-' for none, or "
                                                      "'!reason'")});
    if (s.front() == '!') {
        e.flag = std::string(s.substr(1));
        if (e.flag.empty()) throw InputError(Diagnostic{"", 0, 0, _("give the reason after '!', e.g. !unissued")});
        return e;
    }
    if (s == "-") return e;
    std::vector<std::string> problems;
    if (form == Form::Agree) parse_agree_marks(s, count, e, problems);
    else e.crossed = parse_positions(s, count, problems, "crossed");
    if (!problems.empty()) {
        // A few, then how many more: a line of a thousand wrong numbers is
        // one mistake, not a thousand lines on the screen.
        std::vector<Diagnostic> ds;
        for (std::size_t i = 0; i < problems.size() && i < kEntryProblemsShown; ++i) ds.push_back({"", 0, 0, problems[i]});
        if (problems.size() > kEntryProblemsShown) {
            std::size_t more = problems.size() - kEntryProblemsShown;
            ds.push_back({"", 0, 0, _fn("… and {} more problem on this line", "… and {} more problems on this line", more, more)});
        }
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

std::string entry_help(Form form) {
    // One message per line, so that each is translated alone.
    std::vector<std::string> lines;
    if (form == Form::Agree) {
        lines.push_back(_("One line per ballot: the rows marked 'Không đồng ý' (disagree), e.g. '2 5' or '2,5'; every "
                          "other row is taken as marked 'Đồng ý' (agree)."));
        lines.push_back(_("'-': every row marked 'Đồng ý'. 'b3': row 3 marked in both boxes; 'o3': row 3 marked in "
                          "neither (no vote for that person, the ballot stays valid)."));
    } else {
        lines.push_back(_("One line per ballot: the positions crossed out, e.g. '3 17' or '3,17'; '-' if no name is "
                          "crossed out."));
    }
    lines.push_back(_("'!reason' for a ballot the counting board ruled invalid (e.g. !unissued); 'N: …' first gives "
                      "the ballot's number."));
    lines.push_back(_("'undo' removes your last ballot, 'help' or '?' shows this again, 'quit' stops."));
    return fmt::format("{}", fmt::join(lines, "\n"));
}

namespace detail {

Verdict insert_ballot(SQLite::Database& db, const Election& election, int pass, const std::string& station,
                      const EntryLine& e, const std::string& journal_detail) {
    const std::string& id = election.id;
    require_phase(election, Phase::Open, Action::EnterBallots);
    int count = static_cast<int>(candidates(db, id).size());
    if (e.form != election.form)  // a line read for the other ballot paper: a slip of the caller
        throw Refused(_f("election {} has a {} ballot: this line was read as {}", id, forms().label(election.form),
                         forms().label(e.form)));
    std::int64_t serial;
    if (e.serial) {
        serial = *e.serial;
        SQLite::Statement q(db, "SELECT 1 FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.bind(3, static_cast<int64_t>(serial));
        if (q.executeStep())
            throw InputError(Diagnostic{
                "", 0, 0,
                _f("ballot {0} was already entered in pass {1}; if it was mistyped, remove it with 'daihoi election "
                   "ballots remove {2} {0} --pass {1} --reason TEXT', then type it again as '{0}: …'",
                   serial, pass, id)});
    } else {
        SQLite::Statement q(db, "SELECT coalesce(max(serial), 0) + 1 FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.executeStep();
        serial = q.getColumn(0).getInt64();
        if (serial > kMaxSerial)
            throw InputError(Diagnostic{"", 0, 0, _f("ballot numbers are used up to {}: type the ballot's own number "
                                                     "before ':'",
                                                     kMaxSerial)});
    }
    // A ballot ruled invalid counts for nobody: its marks are not kept.
    Ballot b{serial, {}, e.flag, {}};
    if (e.flag.empty() && e.form == Form::Agree) {
        // "Đồng ý" on every row but those marked "Không đồng ý" alone and
        // those left blank; "Không đồng ý" on those and the rows marked twice.
        auto not_agreed = e.disagree;
        not_agreed.insert(not_agreed.end(), e.neither.begin(), e.neither.end());
        b.kept = PositionSet::all_but(count, not_agreed);
        auto disagreed = e.disagree;
        disagreed.insert(disagreed.end(), e.both.begin(), e.both.end());
        b.disagree = PositionSet::of(disagreed);
    } else if (e.flag.empty()) {
        b.kept = PositionSet::all_but(count, e.crossed);
    }
    SQLite::Statement ins(db, "INSERT INTO ballots (election, pass, serial, kept, flag, station, disagree) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, id);
    ins.bind(2, pass);
    ins.bind(3, static_cast<int64_t>(serial));
    ins.bind(4, b.kept.bytes().data(), static_cast<int>(b.kept.bytes().size()));
    ins.bind(5, e.flag);
    ins.bind(6, station);
    bind_disagree(ins, 7, election.form, b.disagree);
    ins.exec();
    journal(db, id, pass, serial, "entered", station, journal_detail);
    Verdict v{serial, invalid_reason(b, count, election.seats + election.reserves, election.form), votes_of(b).size()};
    v.form = election.form;
    if (v.valid() && election.form == Form::Agree) {
        v.disagree = static_cast<int>(e.disagree.size());
        v.no_vote = count - v.kept - v.disagree;
    }
    return v;
}

}  // namespace detail

Verdict enter_ballot(db::Workspace& ws, const std::string& id, int pass, const std::string& station, const EntryLine& e) {
    check_pass(pass);
    db::Transaction tx(ws);  // BEGIN IMMEDIATE: terminals take turns for the next serial
    const Election election = require(ws.db(), id);
    Verdict v = detail::insert_ballot(ws.db(), election, pass, station, e);
    tx.commit(station.empty() ? _f("election {} pass {}: ballot {} entered", id, pass, v.serial)
                              : _f("election {} pass {}: ballot {} entered at {}", id, pass, v.serial, station));
    return v;
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
    in.form = e.form;
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

std::vector<PassCount> count_by_station(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT pass, station, count(*) FROM ballots WHERE election = ? "
                            "GROUP BY pass, station ORDER BY pass, station");
    q.bind(1, id);
    std::vector<PassCount> out;
    while (q.executeStep()) {
        const int pass = q.getColumn(0).getInt();
        if (out.empty() || out.back().pass != pass) out.push_back(PassCount{pass, 0, {}});
        const std::int64_t n = q.getColumn(2).getInt64();
        out.back().ballots += n;
        out.back().stations.push_back(StationCount{q.getColumn(1).getString(), n});
    }
    return out;
}

namespace {
// What pass `pass` holds for one ballot, as a clause people read.
std::string ballot_clause(int pass, const PassBallot& b, Form form) {
    if (!b.flag.empty()) return _f("pass {} has it flagged '{}'", pass, b.flag);
    if (form == Form::Agree)
        return _f("pass {} has agree {} and disagree {}", pass, b.kept.empty() ? "-" : fmt::format("{}", fmt::join(b.kept, " ")),
                  b.disagree.empty() ? "-" : fmt::format("{}", fmt::join(b.disagree, " ")));
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
    SQLite::Statement q(db, "SELECT serial, kept, flag, disagree FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    auto positions = [&](int column) { return detail::stored_positions(q.getColumn(column)).positions(); };
    while (q.executeStep()) {
        PassBallot b{positions(1), q.getColumn(2).getString(), positions(3)};
        if (!b.flag.empty()) b.kept.clear(), b.disagree.clear();
        m.emplace(q.getColumn(0).getInt64(), std::move(b));
    }
    return m;
}

// Pass `n` against pass 1, ballot by ballot, into `out`.
void compare(const std::map<std::int64_t, PassBallot>& a, const std::map<std::int64_t, PassBallot>& b, int n,
             Form form, std::vector<Difference>& out) {
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
                               ballot_clause(1, ia->second, form) + ", " + ballot_clause(n, ib->second, form),
                               ia->second, ib->second});
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

bool Reconciliation::agrees(int pass) const {
    if (of_pass(pass).empty()) return true;
    auto flag = [](const std::map<int, bool>& m, int p) { return m.count(p) && m.at(p); };
    return flag(as_collections, pass) && (flag(scanned, 1) || flag(scanned, pass));
}

bool Reconciliation::agree() const {
    for (int p : passes)
        if (p != 1 && !agrees(p)) return false;
    return true;
}

Reconciliation reconcile(SQLite::Database& db, const std::string& id) {
    Reconciliation r;
    r.form = require(db, id).form;
    const Form form = r.form;
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
        compare(first, other, n, form, r.differences);
        r.as_collections[n] = collection(other) == first_collection;
    }
    for (int n : r.passes) r.scanned[n] = pass_scanned(db, id, n);
    return r;
}

CountResult record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued, std::int64_t collected,
                          const std::string& session) {
    if (issued < 0 || collected < 0) throw UsageError(_("--issued and --collected must not be negative"));
    db::Transaction tx(ws);
    auto& db = ws.db();
    const Election e = require(db, id);
    require_phase(e, Phase::Open, Action::RecordCounts);
    CountResult r;
    if (collected > issued)
        throw Refused(_f("election {}: {} ballots collected but only {} issued: more ballots cannot come back than "
                         "were given out; count them again",
                         id, collected, issued));
    // Ballots are given to the delegates with a vote who are in the hall.
    r.presence = delegates::voting_presence(db, session);
    if (!session.empty() && !r.presence)
        throw Refused(_f("session {}: nobody has checked in, so the ballots issued cannot be checked against those "
                         "present; check the delegates in, or leave out --session",
                         session));
    if (r.presence && issued > r.presence->present)
        throw Refused(_f("election {}: {} ballots issued but only {} delegates with a vote are checked in at session "
                         "{}: check the count, or check in those missing ('daihoi delegates quorum --session {}' "
                         "lists who has not checked in)",
                         id, issued, r.presence->present, r.presence->session, r.presence->session));
    SQLite::Statement q(db, "UPDATE elections SET issued = ?, collected = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(issued));
    q.bind(2, static_cast<int64_t>(collected));
    q.bind(3, id);
    q.exec();
    // No more ballots can come back than there are people to vote: the base
    // (convened or fixed) bounds them; the valid ballots are no bound.
    std::optional<std::int64_t> base;
    if (e.base_kind == BaseKind::Fixed) base = e.base_fixed;
    if (e.base_kind == BaseKind::Convened)
        if (auto b = delegates::convened_base(db); b.count > 0) base = b.count;
    if (base && collected > *base)
        r.warnings.push_back({"collected_over_base",
                              _f("{} ballots collected, more than the base of {}: check the delegate list", collected,
                                 *base)});
    // Every pass holding ballots, in one query.
    SQLite::Statement per_pass(db, "SELECT pass, count(*) FROM ballots WHERE election = ? GROUP BY pass ORDER BY pass");
    per_pass.bind(1, id);
    while (per_pass.executeStep()) {
        const int pass = per_pass.getColumn(0).getInt();
        const std::int64_t entered = per_pass.getColumn(1).getInt64();
        if (entered > collected)
            r.warnings.push_back({"entered_over_collected",
                                  _f("{} ballots are entered in pass {} already, more than the {} collected: the "
                                     "election cannot be closed until they agree; 'daihoi election ballots reconcile "
                                     "{}' shows the ballots of each pass",
                                     entered, pass, collected, id),
                                  pass});
    }
    tx.commit(_f("election {}: {} ballots issued, {} collected", id, issued, collected));
    return r;
}

}  // namespace daihoi::election
