// daihoi-delegates checkin, checkout, attendance, quorum, credentials: who is
// at each session, the majority base, and the credentials review.
#include "commands.hpp"

#include "core/cli/table.hpp"
#include "core/delegates/credentials.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"

#include <algorithm>

namespace daihoi::delegates_tool {

namespace {

namespace dl = delegates;
using Align = cli::TextTable::Align;

struct SessionOptions {
    std::vector<std::string> codes;
    std::string session = dl::kDefaultSession;
    DoorOptions door;  // checkin: --scan, --find, --station
};

void declare_session(CLI::App& app, SessionOptions& o, const char* help) {
    app.add_option("--session", o.session, _(help))->type_name("SESSION");
}

void declare_check(CLI::App& app, SessionOptions& o) {
    app.add_option("CODE", o.codes, _("the delegates' codes"))->required();
    declare_session(app, o, N_("the session (default 1)"));
}

// checkin: codes given, or read at the door (--scan), or a name (--find).
void declare_checkin(CLI::App& app, SessionOptions& o) {
    auto* codes = app.add_option("CODE", o.codes, _("the delegates' codes"));
    declare_session(app, o, N_("the session (default 1)"));
    declare_door(app, o.door);
    for (const char* door : {"--scan", "--find"}) codes->excludes(app.get_option(door));
}

template <bool In>
void run_check(const cli::Common& common, const SessionOptions& o) {
    if (In && (o.door.scan || !o.door.find.empty())) {
        DoorOptions d = o.door;
        d.session = o.session;
        return run_door(common, d);
    }
    if (o.codes.empty())
        throw UsageError(_("give the delegates' codes, or read their cards with --scan, or --find a name"));
    auto ws = common.open();
    auto r = In ? dl::checkin(ws, o.codes, o.session) : dl::checkout(ws, o.codes, o.session);
    // Each one named: a card shown twice at the door is for the staff to look into.
    for (const auto& a : r.already_named) {
        // The time is in the JSON ("since"); the staff at the door need the name.
        if (In) cli::warn(_f("{} {} is already checked in at session {}: not checked in again", a.code, a.full_name,
                             o.session));
        else if (a.since.empty()) cli::warn(_f("{} {} never checked in at session {}", a.code, a.full_name, o.session));
        else cli::warn(_f("{} {} already checked out of session {}", a.code, a.full_name, o.session));
    }
    for (const auto& c : r.repeated) cli::warn(_f("{} is given more than once: counted once", c));
    if (common.json) {
        cli::Json already = cli::Json::array();
        for (const auto& a : r.already_named)
            already.push_back({{"code", a.code}, {"full_name", a.full_name},
                               {"since", a.since.empty() ? cli::Json(nullptr) : cli::Json(a.since)}});
        return cli::print_json({{"session", o.session},
                                {In ? "checked_in" : "checked_out", r.changed},
                                {"already", r.already},
                                {In ? "already_present" : "already_out", already},
                                {"repeated", r.repeated}});
    }
    if (In && r.already) fmt::print("{}\n", _f("session {}: {} checked in, {} already present", o.session, r.changed, r.already));
    else if (In) fmt::print("{}\n", _f("session {}: {} checked in", o.session, r.changed));
    else if (r.already) fmt::print("{}\n", _f("session {}: {} checked out, {} already out", o.session, r.changed, r.already));
    else fmt::print("{}\n", _f("session {}: {} checked out", o.session, r.changed));
}

void run_attendance(const cli::Common& common, const SessionOptions& o) {
    auto ws = common.open();
    auto present = dl::present_at(ws.db(), o.session);
    auto here = [&](const std::string& c) { return std::binary_search(present.begin(), present.end(), c); };
    auto list = dl::list_delegates(ws.db());
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& d : list)
            if (d.seated())
                j.push_back({{"code", d.code}, {"full_name", d.member.full_name}, {"unit", d.unit}, {"present", here(d.code)}});
        return cli::print_json({{"session", o.session}, {"delegates", j}});
    }
    cli::TextTable t({"#", _("code"), _("full name"), _("unit"), _("present")}, {Align::Right});
    for (const auto& d : list)
        if (d.seated())
            t.add({std::to_string(t.rows() + 1), d.code, d.member.full_name, d.unit, i18n::yes_no(here(d.code))});
    t.print();
}

void run_quorum(const cli::Common& common, const SessionOptions& o) {
    auto ws = common.open();
    auto q = dl::quorum(ws.db(), o.session);
    if (common.json) {
        cli::Json missing = cli::Json::array();
        for (const auto& d : q.not_checked_in)
            missing.push_back({{"code", d.code}, {"full_name", d.member.full_name}, {"unit", d.unit}});
        return cli::print_json({{"session", q.session}, {"convened", q.convened}, {"seated", q.seated},
                                {"present", q.present}, {"absent", q.absent}, {"base", dl::to_json(q.base)},
                                {"two_thirds", q.two_thirds_needed ? cli::Json{{"needed", *q.two_thirds_needed},
                                                                               {"met", q.two_thirds_met()}}
                                                                   : cli::Json(nullptr)},
                                {"not_checked_in", missing}});
    }
    fmt::print("{}\n", q.base.members_congress
                           ? _f("session {}: {} members convened, {} seated, {} present, {} absent", q.session,
                                q.convened, q.seated, q.present, q.absent)
                           : _f("session {}: {} official delegates convened, {} seated, {} present, {} absent",
                                q.session, q.convened, q.seated, q.present, q.absent));
    fmt::print("{}\n", q.base.explanation());
    // Only where the congress's own rules ask for it (congress set quorum two-thirds).
    if (q.two_thirds_needed)
        fmt::print("{}\n", q.two_thirds_met()
                               ? _f("two thirds of the {} convened ({}) are present: {} present", q.convened,
                                    *q.two_thirds_needed, q.present)
                               : _f("two thirds of the {} convened ({}) are NOT present: only {} present, {} more needed",
                                    q.convened, *q.two_thirds_needed, q.present, *q.two_thirds_needed - q.present));
    if (q.not_checked_in.empty()) return;
    fmt::print("\n{}\n", _f("not checked in at session {}:", q.session));
    cli::TextTable t({"#", _("code"), _("full name"), _("unit")}, {Align::Right});
    for (const auto& d : q.not_checked_in) t.add({std::to_string(t.rows() + 1), d.code, d.member.full_name, d.unit});
    t.print();
}

// The sections of the credentials review, as the printed report has them.
void print_credentials(const dl::Credentials& c) {
    fmt::print("{}\n", _f("credentials review: {} seated of {} convened, ages at {}", c.seated, c.convened, c.as_of.vn()));
    for (const auto& s : dl::credentials_layout(c)) {
        fmt::print("\n");
        for (const auto& n : s.above) fmt::print("{}\n", dl::credentials_note(n));
        cli::TextTable t({_(s.title), _("count"), "%"}, {Align::Left, Align::Right, Align::Right});
        for (const auto& r : s.rows)
            t.add({dl::credentials_row_label(r), std::to_string(r.count), i18n::decimal(r.percent())});
        t.print();
        for (const auto& n : s.below) fmt::print("{}\n", dl::credentials_note(n));
    }
}

void run_credentials(const cli::Common& common, const SessionOptions& o) {
    auto ws = common.open();
    auto c = dl::credentials(ws.db(), o.session);
    if (common.json) return cli::print_json(dl::to_json(c));
    print_credentials(c);
}

}  // namespace

std::vector<cli::Command> session_commands() {
    using cli::Effect;
    auto session = [](const char* help) {
        return [help](CLI::App& app, SessionOptions& o) { declare_session(app, o, help); };
    };
    return {
        cli::command<SessionOptions>({"checkin"}, N_("record delegates present at a session"), Effect::Changes,
                                     declare_checkin, run_check<true>),
        cli::command<SessionOptions>({"checkout"}, N_("record delegates leaving a session"), Effect::Changes,
                                     declare_check, run_check<false>),
        cli::command<SessionOptions>({"attendance"}, N_("who is present at a session"), Effect::Reads,
                                     session(N_("the session (default 1)")), run_attendance),
        cli::command<SessionOptions>({"quorum"}, N_("convened, present, absent, and the majority base"), Effect::Reads,
                                     session(N_("the session (default 1)")), run_quorum),
        cli::command<SessionOptions>({"credentials"}, N_("the credentials review statistics of the seated delegates"),
                                     Effect::Reads, session(N_("the session whose presence is counted (default 1)")),
                                     run_credentials),
    };
}

}  // namespace daihoi::delegates_tool
