// daihoi-delegates checkin --scan, --find: check-in at the doors of the hall.
// A code reader types each card's code and Enter; every line is answered at
// once, in plain words for the staff (or one JSON object a line with --json).
// "?" lists who is still missing.
#include "commands.hpp"

#include "core/cli/line_input.hpp"
#include "core/delegates/door.hpp"
#include "core/error.hpp"
#include "core/text/date.hpp"

#include <fmt/format.h>

#include <map>

#include <unistd.h>

namespace daihoi::delegates_tool {

namespace {

namespace dl = delegates;
using Status = dl::DoorAnswer::Status;

// Plain words, in colour and with the terminal's bell for a problem when a
// person is watching; the bare words in a pipe.
struct Voice {
    bool tty = false;
    std::string paint(const std::string& s, const char* colour) const {
        return tty ? fmt::format("\033[1;{}m{}\033[0m", colour, s) : s;
    }
    void bell() const {
        if (tty) std::fputs("\a", stdout);
    }
};

std::string clock(const std::string& iso) {
    const auto t = text::local_date_time(iso);
    return t ? fmt::format("{:02d}:{:02d}", t->hour, t->minute) : iso;
}

std::string who(const dl::DoorAnswer& a) {
    return a.unit.empty() ? a.full_name : fmt::format("{} — {}", a.full_name, a.unit);
}

void say(const Voice& v, const dl::DoorAnswer& a) {
    const std::string tally = _f("present {}/{}", a.present, a.seated);
    switch (a.status) {
        case Status::CheckedIn:
            fmt::print("{}  {}   [{}]\n", v.paint(_("PRESENT"), "32"), who(a), tally);
            break;
        case Status::Already:
            v.bell();
            fmt::print("{}  {}   [{}]\n",
                       v.paint(a.station.empty() ? _f("ALREADY CHECKED IN at {}", clock(a.since))
                                                 : _f("ALREADY CHECKED IN at {} at {}", clock(a.since), a.station),
                               "33"),
                       who(a), tally);
            break;
        case Status::NotSeated:
            v.bell();
            fmt::print("{}  {}: {}\n", v.paint(_("DOES NOT SIT"), "31"), who(a), a.why);
            break;
        case Status::NotConvened:
            v.bell();
            fmt::print("{}  {} ({})\n", v.paint(_("NOT ON THE LIST OF DELEGATES CONVENED"), "31"), a.full_name, a.code);
            break;
        case Status::Unknown:
            v.bell();
            fmt::print("{}  {}\n", v.paint(_("UNKNOWN CODE"), "31"), a.code);
            break;
    }
    std::fflush(stdout);
}

cli::Json to_json(const dl::DoorAnswer& a) {
    auto or_null = [](const std::string& s) { return s.empty() ? cli::Json(nullptr) : cli::Json(s); };
    return {{"code", a.code},          {"status", dl::code(a.status)}, {"full_name", or_null(a.full_name)},
            {"unit", or_null(a.unit)}, {"why", or_null(a.why)},        {"since", or_null(a.since)},
            {"station", a.status == Status::Already ? cli::Json(a.station) : cli::Json(nullptr)},
            {"present", a.present},    {"seated", a.seated}};
}

// "DV04  Phạm Thị Hoa  (Chi bộ Thôn 1)", one line a delegate as the staff
// look them up: the units' names read once for the whole list.
std::vector<std::string> lines_of(SQLite::Database& db, const std::vector<dl::Delegate>& ds) {
    std::map<std::string, std::string> names;
    for (const auto& u : dl::list_units(db)) names[u.code] = u.name;
    std::vector<std::string> out;
    for (const auto& d : ds) {
        auto u = names.find(d.unit);
        const std::string unit = u == names.end() ? d.unit : u->second;
        out.push_back(fmt::format("{}  {}{}", d.code, d.member.full_name, unit.empty() ? "" : "  (" + unit + ")"));
    }
    return out;
}

void print_missing(const cli::Common& common, SQLite::Database& db, const std::string& session) {
    const auto missing = dl::missing_at(db, session);
    if (common.json) {
        cli::Json j = cli::Json::array();
        for (const auto& d : missing) j.push_back({{"code", d.code}, {"full_name", d.member.full_name}, {"unit", d.unit}});
        fmt::print("{}\n", cli::Json{{"session", session}, {"missing", j}}.dump());
        return;
    }
    fmt::print("{}\n", _f("still missing at session {}: {}", session, missing.size()));
    for (const auto& line : lines_of(db, missing)) fmt::print("  {}\n", line);
}

void answer(const cli::Common& common, const Voice& v, db::Workspace& ws, const std::string& code,
            const DoorOptions& o) {
    const auto a = dl::check_in_at_door(ws, code, o.session, o.station);
    if (common.json) fmt::print("{}\n", to_json(a).dump());
    else say(v, a);
    std::fflush(stdout);
}

}  // namespace

void declare_door(CLI::App& app, DoorOptions& o) {
    app.add_flag("--scan", o.scan,
                 _("read the codes of the delegates' cards from a code reader (or a pipe), one a line, until the end"));
    app.add_option("--find", o.find, _("check in a delegate found by name (part of the full name)"))->type_name("TEXT");
    app.add_option("--station", o.station, _("the door checking in, kept with each check-in (--scan, --find)"))
        ->type_name("NAME");
}

void run_door(const cli::Common& common, const DoorOptions& o) {
    auto ws = common.open();
    const bool tty = isatty(STDIN_FILENO);
    const Voice v{isatty(STDOUT_FILENO) != 0 && !common.json};
    if (!o.find.empty()) {
        const auto found = dl::find_by_name(ws.db(), o.find);
        if (found.empty()) throw Refused(_f("no delegate's name holds '{}'", o.find));
        std::string code = found.front().code;
        if (found.size() > 1) {
            // Listed to pick from: party assemblies know their people by name.
            const auto lines = lines_of(ws.db(), found);
            for (std::size_t i = 0; i < lines.size(); ++i) fmt::print(stderr, "  {:>2}. {}\n", i + 1, lines[i]);
            const auto pick = cli::read_line(tty, _("which one (number, or empty for none)? "));
            std::size_t n = 0;
            if (pick && !pick->empty()) {
                try {
                    n = std::stoul(*pick);
                } catch (const std::exception&) {
                    n = 0;
                }
            }
            if (n < 1 || n > found.size()) throw Refused(_("nobody checked in"));
            code = found[n - 1].code;
        }
        return answer(common, v, ws, code, o);
    }
    if (tty && !common.quiet)
        fmt::print(stderr, "{}\n", _f("session {}{}: read the cards; '?' lists who is missing, Ctrl-D ends", o.session,
                                      o.station.empty() ? "" : " — " + o.station));
    while (auto line = cli::read_line(tty, tty ? "> " : "")) {
        if (line->empty()) continue;
        if (*line == "?") {
            print_missing(common, ws.db(), o.session);
            continue;
        }
        answer(common, v, ws, *line, o);
    }
}

}  // namespace daihoi::delegates_tool
