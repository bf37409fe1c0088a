// daihoi-standards — candidate standards (tiêu chuẩn) and structure targets
// (cơ cấu): list, show and add standard sets, check people, measure a list.
#include "core/cli/legacy.hpp"
#include "core/cli/table.hpp"
#include "core/db/workspace.hpp"
#include "core/delegates/credentials.hpp"
#include "core/error.hpp"
#include "core/standards/check.hpp"
#include "core/standards/structure.hpp"
#include "core/text/utf8.hpp"

#include <cstdio>
#include <filesystem>

using namespace daihoi;
namespace st = daihoi::standards;

namespace {

std::string db_path(const cli::Common& c) { return db::resolve_path(c.db); }

// Where a set lives, for people: shipped sets under templates/, others
// relative to the current folder.
std::string where(const std::filesystem::path& file, st::Origin origin) {
    if (origin == st::Origin::Shipped) return (std::filesystem::path("templates/standards") / file.filename()).string();
    return std::filesystem::proximate(file).string();
}

std::optional<text::Date> parse_as_of(const std::string& s) {
    if (s.empty()) return std::nullopt;
    auto d = text::parse_date(s);
    if (!d) throw UsageError(fmt::format("--as-of: '{}' is not a date (YYYY-MM-DD or DD/MM/YYYY)", s));
    return d;
}

cli::Json rule_json(const st::Criterion& c) {
    cli::Json j{{"id", c.id}, {"kind", st::kind_code(c.rule)}, {"label", c.label}, {"rule", st::describe(c)}};
    std::visit(
        [&](const auto& r) {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, st::RetirementMonths>) {
                j["first_time_min"] = r.first_time_min;
                j["incumbent_min"] = r.incumbent_min;
            } else if constexpr (std::is_same_v<T, st::PartyYearsMin>) {
                j["min"] = r.min;
            } else if constexpr (std::is_same_v<T, st::DegreeMin> || std::is_same_v<T, st::TheoryMin>) {
                j["min"] = registry::code(r.min);
            } else if constexpr (std::is_same_v<T, st::GradeMin>) {
                j["years"] = r.years;
                j["min"] = registry::code(r.min);
            } else if constexpr (std::is_same_v<T, st::NoDiscipline>) {
                j["years"] = r.years;
            } else if constexpr (std::is_same_v<T, st::Flag>) {
                j["name"] = r.name;
            }
        },
        c.rule);
    return j;
}

void show(const cli::Common& c, const st::StandardSet& s, st::Origin origin) {
    const auto& t = s.structure;
    auto target = [](const std::optional<int>& v) { return v ? cli::Json(st::share_text(*v)) : cli::Json(nullptr); };
    if (c.json) {
        cli::Json j{{"name", s.name}, {"title", s.title}, {"source", s.source}, {"file", s.file},
                    {"origin", st::code(origin)}, {"as_of", s.as_of ? cli::Json(s.as_of->iso()) : cli::Json(nullptr)}};
        j["criteria"] = cli::Json::array();
        for (const auto& cr : s.criteria) j["criteria"].push_back(rule_json(cr));
        j["structure"] = s.has_structure ? cli::Json{{"women_min", target(t.women_min)},
                                                     {"young_age", t.young_age},
                                                     {"young_min", target(t.young_min)},
                                                     {"minority_min", target(t.minority_min)},
                                                     {"renewal_min", target(t.renewal_min)}}
                                         : cli::Json(nullptr);
        return cli::print_json(j);
    }
    fmt::print("{} — {}\n", s.name, s.title);
    fmt::print("origin: {} ({})\n", st::code(origin), where(s.file, origin));
    if (!s.source.empty()) fmt::print("source: {}\n", s.source);
    fmt::print("as of:  {}\n", s.as_of ? s.as_of->vn() : "the congress's opening date");
    if (!s.criteria.empty()) {
        bool labels = std::any_of(s.criteria.begin(), s.criteria.end(), [](const auto& cr) { return !cr.label.empty(); });
        std::vector<std::string> head = {"criterion", "kind", "rule"};
        if (labels) head.push_back("label");
        cli::TextTable table(head);
        for (const auto& cr : s.criteria) {
            std::vector<std::string> row = {cr.id, std::string(st::kind_code(cr.rule)), st::describe(cr)};
            if (labels) row.push_back(cr.label);
            table.add(row);
        }
        fmt::print("\n");
        table.print();
    }
    if (s.has_structure) {
        fmt::print("\nstructure targets (share of the list, at least):\n");
        cli::TextTable table({"measure", "target"}, {cli::TextTable::Align::Left, cli::TextTable::Align::Right});
        auto row = [&](const std::string& what, const std::optional<int>& v) {
            table.add({what, v ? st::share_text(*v) + " %" : "-"});
        };
        row("women", t.women_min);
        row(fmt::format("under {}", t.young_age), t.young_min);
        row("ethnic minorities", t.minority_min);
        row("renewal (not incumbent)", t.renewal_min);
        table.print();
    }
}

// Counts who passes, fails or lacks data, whatever the output.
class CountingSink : public st::CheckSink {
public:
    explicit CountingSink(const st::StandardSet& s) : set_(s) {}
    std::size_t people = 0, failing = 0, unknown = 0;

protected:
    // Output goes out in large writes: a million people are a gigabyte of JSON.
    void flush() {
        std::fwrite(buf_.data(), 1, buf_.size(), stdout);
        buf_.clear();
    }
    void count(const st::PersonCheck& p) {
        ++people;
        if (p.fails()) ++failing;
        else if (!p.passes()) ++unknown;
    }
    const st::StandardSet& set_;
    std::string buf_;
};

// --json: one array streamed as it comes, laid out like cli::print_json.
class JsonSink : public CountingSink {
public:
    explicit JsonSink(const st::StandardSet& s) : CountingSink(s), writer_(s, 1) {}
    void person(const st::PersonCheck& p) override {
        buf_ += first_ ? "[\n" : ",\n";
        first_ = false;
        writer_.append(buf_, p);
        if (buf_.size() > (1 << 20)) flush();
        count(p);
    }
    void end() {
        buf_ += first_ ? "[]\n" : "\n]\n";
        flush();
    }

private:
    st::JsonWriter writer_;
    bool first_ = true;
};

// The person × criterion table, streamed (column widths come first), with
// the reasons of every ✗ and ? spooled to a temporary file and listed under it.
class TableSink : public CountingSink {
public:
    TableSink(const st::StandardSet& s, const text::Date& as_of) : CountingSink(s), as_of_(as_of), details_(std::tmpfile()) {
        if (!details_) throw Refused("cannot create a temporary file");
        std::setvbuf(details_, nullptr, _IOFBF, 1 << 18);
    }
    ~TableSink() override { std::fclose(details_); }

    void begin(std::size_t, std::size_t code_width, std::size_t name_width) override {
        buf_ += fmt::format("{} — {}; as of {}\n\n", set_.name, set_.title, as_of_.vn());
        widths_ = {std::max<std::size_t>(code_width, 4), std::max<std::size_t>(name_width, 9)};
        for (const auto& c : set_.criteria) widths_.push_back(std::max<std::size_t>(text::display_width(c.id), 1));
        widths_.push_back(6);
        std::vector<std::string> head = {"code", "full name"};
        for (const auto& c : set_.criteria) head.push_back(c.id);
        head.push_back("passes");
        line(head);
        std::vector<std::string> rule;
        for (auto w : widths_) rule.push_back(std::string(w, '-'));
        line(rule);
    }

    // One row per person, written straight into the output buffer: --all
    // prints a million of them.
    void person(const st::PersonCheck& p) override {
        cell(p.code, widths_[0]);
        buf_ += "  ";
        cell(p.name, widths_[1]);
        bool why = false;
        for (std::size_t k = 0; k < p.results.size(); ++k) {
            buf_ += "  ";
            buf_ += mark(p.results[k].result);  // one column wide
            buf_.append(widths_[k + 2] - 1, ' ');
            why = why || p.results[k].result != st::Result::Pass;
        }
        buf_ += "  ";
        buf_ += p.passes() ? "yes" : "no";
        buf_ += '\n';
        if (buf_.size() > (1 << 20)) flush();
        if (why) {
            reasons_.append(p.code).append(" ").append(p.name).append("\n");
            for (std::size_t k = 0; k < p.results.size(); ++k) {
                const auto& o = p.results[k];
                if (o.result == st::Result::Pass) continue;
                reasons_.append("  ").append(mark(o.result)).append(" ").append(set_.criteria[k].id).append(": ");
                reasons_.append(o.detail).append("\n");
            }
            if (reasons_.size() > (1 << 20)) spill();
        }
        count(p);
    }

    void end() {
        flush();
        spill();
        if (std::ftell(details_) > 0) {
            fmt::print("\nreasons (✗ fails, ? data missing):\n");
            std::rewind(details_);
            char chunk[1 << 16];
            std::size_t got;
            while ((got = std::fread(chunk, 1, sizeof chunk, details_)) > 0) std::fwrite(chunk, 1, got, stdout);
        }
        fmt::print("\n{} {}: {} pass, {} fail, {} with data missing\n", people, people == 1 ? "person" : "people",
                   people - failing - unknown, failing, unknown);
    }

private:
    static std::string_view mark(st::Result r) {
        return r == st::Result::Pass ? "✓" : r == st::Result::Fail ? "✗" : "?";
    }
    void cell(std::string_view s, std::size_t width) {
        std::size_t w = text::display_width(s);
        buf_ += s;
        if (w < width) buf_.append(width - w, ' ');
    }
    void spill() {
        std::fwrite(reasons_.data(), 1, reasons_.size(), details_);
        reasons_.clear();
    }
    // As cli::TextTable: two spaces between columns, no trailing spaces.
    void line(const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c) buf_ += "  ";
            buf_ += text::pad_right(cells[c], widths_[c]);
        }
        while (!buf_.empty() && buf_.back() == ' ') buf_.pop_back();
        buf_ += '\n';
        if (buf_.size() > (1 << 20)) flush();
    }

    text::Date as_of_;
    std::FILE* details_;
    std::string reasons_;  // of ✗ and ?, spilled to details_ and printed after the table
    std::vector<std::size_t> widths_;
};

void print_structure(const cli::Common& c, const st::StructureReport& r) {
    if (c.json) return cli::print_json(st::to_json(r));
    fmt::print("structure of the {} of election {} ({} {}) against {}, ages at {}\n",
               r.elected_only ? "people elected" : "candidates", r.election, r.total,
               r.total == 1 ? "person" : "people", r.set, r.as_of.vn());
    cli::TextTable t({"measure", "count", "share", "target", "met"},
                     {cli::TextTable::Align::Left, cli::TextTable::Align::Right, cli::TextTable::Align::Right,
                      cli::TextTable::Align::Right, cli::TextTable::Align::Left});
    for (const auto& m : r.measures)
        t.add({m.label, std::to_string(m.count), delegates::percent(m.count, r.total) + " %",
               m.target ? fmt::format("≥ {} %", st::share_text(*m.target)) : "-", m.target ? (m.met ? "yes" : "no") : "-"});
    t.print();
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run("daihoi-standards", "Candidate standards and structure targets", argc, argv,
                    [](CLI::App& app, cli::Common& common) {
        static std::string name, file, as_of, election, flags;
        static std::vector<std::string> codes;
        static bool all = false, strict = false, replace = false, elected = false;

        auto* list = cli::subcommand(app, "list", "the standard sets: added to this workspace, then shipped");
        list->callback([&] {
            auto sets = st::list_sets(db_path(common));
            for (const auto& e : sets)
                if (!e.problem.empty()) cli::warn(e.problem);
            if (common.json) {
                cli::Json j = cli::Json::array();
                for (const auto& e : sets)
                    j.push_back({{"name", e.name}, {"title", e.title}, {"origin", st::code(e.origin)},
                                 {"file", e.path.string()}, {"shadowed", e.shadowed}});
                return cli::print_json(j);
            }
            cli::TextTable t({"name", "origin", "title"});
            for (const auto& e : sets)
                t.add({e.name, e.shadowed ? "shipped (hidden by the added set)" : std::string(st::code(e.origin)),
                       e.problem.empty() ? e.title : "(does not load)"});
            t.print();
        });

        auto* show_cmd = cli::subcommand(app, "show", "a set's criteria and structure targets");
        show_cmd->add_option("NAME", name, "the set's name, or a path to a .toml file")->required();
        show_cmd->callback([&] {
            st::Origin origin;
            auto s = st::find_set(db_path(common), name, &origin);
            show(common, s, origin);
        });

        auto* add = cli::subcommand(app, "add", "validate a set and add it to this workspace");
        add->add_option("FILE", file, "the set (.toml)")->required();
        add->add_flag("--replace", replace, "replace a set of the same name added before");
        add->callback([&] {
            auto ws = common.open();
            auto r = st::add_set(ws, file, replace);
            if (r.shadows_shipped)
                cli::note(common, "note: the added set hides the shipped set of the same name");
            if (common.json)
                return cli::print_json({{"name", r.set.name}, {"file", r.path.string()}, {"replaced", r.replaced},
                                        {"criteria", r.set.criteria.size()}});
            fmt::print("{} {}: {} criteria{}, in {}\n", r.replaced ? "replaced" : "added", r.set.name,
                       r.set.criteria.size(), r.set.has_structure ? " and structure targets" : "",
                       where(r.path, st::Origin::Workspace));
        });

        auto* check = cli::subcommand(app, "check", "check people against a set: pass, fail or unknown per criterion");
        check->add_option("NAME", name, "the set's name, or a path to a .toml file")->required();
        check->add_option("CODE", codes, "members to check");
        check->add_option("--election", election, "check an election's candidates");
        check->add_flag("--all", all, "check every member of the registry");
        check->add_option("--as-of", as_of, "the date ages and years are counted to (default: the set's, else the congress date)");
        check->add_option("--flags", flags, "flags file for 'flag' criteria: code, then one column per flag");
        check->add_flag("--strict", strict, "exit 1 when anyone does not pass");
        check->callback([&] {
            int ways = (codes.empty() ? 0 : 1) + (election.empty() ? 0 : 1) + (all ? 1 : 0);
            if (ways != 1) throw UsageError("check: give member codes, --election ID or --all (one of them)");
            auto when = parse_as_of(as_of);
            auto ws = common.open();
            auto set = st::find_set(ws.path(), name);
            std::optional<st::Flags> flag_values;
            if (!flags.empty()) flag_values = st::Flags::load(flags);
            st::Selection sel{codes, election.empty() ? std::nullopt : std::optional(election), all};
            st::CheckOptions opt;
            opt.as_of = st::as_of_date(ws.db(), set, when);
            opt.flags = flag_values ? &*flag_values : nullptr;
            std::size_t people, not_passing, failing;
            if (common.json) {
                JsonSink sink(set);
                st::check(ws.db(), set, sel, opt, sink);
                sink.end();
                people = sink.people, failing = sink.failing, not_passing = sink.failing + sink.unknown;
            } else {
                TableSink sink(set, opt.as_of);
                st::check(ws.db(), set, sel, opt, sink);
                sink.end();
                people = sink.people, failing = sink.failing, not_passing = sink.failing + sink.unknown;
            }
            std::fflush(stdout);
            if (strict && not_passing)
                throw Refused(fmt::format("{} of {} do not pass {} ({} fail, {} with data missing)", not_passing,
                                          people, set.name, failing, not_passing - failing));
        });

        auto* structure = cli::subcommand(app, "structure", "structure of an election's list against a set's targets");
        structure->add_option("NAME", name, "the set's name, or a path to a .toml file")->required();
        structure->add_option("--election", election, "the election")->required();
        structure->add_flag("--elected", elected, "only those elected (the election must be closed)");
        structure->add_option("--as-of", as_of, "the date ages are counted to");
        structure->callback([&] {
            auto when = parse_as_of(as_of);
            auto ws = common.open();
            auto set = st::find_set(ws.path(), name);
            if (!set.has_structure) cli::note(common, "note: {} sets no structure targets", set.name);
            print_structure(common, st::structure(ws.db(), set, election, elected, st::as_of_date(ws.db(), set, when)));
        });
    });
}
