// The election's life: setup → open → closed → sealed. Every change is one
// transaction with its audit entry; the triggers of the schema back up the
// refusals here. Sealing, the record and verification are in seal.cpp.
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

namespace detail {

void check_pass(int pass) {
    if (pass < 1 || pass > kMaxPass) throw UsageError(_f("--pass: {} is not between 1 and {}", pass, kMaxPass));
}

void require_phase(const Election& e, Phase wanted, Action action) {
    if (e.phase == wanted) return;
    const char* phase = phases().label(e.phase);
    std::string why;
    switch (action) {
        case Action::ChangeCandidates:
            why = _f("cannot change the candidate list: election {} is {}", e.id, phase);
            break;
        case Action::Open: why = _f("cannot open election {}: it is {}", e.id, phase); break;
        case Action::EnterBallots: why = _f("cannot enter ballots: election {} is {}", e.id, phase); break;
        case Action::RemoveBallot: why = _f("cannot remove a ballot: election {} is {}", e.id, phase); break;
        case Action::RecordCounts: why = _f("cannot record the counts: election {} is {}", e.id, phase); break;
        case Action::Close: why = _f("cannot close election {}: it is {}", e.id, phase); break;
        case Action::Seal: why = _f("cannot seal election {}: it is {}", e.id, phase); break;
    }
    std::string hint;
    if (e.phase == Phase::Sealed) hint = _("a sealed election never changes");
    else if (action == Action::Seal) hint = _("close it first with 'daihoi election close'");
    else if (e.phase == Phase::Setup) hint = _("open it first with 'daihoi election open'");
    throw Refused(hint.empty() ? why : why + "; " + hint);
}

}  // namespace detail

using detail::Action;
using detail::check_pass;

namespace {

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// The phase check of the import functions, by the words they give.
void require_phase(const Election& e, Phase wanted, const char* action) {
    std::string_view a = action;
    detail::require_phase(e, wanted, a == "enter ballots" ? Action::EnterBallots : Action::ChangeCandidates);
}
using detail::require_phase;

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
    e.base_kind = base_kinds().parse(q.getColumn(5).getString()).value_or(BaseKind::Convened);
    e.base_fixed = q.getColumn(6).isNull() ? 0 : q.getColumn(6).getInt64();
    e.round = q.getColumn(7).getInt();
    e.parent = q.getColumn(8).isNull() ? "" : q.getColumn(8).getString();
    e.phase = phases().parse(q.getColumn(9).getString()).value_or(Phase::Setup);
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
    q.bind(6, std::string(code(e.base_kind)));
    if (e.base_kind == BaseKind::Fixed) q.bind(7, static_cast<int64_t>(e.base_fixed));
    else q.bind(7);
    q.bind(8, e.round);
    if (e.parent.empty()) q.bind(9);
    else q.bind(9, e.parent);
    q.exec();
}

// Why a member cannot stand ("" when they can): not in the registry, or probationary.
std::string candidate_problem(SQLite::Database& db, const std::string& code) {
    auto m = registry::find_member(db, code);
    if (!m) return registry::unknown_member_message(code);
    if (m->probationary())
        return _f("{} ({}) is a probationary member and cannot stand for election (Party Charter, Art. 3)", code,
                  m->full_name);
    return "";
}

// The one answer to codes that name nobody (exit 3), before any other check.
void require_members(SQLite::Database& db, const std::vector<std::string>& codes) {
    std::vector<std::string> unknown;
    for (const auto& c : codes)
        if (!registry::find_member(db, c) && std::find(unknown.begin(), unknown.end(), c) == unknown.end())
            unknown.push_back(c);
    if (!unknown.empty()) registry::throw_unknown_members(unknown);
}

}  // namespace

// ---- setup --------------------------------------------------------------------------

void create(db::Workspace& ws, const CreateRequest& r) {
    std::vector<std::string> errors;
    auto bad = [&](std::string m) { errors.push_back(std::move(m)); };
    if (r.id.empty() || r.id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos)
        bad(_f("ID: '{}' must be letters, digits, '-', '_' or '.'", r.id));
    auto title = text::clean(r.title);
    if (!title || title->empty()) bad(_("--title: required, valid UTF-8"));
    if (r.seats < 0) bad(_f("--seats: {} is negative", r.seats));
    if (r.reserves < 0) bad(_f("--reserves: {} is negative", r.reserves));
    if (r.seats == 0 && r.reserves <= 0)
        bad(_("--seats: give at least one seat (or --seats 0 with --reserves for a reserve election)"));
    auto body = bodies().parse(r.body);
    if (!body) bad(_f("--body: {}", bodies().unknown(r.body)));
    Election e;
    e.id = r.id;
    e.title = title.value_or("");
    e.seats = r.seats;
    e.reserves = r.reserves;
    e.body = body ? std::string(bodies().code(*body)) : r.body;
    std::string base;  // as the audit entry records it: the kind's code or the number
    if (auto kind = base_kinds().parse(r.base); kind && *kind != BaseKind::Fixed) {
        e.base_kind = *kind;
        base = code(*kind);
    } else if (auto n = parse_int(r.base); n && *n > 0) {
        e.base_kind = BaseKind::Fixed;
        e.base_fixed = *n;
        base = std::to_string(*n);
    } else {
        bad(_f("--base: '{}' is not a positive number, nor one of: {}, {}", r.base,
               i18n::lang() == i18n::Lang::Vi ? base_kinds().label(BaseKind::Convened) : "convened",
               i18n::lang() == i18n::Lang::Vi ? base_kinds().label(BaseKind::Valid) : "valid"));
    }
    if (!errors.empty()) throw UsageError(fmt::format("{}", fmt::join(errors, "; ")));
    db::Transaction tx(ws);
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM elections WHERE id = ?");
    exists.bind(1, r.id);
    if (exists.executeStep()) throw Refused(_f("election {} already exists", r.id));
    insert_election(ws.db(), e);
    tx.commit(_f("election {} created: {} ({} seats, {} reserves, base {})", e.id, e.title, e.seats, e.reserves, base));
}

std::string unknown_election_message(const std::string& id) {
    return _f("no election '{}' in the workspace; see 'daihoi election list'", id);
}

void throw_unknown_election(const std::string& id) {
    throw InputError(Diagnostic{"", 0, 0, unknown_election_message(id)});
}

Election require(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, std::string(kElectionSelect) + " WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) throw_unknown_election(id);
    return read_election(q);
}

std::vector<std::string> election_ids(const std::string& path) {
    return db::peek(path, "SELECT id FROM elections ORDER BY id");
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
    if (codes.empty()) throw UsageError(_("give at least one member code"));
    auto from = sources().parse(source);
    if (!from) throw UsageError(_f("--source: {}", sources().unknown(source)));
    db::Transaction tx(ws);
    auto& db = ws.db();
    require_phase(require(db, id), Phase::Setup, Action::ChangeCandidates);
    require_members(db, codes);
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
            errors.add({"", 0, 0, _f("{} is already a candidate in election {}", c, id)});
        seen.push_back(c);
    }
    errors.throw_if_any();
    const std::string source_code(sources().code(*from));
    SQLite::Statement ins(db, "INSERT INTO candidates (election, code, source) VALUES (?, ?, ?)");
    for (const auto& c : codes) {
        ins.bind(1, id);
        ins.bind(2, c);
        ins.bind(3, source_code);
        ins.exec();
        ins.reset();
    }
    tx.commit(_f("election {}: candidates added ({}): {}", id, source_code, fmt::join(codes, ", ")));
}

void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason) {
    if (reason.empty()) throw UsageError(_("--reason is required (the congress's decision)"));
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Setup, Action::ChangeCandidates);
    require_members(ws.db(), {code});
    SQLite::Statement del(ws.db(), "DELETE FROM candidates WHERE election = ? AND code = ?");
    del.bind(1, id);
    del.bind(2, code);
    if (del.exec() == 0) throw InputError(Diagnostic{"", 0, 0, _f("{} is not a candidate in election {}", code, id)});
    tx.commit(_f("election {}: candidate {} withdrawn: {}", id, code, reason));
}

const std::vector<io::ColumnSpec>& candidate_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", registry::member_code_aliases(), true},
        {"source", {"Nguồn", "Giới thiệu", "Nguồn giới thiệu", "Nơi giới thiệu"}, false}};
    return s;
}

const std::vector<io::ColumnSpec>& ballot_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"serial", {"Số phiếu", "STT", "Phiếu số", "Số thứ tự phiếu"}, true},
        {"crossed", {"Gạch", "Gạch tên", "Vị trí gạch", "Số thứ tự gạch"}, false},
        {"kept", {"Giữ", "Giữ lại", "Không gạch"}, false},
        {"flag", {"Không hợp lệ", "Phiếu không hợp lệ", "Lý do không hợp lệ"}, false}};
    return s;
}

db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path,
                                    const registry::ImportOptions& opt) {
    require_phase(require(ws.db(), id), Phase::Setup, "change the candidate list");
    db::KeyedImport spec;
    spec.kind = "candidates";
    spec.progress_label = _("importing candidates");
    spec.columns = candidate_columns();
    spec.scope = {id};
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        auto source = c[1].empty() ? std::optional(Source::Committee) : sources().parse(c[1]);
        if (!source) p.add("source", sources().unknown(c[1]));
        rec.key = {std::move(c[0])};
        rec.values = {std::string(sources().code(source.value_or(Source::Committee)))};
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
    db::ImportRun run{opt.file, opt.progress};
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
    require_phase(e, Phase::Setup, Action::Open);
    auto list = candidates(db, id);  // Vietnamese name order (§3.2)
    OpenResult r{static_cast<int>(list.size()), e.seats + e.reserves, false};
    if (r.candidates < r.places)
        throw Refused(_f("election {} has {} candidates for {} places ({} seats + {} reserves): "
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
    tx.commit(_f("election {} opened: {} candidates in ballot order for {} places", id, r.candidates, r.places));
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
    tx.commit(station.empty() ? _f("election {} pass {}: ballot {} entered", id, pass, serial)
                              : _f("election {} pass {}: ballot {} entered at {}", id, pass, serial, station));
    return {serial, invalid_reason(b, count, election.seats + election.reserves), b.kept.size()};
}

void delete_ballot(db::Workspace& ws, const std::string& id, int pass, std::int64_t serial, const std::string& reason) {
    check_pass(pass);
    db::Transaction tx(ws);
    require_phase(require(ws.db(), id), Phase::Open, Action::RemoveBallot);
    SQLite::Statement del(ws.db(), "DELETE FROM ballots WHERE election = ? AND pass = ? AND serial = ?");
    del.bind(1, id);
    del.bind(2, pass);
    del.bind(3, static_cast<int64_t>(serial));
    if (del.exec() == 0)
        throw InputError(Diagnostic{"", 0, 0, _f("no ballot {} in pass {} of election {}", serial, pass, id)});
    tx.commit(reason.empty() ? _f("election {} pass {}: ballot {} removed (undo)", id, pass, serial)
                             : _f("election {} pass {}: ballot {} removed ({})", id, pass, serial, reason));
}

namespace {

// Feeds `counter` every ballot entered in `pass` of election `id`.
void count_pass(SQLite::Database& db, const std::string& id, int pass, Counter& counter) {
    SQLite::Statement q(db, "SELECT kept, flag FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    while (q.executeStep()) {
        auto kept = q.getColumn(0);
        auto flag = q.getColumn(1);
        counter.add(std::string_view(static_cast<const char*>(kept.getBlob()), static_cast<std::size_t>(kept.getBytes())),
                    std::string_view(flag.getText(), static_cast<std::size_t>(flag.getBytes())));
    }
}

}  // namespace

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
}  // namespace

std::vector<Difference> reconcile(SQLite::Database& db, const std::string& id) {
    require(db, id);
    auto load = [&](int pass) {
        std::map<std::int64_t, PassBallot> m;
        SQLite::Statement q(db, "SELECT serial, kept, flag FROM ballots WHERE election = ? AND pass = ?");
        q.bind(1, id);
        q.bind(2, pass);
        while (q.executeStep()) {
            auto col = q.getColumn(1);
            PositionSet kept(std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes())));
            m.emplace(q.getColumn(0).getInt64(), PassBallot{kept.positions(), q.getColumn(2).getString()});
        }
        return m;
    };
    auto a = load(1), b = load(2);
    std::vector<Difference> out;
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            out.push_back({ia->first, "only_in_pass1", _f("only in pass {}", 1), ia->second, std::nullopt});
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            out.push_back({ib->first, "only_in_pass2", _f("only in pass {}", 2), std::nullopt, ib->second});
            ++ib;
        } else {
            const PassBallot &x = ia->second, &y = ib->second;
            bool flagged = !x.flag.empty() || !y.flag.empty();
            if (flagged ? x.flag != y.flag : x.kept != y.kept)
                out.push_back({ia->first, "differs", ballot_clause(1, x) + ", " + ballot_clause(2, y), x, y});
            ++ia, ++ib;
        }
    }
    return out;
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

// ---- tally, close --------------------------------------------------------------------------

Tally tally(SQLite::Database& db, const std::string& id, int pass) {
    check_pass(pass);
    Tally t;
    t.election = require(db, id);
    const Election& e = t.election;
    if (e.phase == Phase::Setup) throw Refused(_f("election {} is not open yet: there is nothing to count", id));
    TallyInput in;
    in.seats = e.seats;
    in.reserves = e.reserves;
    for (const auto& c : candidates(db, id)) in.candidates.push_back({c.position, c.code, c.name});
    if (e.closed_base) {
        in.base = *e.closed_base;
        t.base_source = "fixed_at_close";
        t.base_explanation = _f("base {} as fixed at close", *e.closed_base);
    } else if (e.base_kind == BaseKind::Convened) {
        auto b = delegates::convened_base(db);
        if (b.count <= 0)
            throw Refused(_f("election {}: the majority base is {}: no delegates with a vote are on the list. "
                             "Import the delegates convened ('daihoi delegates import'), or create the election "
                             "with --base valid or --base NUMBER",
                             id, b.count));
        in.base = b.count;
        t.base_source = "delegate_list";
        t.base_explanation = b.explanation();
    } else if (e.base_kind == BaseKind::Fixed) {
        in.base = e.base_fixed;
        t.base_source = "fixed_at_create";
        t.base_explanation = _f("base {} fixed when the election was created", e.base_fixed);
    } else {
        t.base_source = "valid_ballots";
        t.base_explanation = _("base: the number of valid ballots");
    }
    Counter counter(in);
    count_pass(db, id, pass, counter);
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
    j["base"] = {{"kind", code(e.base_kind)}, {"count", r.base}, {"source", t.base_source}};
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
        j["candidates"].push_back({{"position", c.position}, {"code", c.code}, {"full_name", c.name}, {"votes", c.votes},
                                   {"percent", r.base > 0 ? J(number::percent_value(c.votes, r.base)) : J(nullptr)},
                                   {"status", code(c.status)}, {"majority", c.majority}, {"rank", c.rank}});
    }
    j["unfilled"] = {{"seats", r.unfilled_seats}, {"reserves", r.unfilled_reserves}};
    return j;
}

Tally close(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election e = require(db, id);
    require_phase(e, Phase::Open, Action::Close);
    std::int64_t entered = count_ballots(db, id, 1);
    if (!e.issued || !e.collected)
        throw Refused(_f("cannot close {0}: the counting board's counts are missing; run "
                         "'daihoi election count {0} --issued N --collected N'",
                         id));
    if (*e.collected > *e.issued)
        throw Refused(_f("cannot close {}: {} ballots collected but only {} issued", id, *e.collected, *e.issued));
    if (entered != *e.collected)
        throw Refused(_f("cannot close {}: {} ballots entered but {} collected", id, entered, *e.collected));
    if (count_ballots(db, id, 2) > 0) {
        auto diffs = reconcile(db, id);
        if (!diffs.empty())
            throw Refused(_fn("cannot close {0}: pass 2 differs from pass 1 on {1} ballot, ballot {2}: {3}; "
                              "see 'daihoi election ballots reconcile {0}'",
                              "cannot close {0}: pass 2 differs from pass 1 on {1} ballots, e.g. ballot {2}: {3}; "
                              "see 'daihoi election ballots reconcile {0}'",
                              diffs.size(), id, diffs.size(), diffs[0].serial, diffs[0].what));
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
    tx.commit(_f("election {} closed: base {}, {} elected, {} reserve, {} tied, unfilled {} seats {} reserves", id,
                 t.result.base, elected, reserve, tie, t.result.unfilled_seats, t.result.unfilled_reserves));
    return t;
}

// ---- further rounds ---------------------------------------------------------------------

const char* round_source_label(std::string_view code) {
    if (code == "tied") return _("the tied candidates");
    if (code == "not_elected") return _("the candidates not elected");
    return _("named by the congress");
}

std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id, const std::vector<std::string>& codes) {
    Election parent = require(ws.db(), id);
    if (parent.phase != Phase::Closed && parent.phase != Phase::Sealed)
        throw Refused(_f("close election {} before creating its next round", id));
    auto result = nlohmann::ordered_json::parse(parent.result_json);
    std::int64_t seats = result["unfilled"]["seats"], reserves = result["unfilled"]["reserves"];
    if (seats + reserves == 0) throw Refused(_f("election {} filled every place: there is no next round", id));
    std::vector<std::string> list = codes;
    std::string from = "named";
    if (list.empty()) {
        for (const auto& c : result["candidates"])
            if (c["status"] == "tie") list.push_back(c["code"]);
        from = "tied";
        if (list.empty()) {
            for (const auto& c : result["candidates"])
                if (c["status"] == "not_elected") list.push_back(c["code"]);
            from = "not_elected";
        }
    }
    db::Transaction tx(ws);
    SQLite::Statement exists(ws.db(), "SELECT 1 FROM elections WHERE id = ?");
    exists.bind(1, new_id);
    if (exists.executeStep()) throw Refused(_f("election {} already exists", new_id));
    SQLite::Statement child(ws.db(), "SELECT id FROM elections WHERE parent = ?");
    child.bind(1, id);
    if (child.executeStep())
        throw Refused(_f("election {} already has its next round: {}", id, child.getColumn(0).getString()));
    require_members(ws.db(), list);
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
    tx.commit(_f("election {}: round {} of {} for {} seats and {} reserves; candidates ({}): {}", new_id, e.round, id,
                 seats, reserves, round_source_label(from), fmt::join(list, ", ")));
    return from;
}

}  // namespace daihoi::election
