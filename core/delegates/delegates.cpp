// Units, the delegate list, replacements, attendance and the majority base.
#include "core/delegates/delegates.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/db/keyed_import.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/registry/units.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>

#include <unistd.h>

namespace daihoi::delegates {

namespace {

std::optional<std::int64_t> parse_count(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
    return v;
}

void exec(SQLite::Database& db, const std::string& sql, const std::vector<std::string>& args) {
    SQLite::Statement q(db, sql);
    for (std::size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i) + 1, args[i]);
    q.exec();
}

}  // namespace

const Choices<Kind>& kinds() {
    static const Choices<Kind> c{
        {Kind::Elected, "elected", N_("elected delegate"), {"bầu", "đại biểu", "đại biểu bầu", "được bầu"}},
        {Kind::ExOfficio, "ex-officio", N_("ex-officio delegate"), {"đương nhiên", "đại biểu đương nhiên"}},
        {Kind::Appointed, "appointed", N_("appointed delegate"), {"chỉ định", "đại biểu chỉ định"}},
        {Kind::Reserve, "reserve", N_("reserve delegate"), {"dự khuyết", "đại biểu dự khuyết"}},
        {Kind::Member, "member", N_("member convened"), {"đảng viên"}},
    };
    return c;
}

const Choices<Status>& statuses() {
    static const Choices<Status> c{
        {Status::Convened, "convened", N_("convened"), {"được triệu tập"}},
        {Status::Absent, "absent", N_("absent"), {"vắng mặt"}},
        {Status::AbsentWholeCongress, "absent_whole_congress", N_("absent for the whole congress"),
         {"vắng mặt suốt đại hội"}},
        {Status::Disqualified, "disqualified", N_("disqualified"), {"không được công nhận tư cách"}},
    };
    return c;
}

bool is_official(Kind k) { return k != Kind::Reserve; }

bool Delegate::seated() const {
    if (status == Status::Disqualified || status == Status::AbsentWholeCongress) return false;
    return kind != Kind::Reserve || !replaces.empty();
}

bool Delegate::votes() const { return voting && (is_official(kind) || !replaces.empty()); }

// ---- units -------------------------------------------------------------------------

const std::vector<io::ColumnSpec>& unit_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", {"Mã", "Mã đơn vị", "Mã tổ chức đảng"}, true},
        {"name", {"Tên", "Tên đơn vị", "Tổ chức đảng", "Tên tổ chức đảng", "Đơn vị", "Tên chi bộ, đảng bộ"}, true},
        {"members", {"Số đảng viên", "Đảng viên", "Tổng số đảng viên", "Số lượng đảng viên"}, true},
        {"min_seats", {"Tối thiểu", "Số đại biểu tối thiểu", "Đại biểu tối thiểu"}, false}};
    return s;
}

db::ImportSummary import_units(db::Workspace& ws, const std::string& path, const registry::ImportOptions& opt) {
    db::KeyedImport spec;
    spec.kind = "units";
    spec.progress_label = _("importing units");
    spec.columns = unit_columns();
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        if (c[1].empty()) p.add("name", _("required"));
        auto m = parse_count(c[2]);
        if (!m) p.add("members", _f("'{}' is not a number of members", c[2]));
        if (!c[3].empty() && !parse_count(c[3])) p.add("min_seats", _f("'{}' is not a number of seats", c[3]));
        rec.key = {std::move(c[0])};
        rec.values = {std::move(c[1]), m ? std::to_string(*m) : "", std::move(c[3])};
    };
    spec.audit = db::counted_summary(N_("units import {}: {} added, {} updated, {} unchanged"));
    spec.select_sql = "SELECT name, members, coalesce(min_seats, '') FROM units WHERE code = ?1";
    spec.upsert_sql = "INSERT INTO units (code, name, members, min_seats) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT(code) DO UPDATE SET name = ?2, members = ?3, min_seats = ?4";
    return db::import_keyed(ws, path, spec, {opt.file, opt.progress});
}

std::vector<Unit> list_units(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT code, name, members, min_seats FROM units ORDER BY code");
    std::vector<Unit> out;
    while (q.executeStep()) {
        Unit u{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), std::nullopt};
        if (!q.getColumn(3).isNull()) u.min_seats = q.getColumn(3).getInt64();
        out.push_back(std::move(u));
    }
    return out;
}

// ---- apportionment ------------------------------------------------------------------

Apportionment apportion_units(SQLite::Database& db, const ApportionRequest& r) {
    std::vector<UnitSize> sizes;
    for (const auto& u : list_units(db)) sizes.push_back({u.code, u.members, u.min_seats.value_or(-1)});
    if (r.method == Method::Formula) return apportion_formula(sizes, r.base, r.per, r.remainder);
    return apportion(sizes, r.seats, r.method, r.min_seats, r.tie_break);
}

nlohmann::ordered_json to_json(const Apportionment& a) {
    nlohmann::ordered_json j;
    j["method"] = code(a.method);
    j["seats"] = a.seats;
    j["units"] = nlohmann::ordered_json::array();
    for (const auto& u : a.units) {
        nlohmann::ordered_json x;
        x["code"] = u.code;
        x["members"] = u.members;
        x["seats"] = u.seats;
        if (a.method == Method::Hamilton && !u.at_minimum)
            x["quota"] = fmt::format("{}/{}", u.quota_num, u.quota_den);
        x["at_minimum"] = u.at_minimum;
        x["undecided"] = u.undecided;
        j["units"].push_back(x);
    }
    j["settled"] = a.settled();
    j["ties"] = nlohmann::ordered_json::array();
    for (const auto& t : a.ties)
        j["ties"].push_back({{"units", t.units},
                             {"seats", t.seats},
                             {"on", code(t.on)},
                             {"value", value_text(t)},
                             {"broken_by", t.broken_by ? nlohmann::ordered_json(tie_breaks().code(*t.broken_by))
                                                       : nlohmann::ordered_json(nullptr)},
                             {"won_by", t.won_by}});
    return j;
}

void save_apportionment(db::Workspace& ws, const ApportionRequest& r, const Apportionment& a) {
    if (!a.settled()) {
        std::vector<std::string> ties;
        for (const auto& t : a.ties)
            if (!t.broken_by) ties.push_back(fmt::format("{}", fmt::join(t.units, ", ")));
        throw Refused(_f("not saved: units tie for the last seats ({}); the committee settles it, by "
                         "--tie-break membership (larger membership, then unit code) or by changing the seats or the minimums",
                         fmt::join(ties, "; ")));
    }
    db::Transaction tx(ws);
    auto& db = ws.db();
    db.exec("DELETE FROM apportionment; DELETE FROM apportionment_run");
    nlohmann::ordered_json params = r.method == Method::Formula
        ? nlohmann::ordered_json{{"base", r.base}, {"per", r.per}, {"remainder", r.remainder}}
        : nlohmann::ordered_json{{"min", r.min_seats}};
    SQLite::Statement run(db, "INSERT INTO apportionment_run (id, method, seats, params, ties) VALUES (1, ?, ?, ?, ?)");
    run.bind(1, std::string(code(a.method)));
    run.bind(2, static_cast<int64_t>(a.seats));
    run.bind(3, params.dump());
    run.bind(4, to_json(a)["ties"].dump());
    run.exec();
    SQLite::Statement ins(db, "INSERT INTO apportionment (unit, members, seats, quota_num, quota_den, at_minimum) "
                              "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& u : a.units) {
        ins.bind(1, u.code);
        ins.bind(2, static_cast<int64_t>(u.members));
        ins.bind(3, static_cast<int64_t>(u.seats));
        ins.bind(4, static_cast<int64_t>(u.quota_num));
        ins.bind(5, static_cast<int64_t>(u.quota_den));
        ins.bind(6, u.at_minimum ? 1 : 0);
        ins.exec();
        ins.reset();
    }
    tx.commit(_f("apportionment saved: {} seats by {} to {} units", a.seats, code(a.method), a.units.size()));
}

std::optional<Apportionment> saved_apportionment(SQLite::Database& db) {
    SQLite::Statement run(db, "SELECT method, seats, ties, params FROM apportionment_run WHERE id = 1");
    if (!run.executeStep()) return std::nullopt;
    Apportionment a;
    std::string m = run.getColumn(0).getString();
    a.method = m == "formula" ? Method::Formula : parse_method(m).value_or(Method::Hamilton);
    a.seats = run.getColumn(1).getInt64();
    auto params = nlohmann::json::parse(run.getColumn(3).getString());
    a.base = params.value("base", std::int64_t{0});
    a.per = params.value("per", std::int64_t{0});
    a.remainder = params.value("remainder", std::int64_t{0});
    a.min_seats = params.value("min", std::int64_t{0});
    // Only settled ties are saved: broken by the rule the committee chose.
    // Before 0.4 a tie was {won_by: "A, B", tied_with: [...]}, always by membership.
    for (const auto& j : nlohmann::json::parse(run.getColumn(2).getString())) {
        Tie t;
        t.on = j.value("on", std::string("remainder")) == "quotient" ? TieOn::Quotient : TieOn::Remainder;
        t.seats = j.value("seats", std::int64_t{1});
        t.broken_by = TieBreak::Membership;
        if (j.contains("units")) {
            t.units = j["units"].get<std::vector<std::string>>();
            t.won_by = j["won_by"].get<std::vector<std::string>>();
            if (auto v = j.value("value", std::string()); !v.empty()) {
                auto slash = v.find('/');
                t.value_num = std::stoll(v.substr(0, slash));
                t.value_den = slash == std::string::npos ? 1 : std::stoll(v.substr(slash + 1));
            }
        } else {
            std::string won = j["won_by"];
            for (std::size_t at = 0; at <= won.size();) {
                auto end = std::min(won.find(", ", at), won.size());
                if (end > at) t.won_by.push_back(won.substr(at, end - at));
                at = end + 2;
            }
            t.units = t.won_by;
            for (const auto& c : j["tied_with"]) t.units.push_back(c);
        }
        a.ties.push_back(std::move(t));
    }
    SQLite::Statement q(db, "SELECT unit, members, seats, quota_num, quota_den, at_minimum FROM apportionment ORDER BY unit");
    while (q.executeStep())
        a.units.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                           q.getColumn(3).getInt64(), q.getColumn(4).getInt64(), q.getColumn(5).getInt() != 0});
    return a;
}

// ---- the list of delegates ------------------------------------------------------------

namespace {

// The delegate's columns, then the member's (from column 9), in one join.
const std::string& delegate_select() {
    static const std::string sql =
        "SELECT d.code, d.kind, coalesce(d.unit, ''), d.voting, d.status, d.whole_congress, d.reason, "
        "coalesce(d.replaced_by, ''), coalesce(d.replaces, ''), " + registry::member_columns_sql("m") +
        " FROM delegates d JOIN members m ON m.code = d.code";
    return sql;
}

Delegate read_delegate(SQLite::Statement& q) {
    Delegate d;
    d.code = q.getColumn(0).getString();
    d.kind = parse_kind(q.getColumn(1).getString()).value_or(Kind::Elected);
    d.unit = q.getColumn(2).getString();
    d.voting = q.getColumn(3).getInt() != 0;
    // Stored as the status and, for an absence, whether it lasts the whole congress.
    std::string s = q.getColumn(4).getString();
    bool whole = q.getColumn(5).getInt() != 0;
    d.status = s == "disqualified" ? Status::Disqualified
             : s == "absent"       ? (whole ? Status::AbsentWholeCongress : Status::Absent)
                                   : Status::Convened;
    d.reason = q.getColumn(6).getString();
    d.replaced_by = q.getColumn(7).getString();
    d.replaces = q.getColumn(8).getString();
    d.member = registry::read_member(q, 9);
    return d;
}

// The kinds a congress convenes: a members' congress convenes its members
// (kind member), a delegates' congress its delegates (every other kind).
std::string kind_problem(const std::optional<registry::Congress>& congress, Kind k) {
    if (!congress) return {};
    bool members = congress->kind == registry::CongressKind::Members;
    if (members && k != Kind::Member)
        return fmt::format("kind: {}", _f("{} is a delegates' congress kind; a members' congress convenes its "
                                          "members (member)",
                                          code(k)));
    if (!members && k == Kind::Member)
        return fmt::format("kind: {}", _("member is for a members' congress; a delegates' congress convenes "
                                         "elected, ex-officio, appointed and reserve delegates"));
    return {};
}

// Checks that apply however a delegate is added; returns the problems. A
// unit given by name ("Chi bộ 3") becomes its code.
std::vector<std::string> admissible(SQLite::Database& db, const registry::UnitMatcher& units,
                                    const std::string& code, std::string& unit) {
    std::vector<std::string> p;
    if (!registry::find_member(db, code)) p.push_back(fmt::format("code: {}", registry::unknown_member_message(code)));
    if (unit.empty()) return p;
    if (units.empty()) {
        p.push_back(fmt::format("unit: {}", _f("no unit {} (import the units first)", unit)));
        return p;
    }
    auto m = units.match(unit);
    if (m.problem.empty()) unit = std::move(m.code);
    else p.push_back(fmt::format("unit: {}", m.problem));
    return p;
}

}  // namespace

std::optional<Delegate> find_delegate(SQLite::Database& db, const std::string& code) {
    SQLite::Statement q(db, delegate_select() + " WHERE d.code = ?");
    q.bind(1, code);
    if (!q.executeStep()) return std::nullopt;
    return read_delegate(q);
}

std::string unknown_delegate_message(const std::string& code) {
    return _f("{} is not on the list of delegates", code);
}

void throw_unknown_delegates(const std::vector<std::string>& codes) {
    std::vector<Diagnostic> ds;
    for (const auto& c : codes) ds.push_back(Diagnostic{"", 0, 0, unknown_delegate_message(c)});
    throw InputError(std::move(ds));
}

Delegate require_delegate(SQLite::Database& db, const std::string& code) {
    auto d = find_delegate(db, code);
    if (!d) throw_unknown_delegates({code});
    return *d;
}

std::vector<std::string> delegate_codes(const std::string& path) {
    return db::peek(path, "SELECT code FROM delegates ORDER BY code");
}

std::vector<Delegate> list_delegates(SQLite::Database& db) {
    SQLite::Statement q(db, delegate_select() + " ORDER BY d.unit, m.sort_key, m.birth_date, m.code");
    std::vector<Delegate> out;
    while (q.executeStep()) out.push_back(read_delegate(q));
    return out;
}

nlohmann::ordered_json to_json(const Delegate& d) {
    nlohmann::ordered_json j;
    j["code"] = d.code;
    j["full_name"] = d.member.full_name;
    j["kind"] = code(d.kind);
    j["unit"] = d.unit;
    j["voting"] = d.votes();
    j["status"] = code(d.status);
    j["reason"] = d.reason;
    j["replaced_by"] = d.replaced_by.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.replaced_by);
    j["replaces"] = d.replaces.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.replaces);
    j["seated"] = d.seated();
    return j;
}

const std::vector<io::ColumnSpec>& delegate_columns() {
    static const std::vector<io::ColumnSpec> s = {
        {"code", registry::member_code_aliases(), true},
        {"kind", {"Loại", "Loại đại biểu", "Đại biểu"}, true},
        {"unit", {"Đơn vị", "Đoàn", "Đoàn đại biểu", "Đơn vị bầu"}, false},
        {"voting", {"Biểu quyết", "Quyền biểu quyết"}, false}};
    return s;
}

db::ImportSummary import_delegates(db::Workspace& ws, const std::string& path, const registry::ImportOptions& opt) {
    db::KeyedImport spec;
    spec.kind = "delegates";
    spec.progress_label = _("importing delegates");
    spec.columns = delegate_columns();
    spec.parse = [](db::Cells& c, db::KeyedRecord& rec, db::RowProblems& p) {
        if (c[0].empty()) p.add("code", _("required"));
        auto k = parse_kind(c[1]);
        if (!k) p.add("kind", kinds().unknown(c[1]));
        if (!c[3].empty() && c[3] != "0" && c[3] != "1") p.add("voting", _f("'{}' is not 1 or 0", c[3]));
        rec.key = {std::move(c[0])};
        rec.values = {k ? std::string(code(*k)) : "", std::move(c[2]), c[3].empty() ? "1" : std::move(c[3])};
    };
    const auto congress = registry::load_congress(ws.db());
    const registry::UnitMatcher units(ws.db());
    spec.check = [&congress, &units](SQLite::Database& db, db::KeyedRecord& rec, db::RowProblems& p) {
        const std::string& who = rec.key[0];
        // admissible() and kind_problem() are shared with `delegates add`: "field: problem".
        auto add = [&p](const std::string& problem) {
            auto colon = problem.find(": ");
            if (colon != std::string::npos && problem.find(' ') > colon)
                p.add(problem.substr(0, colon), problem.substr(colon + 2));
            else
                p.add_row(problem);
        };
        for (const auto& why : admissible(db, units, who, rec.values[1])) add(why);
        if (auto k = parse_kind(rec.values[0]))
            if (auto why = kind_problem(congress, *k); !why.empty()) add(why);
        if (auto d = find_delegate(db, who); d && (!d->replaced_by.empty() || !d->replaces.empty()) &&
                                               (rec.values[0] != code(d->kind) || rec.values[1] != d->unit))
            p.add_row(d->replaces.empty()
                          ? _f("{} is part of a replacement (replaced by {}); its kind and unit cannot change", who,
                               d->replaced_by)
                          : _f("{} is part of a replacement (replaces {}); its kind and unit cannot change", who,
                               d->replaces));
        // Probationary members may attend but not vote (Charter, Art. 3).
        if (p.empty() && registry::find_member(db, who)->probationary()) rec.values[2].assign(1, '0');
    };
    spec.audit = db::counted_summary(N_("delegates import {}: {} added, {} updated, {} unchanged"));
    spec.select_sql = "SELECT kind, coalesce(unit, ''), voting FROM delegates WHERE code = ?1";
    spec.upsert_sql = "INSERT INTO delegates (code, kind, unit, voting) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT(code) DO UPDATE SET kind = ?2, unit = ?3, voting = ?4";
    return db::import_keyed(ws, path, spec, {opt.file, opt.progress});
}

void add_delegate(db::Workspace& ws, const std::string& code, Kind kind, const std::string& unit) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    bool voting = !registry::require_member(db, code).probationary();
    std::string unit_code = unit;
    auto problems = admissible(db, registry::UnitMatcher(db), code, unit_code);
    if (auto why = kind_problem(registry::load_congress(db), kind); !why.empty()) problems.push_back(why);
    if (!problems.empty()) {
        std::vector<Diagnostic> ds;
        for (auto& p : problems) ds.push_back({"", 0, 0, p});
        throw InputError(ds);
    }
    if (find_delegate(db, code)) throw InputError(Diagnostic{"", 0, 0, _f("{} is already on the list of delegates", code)});
    SQLite::Statement q(db, "INSERT INTO delegates (code, kind, unit, voting) VALUES (?, ?, ?, ?)");
    q.bind(1, code);
    q.bind(2, std::string(delegates::code(kind)));
    if (unit_code.empty()) q.bind(3);
    else q.bind(3, unit_code);
    q.bind(4, voting ? 1 : 0);
    q.exec();
    tx.commit(voting ? _f("delegate {} added ({})", code, delegates::code(kind))
                     : _f("delegate {} added ({}, probationary: no vote)", code, delegates::code(kind)));
}

void replace_delegate(db::Workspace& ws, const std::string& old_code, const std::string& reserve_code,
                      const std::string& reason) {
    db::Transaction tx(ws);
    auto& db = ws.db();
    auto old_found = find_delegate(db, old_code), res_found = find_delegate(db, reserve_code);
    std::vector<std::string> unknown;
    if (!old_found) unknown.push_back(old_code);
    if (!res_found) unknown.push_back(reserve_code);
    if (!unknown.empty()) throw_unknown_delegates(unknown);
    const Delegate &old = *old_found, &res = *res_found;
    DiagnosticList errors;
    auto bad = [&](std::string m) { errors.add({"", 0, 0, std::move(m)}); };
    if (old.kind == Kind::Reserve)
        bad(_f("{} is a reserve delegate; only an official delegate's place can be taken", old_code));
    if (old.kind == Kind::ExOfficio)
        bad(_f("{} is an ex-officio delegate: reserves replace elected or appointed delegates", old_code));
    if (old.kind == Kind::Member)
        bad(_f("{} is a member convened to a members' congress: reserves replace elected or appointed delegates",
               old_code));
    if (!old.replaced_by.empty()) bad(_f("{} was already replaced by {}", old_code, old.replaced_by));
    if (res.kind != Kind::Reserve)
        bad(_f("{} is not a reserve delegate ({})", reserve_code, kinds().label(res.kind)));
    else if (!res.replaces.empty())
        bad(_f("reserve {} already took the place of {}", reserve_code, res.replaces));
    else if (res.status != Status::Convened)
        bad(_f("reserve {} is recorded as {}: {}", reserve_code, statuses().label(res.status), res.reason));
    if (!old.unit.empty() && !res.unit.empty() && old.unit != res.unit)
        bad(_f("reserve {} belongs to unit {}, delegate {} to unit {}", reserve_code, res.unit, old_code, old.unit));
    if (old.status == Status::Convened && reason.empty())
        errors.add({"", 0, 0, _("required when the delegate is not yet recorded absent or disqualified"), "--reason"});
    errors.throw_if_any();
    if (old.status == Status::Convened || old.status == Status::Absent)
        exec(db, "UPDATE delegates SET status = 'absent', whole_congress = 1, reason = ? WHERE code = ?",
             {reason, old_code});
    exec(db, "UPDATE delegates SET replaced_by = ? WHERE code = ?", {reserve_code, old_code});
    exec(db, "UPDATE delegates SET replaces = ? WHERE code = ?", {old_code, reserve_code});
    tx.commit(reason.empty() ? _f("reserve {} replaces delegate {}", reserve_code, old_code)
                             : _f("reserve {} replaces delegate {}: {}", reserve_code, old_code, reason));
}

void disqualify(db::Workspace& ws, const std::string& code, const std::string& reason) {
    if (reason.empty()) throw UsageError(_("--reason is required"));
    db::Transaction tx(ws);
    Delegate d = require_delegate(ws.db(), code);
    if (d.status == Status::Disqualified) throw Refused(_f("{} is already disqualified", code));
    if (!d.replaced_by.empty())
        throw Refused(_f("{} was replaced by reserve {}; the replacement stands", code, d.replaced_by));
    exec(ws.db(), "UPDATE delegates SET status = 'disqualified', reason = ? WHERE code = ?", {reason, code});
    tx.commit(_f("delegate {} disqualified: {}", code, reason));
}

void mark_absent(db::Workspace& ws, const std::string& code, bool whole_congress, const std::string& reason) {
    if (reason.empty()) throw UsageError(_("--reason is required"));
    db::Transaction tx(ws);
    Delegate d = require_delegate(ws.db(), code);
    if (d.status == Status::Disqualified) throw Refused(_f("{} is disqualified", code));
    if (!d.replaced_by.empty())
        throw Refused(_f("{} was replaced by reserve {}; the replacement stands", code, d.replaced_by));
    if (whole_congress) {
        SQLite::Statement q(ws.db(), "SELECT session FROM attendance WHERE code = ? LIMIT 1");
        q.bind(1, code);
        if (q.executeStep())
            throw Refused(_f("{} checked in at session {}: not absent for the whole congress", code,
                             q.getColumn(0).getString()));
    }
    exec(ws.db(), "UPDATE delegates SET status = 'absent', whole_congress = ?, reason = ? WHERE code = ?",
         {whole_congress ? "1" : "0", reason, code});
    tx.commit(whole_congress ? _f("delegate {} absent for the whole congress: {}", code, reason)
                             : _f("delegate {} absent: {}", code, reason));
}

// ---- attendance ----------------------------------------------------------------------

// Why `d` cannot check in: it does not sit at the congress.
std::string not_seated(const Delegate& d) {
    if (d.kind == Kind::Reserve && d.replaces.empty())
        return _f("{} does not sit at the congress (a reserve who has not taken a place)", d.code);
    if (!d.replaced_by.empty()) return _f("{} does not sit at the congress (replaced by {})", d.code, d.replaced_by);
    if (d.reason.empty()) return _f("{} does not sit at the congress ({})", d.code, statuses().label(d.status));
    return _f("{} does not sit at the congress ({}: {})", d.code, statuses().label(d.status), d.reason);
}

static CheckResult mark(db::Workspace& ws, const std::vector<std::string>& codes, const std::string& session, bool in) {
    if (codes.empty()) throw UsageError(_("give at least one delegate code"));
    db::Transaction tx(ws);
    auto& db = ws.db();
    DiagnosticList errors;
    std::vector<Delegate> ds;
    for (const auto& c : codes) {
        auto d = find_delegate(db, c);
        if (!d) errors.add({"", 0, 0, unknown_delegate_message(c)});
        else if (in && !d->seated()) errors.add({"", 0, 0, not_seated(*d)});
        else ds.push_back(*d);
    }
    errors.throw_if_any();
    CheckResult r;
    std::string now = audit::now_utc();
    std::vector<std::string> done;
    for (const auto& d : ds) {
        if (std::find(done.begin(), done.end(), d.code) != done.end()) {
            if (std::find(r.repeated.begin(), r.repeated.end(), d.code) == r.repeated.end()) r.repeated.push_back(d.code);
            continue;
        }
        done.push_back(d.code);
        SQLite::Statement cur(db, "SELECT checked_out_at IS NULL, checked_in_at, coalesce(checked_out_at, '') "
                                  "FROM attendance WHERE session = ? AND code = ?");
        cur.bind(1, session);
        cur.bind(2, d.code);
        bool has = cur.executeStep();
        bool inside = has && cur.getColumn(0).getInt() == 1;
        if (in ? inside : !inside) {
            ++r.already;
            // Out without ever coming in has no time to give.
            r.already_named.push_back({d.code, d.member.full_name, has ? cur.getColumn(inside ? 1 : 2).getString() : ""});
            continue;
        }
        if (in)
            exec(db, "INSERT INTO attendance (session, code, checked_in_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(session, code) DO UPDATE SET checked_in_at = excluded.checked_in_at, checked_out_at = NULL",
                 {session, d.code, now});
        else
            exec(db, "UPDATE attendance SET checked_out_at = ? WHERE session = ? AND code = ?", {now, session, d.code});
        ++r.changed;
    }
    tx.commit(in ? _f("session {}: {} checked in", session, r.changed) : _f("session {}: {} checked out", session, r.changed));
    return r;
}

CheckResult checkin(db::Workspace& ws, const std::vector<std::string>& codes, const std::string& session) {
    return mark(ws, codes, session, true);
}
CheckResult checkout(db::Workspace& ws, const std::vector<std::string>& codes, const std::string& session) {
    return mark(ws, codes, session, false);
}

std::vector<std::string> present_at(SQLite::Database& db, const std::string& session) {
    SQLite::Statement q(db, "SELECT code FROM attendance WHERE session = ? AND checked_out_at IS NULL ORDER BY code");
    q.bind(1, session);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

std::string current_session(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT session FROM attendance ORDER BY checked_in_at DESC, session DESC LIMIT 1");
    return q.executeStep() ? q.getColumn(0).getString() : "";
}

std::optional<VotingPresence> voting_presence(SQLite::Database& db, const std::string& session) {
    VotingPresence p{session.empty() ? current_session(db) : session, 0};
    SQLite::Statement used(db, "SELECT 1 FROM attendance WHERE session = ? LIMIT 1");
    used.bind(1, p.session);
    if (p.session.empty() || !used.executeStep()) return std::nullopt;
    auto present = present_at(db, p.session);
    for (const auto& d : list_delegates(db))
        if (d.seated() && d.votes() && std::binary_search(present.begin(), present.end(), d.code)) ++p.present;
    return p;
}

// ---- the majority base and quorum -------------------------------------------------------

MajorityBase convened_base(SQLite::Database& db) {
    MajorityBase b;
    if (auto c = registry::load_congress(db)) b.members_congress = c->kind == registry::CongressKind::Members;
    auto all = list_delegates(db);
    auto find = [&](const std::string& code) -> const Delegate* {
        for (const auto& d : all)
            if (d.code == code) return &d;
        return nullptr;
    };
    for (const auto& d : all) {
        if (!is_official(d.kind)) continue;
        bool gone = !d.seated();
        const Delegate* reserve = d.replaced_by.empty() ? nullptr : find(d.replaced_by);
        if (gone && reserve && reserve->seated()) {
            // "A reserve who replaced one counts instead" — if the reserve may vote.
            if (reserve->votes()) ++b.official_voting, ++b.replaced;
            continue;
        }
        if (!d.votes()) continue;
        ++b.official_voting;
        if (!gone) continue;
        if (d.status == Status::Disqualified) ++b.disqualified_unreplaced;
        else if (d.kind == Kind::ExOfficio) ++b.ex_officio_absent;
        else ++b.absent_unreplaced;
    }
    b.count = b.official_voting - b.absent_unreplaced - b.ex_officio_absent - b.disqualified_unreplaced;
    return b;
}

std::string MajorityBase::explanation() const {
    if (members_congress)
        return _f(
            "full members convened with a vote: {}; less absent for the whole congress: {}; less not admitted: {}. "
            "Base {}: more than half is {} or more votes",
            official_voting, absent_unreplaced + ex_officio_absent, disqualified_unreplaced, count, needed());
    return _f(
        "official delegates convened with a vote: {} (of which places taken by reserves: {}); less absent for the "
        "whole congress and not replaced: {}; less convening-committee members absent for the whole congress: {}; "
        "less disqualified and not replaced: {}. Base {}: more than half is {} or more votes",
        official_voting, replaced, absent_unreplaced, ex_officio_absent, disqualified_unreplaced, count, needed());
}

nlohmann::ordered_json to_json(const MajorityBase& b) {
    return {{"count", b.count},
            {"needed", b.needed()},
            {"official_voting", b.official_voting},
            {"absent_unreplaced", b.absent_unreplaced},
            {"ex_officio_absent", b.ex_officio_absent},
            {"disqualified_unreplaced", b.disqualified_unreplaced},
            {"replaced_by_reserves", b.replaced}};
}

Quorum quorum(SQLite::Database& db, const std::string& session) {
    Quorum q;
    q.session = session;
    auto present = present_at(db, session);
    for (const auto& d : list_delegates(db)) {
        if (is_official(d.kind)) ++q.convened;
        if (!d.seated()) continue;
        ++q.seated;
        if (std::binary_search(present.begin(), present.end(), d.code)) ++q.present;
        else q.not_checked_in.push_back(d);
    }
    q.absent = q.seated - q.present;
    q.base = convened_base(db);
    // The smallest n with 3n ≥ 2 × convened.
    if (registry::quorum_rule(db) == registry::QuorumRule::TwoThirds) q.two_thirds_needed = (2 * q.convened + 2) / 3;
    return q;
}

}  // namespace daihoi::delegates
