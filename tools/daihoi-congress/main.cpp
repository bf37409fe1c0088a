// daihoi-congress — create the workspace and record the congress it serves.
#include "core/cli/cli.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/text/date.hpp"
#include "core/text/utf8.hpp"

using namespace daihoi;

static cli::Json to_json(const registry::Congress& c) {
    return {{"name", c.name},
            {"organization", c.organization},
            {"level", registry::code(c.level)},
            {"kind", registry::code(c.kind)},
            {"term", fmt::format("{}-{}", c.term_start, c.term_end)},
            {"date", c.date.iso()},
            {"place", c.place}};
}

int main(int argc, char** argv) {
    return cli::run("daihoi-congress", "Create the workspace and record the congress", argc, argv,
                    [](CLI::App& app, cli::Common& common) {
        static std::string name, organization, level, kind, term, date, place;
        auto* init = cli::subcommand(app, "init", "create the workspace file and record the congress");
        init->add_option("--name", name, "full name of the congress")->required();
        init->add_option("--organization", organization, "the party organization holding it")->required();
        init->add_option("--level", level, "cell|grassroots|commune|district|province|national|other")->required();
        init->add_option("--kind", kind, "delegates|members")->required();
        init->add_option("--term", term, "term, e.g. 2025-2030")->required();
        init->add_option("--date", date, "opening date (YYYY-MM-DD or DD/MM/YYYY)")->required();
        init->add_option("--place", place, "place, printed in report headings");
        init->callback([&] {
            registry::Congress c;
            DiagnosticList errors;
            auto text = [&](const char* field, const std::string& v) {
                auto t = text::clean(v);
                if (!t) errors.add({"", 0, 0, fmt::format("{}: not valid UTF-8", field)});
                return t.value_or("");
            };
            c.name = text("name", name);
            c.organization = text("organization", organization);
            c.place = text("place", place);
            auto l = registry::parse_level(level);
            if (!l) errors.add({"", 0, 0, fmt::format("level: unknown value '{}'", level)});
            auto k = registry::parse_congress_kind(kind);
            if (!k) errors.add({"", 0, 0, fmt::format("kind: unknown value '{}' (delegates, members)", kind)});
            auto t = registry::parse_term(term);
            if (!t) errors.add({"", 0, 0, fmt::format("term: '{}' is not a term (YYYY-YYYY)", term)});
            auto d = text::parse_date(date);
            if (!d) errors.add({"", 0, 0, fmt::format("date: '{}' is not a date", date)});
            errors.throw_if_any();
            c.level = *l, c.kind = *k, c.term_start = t->first, c.term_end = t->second, c.date = *d;
            std::string path = db::resolve_path(common.db);
            registry::init_congress(path, c);
            if (common.json) cli::print_json({{"workspace", path}, {"congress", to_json(c)}});
            else cli::note(common, "created workspace {} for {}", path, c.name);
        });

        auto* show = cli::subcommand(app, "show", "print the congress record");
        show->callback([&] {
            auto ws = common.open();
            auto c = registry::require_congress(ws.db());
            if (common.json) return cli::print_json(to_json(c));
            fmt::print("name:          {}\norganization:  {}\nlevel:         {}\nkind:          {}\n"
                       "term:          {}-{}\ndate:          {}\nplace:         {}\n",
                       c.name, c.organization, registry::code(c.level), registry::code(c.kind),
                       c.term_start, c.term_end, c.date.vn(), c.place);
        });

        static std::string field, value;
        auto* set = cli::subcommand(app, "set", "change one field: name, organization, level, kind, term, date, place");
        set->add_option("FIELD", field, "the field")->required();
        set->add_option("VALUE", value, "its new value")->required();
        set->callback([&] {
            auto ws = common.open();
            std::string summary = registry::set_congress_field(ws, field, value);
            if (common.json) cli::print_json(to_json(registry::require_congress(ws.db())));
            else cli::note(common, "{}", summary);
        });
    });
}
