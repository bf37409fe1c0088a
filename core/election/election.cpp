// The election's life: setup → open → closed → sealed. Every change is one
// transaction with its audit entry; the triggers of the schema back up the
// refusals here.
#include "core/election/election.hpp"

#include "core/audit/audit.hpp"
#include "core/audit/sha256.hpp"
#include "core/base/i18n.hpp"
#include "core/base/progress.hpp"
#include "core/db/import_engine.hpp"
#include "core/db/keyed_import.hpp"
#include "core/delegates/delegates.hpp"
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

namespace {

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

Phase parse_phase(const std::string& s) {
    if (s == "open") return Phase::Open;
    if (s == "closed") return Phase::Closed;
    if (s == "sealed") return Phase::Sealed;
    return Phase::Setup;
}

void require_phase(const Election& e, Phase wanted, const char* action) {
    if (e.phase == wanted) return;
    std::string hint = e.phase == Phase::Setup ? "; open it first with 'daihoi election open'"
                     : e.phase == Phase::Sealed ? "; a sealed election never changes"
                                                : "";
    throw Refused(fmt::format("cannot {}: election {} is {}{}", action, e.id, code(e.phase), hint));
}

// Positions from "3 7", "3;7", "3; 7"; each problem (without the field's
// name) told to `problem`.
std::vector<int> read_positions(std::string_view s, int count, const std::function<void(std::string)>& problem) {
    std::vector<int> out;
    std::vector<bool> seen(static_cast<std::size_t>(count) + 1, false);
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ';' || s[i] == '\t')) ++i;
        std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != ';' && s[i] != '\t') ++i;
        if (i == start) break;
        auto tok = s.substr(start, i - start);
        auto v = parse_int(tok);
        if (!v || *v < 1 || *v > count) {
            problem(_f("'{}' is not a ballot position (1 to {})", tok, count));
            continue;
        }
        if (seen[static_cast<std::size_t>(*v)]) {
            problem(_f("position {} is repeated", *v));
            continue;
        }
        seen[static_cast<std::size_t>(*v)] = true;
        out.push_back(static_cast<int>(*v));
    }
    return out;
}

// read_positions, the problems as "field: problem" lines.
std::vector<int> parse_positions(std::string_view s, int count, std::vector<std::string>& problems, const char* field) {
    return read_positions(s, count, [&](std::string p) { problems.push_back(fmt::format("{}: {}", field, p)); });
}

Election read_election(SQLite::Statement& q) {
    Election e;
    e.id = q.getColumn(0).getString();
    e.title = q.getColumn(1).getString();
    e.seats = q.getColumn(2).getInt();
    e.reserves = q.getColumn(3).getInt();
    e.body = q.getColumn(4).getString();
    std::string bk = q.getColumn(5).getString();
    e.base_kind = bk == "valid" ? BaseKind::Valid : bk == "fixed" ? BaseKind::Fixed : BaseKind::Convened;
    e.base_fixed = q.getColumn(6).isNull() ? 0 : q.getColumn(6).getInt64();
    e.round = q.getColumn(7).getInt();
    e.parent = q.getColumn(8).isNull() ? "" : q.getColumn(8).getString();
    e.phase = parse_phase(q.getColumn(9).getString());
    if (!q.getColumn(10).isNull()) e.issued = q.getColumn(10).getInt64();
    if (!q.getColumn(11).isNull()) e.collected = q.getColumn(11).getInt64();
    if (!q.getColumn(12).isNull()) e.closed_base = q.getColumn(12).getInt64();
    e.result_json = q.getColumn(13).isNull() ? "" : q.getColumn(13).getString();
    e.record_hash = q.getColumn(14).isNull() ? "" : q.getColumn(14).getString();
    return e;
}

constexpr const char* kElectionSelect =
    "SELECT id, title, seats, reserves, body, base_kind, base_fixed, round, parent, status, issued, collected, "
    "closed_base, result, record_hash FROM elections";

void insert_election(SQLite::Database& db, const Election& e) {
    SQLite::Statement q(db, "INSERT INTO elections (id, title, seats, reserves, body, base_kind, base_fixed, round, parent) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, e.id);
    q.bind(2, e.title);
    q.bind(3, e.seats);
    q.bind(4, e.reserves);
    q.bind(5, e.body);
    q.bind(6, e.base_kind == BaseKind::Convened ? "convened" : e.base_kind == BaseKind::Valid ? "valid" : "fixed");
    if (e.base_kind == BaseKind::Fixed) q.bind(7, static_cast<int64_t>(e.base_fixed));
    else q.bind(7);
    q.bind(8, e.round);
    if (e.parent.empty()) q.bind(9);
    else q.bind(9, e.parent);
    q.exec();
}

std::string candidate_problem(SQLite::Database& db, const std::string& code) {
    auto m = registry::find_member(db, code);
    if (!m) return fmt::format("{}: no member with this code in the registry", code);
    if (m->probationary())
        return fmt::format("{} ({}) is a probationary member and cannot stand for election (Party Charter, Art. 3)",
                           code, m->full_name);
    return "";
}

}  // namespace

std::string_view code(Phase p) {
    static const char* c[] = {"setup", "open", "closed", "sealed"};
    return c[static_cast<int>(p)];
}

// ---- setup --------------------------------------------------------------------------

void create(db::Workspace& ws, const CreateRequest& r) {
    std::vector<std::string> errors;
    auto bad = [&](std::string m) { errors.push_back(std::move(m)); };
    if (r.id.empty() || r.id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos)
        bad(fmt::format("ID: '{}' must be letters, digits, '-', '_' or '.'", r.id));
    auto title = text::clean(r.title);
    if (!title || title->empty()) bad("--title: required, valid UTF-8");
    if (r.seats < 0) bad(fmt::format("--seats: {} is negative", r.seats));
    if (r.reserves < 0) bad(fmt::format("--reserves: {} is negative", r.reserves));
    if (r.seats == 0 && r.reserves <= 0) bad("--seats: give at least one seat (or --seats 0 with --reserves for a reserve election)");
    if (r.body != "committee" && r.body != "delegation" && r.body != "inspection" && r.body != "other")
        bad(fmt::format("--body: unknown value '{}' (committee, delegation, inspection, other)", r.body));
    Election e;
    e.id = r.id;
    e.title = title.value_or("");
    e.seats = r.seats;
    e.reserves = r.reserves;
    e.body = r.body;
    if (r.base == "convened") e.base_kind = BaseKind::Convened;
    else if (r.base == "valid") e.base_kind = BaseKind::Valid;
    else if (auto n = parse_int(r.base); n && *n > 0) e.base_kind = BaseKind::Fixed, e.base_fixed = *n;
    else bad(fmt::format("--base: '{}' is not convened, valid or a positive number", r.base));
    if (!errors.empty()) throw UsageError(fmt::format("{}", fmt::join(errors, "; ")));
    db::Transaction tx(ws);
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM elections WHERE id = ?");
    exists.bind(1, r.id);
    if (exists.executeStep()) throw Refused(fmt::format("election {} already exists", r.id));
    insert_election(ws.db(), e);
    tx.commit(fmt::format("election {} created: {} ({} seats, {} reserves, base {})", e.id, e.title, e.seats, e.reserves, r.base));
}

Election require(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, std::string(kElectionSelect) + " WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw Refused(fmt::format("no election {}; see 'daihoi election list'", id));
    return read_election(q);
}

std::vector<Election> list(SQLite::Database& db) {
    SQLite::Statement q(db, std::string(kElectionSelect) + " ORDER BY id");
    std::vector<Election> out;
    while (q.executeStep()) out.push_back(read_election(q));
    return out;
}

// ---- candidates -----------------------------------------------------------------------

void add_candidates(db::Workspace& ws, const std::string& id, const std::vector<std::string>& codes,
                    const std::string& source) {
    if (codes.empty()) throw UsageError("give at least one member code");
    if (source != "committee" && source != "congress" && source != "self")
        throw UsageError(fmt::format("--source: unknown value '{}' (committee, congress, self)", source));
    db::Transaction tx(ws);
    auto& db = ws.db();
    require_phase(require(db, id), Phase::Setup, "change the candidate list");
    DiagnosticList errors;
    SQLite::Statement on(db, "SELECT 1 FROM candidates WHERE election = ? AND code = ?");
    std::vector<std::string> seen;
    for (const auto& c : codes) {
        if (auto p = candidate_problem(db, c); !p.empty()) {
            errors.add({"", 0, 0, p});
            continue;
        }
        on.bind(1, id);
        on.bind(2, c);
        bool already = on.executeStep();
        on.reset();
        if (already || std::find(seen.begin(), seen.end(), c) != seen.end())
            errors.add({"", 0, 0, fmt::format("{} is already a candidate in {}", c, id)});
        seen.push_back(c);
    }
    errors.throw_if_any();
    SQLite::Statement ins(db, "INSERT INTO candidates (election, code, source) VALUES (?, ?, ?)");
    for (const auto& c : codes) {
        ins.bind(1, id);
        ins.bind(2, c);
        ins.bind(3, source);
        ins.exec();
        ins.reset();
    }
    tx.commit(fmt::format("election {}: candidates added ({}): {}", id, source, fmt::join(codes, ", ")));
}

void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason) {
    if (reason.empty()) throw UsageError("--reason is required (the congress's decision)");
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Setup, "change the candidate list");
    SQLite::Statement del(ws.db(), "DELETE FROM candidates WHERE election = ? AND code = ?");
    del.bind(1, id);
    del.bind(2, code);
    if (del.exec() == 0) throw Refused(fmt::format("{} is not a candidate in {}", code, id));
    tx.commit(fmt::format("election {}: candidate {} withdrawn: {}", id, code, reason));
}

db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path) {
    require_phase(require(ws.db(), id), Phase::Setup, "change the candidate list");
    db::KeyedImport spec;
    spec.kind = "candidates";
    spec.progress_label = _("importing candidates");
    spec.columns = {{"code", {"Mã", "Mã đảng viên"}, true}, {"source", {"Nguồn", "Giới thiệu"}, false}};
    spec.scope = {id};
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        std::string source = c[1].empty() ? "committee" : c[1];
        if (source != "committee" && source != "congress" && source != "self")
            p.add("source", _f("unknown value '{}' (committee, congress, self)", c[1]));
        rec.key = {std::move(c[0])};
        rec.values = {std::move(source)};
    };
    spec.check = [](SQLite::Database& db, db::KeyedRecord& rec, db::RowProblems& p) {
        if (auto why = candidate_problem(db, rec.key[0]); !why.empty()) p.add_row(std::move(why));
    };
    spec.select_sql = "SELECT source FROM candidates WHERE election = ?1 AND code = ?2";
    spec.upsert_sql = "INSERT INTO candidates (election, code, source) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT(election, code) DO UPDATE SET source = ?3";
    spec.audit = [&id](const db::ImportSummary& s) {
        return _f("election {}: candidates import {}: {} added, {} updated, {} unchanged", id, s.file, s.added,
                  s.updated, s.unchanged);
    };
    db::ImportRun run;
    run.context = {{"election", id}};
    return db::import_keyed(ws, path, spec, run);
}

std::vector<Candidate> candidates(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT c.code, m.full_name, c.source, coalesce(c.position, 0), " +
                                registry::member_columns_sql("m") +
                                " FROM candidates c JOIN members m ON m.code = c.code WHERE c.election = ? "
                                "ORDER BY c.position, m.sort_key, m.birth_date, m.code");
    q.bind(1, id);
    std::vector<Candidate> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getInt(), registry::read_member(q, 4)});
    return out;
}

OpenResult open(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election e = require(db, id);
    require_phase(e, Phase::Setup, "open the election");
    auto list = candidates(db, id);  // Vietnamese name order (§3.2)
    OpenResult r{static_cast<int>(list.size()), e.seats + e.reserves, false};
    if (r.candidates < r.places)
        throw Refused(fmt::format("election {} has {} candidates for {} places ({} seats + {} reserves): "
                                  "the list must have at least as many names as places",
                                  id, r.candidates, r.places, e.seats, e.reserves));
    r.surplus_over_30 = (r.candidates - r.places) * 10 > 3 * r.places;
    SQLite::Statement pos(db, "UPDATE candidates SET position = ? WHERE election = ? AND code = ?");
    for (std::size_t i = 0; i < list.size(); ++i) {
        pos.bind(1, static_cast<int>(i) + 1);
        pos.bind(2, id);
        pos.bind(3, list[i].code);
        pos.exec();
        pos.reset();
    }
    SQLite::Statement st(db, "UPDATE elections SET status = 'open' WHERE id = ?");
    st.bind(1, id);
    st.exec();
    tx.commit(fmt::format("election {} opened: {} candidates in ballot order for {} places", id, r.candidates, r.places));
    return r;
}

// ---- ballots -----------------------------------------------------------------------------

db::ImportSummary import_ballots(db::Workspace& ws, const std::string& id, const std::string& path,
                                 const ImportBallots& o) {
    if (o.pass != 1 && o.pass != 2) throw UsageError(_("--pass must be 1 or 2"));
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

    db::ImportKind<Row> k;
    k.kind = "ballots";
    k.progress_label = _("importing ballots");
    k.columns = {{"serial", {"Số phiếu", "STT"}, true},
                 {"crossed", {"Gạch"}, false},
                 {"kept", {"Giữ"}, false},
                 {"flag", {"Không hợp lệ"}, false}};
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
        require_phase(e, Phase::Open, "enter ballots");
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
    };
    k.audit = [&](const db::ImportSummary& s) {
        return o.station.empty()
                   ? _f("election {} pass {}: {} ballots imported from {}", id, o.pass, s.added, path)
                   : _f("election {} pass {}: {} ballots imported from {} at station {}", id, o.pass, s.added, path,
                        o.station);
    };
    db::ImportRun run;
    run.sheet = o.sheet;
    run.dry_run = o.dry_run;
    run.progress = o.progress;
    run.context = {{"election", id}, {"pass", o.pass}};
    if (!o.station.empty()) run.context["station"] = o.station;
    return db::run_import(ws, path, k, run);
}

EntryLine parse_entry(const std::string& raw, int count) {
    auto cleaned = text::clean(raw);
    if (!cleaned) throw InputError(Diagnostic{"", 0, 0, "not valid UTF-8"});
    std::string_view s = *cleaned;
    EntryLine e;
    if (auto colon = s.find(':'); colon != std::string_view::npos) {
        auto n = parse_int(s.substr(0, colon));
        if (!n || *n < 1) throw InputError(Diagnostic{"", 0, 0, fmt::format("'{}' is not a ballot number", s.substr(0, colon))});
        e.serial = *n;
        s.remove_prefix(colon + 1);
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    }
    if (s.empty()) throw InputError(Diagnostic{"", 0, 0, "empty line: type the positions crossed, '-' for none, or '!reason'"});
    if (s.front() == '!') {
        e.flag = std::string(s.substr(1));
        if (e.flag.empty()) throw InputError(Diagnostic{"", 0, 0, "give the reason after '!', e.g. !unissued"});
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

std::int64_t enter_ballot(db::Workspace& ws, const std::string& id, int pass, const std::string& station, const EntryLine& e) {
    db::Transaction tx(ws);  // BEGIN IMMEDIATE: terminals take turns for the next serial
    auto& db = ws.db();
    require_phase(require(db, id), Phase::Open, "enter ballots");
    int count = static_cast<int>(candidates(db, id).size());
    std::int64_t serial;
    if (e.serial) {
        serial = *e.serial;
        SQLite::Statement q(db, "SELECT 1 FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.bind(3, static_cast<int64_t>(serial));
        if (q.executeStep()) throw InputError(Diagnostic{"", 0, 0, fmt::format("ballot {} was already entered in pass {}", serial, pass)});
    } else {
        SQLite::Statement q(db, "SELECT coalesce(max(serial), 0) + 1 FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, pass);
        q.executeStep();
        serial = q.getColumn(0).getInt64();
    }
    PositionSet kept = e.flag.empty() ? PositionSet::all_but(count, e.crossed) : PositionSet();
    SQLite::Statement ins(db, "INSERT INTO ballots (election, pass, serial, kept, flag, station) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, id);
    ins.bind(2, pass);
    ins.bind(3, static_cast<int64_t>(serial));
    ins.bind(4, kept.bytes().data(), static_cast<int>(kept.bytes().size()));
    ins.bind(5, e.flag);
    ins.bind(6, station);
    ins.exec();
    tx.commit(fmt::format("election {} pass {}: ballot {} entered{}", id, pass, serial, station.empty() ? "" : " at " + station));
    return serial;
}

void delete_ballot(db::Workspace& ws, const std::string& id, int pass, std::int64_t serial, const std::string& reason) {
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Open, "remove a ballot");
    SQLite::Statement del(ws.db(), "DELETE FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
    del.bind(1, id);
    del.bind(2, pass);
    del.bind(3, static_cast<int64_t>(serial));
    if (del.exec() == 0) throw Refused(fmt::format("no ballot {} in pass {}", serial, pass));
    tx.commit(fmt::format("election {} pass {}: ballot {} removed ({})", id, pass, serial, reason.empty() ? "undo" : reason));
}

std::int64_t count_ballots(SQLite::Database& db, const std::string& id, int pass) {
    SQLite::Statement q(db, "SELECT count(*) FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::vector<Difference> reconcile(SQLite::Database& db, const std::string& id) {
    require(db, id);
    auto load = [&](int pass) {
        std::map<std::int64_t, std::pair<PositionSet, std::string>> m;
        SQLite::Statement q(db, "SELECT serial, kept, flag FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, pass);
        while (q.executeStep()) {
            auto col = q.getColumn(1);
            m.emplace(q.getColumn(0).getInt64(),
                      std::pair{PositionSet(std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()))),
                                q.getColumn(2).getString()});
        }
        return m;
    };
    auto a = load(1), b = load(2);
    auto show = [](const std::pair<PositionSet, std::string>& x) {
        if (!x.second.empty()) return fmt::format("flagged '{}'", x.second);
        auto p = x.first.positions();
        return p.empty() ? std::string("keeps no name") : fmt::format("keeps {}", fmt::join(p, " "));
    };
    std::vector<Difference> out;
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            out.push_back({ia->first, "only in pass 1"});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            out.push_back({ib->first, "only in pass 2"});
            ++ib;
        } else {
            bool flagged = !ia->second.second.empty() || !ib->second.second.empty();
            if (flagged ? ia->second.second != ib->second.second : !(ia->second.first == ib->second.first))
                out.push_back({ia->first, fmt::format("pass 1 {}, pass 2 {}", show(ia->second), show(ib->second))});
            ++ia, ++ib;
        }
    }
    return out;
}

void record_counts(db::Workspace& ws, const std::string& id, std::int64_t issued, std::int64_t collected) {
    if (issued < 0 || collected < 0) throw UsageError("--issued and --collected must not be negative");
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Open, "record the counts");
    SQLite::Statement q(ws.db(), "UPDATE elections SET issued = ?, collected = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(issued));
    q.bind(2, static_cast<int64_t>(collected));
    q.bind(3, id);
    q.exec();
    tx.commit(fmt::format("election {}: {} ballots issued, {} collected", id, issued, collected));
}

// ---- tally, close, seal ------------------------------------------------------------------

Tally tally(SQLite::Database& db, const std::string& id, int pass) {
    Tally t;
    t.election = require(db, id);
    const Election& e = t.election;
    if (e.phase == Phase::Setup) throw Refused(fmt::format("election {} is not open yet: there is nothing to count", id));
    TallyInput in;
    in.seats = e.seats;
    in.reserves = e.reserves;
    for (const auto& c : candidates(db, id)) in.candidates.push_back({c.position, c.code, c.name});
    if (e.closed_base) {
        in.base = *e.closed_base;
        t.base_explanation = fmt::format("base {} as fixed at close", *e.closed_base);
    } else if (e.base_kind == BaseKind::Convened) {
        auto b = delegates::convened_base(db);
        if (b.count <= 0)
            throw Refused(fmt::format("election {}: the majority base is {}: no delegates with a vote are on the list. "
                                      "Import the delegates convened ('daihoi delegates import'), or create the election "
                                      "with --base valid or --base NUMBER", id, b.count));
        in.base = b.count;
        t.base_explanation = b.explanation();
    } else if (e.base_kind == BaseKind::Fixed) {
        in.base = e.base_fixed;
        t.base_explanation = fmt::format("base {} fixed when the election was created", e.base_fixed);
    } else {
        t.base_explanation = "base: the number of valid ballots";
    }
    Counter counter(in);
    SQLite::Statement q(db, "SELECT kept, flag FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    while (q.executeStep()) {
        auto kept = q.getColumn(0);
        auto flag = q.getColumn(1);
        counter.add(std::string_view(static_cast<const char*>(kept.getBlob()), static_cast<std::size_t>(kept.getBytes())),
                    std::string_view(flag.getText(), static_cast<std::size_t>(flag.getBytes())));
    }
    t.result = counter.finish();
    return t;
}

nlohmann::ordered_json to_json(const Tally& t) {
    using J = nlohmann::ordered_json;
    const Election& e = t.election;
    const TallyResult& r = t.result;
    J j;
    j["election"] = e.id;
    j["title"] = e.title;
    j["round"] = e.round;
    j["status"] = code(e.phase);
    j["seats"] = e.seats;
    j["reserves"] = e.reserves;
    j["base"] = {{"kind", e.base_kind == BaseKind::Convened ? "convened" : e.base_kind == BaseKind::Valid ? "valid" : "fixed"},
                 {"count", r.base}};
    j["needed"] = r.needed;
    J reasons = J::object();
    for (const auto& [k, v] : r.invalid_by_reason) reasons[k] = v;
    j["ballots"] = {{"issued", e.issued ? J(*e.issued) : J(nullptr)},
                    {"collected", e.collected ? J(*e.collected) : J(nullptr)},
                    {"entered", r.entered},
                    {"valid", r.valid},
                    {"invalid", r.invalid},
                    {"invalid_by_reason", reasons}};
    j["candidates"] = J::array();
    for (const auto& c : r.candidates) {
        std::string p = percent(c.votes, r.base);
        j["candidates"].push_back({{"position", c.position}, {"code", c.code}, {"name", c.name}, {"votes", c.votes},
                                   {"percent", p.empty() ? J(nullptr) : J(std::stod(p))}, {"status", code(c.status)},
                                   {"majority", c.majority}, {"rank", c.rank}});
    }
    j["unfilled"] = {{"seats", r.unfilled_seats}, {"reserves", r.unfilled_reserves}};
    j["base_explanation"] = t.base_explanation;
    return j;
}

Tally close(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election e = require(db, id);
    require_phase(e, Phase::Open, "close the election");
    std::int64_t entered = count_ballots(db, id, 1);
    if (!e.issued || !e.collected)
        throw Refused(fmt::format("cannot close {}: the counting board's counts are missing; run "
                                  "'daihoi election count {} --issued N --collected N'", id, id));
    if (*e.collected > *e.issued)
        throw Refused(fmt::format("cannot close {}: {} ballots collected but only {} issued", id, *e.collected, *e.issued));
    if (entered != *e.collected)
        throw Refused(fmt::format("cannot close {}: {} ballots entered but {} collected", id, entered, *e.collected));
    if (count_ballots(db, id, 2) > 0) {
        auto diffs = reconcile(db, id);
        if (!diffs.empty())
            throw Refused(fmt::format("cannot close {}: pass 2 differs from pass 1 on {} ballot(s), e.g. ballot {}: {}; "
                                      "see 'daihoi election ballots reconcile {}'", id, diffs.size(), diffs[0].serial,
                                      diffs[0].what, id));
    }
    Tally t = tally(db, id, 1);
    t.election.phase = Phase::Closed;
    std::string result = to_json(t).dump();
    SQLite::Statement q(db, "UPDATE elections SET status = 'closed', closed_base = ?, result = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(t.result.base));
    q.bind(2, result);
    q.bind(3, id);
    q.exec();
    t.election = require(db, id);
    std::int64_t elected = 0, reserve = 0, tie = 0;
    for (const auto& c : t.result.candidates) {
        elected += c.status == Status::Elected;
        reserve += c.status == Status::Reserve;
        tie += c.status == Status::Tie;
    }
    tx.commit(fmt::format("election {} closed: base {}, {} elected, {} reserve, {} tied, unfilled {} seats {} reserves", id,
                          t.result.base, elected, reserve, tie, t.result.unfilled_seats, t.result.unfilled_reserves));
    return t;
}

nlohmann::ordered_json record(SQLite::Database& db, const std::string& id) {
    using J = nlohmann::ordered_json;
    Election e = require(db, id);
    J r;
    r["format"] = "daihoi-election-record/1";
    r["election"] = {{"id", e.id}, {"title", e.title}, {"round", e.round}, {"parent", e.parent}, {"seats", e.seats},
                     {"reserves", e.reserves}, {"body", e.body},
                     {"base_kind", e.base_kind == BaseKind::Convened ? "convened" : e.base_kind == BaseKind::Valid ? "valid" : "fixed"},
                     {"base_fixed", e.base_kind == BaseKind::Fixed ? J(e.base_fixed) : J(nullptr)}};
    r["candidates"] = J::array();
    for (const auto& c : candidates(db, id)) r["candidates"].push_back({{"position", c.position}, {"code", c.code}, {"name", c.name}});
    r["counts"] = {{"issued", e.issued ? J(*e.issued) : J(nullptr)}, {"collected", e.collected ? J(*e.collected) : J(nullptr)},
                   {"base", e.closed_base ? J(*e.closed_base) : J(nullptr)}};
    r["ballots"] = J::array();
    SQLite::Statement q(db, "SELECT pass, serial, kept, flag, station FROM ballots WHERE election = ? ORDER BY pass, serial");
    q.bind(1, id);
    while (q.executeStep()) {
        auto col = q.getColumn(2);
        PositionSet kept(std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes())));
        r["ballots"].push_back({{"pass", q.getColumn(0).getInt()}, {"serial", q.getColumn(1).getInt64()},
                                {"kept", kept.positions()}, {"flag", q.getColumn(3).getString()},
                                {"station", q.getColumn(4).getString()}});
    }
    r["result"] = e.result_json.empty() ? J(nullptr) : J::parse(e.result_json);
    return r;
}

std::string record_hash(const nlohmann::ordered_json& r) { return audit::sha256_hex(r.dump()); }

namespace {
// Hashes of the parts of a record, so verify can name what changed.
std::map<std::string, std::string> part_hashes(const nlohmann::ordered_json& r) {
    std::map<std::string, std::string> h;
    for (const char* part : {"election", "candidates", "counts", "ballots", "result"})
        h[part] = audit::sha256_hex(r[part].dump()).substr(0, 16);
    return h;
}
}  // namespace

std::string seal(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    require_phase(require(db, id), Phase::Closed, "seal the election (close it first)");
    auto r = record(db, id);
    std::string hash = record_hash(r);
    SQLite::Statement q(db, "UPDATE elections SET status = 'sealed', record_hash = ? WHERE id = ?");
    q.bind(1, hash);
    q.bind(2, id);
    q.exec();
    std::string parts;
    for (const auto& [k, v] : part_hashes(r)) parts += fmt::format(" {}={}", k, v);
    tx.commit(fmt::format("election {} sealed; parts:{}", id, parts), hash);
    return hash;
}

std::vector<std::string> verify_sealed(SQLite::Database& db) {
    std::vector<std::string> problems;
    // The seal entries of the audit chain hold each sealed record's hash.
    // `seal` refuses a sealed election, so a second seal means the election
    // was reopened behind the program's back: the first seal is the truth.
    std::map<std::string, std::vector<audit::Entry>> seals;
    for (const auto& e : audit::log(db)) {
        auto pos = e.summary.find(" sealed; parts:");
        if (e.summary.rfind("election ", 0) == 0 && pos != std::string::npos && !e.object_hash.empty())
            seals[e.summary.substr(9, pos - 9)].push_back(e);
    }
    std::map<std::string, std::string> status;  // every election marked sealed or with a record hash
    SQLite::Statement q(db, "SELECT id, status FROM elections WHERE status = 'sealed' OR record_hash IS NOT NULL ORDER BY id");
    while (q.executeStep()) status[q.getColumn(0).getString()] = q.getColumn(1).getString();
    for (const auto& [id, entries] : seals) {
        if (entries.size() > 1) {
            std::vector<std::int64_t> seqs;
            for (const auto& e : entries) seqs.push_back(e.seq);
            problems.push_back(fmt::format("election {} was sealed {} times (audit entries {}): it was reopened after "
                                           "its first seal", id, entries.size(), fmt::join(seqs, ", ")));
        }
        auto it = status.find(id);
        if (it == status.end())
            problems.push_back(fmt::format("election {} was sealed (audit entry {}) but is no longer sealed or no longer exists",
                                           id, entries.front().seq));
        else if (it->second != "sealed")
            problems.push_back(fmt::format("election {} was sealed (audit entry {}) but is now marked {}", id,
                                           entries.front().seq, it->second));
    }
    for (const auto& [id, _] : status) {
        auto found = seals.find(id);
        if (found == seals.end()) {
            problems.push_back(fmt::format("election {} is marked sealed but the audit chain has no seal for it", id));
            continue;
        }
        const audit::Entry* seal = &found->second.front();
        Election e = require(db, id);
        auto r = record(db, id);
        std::string hash = record_hash(r);
        if (hash != seal->object_hash) {
            std::string changed;
            auto now = part_hashes(r);
            for (const auto& [part, h] : now)
                if (seal->summary.find(part + "=" + h) == std::string::npos) changed += (changed.empty() ? "" : ", ") + part;
            problems.push_back(fmt::format("election {}: the record differs from the one sealed in audit entry {} "
                                           "(changed: {})", id, seal->seq, changed.empty() ? "unknown" : changed));
        }
        if (e.record_hash != seal->object_hash)
            problems.push_back(fmt::format("election {}: the record hash stored with the election does not match the "
                                           "seal in audit entry {}", id, seal->seq));
        // Re-tally the ballots as they are now, against the stored result.
        Tally t = tally(db, id, 1);
        t.election.phase = Phase::Closed;
        auto stored = e.result_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(e.result_json);
        auto now = to_json(t);
        auto counted = [](const nlohmann::ordered_json& j) {
            return nlohmann::ordered_json{j["ballots"]["entered"], j["ballots"]["valid"], j["ballots"]["invalid_by_reason"]};
        };
        if (stored.is_null() || stored["candidates"] != now["candidates"] || counted(stored) != counted(now) ||
            stored["unfilled"] != now["unfilled"])
            problems.push_back(fmt::format("election {}: re-tallying its ballots does not give the stored result", id));
    }
    return problems;
}

std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id, const std::vector<std::string>& codes) {
    Election parent = require(ws.db(), id);
    if (parent.phase != Phase::Closed && parent.phase != Phase::Sealed)
        throw Refused(fmt::format("close election {} before creating its next round", id));
    auto result = nlohmann::ordered_json::parse(parent.result_json);
    std::int64_t seats = result["unfilled"]["seats"], reserves = result["unfilled"]["reserves"];
    if (seats + reserves == 0) throw Refused(fmt::format("election {} filled every place: there is no next round", id));
    std::vector<std::string> list = codes;
    std::string why = "named by the congress";
    if (list.empty()) {
        for (const auto& c : result["candidates"])
            if (c["status"] == "tie") list.push_back(c["code"]);
        why = "the tied candidates";
        if (list.empty()) {
            for (const auto& c : result["candidates"])
                if (c["status"] == "not_elected") list.push_back(c["code"]);
            why = "the candidates not elected";
        }
    }
    db::Transaction tx(ws);
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM elections WHERE id = ?");
    exists.bind(1, new_id);
    if (exists.executeStep()) throw Refused(fmt::format("election {} already exists", new_id));
    SQLite::Statement child(ws.db(), "SELECT id FROM elections WHERE parent = ?");
    child.bind(1, id);
    if (child.executeStep())
        throw Refused(fmt::format("election {} already has its next round: {}", id, child.getColumn(0).getString()));
    Election e = parent;
    e.id = new_id;
    e.round = parent.round + 1;
    e.parent = id;
    e.seats = static_cast<int>(seats);
    e.reserves = static_cast<int>(reserves);
    e.title = parent.title;
    insert_election(ws.db(), e);
    DiagnosticList errors;
    // A candidate carried over keeps the source of the round before (the
    // committee's list or the congress's nomination); a new name is the
    // congress's.
    SQLite::Statement ins(ws.db(),
                          "INSERT INTO candidates (election, code, source) VALUES (?1, ?2, coalesce("
                          "(SELECT source FROM candidates WHERE election = ?3 AND code = ?2), 'congress'))");
    ins.bind(3, id);
    for (const auto& c : list) {
        if (auto p = candidate_problem(ws.db(), c); !p.empty()) {
            errors.add({"", 0, 0, p});
            continue;
        }
        ins.bind(1, new_id);
        ins.bind(2, c);
        ins.exec();
        ins.reset();
    }
    errors.throw_if_any();
    tx.commit(fmt::format("election {}: round {} of {} for {} seats and {} reserves; candidates ({}): {}", new_id, e.round,
                          id, seats, reserves, why, fmt::join(list, ", ")));
    return why;
}

}  // namespace daihoi::election
