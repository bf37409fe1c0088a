// The election's life: setup → open → closed → sealed. Every change is one
// transaction with its audit entry; the triggers of the schema back up the
// refusals here. This file: creating, the candidate list, open, further
// rounds. Ballots are in ballots.cpp, the tally and close in result.cpp,
// sealing, the record and verification in seal.cpp.
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

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::vector<std::string_view> position_tokens(std::string_view s) {
    // ',' too: "2,4" at a terminal, or quoted in a CSV cell.
    auto separator = [](char c) { return c == ' ' || c == ';' || c == ',' || c == '\t'; };
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && separator(s[i])) ++i;
        std::size_t start = i;
        while (i < s.size() && !separator(s[i])) ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::vector<int> read_positions(std::string_view s, int count, const std::function<void(std::string)>& problem) {
    std::vector<int> out;
    std::vector<bool> seen(static_cast<std::size_t>(count) + 1, false);
    for (auto tok : position_tokens(s)) {
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

PositionSet stored_positions(const SQLite::Column& c) {
    return PositionSet(std::string(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes())));
}

// Feeds `counter` every ballot entered in `pass` of election `id`.
void count_pass(SQLite::Database& db, const std::string& id, int pass, Counter& counter) {
    SQLite::Statement q(db, "SELECT kept, flag, disagree FROM ballots WHERE election = ? AND pass = ?");
    q.bind(1, id);
    q.bind(2, pass);
    auto bytes = [](const SQLite::Column& c) {
        return std::string_view(static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
    };
    while (q.executeStep()) {
        auto flag = q.getColumn(1);
        counter.add(bytes(q.getColumn(0)), std::string_view(flag.getText(), static_cast<std::size_t>(flag.getBytes())),
                    bytes(q.getColumn(2)));  // NULL on a cross ballot: no bytes
    }
}

}  // namespace detail

using detail::Action;
using detail::check_pass;
using detail::parse_int;
using detail::require_phase;

namespace {

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
    e.form = forms().parse(q.getColumn(15).getString()).value_or(Form::Cross);
    e.closed_at = q.getColumn(16).isNull() ? "" : q.getColumn(16).getString();
    return e;
}

constexpr const char* kElectionSelect =
    "SELECT id, title, seats, reserves, body, base_kind, base_fixed, round, parent, status, issued, collected, "
    "closed_base, result, record_hash, form, closed_at FROM elections";

void insert_election(SQLite::Database& db, const Election& e) {
    SQLite::Statement q(db, "INSERT INTO elections (id, title, seats, reserves, body, base_kind, base_fixed, round, "
                            "parent, form) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
    q.bind(10, std::string(code(e.form)));
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
    auto form = forms().parse(r.form);
    if (!form) bad(_f("--form: {}", forms().unknown(r.form)));
    Election e;
    e.id = r.id;
    e.title = title.value_or("");
    e.seats = r.seats;
    e.reserves = r.reserves;
    e.body = body ? std::string(bodies().code(*body)) : r.body;
    e.form = form.value_or(Form::Cross);
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
    // The audit entry of a cross election reads as before; an agree one says so.
    tx.commit(e.form == Form::Agree ? _f("election {} created: {} ({} seats, {} reserves, base {}, agree/disagree ballot)",
                                         e.id, e.title, e.seats, e.reserves, base)
                                    : _f("election {} created: {} ({} seats, {} reserves, base {})", e.id, e.title,
                                         e.seats, e.reserves, base));
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

bool endorsement_stands(std::int64_t endorsed, std::int64_t present) { return 10 * endorsed > 3 * present; }

std::int64_t endorsement_needed(std::int64_t present) { return 3 * present / 10 + 1; }

std::string endorsement_problem(std::int64_t endorsed, std::int64_t present) {
    if (endorsed > present)
        return _f("{} delegates agreed but only {} are present", endorsed, present);
    if (!endorsement_stands(endorsed, present))
        return _f("{} of {} delegates present agreed: a nomination from the floor needs more than 30 %, "
                  "at least {} (QĐ 190-QĐ/TW, Art. 14)",
                  endorsed, present, endorsement_needed(present));
    return "";
}

namespace {

bool from_the_floor(Source s) { return s == Source::Congress || s == Source::Self; }

// The delegates present a nomination is measured against: as given, else
// the voting delegates checked in at the session; "" and 0 when neither.
std::int64_t delegates_present(SQLite::Database& db, const Endorsement& e) {
    if (e.present) return *e.present;
    auto p = delegates::voting_presence(db, e.session);
    return p ? p->present : 0;
}

std::string no_presence_message(const std::string& session) {
    if (session.empty())
        return _("no delegate with a vote is checked in: give how many delegates are present with --present P, "
                 "or check them in with 'daihoi delegates checkin CODE…'");
    return _f("no delegate with a vote is checked in at session {0}: give how many delegates are present with "
              "--present P, or check them in with 'daihoi delegates checkin CODE… --session {0}'",
              session);
}

// "congress, 35 of 50 present agreed" for the audit trail.
std::string source_summary(const std::string& source, const std::optional<std::int64_t>& endorsed,
                           const std::optional<std::int64_t>& present) {
    if (!endorsed || !present) return source;
    return _f("{}, {} of {} present agreed", source, *endorsed, *present);
}

}  // namespace

void add_candidates(db::Workspace& ws, const std::string& id, const std::vector<std::string>& codes,
                    const std::string& source, const Endorsement& endorsement) {
    if (codes.empty()) throw UsageError(_("give at least one member code"));
    auto from = sources().parse(source);
    if (!from) throw UsageError(_f("--source: {}", sources().unknown(source)));
    if (!from_the_floor(*from) && (endorsement.endorsed || endorsement.present))
        throw UsageError(_("--endorsed and --present are for a nomination from the floor or a self-nomination "
                           "(--source congress or self)"));
    if (endorsement.present && *endorsement.present <= 0)
        throw UsageError(_f("--present: {} is not a positive number", *endorsement.present));
    if (endorsement.endorsed && *endorsement.endorsed < 0)
        throw UsageError(_f("--endorsed: {} is negative", *endorsement.endorsed));
    db::Transaction tx(ws);
    auto& db = ws.db();
    require_phase(require(db, id), Phase::Setup, Action::ChangeCandidates);
    require_members(db, codes);
    std::optional<std::int64_t> endorsed, present;
    if (from_the_floor(*from)) {
        if (!endorsement.endorsed)
            throw Refused(_("a nomination from the floor or a self-nomination stands only when the delegates "
                            "present agree (more than 30 %; QĐ 190-QĐ/TW, Art. 14): give how many agreed with "
                            "--endorsed N"));
        endorsed = endorsement.endorsed;
        present = delegates_present(db, endorsement);
        if (*present <= 0) throw Refused(no_presence_message(endorsement.session));
        if (auto why = endorsement_problem(*endorsed, *present); !why.empty()) throw Refused(why);
    }
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
    SQLite::Statement ins(db, "INSERT INTO candidates (election, code, source, endorsed, present) VALUES (?, ?, ?, ?, ?)");
    for (const auto& c : codes) {
        ins.bind(1, id);
        ins.bind(2, c);
        ins.bind(3, source_code);
        if (endorsed) ins.bind(4, static_cast<int64_t>(*endorsed)), ins.bind(5, static_cast<int64_t>(*present));
        else ins.bind(4), ins.bind(5);
        ins.exec();
        ins.reset();
    }
    tx.commit(_f("election {}: candidates added ({}): {}", id, source_summary(source_code, endorsed, present),
                 fmt::join(codes, ", ")));
}

void detail::withdraw_candidate(SQLite::Database& db, const std::string& id, const std::string& code) {
    require_phase(require(db, id), Phase::Setup, Action::ChangeCandidates);
    require_members(db, {code});
    SQLite::Statement del(db, "DELETE FROM candidates WHERE election = ? AND code = ?");
    del.bind(1, id);
    del.bind(2, code);
    if (del.exec() == 0) throw InputError(Diagnostic{"", 0, 0, _f("{} is not a candidate in election {}", code, id)});
}

void remove_candidate(db::Workspace& ws, const std::string& id, const std::string& code, const std::string& reason) {
    if (reason.empty()) throw UsageError(_("--reason is required (the congress's decision)"));
    db::Transaction tx(ws);
    detail::withdraw_candidate(ws.db(), id, code);
    tx.commit(_f("election {}: candidate {} withdrawn: {}", id, code, reason));
}

const std::vector<io::ColumnSpec>& candidate_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", registry::member_code_aliases(), true},
        {"source", {"Nguồn", "Giới thiệu", "Nguồn giới thiệu", "Nơi giới thiệu"}, false},
        {"endorsed", {"Tán thành", "Số tán thành", "Số đại biểu tán thành"}, false},
        {"present", {"Có mặt", "Số có mặt", "Số đại biểu có mặt"}, false}};
    return s;
}

const std::vector<io::ColumnSpec>& ballot_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"serial", {"Số phiếu", "STT", "Phiếu số", "Số thứ tự phiếu"}, true},
        {"crossed", {"Gạch", "Gạch tên", "Vị trí gạch", "Số thứ tự gạch"}, false},
        {"kept", {"Giữ", "Giữ lại", "Không gạch"}, false},
        {"flag", {"Không hợp lệ", "Phiếu không hợp lệ", "Lý do không hợp lệ"}, false},
        // An agree/disagree ballot (--form agree): the rows marked in each box.
        {"agree", {"Đồng ý", "Tán thành"}, false},
        {"disagree", {"Không đồng ý", "Không tán thành"}, false}};
    return s;
}

db::ImportSummary import_candidates(db::Workspace& ws, const std::string& id, const std::string& path,
                                    const registry::ImportOptions& opt, const Endorsement& presence) {
    require_phase(require(ws.db(), id), Phase::Setup, Action::ChangeCandidates);
    if (presence.present && *presence.present <= 0)
        throw UsageError(_f("--present: {} is not a positive number", *presence.present));
    db::KeyedImport spec;
    spec.kind = "candidates";
    spec.progress_label = _("importing candidates");
    spec.columns = candidate_columns();
    spec.scope = {id};
    // values: source, endorsed, present ("" is NULL; present filled in by check).
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        auto source = c[1].empty() ? std::optional(Source::Committee) : sources().parse(c[1]);
        if (!source) p.add("source", sources().unknown(c[1]));
        auto count = [&](const char* field, std::string& cell, std::int64_t least) {
            if (cell.empty()) return;
            auto v = parse_int(cell);
            if (!v || *v < least)
                p.add(field, least > 0 ? _f("'{}' is not a positive number", cell) : _f("'{}' is not a number", cell));
            else cell = std::to_string(*v);
        };
        count("endorsed", c[2], 0);
        count("present", c[3], 1);
        if (source && !from_the_floor(*source) && (!c[2].empty() || !c[3].empty()))
            p.add_row(_("only a nomination from the floor or a self-nomination (source congress or self) has an "
                        "endorsement"),
                      "endorsed");
        if (source && from_the_floor(*source) && c[2].empty())
            p.add_row(_("a nomination from the floor or a self-nomination needs how many delegates present agreed "
                        "(QĐ 190-QĐ/TW, Art. 14)"),
                      "endorsed");
        rec.key = {std::move(c[0])};
        rec.values = {std::string(sources().code(source.value_or(Source::Committee))), std::move(c[2]),
                      std::move(c[3])};
    };
    spec.check = [presence](SQLite::Database& db, db::KeyedRecord& rec, db::RowProblems& p) {
        if (auto why = candidate_problem(db, rec.key[0]); !why.empty()) p.add_row(std::move(why));
        if (rec.values[1].empty()) return;  // the committee's list
        if (rec.values[2].empty()) {
            std::int64_t present = delegates_present(db, presence);
            if (present <= 0) return p.add_row(no_presence_message(presence.session), "present");
            rec.values[2] = std::to_string(present);
        }
        auto endorsed = parse_int(rec.values[1]), present = parse_int(rec.values[2]);
        if (!endorsed || !present) return;  // told when parsed
        if (auto why = endorsement_problem(*endorsed, *present); !why.empty()) p.add_row(std::move(why), "endorsed");
    };
    spec.select_sql = "SELECT source, coalesce(endorsed, ''), coalesce(present, '') FROM candidates "
                      "WHERE election = ?1 AND code = ?2";
    spec.upsert_sql = "INSERT INTO candidates (election, code, source, endorsed, present) VALUES (?1, ?2, ?3, ?4, ?5) "
                      "ON CONFLICT(election, code) DO UPDATE SET source = ?3, endorsed = ?4, present = ?5";
    spec.audit = [&id](const db::ImportSummary& s) {
        return _f("election {}: candidates import {}: {} added, {} updated, {} unchanged", id, s.file, s.added,
                  s.updated, s.unchanged);
    };
    db::ImportRun run{opt.file, opt.progress};
    run.context = {{"election", id}};
    return db::import_keyed(ws, path, spec, run);
}

std::vector<Candidate> candidates(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT c.code, m.full_name, c.source, coalesce(c.position, 0), c.endorsed, c.present, " +
                                registry::member_columns_sql("m") +
                                " FROM candidates c JOIN members m ON m.code = c.code WHERE c.election = ? "
                                "ORDER BY c.position, m.sort_key, m.birth_date, m.code");
    q.bind(1, id);
    std::vector<Candidate> out;
    auto count = [&](int i) {
        return q.getColumn(i).isNull() ? std::nullopt : std::optional<std::int64_t>(q.getColumn(i).getInt64());
    };
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getInt(), registry::read_member(q, 6), count(4), count(5)});
    return out;
}

OpenResult surplus_of(const Election& e, int candidates) {
    OpenResult r;
    r.candidates = candidates;
    r.places = e.seats + e.reserves;
    r.surplus = candidates - r.places;
    r.surplus_percent = number::percent(r.surplus, r.places);
    r.surplus_over_30 = 10 * r.surplus > 3 * r.places;
    r.consultation = bodies().parse(e.body) == Body::Consultation;
    if (r.consultation) return r;
    if (r.surplus_over_30)
        r.warnings.push_back(
            {"surplus_over_30",
             _f("{} candidates for {} places: the surplus of {} is over 30 % (the Party's rules allow at most "
                "30 %); the congress may first hold a consultative ballot on the names it must choose among "
                "('daihoi election create ID --body consultation …')",
                r.candidates, r.places, r.surplus)});
    auto body = bodies().parse(e.body);
    bool committee = body == Body::Committee || body == Body::Inspection;
    if (committee && r.places >= 3 && r.places <= 5 && r.surplus > 1)
        r.warnings.push_back({"committee_surplus_over_one",
                              _f("{} candidates for a committee of {}: a committee of 3 to 5 members may have a "
                                 "surplus of at most one person",
                                 r.candidates, r.places)});
    return r;
}

OpenResult open(db::Workspace& ws, const std::string& id) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election e = require(db, id);
    require_phase(e, Phase::Setup, Action::Open);
    auto list = candidates(db, id);  // Vietnamese name order (§3.2)
    OpenResult r = surplus_of(e, static_cast<int>(list.size()));
    if (r.candidates < r.places)
        throw Refused(_f("election {} has {} candidates for {} places ({} seats + {} reserves): "
                         "the list must have at least as many names as places",
                         id, r.candidates, r.places, e.seats, e.reserves));
    if (e.form == Form::Agree && r.candidates != r.places)
        throw Refused(_f("election {0} has {1} candidates for {2} places ({3} seats + {4} reserves): an agree/disagree "
                         "ballot needs exactly as many names as places (a list without surplus). Withdraw the surplus "
                         "('daihoi election candidates remove {0} CODE --reason TEXT'), or count this list on a new "
                         "election created with --form cross",
                         id, r.candidates, r.places, e.seats, e.reserves));
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

// ---- further rounds ---------------------------------------------------------------------

const char* round_source_label(std::string_view code) {
    if (code == "tied") return _("the tied candidates");
    if (code == "not_elected") return _("the candidates not elected");
    return _("named by the congress");
}

std::string next_round(db::Workspace& ws, const std::string& id, const std::string& new_id, const std::vector<std::string>& codes) {
    Election parent = require(ws.db(), id);
    if (bodies().parse(parent.body) == Body::Consultation)
        throw Refused(_f("election {} is a consultative ballot: it elects nobody, so it has no next round; build "
                         "the list from it with 'daihoi election candidates from {} --into ID --top N'",
                         id, id));
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
                          "INSERT INTO candidates (election, code, source, endorsed, present) VALUES (?1, ?2, coalesce("
                          "(SELECT source FROM candidates WHERE election = ?3 AND code = ?2), 'congress'), "
                          "(SELECT endorsed FROM candidates WHERE election = ?3 AND code = ?2), "
                          "(SELECT present FROM candidates WHERE election = ?3 AND code = ?2))");
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

// ---- the list from a consultative ballot -------------------------------------------------

std::vector<std::string> candidates_from(db::Workspace& ws, const std::string& consultation, const std::string& id,
                                         int top) {
    if (consultation == id) throw UsageError(_("--into: give the election whose list is built, not the consultation"));
    db::Transaction tx(ws);
    auto& db = ws.db();
    Election c = require(db, consultation);
    Election target = require(db, id);
    if (bodies().parse(c.body) != Body::Consultation)
        throw Refused(_f("election {} is not a consultative ballot (--body consultation)", consultation));
    if (c.phase != Phase::Closed && c.phase != Phase::Sealed)
        throw Refused(_f("the consultative ballot {0} is {1}: close it first with 'daihoi election close {0}'",
                         consultation, phases().label(c.phase)));
    require_phase(target, Phase::Setup, Action::ChangeCandidates);
    // The result as closed: candidates by votes, highest first.
    auto ranked = nlohmann::ordered_json::parse(c.result_json)["candidates"];
    const int count = static_cast<int>(ranked.size());
    if (top < 1 || top > count)
        throw Refused(_f("--top: {} is not between 1 and {}, the names on the consultative ballot {}", top, count,
                         consultation));
    if (top < count && ranked[top - 1]["votes"] == ranked[top]["votes"]) {
        std::int64_t votes = ranked[top - 1]["votes"];
        std::vector<std::string> tied;
        for (const auto& r : ranked)
            if (r["votes"] == votes)
                tied.push_back(fmt::format("{} ({})", r["full_name"].get<std::string>(), r["code"].get<std::string>()));
        throw Refused(_f("the names at place {} of the consultative ballot {} have as many votes ({}): {}; the "
                         "congress decides whom to keep (add them with 'daihoi election candidates add'), or "
                         "choose another --top",
                         top, consultation, votes, fmt::join(tied, ", ")));
    }
    std::vector<std::string> codes;
    for (int i = 0; i < top; ++i) codes.push_back(ranked[i]["code"]);
    DiagnosticList errors;
    SQLite::Statement on(db, "SELECT 1 FROM candidates WHERE election = ? AND code = ?");
    for (const auto& code : codes) {
        if (auto p = candidate_problem(db, code); !p.empty()) errors.add({"", 0, 0, p});
        on.bind(1, id);
        on.bind(2, code);
        if (on.executeStep()) errors.add({"", 0, 0, _f("{} is already a candidate in election {}", code, id)});
        on.reset();
    }
    errors.throw_if_any();
    SQLite::Statement ins(db, "INSERT INTO candidates (election, code, source, endorsed, present) "
                              "SELECT ?1, code, source, endorsed, present FROM candidates WHERE election = ?2 AND code = ?3");
    for (const auto& code : codes) {
        ins.bind(1, id);
        ins.bind(2, consultation);
        ins.bind(3, code);
        ins.exec();
        ins.reset();
    }
    tx.commit(_f("election {}: candidates added from the consultative ballot {} (the first {}): {}", id, consultation,
                 top, fmt::join(codes, ", ")));
    return codes;
}

}  // namespace daihoi::election
