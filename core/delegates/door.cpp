#include "core/delegates/door.hpp"

#include "core/audit/audit.hpp"
#include "core/base/i18n.hpp"
#include "core/registry/members.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>

namespace daihoi::delegates {

namespace {

std::string trimmed(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

std::string unit_name(SQLite::Database& db, const std::string& unit) {
    for (const auto& u : list_units(db))
        if (u.code == unit) return u.name;
    return unit;
}

void count(SQLite::Database& db, const std::string& session, DoorAnswer& a) {
    const HallCount c = hall_count(db, session);
    a.present = c.present;
    a.seated = c.seated;
}

}  // namespace

HallCount hall_count(SQLite::Database& db, const std::string& session) {
    HallCount c;
    const auto present = present_at(db, session);
    for (const auto& d : list_delegates(db))
        if (d.seated()) {
            ++c.seated;
            c.present += std::binary_search(present.begin(), present.end(), d.code);
        }
    return c;
}

const char* code(DoorAnswer::Status s) {
    switch (s) {
        case DoorAnswer::Status::CheckedIn: return "checked_in";
        case DoorAnswer::Status::Already: return "already";
        case DoorAnswer::Status::NotSeated: return "not_seated";
        case DoorAnswer::Status::NotConvened: return "not_convened";
        case DoorAnswer::Status::Unknown: return "unknown";
    }
    return "unknown";
}

DoorAnswer check_in_at_door(db::Workspace& ws, const std::string& raw, const std::string& session,
                            const std::string& station) {
    DoorAnswer a;
    a.code = trimmed(raw);
    // One transaction: two doors reading the same card at once are taken in
    // turn, and the second is told of the first.
    db::Transaction tx(ws);
    auto& db = ws.db();
    const auto d = find_delegate(db, a.code);
    if (!d) {
        if (auto m = a.code.empty() ? std::nullopt : registry::find_member(db, a.code)) {
            a.status = DoorAnswer::Status::NotConvened;
            a.full_name = m->full_name;
        }
        count(db, session, a);
        return a;
    }
    a.full_name = d->member.full_name;
    a.unit = d->unit.empty() ? "" : unit_name(db, d->unit);
    if (!d->seated()) {
        a.status = DoorAnswer::Status::NotSeated;
        a.why = not_seated(*d);
        count(db, session, a);
        return a;
    }
    SQLite::Statement cur(db, "SELECT checked_in_at, station FROM attendance "
                              "WHERE session = ? AND code = ? AND checked_out_at IS NULL");
    cur.bind(1, session);
    cur.bind(2, d->code);
    if (cur.executeStep()) {
        a.status = DoorAnswer::Status::Already;
        a.since = cur.getColumn(0).getString();
        a.station = cur.getColumn(1).getString();
        count(db, session, a);
        return a;
    }
    SQLite::Statement ins(db, "INSERT INTO attendance (session, code, checked_in_at, station) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT(session, code) DO UPDATE SET checked_in_at = excluded.checked_in_at, "
                              "checked_out_at = NULL, station = excluded.station");
    ins.bind(1, session);
    ins.bind(2, d->code);
    ins.bind(3, audit::now_utc());
    ins.bind(4, station);
    ins.exec();
    a.status = DoorAnswer::Status::CheckedIn;
    count(db, session, a);
    tx.commit(station.empty() ? _f("session {}: {} checked in", session, d->code)
                              : _f("session {}: {} checked in at {}", session, d->code, station));
    return a;
}

std::vector<Delegate> missing_at(SQLite::Database& db, const std::string& session) {
    const auto present = present_at(db, session);
    std::vector<Delegate> out;
    for (auto& d : list_delegates(db))
        if (d.seated() && !std::binary_search(present.begin(), present.end(), d.code)) out.push_back(std::move(d));
    return out;
}

std::vector<Delegate> find_by_name(SQLite::Database& db, const std::string& text) {
    const std::string t = trimmed(text);
    if (t.empty()) return {};
    auto all = list_delegates(db);
    std::vector<Delegate> out;
    const std::string as_typed = text::lower(t);
    for (const auto& d : all)
        if (text::lower(d.member.full_name).find(as_typed) != std::string::npos) out.push_back(d);
    if (!out.empty()) return out;
    const std::string folded = text::fold(t);
    for (const auto& d : all)
        if (text::fold(d.member.full_name).find(folded) != std::string::npos) out.push_back(d);
    return out;
}

}  // namespace daihoi::delegates
