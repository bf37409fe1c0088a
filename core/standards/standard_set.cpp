// Reading standard sets with toml++: every field checked for presence, type
// and value, each problem located by the source region toml++ keeps.
#include "core/standards/standard_set.hpp"

#include "core/audit/sha256.hpp"
#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/base/number.hpp"
#include "core/base/paths.hpp"
#include "core/error.hpp"
#include "core/standards/reason.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace daihoi::standards {

namespace fs = std::filesystem;

// ---- kinds -------------------------------------------------------------------------

const std::vector<std::string_view>& kind_codes() {
    static const std::vector<std::string_view> k = {"retirement_months", "party_years_min", "full_member",
                                                    "degree_min",        "theory_min",      "grade_min",
                                                    "no_discipline",     "flag"};
    return k;
}

std::string_view kind_code(const Rule& r) { return kind_codes()[r.index()]; }

std::string describe(const Criterion& c) {
    struct V {
        std::string operator()(const RetirementMonths& r) const {
            if (r.incumbent_min == r.first_time_min)
                return _fn("at least {} month before retirement", "at least {} months before retirement",
                           r.first_time_min, r.first_time_min);
            return _f("at least {} months before retirement ({} for incumbents)", r.first_time_min, r.incumbent_min);
        }
        std::string operator()(const PartyYearsMin& r) const {
            return _fn("at least {} full year in the party", "at least {} full years in the party", r.min, r.min);
        }
        std::string operator()(const FullMember&) const { return _("a full member (not probationary)"); }
        std::string operator()(const DegreeMin& r) const { return _f("degree {} or higher", value_word(r.min)); }
        std::string operator()(const TheoryMin& r) const {
            return _f("political theory {} or higher", value_word(r.min));
        }
        std::string operator()(const GradeMin& r) const {
            if (r.years == 1) return _f("graded {} or better last year", value_word(r.min));
            return _f("graded {} or better in each of the last {} years", value_word(r.min), r.years);
        }
        std::string operator()(const NoDiscipline& r) const {
            return _fn("no discipline within {} year, none in effect", "no discipline within {} years, none in effect",
                       r.years, r.years);
        }
        std::string operator()(const Flag& r) const { return _f("flag '{}' set", r.name); }
    };
    return std::visit(V{}, c.rule);
}

Json to_json(const StandardSet& s, Origin origin) {
    auto share = [](const std::optional<int>& v) { return v ? Json(number::percent_value(*v, 10000)) : Json(nullptr); };
    Json j{{"name", s.name},     {"title", s.title},          {"source", s.source},
           {"file", s.file},     {"origin", code(origin)},
           {"as_of", s.as_of ? Json(s.as_of->iso()) : Json(nullptr)}};
    j["criteria"] = Json::array();
    for (const auto& c : s.criteria) {
        Json r{{"id", c.id}, {"kind", kind_code(c.rule)}, {"label", c.label}};
        std::visit(
            [&](const auto& rule) {
                using T = std::decay_t<decltype(rule)>;
                if constexpr (std::is_same_v<T, RetirementMonths>) {
                    r["first_time_min"] = rule.first_time_min;
                    r["incumbent_min"] = rule.incumbent_min;
                } else if constexpr (std::is_same_v<T, PartyYearsMin>) {
                    r["min"] = rule.min;
                } else if constexpr (std::is_same_v<T, DegreeMin> || std::is_same_v<T, TheoryMin>) {
                    r["min"] = registry::code(rule.min);
                } else if constexpr (std::is_same_v<T, GradeMin>) {
                    r["years"] = rule.years;
                    r["min"] = registry::code(rule.min);
                } else if constexpr (std::is_same_v<T, NoDiscipline>) {
                    r["years"] = rule.years;
                } else if constexpr (std::is_same_v<T, Flag>) {
                    r["name"] = rule.name;
                }
            },
            c.rule);
        j["criteria"].push_back(std::move(r));
    }
    const auto& t = s.structure;
    j["structure"] = s.has_structure ? Json{{"women_min", share(t.women_min)},
                                            {"young_age", t.young_age},
                                            {"young_min", share(t.young_min)},
                                            {"minority_min", share(t.minority_min)},
                                            {"renewal_min", share(t.renewal_min)}}
                                     : Json(nullptr);
    return j;
}

bool valid_set_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9'))) return false;
    return std::all_of(name.begin(), name.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
    });
}

// ---- parsing ------------------------------------------------------------------------

namespace {

const char* type_name(toml::node_type t) {
    switch (t) {
        case toml::node_type::table: return _("a table");
        case toml::node_type::array: return _("an array");
        case toml::node_type::string: return _("a string");
        case toml::node_type::integer: return _("an integer");
        case toml::node_type::floating_point: return _("a number with a fraction");
        case toml::node_type::boolean: return _("a boolean");
        case toml::node_type::date: return _("a date");
        case toml::node_type::time: return _("a time");
        case toml::node_type::date_time: return _("a date and time");
        default: return _("nothing");
    }
}

// The field a problem is about: "criterion 'age': min", "structure: young_min", "name".
std::string field_of(const std::string& where, std::string_view key) {
    if (where.empty()) return std::string(key);
    if (key.empty()) return where;
    return where + ": " + std::string(key);
}

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    void error(const toml::source_region& at, std::string message, std::string field = {}) {
        diags_.push_back({file_, at.begin.line, at.begin.column, std::move(message), std::move(field)});
    }

    void finish() {
        if (diags_.empty()) return;
        std::stable_sort(diags_.begin(), diags_.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.line, a.column) < std::tie(b.line, b.column);
        });
        throw InputError(std::move(diags_));
    }

    // `where` names the table a field is in: "criterion 'age'", "structure", "" (the top).
    const toml::node* field(const toml::table& t, std::string_view key, const std::string& where, bool required) {
        const toml::node* n = t.get(key);
        if (!n && required) error(t.source(), _f("missing field '{}'", key), where);
        return n;
    }

    void wrong_type(const toml::node& n, std::string_view key, const std::string& where, const char* wanted) {
        error(n.source(), _f("expected {}, got {}", wanted, type_name(n.type())), field_of(where, key));
    }

    std::optional<std::string> string(const toml::table& t, std::string_view key, const std::string& where,
                                      bool required) {
        const toml::node* n = field(t, key, where, required);
        if (!n) return std::nullopt;
        if (!n->is_string()) {
            wrong_type(*n, key, where, _("a string"));
            return std::nullopt;
        }
        std::string s = text::to_nfc(n->as_string()->get());
        if (required && s.empty()) {
            error(n->source(), _("must not be empty"), field_of(where, key));
            return std::nullopt;
        }
        return s;
    }

    std::optional<int> integer(const toml::table& t, std::string_view key, const std::string& where, bool required,
                               int lo, int hi) {
        const toml::node* n = field(t, key, where, required);
        if (!n) return std::nullopt;
        if (!n->is_integer()) {
            wrong_type(*n, key, where, _("a whole number"));
            return std::nullopt;
        }
        std::int64_t v = n->as_integer()->get();
        if (v < lo || v > hi) {
            error(n->source(), _f("{} is out of range ({} to {})", v, lo, hi), field_of(where, key));
            return std::nullopt;
        }
        return static_cast<int>(v);
    }

    // A share between 0 and 1 (0.15), kept in ten-thousandths.
    std::optional<int> share(const toml::table& t, std::string_view key, const std::string& where) {
        const toml::node* n = field(t, key, where, false);
        if (!n) return std::nullopt;
        double v;
        if (n->is_floating_point()) v = n->as_floating_point()->get();
        else if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
        else {
            wrong_type(*n, key, where, _("a share between 0 and 1 (e.g. 0.15)"));
            return std::nullopt;
        }
        if (!(v >= 0.0 && v <= 1.0)) {
            error(n->source(), _f("{} is not a share between 0 and 1 (write 0.15 for 15 %)", v),
                  field_of(where, key));
            return std::nullopt;
        }
        return static_cast<int>(std::lround(v * 10000.0));
    }

    std::optional<text::Date> date(const toml::table& t, std::string_view key, const std::string& where) {
        const toml::node* n = field(t, key, where, false);
        if (!n) return std::nullopt;
        if (const auto* d = n->as_date()) {
            // TOML's own dates run from year 0000: held to daihoi's range too.
            text::Date out{d->get().year, d->get().month, d->get().day};
            if (text::is_valid(out.year, out.month, out.day)) return out;
            error(n->source(), text::not_a_date(out.iso()), field_of(where, key));
            return std::nullopt;
        }
        if (const auto* s = n->as_string()) {
            if (auto d = text::parse_date(s->get())) return d;
            error(n->source(), text::not_a_date(s->get()), field_of(where, key));
            return std::nullopt;
        }
        wrong_type(*n, key, where, _("a date (2025-09-01)"));
        return std::nullopt;
    }

    // An enum word: `parse` accepts it or the message `unknown` (a N_()
    // pattern: the value, then the codes) lists the codes.
    template <class E, class Parse>
    std::optional<E> word(const toml::table& t, std::string_view key, const std::string& where, Parse parse,
                          const char* unknown, std::initializer_list<E> values) {
        auto s = string(t, key, where, true);
        if (!s) return std::nullopt;
        if (auto v = parse(*s)) return v;
        std::vector<std::string_view> codes;
        for (E e : values) codes.push_back(registry::code(e));
        error(t.get(key)->source(), _f(unknown, *s, fmt::join(codes, ", ")), field_of(where, key));
        return std::nullopt;
    }

    // Refuses every field not `allowed` (in a criterion of `kind`, when given).
    void only(const toml::table& t, std::initializer_list<std::string_view> allowed, const std::string& where,
              std::string_view kind) {
        for (const auto& [k, v] : t) {
            if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
            error(k.source(),
                  kind.empty() ? _f("unknown field '{}' (known: {})", k.str(), fmt::join(allowed, ", "))
                               : _f("unknown field '{}' for kind {} (known: {})", k.str(), kind,
                                    fmt::join(allowed, ", ")),
                  where);
        }
    }

private:
    std::string file_;
    std::vector<Diagnostic> diags_;
};

std::optional<Rule> parse_rule(Reader& r, const toml::table& t, std::string_view kind, const std::string& where) {
    using namespace registry;
    const std::string_view of = kind;
    if (kind == "retirement_months") {
        r.only(t, {"id", "kind", "label", "first_time_min", "incumbent_min"}, where, of);
        auto first = r.integer(t, "first_time_min", where, true, 0, 600);
        auto inc = r.integer(t, "incumbent_min", where, false, 0, 600);
        if (!first) return std::nullopt;
        return RetirementMonths{*first, inc.value_or(*first)};
    }
    if (kind == "party_years_min") {
        r.only(t, {"id", "kind", "label", "min"}, where, of);
        auto min = r.integer(t, "min", where, true, 0, 100);
        if (!min) return std::nullopt;
        return PartyYearsMin{*min};
    }
    if (kind == "full_member") {
        r.only(t, {"id", "kind", "label"}, where, of);
        return FullMember{};
    }
    if (kind == "degree_min") {
        r.only(t, {"id", "kind", "label", "min"}, where, of);
        auto min = r.word<Degree>(t, "min", where, parse_degree, N_("unknown degree '{}' (one of {})"),
                                  {Degree::None, Degree::College, Degree::Bachelor, Degree::Master, Degree::Doctor});
        if (!min) return std::nullopt;
        return DegreeMin{*min};
    }
    if (kind == "theory_min") {
        r.only(t, {"id", "kind", "label", "min"}, where, of);
        auto min = r.word<Theory>(t, "min", where, parse_theory,
                                  N_("unknown political theory level '{}' (one of {})"),
                                  {Theory::None, Theory::SoCap, Theory::TrungCap, Theory::CaoCap, Theory::CuNhan});
        if (!min) return std::nullopt;
        return TheoryMin{*min};
    }
    if (kind == "grade_min") {
        r.only(t, {"id", "kind", "label", "years", "min"}, where, of);
        auto years = r.integer(t, "years", where, true, 1, 20);
        auto min = r.word<Grade>(t, "min", where, parse_grade, N_("unknown grade '{}' (one of {})"),
                                 {Grade::XuatSac, Grade::Tot, Grade::HoanThanh, Grade::KhongHoanThanh});
        if (!years || !min) return std::nullopt;
        return GradeMin{*years, *min};
    }
    if (kind == "no_discipline") {
        r.only(t, {"id", "kind", "label", "years"}, where, of);
        auto years = r.integer(t, "years", where, true, 1, 100);
        if (!years) return std::nullopt;
        return NoDiscipline{*years};
    }
    if (kind == "flag") {
        r.only(t, {"id", "kind", "label", "name"}, where, of);
        auto name = r.string(t, "name", where, true);
        if (!name) return std::nullopt;
        return Flag{*name};
    }
    r.error(t.get("kind")->source(), _f("unknown kind '{}' (one of {})", kind, fmt::join(kind_codes(), ", ")), where);
    return std::nullopt;
}

}  // namespace

StandardSet parse_standard_set(std::string_view toml_text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(toml_text, file);
    } catch (const toml::parse_error& e) {
        throw InputError(Diagnostic{file, e.source().begin.line, e.source().begin.column,
                                    _f("not valid TOML: {}", e.description())});
    }
    Reader r(file);
    StandardSet set;
    set.file = file;
    r.only(root, {"name", "title", "source", "as_of", "criterion", "structure"}, "", "");
    if (auto name = r.string(root, "name", "", true)) {
        if (valid_set_name(*name)) set.name = *name;
        else
            r.error(root.get("name")->source(),
                    _f("'{}' cannot name a set (lowercase letters, digits, '.', '-' and '_', starting with a letter "
                       "or digit)",
                       *name),
                    "name");
    }
    set.title = r.string(root, "title", "", true).value_or("");
    set.source = r.string(root, "source", "", false).value_or("");
    set.as_of = r.date(root, "as_of", "");

    if (const toml::node* n = root.get("criterion")) {
        const toml::array* arr = n->as_array();
        if (!arr || !arr->is_array_of_tables()) {
            r.error(n->source(), _("expected [[criterion]] tables"), "criterion");
        } else {
            std::set<std::string> ids;
            std::size_t number = 0;
            for (const toml::node& item : *arr) {
                const toml::table& t = *item.as_table();
                ++number;
                auto id = r.string(t, "id", _f("criterion {}", number), true);
                std::string where = id ? _f("criterion '{}'", *id) : _f("criterion {}", number);
                if (id && !ids.insert(*id).second)
                    r.error(t.get("id")->source(), _("the id repeats an earlier criterion"), where);
                auto label = r.string(t, "label", where, false);
                auto kind = r.string(t, "kind", where, true);
                if (!kind) continue;
                auto rule = parse_rule(r, t, *kind, where);
                if (id && rule) set.criteria.push_back({*id, label.value_or(""), *rule, t.source().begin.line});
            }
        }
    }
    if (const toml::node* n = root.get("structure")) {
        if (const toml::table* t = n->as_table()) {
            set.has_structure = true;
            const std::string where = "structure";
            r.only(*t, {"women_min", "young_age", "young_min", "minority_min", "renewal_min"}, where, "");
            set.structure.women_min = r.share(*t, "women_min", where);
            set.structure.young_min = r.share(*t, "young_min", where);
            set.structure.minority_min = r.share(*t, "minority_min", where);
            set.structure.renewal_min = r.share(*t, "renewal_min", where);
            if (auto age = r.integer(*t, "young_age", where, set.structure.young_min.has_value(), 1, 120))
                set.structure.young_age = *age;
        } else {
            r.error(n->source(), _("expected a [structure] table"), "structure");
        }
    }
    if (!root.get("criterion") && !root.get("structure"))
        r.error(root.source(), _("the set has neither [[criterion]] tables nor a [structure] table"));
    r.finish();
    return set;
}

StandardSet load_standard_set(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(Diagnostic{file.string(), 0, 0, _("cannot read the file")});
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_standard_set(ss.str(), file.string());
}

// ---- where sets live -------------------------------------------------------------------

std::string_view code(Origin o) {
    switch (o) {
        case Origin::Workspace: return "workspace";
        case Origin::Shipped: return "shipped";
        case Origin::File: return "file";
    }
    return "";
}

fs::path workspace_sets_dir(const std::string& db_path) {
    fs::path p = fs::absolute(db_path);
    return p.parent_path() / "standards";
}

fs::path shipped_sets_dir() { return paths::templates_dir() / "standards"; }

namespace {

std::vector<fs::path> toml_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".toml" && valid_set_name(e.path().stem().string())) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// A set found by its file name must carry that name.
StandardSet load_named(const fs::path& file) {
    StandardSet s = load_standard_set(file);
    if (s.name != file.stem().string())
        throw InputError(Diagnostic{file.string(), 1, 0,
                                    _f("name '{}' does not match the file name {}", s.name,
                                       file.filename().string())});
    return s;
}

}  // namespace

std::vector<SetEntry> list_sets(const std::string& db_path) {
    std::vector<SetEntry> out;
    std::set<std::string> added;
    auto scan = [&](const fs::path& dir, Origin origin) {
        for (const auto& f : toml_files(dir)) {
            SetEntry e;
            e.name = f.stem().string();
            e.origin = origin;
            e.path = f;
            try {
                e.title = load_named(f).title;
            } catch (const InputError& err) {
                e.problem = err.diagnostics().empty() ? err.what() : err.diagnostics().front().to_string();
            }
            if (origin == Origin::Workspace) added.insert(e.name);
            else e.shadowed = added.count(e.name) > 0;
            out.push_back(std::move(e));
        }
    };
    scan(workspace_sets_dir(db_path), Origin::Workspace);
    scan(shipped_sets_dir(), Origin::Shipped);
    return out;
}

std::vector<std::string> usable_set_names(const std::string& db_path) {
    std::vector<std::string> out;
    for (const auto& e : list_sets(db_path))
        if (!e.shadowed && e.problem.empty()) out.push_back(e.name);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string unknown_set_message(const std::string& name, const std::vector<std::string>& known) {
    return _f("no standard set '{}' (known: {}); add one with 'daihoi standards add FILE'", name,
              known.empty() ? std::string(_("none")) : fmt::format("{}", fmt::join(known, ", ")));
}

StandardSet find_set(const std::string& db_path, const std::string& name, Origin* origin) {
    if (name.find('/') != std::string::npos || (name.size() > 5 && name.ends_with(".toml"))) {
        if (origin) *origin = Origin::File;
        return load_standard_set(name);
    }
    if (valid_set_name(name)) {
        for (auto [dir, o] : {std::pair{workspace_sets_dir(db_path), Origin::Workspace},
                              std::pair{shipped_sets_dir(), Origin::Shipped}}) {
            fs::path f = dir / (name + ".toml");
            if (fs::exists(f)) {
                if (origin) *origin = o;
                return load_named(f);
            }
        }
    }
    std::vector<std::string> known;
    for (const auto& e : list_sets(db_path))
        if (!e.shadowed) known.push_back(e.name);
    throw InputError(Diagnostic{"", 0, 0, unknown_set_message(name, known)});
}

AddResult add_set(db::Workspace& ws, const std::string& file, bool replace) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(Diagnostic{file, 0, 0, _("cannot read the file")});
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string content = ss.str();
    AddResult r;
    r.set = parse_standard_set(content, file);

    const fs::path dir = workspace_sets_dir(ws.path());
    r.path = dir / (r.set.name + ".toml");
    r.replaced = fs::exists(r.path);
    if (r.replaced && !replace)
        throw Refused(_f("a set named '{}' was already added to this workspace; use --replace to replace it",
                         r.set.name));
    r.shadows_shipped = fs::exists(shipped_sets_dir() / (r.set.name + ".toml"));

    // Written beside, then renamed over the old file (atomic) inside the
    // audit transaction: if the audit entry cannot be written, the old file
    // comes back, so the set and its audit entry are both there or neither.
    fs::create_directories(dir);
    auto write = [&](const fs::path& to, const std::string& text) { write_file_atomically(to, text); };
    std::optional<std::string> old;
    if (r.replaced) {
        std::ifstream prev(r.path, std::ios::binary);
        std::stringstream text;
        text << prev.rdbuf();
        old = text.str();
    }
    db::Transaction tx(ws);
    write(r.path, content);
    try {
        const std::string sha = audit::sha256_hex(content);
        tx.commit(r.replaced ? _f("standards replace {} from {} (sha256 {})", r.set.name, file, sha)
                             : _f("standards add {} from {} (sha256 {})", r.set.name, file, sha));
    } catch (...) {
        std::error_code ec;
        if (old) write(r.path, *old);
        else fs::remove(r.path, ec);
        throw;
    }
    return r;
}

}  // namespace daihoi::standards
