// daihoi-members — the registry of party members: import, list, show, add,
// edit, remove, and the evaluation and discipline records.
#include "core/cli/legacy.hpp"
#include "core/cli/table.hpp"
#include "core/error.hpp"
#include "core/registry/members.hpp"

#include <map>

using namespace daihoi;
using registry::Member;

namespace {

std::string opt_date(const std::optional<text::Date>& d) { return d ? d->vn() : ""; }

// --code, --full-name, … one option per member column, kept in a map.
void add_field_options(CLI::App* cmd, std::map<std::string, std::string>& values, bool with_code) {
    for (const auto& col : registry::member_columns()) {
        if (col == "code" && !with_code) continue;
        std::string flag = "--" + col;
        for (auto& ch : flag) if (ch == '_') ch = '-';
        cmd->add_option_function<std::string>(flag, [&values, col](const std::string& v) { values[col] = v; },
                                              "member field " + col);
    }
}

registry::FieldValues to_fields(const std::map<std::string, std::string>& values) {
    return registry::FieldValues(values.begin(), values.end());
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run("daihoi-members", "The registry of party members", argc, argv, [](CLI::App& app, cli::Common& common) {
        static std::string file, code, unit, sort = "name";
        static std::optional<std::string> sheet;
        static bool dry_run = false;
        static std::map<std::string, std::string> fields;

        auto* import = cli::subcommand(app, "import", "import members from .csv or .xlsx (upsert by code, all or nothing)");
        import->add_option("FILE", file, "the file (.csv or .xlsx)")->required();
        import->add_option("--sheet", sheet, "sheet of an .xlsx file (default: the first)");
        import->add_flag("--dry-run", dry_run, "check everything, write nothing");
        import->callback([&] {
            auto ws = common.open();
            auto r = registry::import_members(ws, file, {sheet, dry_run, common.progress()});
            cli::print_import(common, r);
        });

        auto* list = cli::subcommand(app, "list", "list members (Vietnamese name order by default)");
        list->add_option("--unit", unit, "only members of this unit");
        list->add_option("--sort", sort, "name|code|birth")->check(CLI::IsMember({"name", "code", "birth"}));
        list->callback([&] {
            auto ws = common.open();
            registry::MemberQuery q;
            if (!unit.empty()) q.unit = unit;
            q.order = sort == "code" ? registry::MemberOrder::Code
                    : sort == "birth" ? registry::MemberOrder::Birth : registry::MemberOrder::Name;
            if (common.json) {
                // Streamed: one element at a time, so a large registry stays in constant memory.
                std::fputs("[", stdout);
                bool first = true;
                registry::for_each_member(ws.db(), q, [&](const Member& m) {
                    std::fputs(first ? "\n  " : ",\n  ", stdout);
                    first = false;
                    std::string s = registry::to_json(m).dump();
                    std::fwrite(s.data(), 1, s.size(), stdout);
                });
                std::fputs(first ? "]\n" : "\n]\n", stdout);
                return;
            }
            cli::TextTable t({"#", "code", "full name", "gender", "born", "unit", "position"},
                             {cli::TextTable::Align::Right});
            registry::for_each_member(ws.db(), q, [&](const Member& m) {
                t.add({std::to_string(t.rows() + 1), m.code, m.full_name, std::string(registry::code(m.gender)),
                       m.birth_date.vn(), m.unit, m.position});
            });
            t.print();
        });

        auto* show = cli::subcommand(app, "show", "show one member with evaluations and discipline");
        show->add_option("CODE", code, "member code")->required();
        show->callback([&] {
            auto ws = common.open();
            auto m = registry::find_member(ws.db(), code);
            if (!m) throw Refused(fmt::format("no member with code {}", code));
            auto evals = registry::evaluations_of(ws.db(), code);
            auto disc = registry::discipline_of(ws.db(), code);
            if (common.json) {
                cli::Json j = registry::to_json(*m);
                j["probationary"] = m->probationary();
                j["evaluations"] = cli::Json::array();
                for (const auto& e : evals) j["evaluations"].push_back({{"year", e.year}, {"grade", registry::code(e.grade)}});
                j["discipline"] = cli::Json::array();
                for (const auto& d : disc)
                    j["discipline"].push_back({{"date", d.date.iso()}, {"form", d.form},
                                               {"until", d.until ? cli::Json(d.until->iso()) : cli::Json(nullptr)}});
                return cli::print_json(j);
            }
            auto line = [](const char* k, const std::string& v) { fmt::print("{:<17}{}\n", k, v); };
            line("code:", m->code);
            line("full name:", m->full_name);
            line("gender:", std::string(registry::label_vi(m->gender)));
            line("born:", m->birth_date.vn());
            line("ethnicity:", m->ethnicity);
            line("religion:", m->religion);
            line("joined party:", opt_date(m->party_join_date));
            line("full member:", m->probationary() ? "no (probationary)" : opt_date(m->official_date));
            line("education:", m->education);
            line("degree:", m->degree ? std::string(registry::label_vi(*m->degree)) : "");
            line("theory:", m->theory ? std::string(registry::label_vi(*m->theory)) : "");
            line("position:", m->position);
            line("unit:", m->unit);
            line("incumbent:", m->incumbent ? "yes" : "no");
            for (const auto& e : evals) line(("grade " + std::to_string(e.year) + ":").c_str(), std::string(registry::label_vi(e.grade)));
            for (const auto& d : disc)
                line("discipline:", d.date.vn() + " " + d.form + (d.until ? " (until " + d.until->vn() + ")" : ""));
        });

        auto* add = cli::subcommand(app, "add", "add one member (--code, --full-name, --gender, --birth-date required)");
        add_field_options(add, fields, true);
        add->callback([&] {
            auto ws = common.open();
            registry::add_member(ws, to_fields(fields));
            cli::note(common, "added {}", fields["code"]);
        });

        auto* edit = cli::subcommand(app, "edit", "change fields of one member: edit CODE --FIELD VALUE…");
        edit->add_option("CODE", code, "member code")->required();
        add_field_options(edit, fields, false);
        edit->callback([&] {
            auto ws = common.open();
            registry::edit_member(ws, code, to_fields(fields));
            cli::note(common, "edited {}", code);
        });

        auto* remove = cli::subcommand(app, "remove", "remove one member (refused while a delegate or candidate)");
        remove->add_option("CODE", code, "member code")->required();
        remove->callback([&] {
            auto ws = common.open();
            registry::remove_member(ws, code);
            cli::note(common, "removed {}", code);
        });

        for (const char* kind : {"evaluations", "discipline"}) {
            bool evals = std::string(kind) == "evaluations";
            auto* group = cli::subcommand(app, kind, evals ? "yearly quality grades: import FILE (code,year,grade)"
                                                           : "discipline records: import FILE (code,date,form,until)");
            group->require_subcommand(1);
            auto* imp = cli::subcommand(*group, "import", evals ? "import code,year,grade" : "import code,date,form,until");
            imp->add_option("FILE", file, "the file (.csv or .xlsx)")->required();
            imp->add_option("--sheet", sheet, "sheet of an .xlsx file");
            imp->add_flag("--dry-run", dry_run, "check everything, write nothing");
            imp->callback([&, evals, kind] {
                auto ws = common.open();
                registry::ImportOptions opt{sheet, dry_run, common.progress()};
                auto r = evals ? registry::import_evaluations(ws, file, opt) : registry::import_discipline(ws, file, opt);
                cli::print_import(common, r);
            });
        }
    });
}
