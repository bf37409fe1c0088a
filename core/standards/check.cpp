// The criteria's rules, the flags file, and the check of a selection: small
// lists straight from the registry, the whole registry through rank buckets.
#include "core/standards/check.hpp"

#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/io/pipeline.hpp"
#include "core/io/table.hpp"
#include "core/registry/congress.hpp"
#include "core/standards/retirement.hpp"
#include "core/text/names.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <array>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <set>

namespace daihoi::standards {

using registry::Member;

std::string_view code(Result r) {
    switch (r) {
        case Result::Pass: return "pass";
        case Result::Fail: return "fail";
        case Result::Unknown: return "unknown";
    }
    return "";
}

bool PersonCheck::passes() const {
    return std::all_of(results.begin(), results.end(), [](const Outcome& o) { return o.result == Result::Pass; });
}

bool PersonCheck::fails() const {
    return std::any_of(results.begin(), results.end(), [](const Outcome& o) { return o.result == Result::Fail; });
}

// ---- flags -------------------------------------------------------------------------

namespace {

std::optional<bool> yes_no(const std::string& folded) {
    static const char* yes[] = {"1", "x", "yes", "y", "true", "co", "dat"};
    static const char* no[] = {"0", "no", "n", "false", "khong", "khong dat"};
    for (const char* s : yes)
        if (folded == s) return true;
    for (const char* s : no)
        if (folded == s) return false;
    return std::nullopt;
}

}  // namespace

Flags Flags::load(const std::string& path) {
    auto reader = io::open_table(path);
    Flags f;
    DiagnosticList errors;
    io::Row row;
    if (!reader->next(row)) throw InputError(Diagnostic{path, 0, 0, "the file is empty; expected a header row"});
    int code_col = -1;
    std::vector<int> flag_cols;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        auto h = text::clean(row.cells[c]);
        if (!h) {
            errors.add({path, row.line, c + 1, "header: invalid UTF-8"});
            continue;
        }
        if (h->empty()) continue;
        std::string folded = text::fold(*h);
        if (folded == "code" || folded == "ma") {
            if (code_col >= 0) errors.add({path, row.line, c + 1, "a second code column"});
            code_col = static_cast<int>(c);
        } else if (std::find(f.names_.begin(), f.names_.end(), folded) != f.names_.end()) {
            errors.add({path, row.line, c + 1, fmt::format("flag '{}' has two columns", *h)});
        } else {
            f.names_.push_back(folded);
            f.headers_.push_back(*h);
            flag_cols.push_back(static_cast<int>(c));
        }
    }
    if (code_col < 0) errors.add({path, row.line, 0, "no code column (code or Mã)"});
    errors.throw_if_any();
    while (reader->next(row)) {
        auto cell = [&](int c) { return c < static_cast<int>(row.cells.size()) ? row.cells[c] : std::string(); };
        auto code = text::clean(cell(code_col));
        if (!code || code->empty()) {
            errors.add({path, row.line, static_cast<std::size_t>(code_col) + 1,
                        code ? "code: missing" : "code: invalid UTF-8"});
            continue;
        }
        std::vector<std::int8_t> values(flag_cols.size(), -1);
        for (std::size_t i = 0; i < flag_cols.size(); ++i) {
            auto v = text::clean(cell(flag_cols[i]));
            if (!v || v->empty()) continue;
            auto b = yes_no(text::fold(*v));
            if (!b) {
                errors.add({path, row.line, static_cast<std::size_t>(flag_cols[i]) + 1,
                            fmt::format("{}: '{}' is neither yes (1, x, có) nor no (0, không)", f.headers_[i], *v)});
                continue;
            }
            values[i] = *b ? 1 : 0;
        }
        if (!f.values_.emplace(*code, std::move(values)).second)
            errors.add({path, row.line, static_cast<std::size_t>(code_col) + 1,
                        fmt::format("code {} appears twice", *code)});
    }
    errors.throw_if_any();
    return f;
}

std::optional<bool> Flags::get(const std::string& code, const std::string& flag) const {
    // The header as written first: folding costs more than the lookup.
    auto col = std::find(headers_.begin(), headers_.end(), flag) - headers_.begin();
    if (col == static_cast<std::ptrdiff_t>(headers_.size()))
        col = std::find(names_.begin(), names_.end(), text::fold(flag)) - names_.begin();
    if (col == static_cast<std::ptrdiff_t>(names_.size())) return std::nullopt;
    auto it = values_.find(code);
    if (it == values_.end()) return std::nullopt;
    std::int8_t v = it->second[static_cast<std::size_t>(col)];
    if (v < 0) return std::nullopt;
    return v == 1;
}

// ---- the rules ---------------------------------------------------------------------

text::Date as_of_date(SQLite::Database& db, const StandardSet& set, const std::optional<text::Date>& override) {
    if (override) return *override;
    if (set.as_of) return *set.as_of;
    return registry::require_congress(db).date;
}

namespace {

// Writes a detail into a reused string without format-string parsing: --all
// writes seven million of them.
class Detail {
public:
    Detail(Outcome& o, Result r) : s_(o.detail) {
        o.result = r;
        s_.clear();
    }
    // The message `p` with its slots filled from `args`, in the message's order.
    template <class... A>
    Detail& put(const Pattern& p, const A&... args) {
        for (const auto& [literal, slot] : p.pieces) {
            s_.append(literal);
            if (slot < 0) continue;
            int i = 0;
            ((i++ == slot ? (void)(*this << args) : (void)0), ...);
        }
        return *this;
    }
    Detail& operator<<(std::string_view v) {
        s_.append(v);
        return *this;
    }
    Detail& operator<<(int v) {
        char b[16];
        s_.append(b, std::to_chars(b, b + sizeof b, v).ptr);
        return *this;
    }
    Detail& operator<<(const text::Date& d) {  // 01/06/2023
        two(d.day);
        s_ += '/';
        two(d.month);
        s_ += '/';
        return *this << d.year;
    }
    Detail& operator<<(const YearMonth& m) {  // 04/2021
        two(m.month);
        s_ += '/';
        return *this << m.year;
    }
    // A slot written by a function (a list of grades, of years).
    template <class F, class = std::enable_if_t<std::is_invocable_v<const F&, Detail&>>>
    Detail& operator<<(const F& write) {
        write(*this);
        return *this;
    }

private:
    void two(int v) {
        s_ += static_cast<char>('0' + v / 10 % 10);
        s_ += static_cast<char>('0' + v % 10);
    }
    std::string& s_;
};

// Each rule writes its result into an Outcome whose detail string is reused
// from person to person, in the words of `w`.
struct Evaluator {
    const Member& m;
    const Records& records;
    const text::Date& as_of;
    const Flags* flags;
    const Wording& w;

    static Result judge(bool ok) { return ok ? Result::Pass : Result::Fail; }
    static std::string_view plural(int n) { return n == 1 ? "" : "s"; }
    template <class E>
    std::string_view word(E v) const { return w.value(registry::code(v)); }

    void operator()(const RetirementMonths& r, Outcome& o) const {
        if (m.birth_date.year == 0) {
            Detail(o, Result::Unknown).put(w[Msg::NoBirthDate]);
            return;
        }
        const int need = m.incumbent ? r.incumbent_min : r.first_time_min;
        auto who = [&](Detail& d) { if (m.incumbent) d.put(w[Msg::Incumbent]); };
        const YearMonth when = retirement_month(m.birth_date, m.gender);
        const int months = when.index() - (as_of.year * 12 + (as_of.month - 1));  // months_to_retirement
        if (months < 0)
            Detail(o, Result::Fail).put(w[Msg::Retired], when, need, who);
        else
            Detail(o, judge(months >= need)).put(w[Msg::ToRetirement], months, plural(months), when, need, who);
    }

    void operator()(const PartyYearsMin& r, Outcome& o) const {
        if (!m.party_join_date) {
            Detail(o, Result::Unknown).put(w[Msg::NoJoinDate]);
            return;
        }
        const text::Date& d = *m.party_join_date;
        if (d > as_of) {
            Detail(o, Result::Fail).put(w[Msg::JoinedAfter], d);
            return;
        }
        const int years = text::full_years_between(d, as_of);
        Detail(o, judge(years >= r.min)).put(w[Msg::PartyYears], years, plural(years), d, r.min);
    }

    void operator()(const FullMember&, Outcome& o) const {
        if (!m.official_date) Detail(o, Result::Fail).put(w[Msg::Probationary]);
        else if (*m.official_date > as_of) Detail(o, Result::Fail).put(w[Msg::OfficialLater], *m.official_date);
        else Detail(o, Result::Pass).put(w[Msg::Official], *m.official_date);
    }

    void operator()(const DegreeMin& r, Outcome& o) const {
        if (!m.degree) Detail(o, Result::Unknown).put(w[Msg::NoDegree]);
        else if (*m.degree >= r.min) Detail(o, Result::Pass).put(w[Msg::Degree], word(*m.degree));
        else Detail(o, Result::Fail).put(w[Msg::DegreeLow], word(*m.degree), word(r.min));
    }

    void operator()(const TheoryMin& r, Outcome& o) const {
        if (!m.theory) Detail(o, Result::Unknown).put(w[Msg::NoTheory]);
        else if (*m.theory >= r.min) Detail(o, Result::Pass).put(w[Msg::Theory], word(*m.theory));
        else Detail(o, Result::Fail).put(w[Msg::TheoryLow], word(*m.theory), word(r.min));
    }

    // Each of the `years` calendar years before the as-of year. A low grade
    // fails whatever else is missing; otherwise a missing year is unknown.
    void operator()(const GradeMin& r, Outcome& o) const {
        const int first = as_of.year - r.years, last = as_of.year - 1;
        const registry::Evaluation* low[20];
        int lows = 0, missing = 0;
        for (int y = first; y <= last; ++y) {
            auto it = std::find_if(records.evaluations.begin(), records.evaluations.end(),
                                   [&](const registry::Evaluation& e) { return e.year == y; });
            if (it == records.evaluations.end()) ++missing;
            else if (it->grade < r.min && lows < 20) low[lows++] = &*it;
        }
        if (lows) {
            auto grades = [&](Detail& d) {
                for (int i = 0; i < lows; ++i) {
                    if (i) d.put(w[Msg::ListSeparator]);
                    d.put(w[Msg::GradeItem], word(low[i]->grade), low[i]->year);
                }
            };
            Detail(o, Result::Fail).put(w[Msg::GradeLow], grades, word(r.min));
        } else if (missing) {
            auto years = [&](Detail& d) {
                int listed = 0;
                for (int y = first; y <= last; ++y)
                    if (std::none_of(records.evaluations.begin(), records.evaluations.end(),
                                     [&](const registry::Evaluation& e) { return e.year == y; })) {
                        if (listed++) d.put(w[Msg::ListSeparator]);
                        d << y;
                    }
            };
            Detail(o, Result::Unknown).put(w[Msg::NoGrade], years);
        } else if (first == last) {
            Detail(o, Result::Pass).put(w[Msg::GradeOk], word(r.min), last);
        } else {
            Detail(o, Result::Pass).put(w[Msg::GradeOkRange], word(r.min), first, last);
        }
    }

    // A record dated less than `years` full years before the as-of date
    // fails, as does one still in effect; records after the as-of date did
    // not exist then. The latest such record is named.
    void operator()(const NoDiscipline& r, Outcome& o) const {
        const registry::DisciplineRecord* within = nullptr;
        const registry::DisciplineRecord* in_effect = nullptr;
        for (const auto& d : records.discipline) {
            if (d.date > as_of) continue;
            if (text::full_years_between(d.date, as_of) < r.years) {
                if (!within || d.date >= within->date) within = &d;
            } else if (d.until && *d.until > as_of) {
                if (!in_effect || d.date >= in_effect->date) in_effect = &d;
            }
        }
        if (within)
            Detail(o, Result::Fail).put(w[Msg::DisciplineWithin], within->form, within->date, r.years, plural(r.years));
        else if (in_effect)
            Detail(o, Result::Fail).put(w[Msg::DisciplineInEffect], in_effect->form, in_effect->date, *in_effect->until);
        else
            Detail(o, Result::Pass).put(w[Msg::NoDiscipline], r.years, plural(r.years));
    }

    void operator()(const Flag& r, Outcome& o) const {
        std::optional<bool> v = flags ? flags->get(m.code, r.name) : std::nullopt;
        if (!v) Detail(o, Result::Unknown).put(w[Msg::NoFlag], r.name);
        else Detail(o, judge(*v)).put(w[Msg::Flag], r.name, [&](Detail& d) { d.put(w[*v ? Msg::Yes : Msg::No]); });
    }
};

void evaluate_into(const StandardSet& set, const Member& m, const Records& records, const text::Date& as_of,
                   const Flags* flags, const Wording* wording, std::vector<Outcome>& out) {
    Evaluator ev{m, records, as_of, flags, wording ? *wording : Wording::english()};
    out.resize(set.criteria.size());
    for (std::size_t k = 0; k < out.size(); ++k)
        std::visit([&](const auto& rule) { ev(rule, out[k]); }, set.criteria[k].rule);
}

}  // namespace

std::vector<Outcome> evaluate(const StandardSet& set, const Member& m, const Records& records,
                              const text::Date& as_of, const Flags* flags, const Wording* wording) {
    std::vector<Outcome> out;
    evaluate_into(set, m, records, as_of, flags, wording, out);
    return out;
}

// ---- JSON ---------------------------------------------------------------------------

namespace {

// True when `s` holds a byte JSON must escape: a control character, '"' or
// '\'. Eight bytes at a time: most names and details need no escape.
bool needs_escape(std::string_view s) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    // Bytes below 0x20 (only where the high bit is clear), '"', '\\'.
    auto special = [&](const char* p) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        return ((x - 0x2020202020202020ull) & ~x & highs) | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'));
    };
    if (s.size() < 8) {
        for (char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            if (c < 0x20 || c == '"' || c == '\\') return true;
        }
        return false;
    }
    for (std::size_t i = 0; i + 8 <= s.size(); i += 8)
        if (special(s.data() + i)) return true;
    return special(s.data() + s.size() - 8) != 0;  // the tail, overlapping
}

// As nlohmann::json::dump escapes with ensure_ascii off.
void append_string(std::string& out, std::string_view s) {
    out += '"';
    if (!needs_escape(s)) {
        out.append(s);
        out += '"';
        return;
    }
    for (char ch : s) {
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(ch));
                else out += ch;
        }
    }
    out += '"';
}

}  // namespace

JsonWriter::JsonWriter(const StandardSet& set, int indent) {
    const std::string i0(static_cast<std::size_t>(indent) * 2, ' ');
    const std::string i1 = i0 + "  ", i2 = i1 + "  ", i3 = i2 + "  ";
    open_ = fmt::format("{}{{\n{}\"code\": ", i0, i1);
    name_ = fmt::format(",\n{}\"name\": ", i1);
    passes_ = fmt::format(",\n{}\"passes\": ", i1);
    results_ = fmt::format(",\n{}\"results\": ", i1);
    close_ = fmt::format("\n{}}}", i0);
    for (const auto& c : set.criteria) {
        std::string s = fmt::format("{}{{\n{}\"criterion\": ", i2, i3);
        append_string(s, c.id);
        s += fmt::format(",\n{}\"result\": \"", i3);
        criterion_.push_back(std::move(s));
    }
    detail_ = fmt::format("\",\n{}\"detail\": ", i3);
    next_ = fmt::format("\n{}}},\n", i2);
    last_ = fmt::format("\n{}}}\n{}]", i2, i1);
}

void JsonWriter::append(std::string& out, const PersonCheck& p) const {
    // The usual case — nothing to escape — is laid out with one resize and
    // plain copies; anything else goes the careful way.
    bool plain = !needs_escape(p.code) && !needs_escape(p.name);
    std::size_t size = open_.size() + name_.size() + passes_.size() + results_.size() + close_.size() + 9 +
                       p.code.size() + p.name.size() + 4;
    for (std::size_t k = 0; plain && k < p.results.size(); ++k) {
        plain = !needs_escape(p.results[k].detail);
        size += criterion_[k].size() + 7 + detail_.size() + p.results[k].detail.size() + 2 + last_.size();
    }
    if (!plain) {
        out += open_;
        append_string(out, p.code);
        out += name_;
        append_string(out, p.name);
        out += passes_;
        out += p.passes() ? std::string_view("true") : std::string_view("false");
        out += results_;
        out += p.results.empty() ? "[]" : "[\n";
        for (std::size_t k = 0; k < p.results.size(); ++k) {
            out += criterion_[k];
            out += code(p.results[k].result);
            out += detail_;
            append_string(out, p.results[k].detail);
            out += k + 1 < p.results.size() ? next_ : last_;
        }
        out += close_;
        return;
    }
    const std::size_t start = out.size();
    out.resize(start + size);
    char* w = out.data() + start;
    auto put = [&](std::string_view v) {
        std::memcpy(w, v.data(), v.size());
        w += v.size();
    };
    auto quoted = [&](std::string_view v) {
        *w++ = '"';
        put(v);
        *w++ = '"';
    };
    put(open_);
    quoted(p.code);
    put(name_);
    quoted(p.name);
    put(passes_);
    put(p.passes() ? std::string_view("true") : std::string_view("false"));
    put(results_);
    put(p.results.empty() ? "[]" : "[\n");
    for (std::size_t k = 0; k < p.results.size(); ++k) {
        put(criterion_[k]);
        put(code(p.results[k].result));
        put(detail_);
        quoted(p.results[k].detail);
        put(k + 1 < p.results.size() ? next_ : last_);
    }
    put(close_);
    out.resize(static_cast<std::size_t>(w - out.data()));
}

// ---- the check ------------------------------------------------------------------------

namespace {

bool needs_grades(const StandardSet& set, int* max_years) {
    *max_years = 0;
    for (const auto& c : set.criteria)
        if (const auto* g = std::get_if<GradeMin>(&c.rule)) *max_years = std::max(*max_years, g->years);
    return *max_years > 0;
}

bool needs_discipline(const StandardSet& set) {
    return std::any_of(set.criteria.begin(), set.criteria.end(),
                       [](const Criterion& c) { return std::holds_alternative<NoDiscipline>(c.rule); });
}

// Grades are stored as codes (the schema checks them): no folding needed.
registry::Grade grade_of(std::string_view s) {
    for (auto g : {registry::Grade::Tot, registry::Grade::HoanThanh, registry::Grade::XuatSac,
                   registry::Grade::KhongHoanThanh})
        if (registry::code(g) == s) return g;
    return registry::parse_grade(s).value_or(registry::Grade::KhongHoanThanh);
}

// A read snapshot: the passes of --all see one state of the registry.
class Snapshot {
public:
    explicit Snapshot(SQLite::Database& db) : db_(db) { db_.exec("SAVEPOINT standards_check"); }
    ~Snapshot() {
        try {
            db_.exec("RELEASE standards_check");
        } catch (...) {
        }
    }

private:
    SQLite::Database& db_;
};

void check_list(SQLite::Database& db, const StandardSet& set, std::vector<Member> people, const CheckOptions& opt,
                CheckSink& sink) {
    struct Keyed {
        std::string key;
        Member m;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(people.size());
    for (auto& m : people) {
        std::string key = text::person_sort_key(m.full_name);
        keyed.push_back({std::move(key), std::move(m)});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        if (int c = a.key.compare(b.key)) return c < 0;
        if (a.m.birth_date != b.m.birth_date) return a.m.birth_date < b.m.birth_date;
        return a.m.code < b.m.code;
    });
    int years = 0;
    const bool grades = needs_grades(set, &years), discipline = needs_discipline(set);
    std::size_t cw = 0, nw = 0;
    for (const auto& k : keyed) {
        cw = std::max(cw, text::display_width(k.m.code));
        nw = std::max(nw, text::display_width(k.m.full_name));
    }
    sink.begin(keyed.size(), cw, nw);
    for (const auto& k : keyed) {
        Records r;
        if (grades) r.evaluations = registry::evaluations_of(db, k.m.code);
        if (discipline) r.discipline = registry::discipline_of(db, k.m.code);
        PersonCheck p{k.m.code, k.m.full_name, evaluate(set, k.m, r, opt.as_of, opt.flags, opt.wording)};
        sink.person(p);
    }
}

// ---- --all ----

// Codes in name order, stored flat; `by_code` lists their ranks in code order.
struct Ranks {
    std::string arena;
    std::vector<std::uint32_t> start;  // start[rank]; one extra at the end
    std::vector<std::uint32_t> by_code;

    std::string_view at(std::uint32_t rank) const {
        return std::string_view(arena).substr(start[rank], start[rank + 1] - start[rank]);
    }
};

Ranks rank_everyone(SQLite::Database& db) {
    Ranks r;
    SQLite::Statement q(db, "SELECT code FROM members ORDER BY sort_key, birth_date, code");
    while (q.executeStep()) {
        r.start.push_back(static_cast<std::uint32_t>(r.arena.size()));
        const auto& col = q.getColumn(0);
        r.arena.append(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
    }
    r.start.push_back(static_cast<std::uint32_t>(r.arena.size()));
    const std::size_t n = r.start.size() - 1;
    r.by_code.resize(n);
    std::iota(r.by_code.begin(), r.by_code.end(), 0u);
    // SQLite's BINARY collation is memcmp, then length: string_view's order.
    // Codes of up to 16 bytes sort as two big-endian integers, zero-padded
    // (a shorter code then comes first, as with memcmp then length) — five
    // times faster than comparing strings.
    bool short_codes = true;
    for (std::size_t i = 0; i < n && short_codes; ++i)
        short_codes = r.start[i + 1] - r.start[i] <= 16 && r.at(static_cast<std::uint32_t>(i)).find('\0') == std::string_view::npos;
    if (!short_codes) {
        std::sort(r.by_code.begin(), r.by_code.end(), [&](std::uint32_t a, std::uint32_t b) { return r.at(a) < r.at(b); });
        return r;
    }
    struct Key {
        std::uint64_t hi, lo;
        std::uint32_t rank;
    };
    std::vector<Key> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char b[16] = {};
        std::string_view c = r.at(static_cast<std::uint32_t>(i));
        std::memcpy(b, c.data(), c.size());
        std::uint64_t hi = 0, lo = 0;
        for (int k = 0; k < 8; ++k) hi = hi << 8 | b[k];
        for (int k = 8; k < 16; ++k) lo = lo << 8 | b[k];
        keys[i] = {hi, lo, static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; });
    for (std::size_t i = 0; i < n; ++i) r.by_code[i] = keys[i].rank;
    return r;
}

// Length-prefixed fields in a spool record.
void put(std::string& out, std::string_view s) {
    auto n = static_cast<std::uint32_t>(s.size());
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out.append(s);
}

std::string_view take(const char*& p) {
    std::uint32_t n;
    std::memcpy(&n, p, sizeof n);
    p += sizeof n;
    std::string_view s(p, n);
    p += n;
    return s;
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// The raw SQLite API for the million-row passes: SQLiteCpp's Column copies
// a shared_ptr per access, which shows at millions of rows.
class Raw {
public:
    Raw(SQLite::Database& db, const char* sql) {
        if (sqlite3_prepare_v2(db.getHandle(), sql, -1, &q_, nullptr) != SQLITE_OK)
            throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    }
    ~Raw() { sqlite3_finalize(q_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    bool step() {
        int rc = sqlite3_step(q_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) throw SQLite::Exception(sqlite3_db_handle(q_), rc);
        return false;
    }
    operator sqlite3_stmt*() const { return q_; }

private:
    sqlite3_stmt* q_ = nullptr;
};

// Text of column `i` of the current row.
std::string_view column_text(sqlite3_stmt* q, int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, i));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(q, i))) : std::string_view();
}


// --all reads on one thread and evaluates on another. The reading thread
// only copies the raw columns it steps over into a packed batch (one
// allocation per few thousand people); the evaluating thread parses them —
// the registry stores validated codes and ISO dates, so parsing is exact
// matching — into one Member and Records reused from person to person.
constexpr const char* kMembersInCodeOrder =
    "SELECT code, full_name, gender, birth_date, party_join_date, official_date, degree, theory, incumbent "
    "FROM members ORDER BY code";

struct Packed {
    std::string bytes;
    std::size_t people = 0;
};

template <class T>
void put_raw(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T take_raw(const char*& p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
}

template <class E>
std::optional<E> code_of(std::string_view s, int values) {
    if (s.empty()) return std::nullopt;  // NULL (the registry stores no empty codes)
    for (int v = 0; v < values; ++v)
        if (registry::code(static_cast<E>(v)) == s) return static_cast<E>(v);
    return std::nullopt;
}

std::optional<text::Date> date_of(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return text::parse_date(s);
}

// Unpacks one person written by the reading thread in check_all.
void unpack(const char*& p, Member& m, Records& rec, std::uint32_t& rank) {
    rank = take_raw<std::uint32_t>(p);
    m.code.assign(take(p));
    m.full_name.assign(take(p));
    m.gender = take(p) == "F" ? registry::Gender::Female : registry::Gender::Male;
    m.birth_date = date_of(take(p)).value_or(text::Date{});
    m.party_join_date = date_of(take(p));
    m.official_date = date_of(take(p));
    m.degree = code_of<registry::Degree>(take(p), 5);
    m.theory = code_of<registry::Theory>(take(p), 5);
    m.incumbent = *p++ != 0;
    rec.evaluations.resize(take_raw<std::uint32_t>(p));
    for (auto& e : rec.evaluations) {
        e.year = take_raw<std::int32_t>(p);
        e.grade = grade_of(take(p));
    }
    rec.discipline.resize(take_raw<std::uint32_t>(p));
    for (auto& d : rec.discipline) {
        d.date = date_of(take(p)).value_or(text::Date{});
        d.form.assign(take(p));
        d.until = date_of(take(p));
    }
}

void check_all(SQLite::Database& workspace, const StandardSet& set, const CheckOptions& opt, CheckSink& sink) {
    // A connection of its own, read-only and without SQLite's per-call mutex
    // (tens of millions of calls here), holding one snapshot for all passes.
    SQLite::Database db(workspace.getFilename(), SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, 10000);
    Snapshot snapshot(db);
    const Ranks ranks = rank_everyone(db);
    const std::size_t n = ranks.by_code.size();
    const std::size_t bucket = std::max<std::size_t>(opt.bucket_people, 1);
    std::vector<File> spool((n + bucket - 1) / bucket);
    std::vector<std::string> pending(spool.size());  // written in large pieces
    for (auto& f : spool) {
        f.reset(std::tmpfile());
        if (!f) throw Refused("cannot create a temporary file for the check");
    }
    auto flush = [&](std::size_t b) {
        if (std::fwrite(pending[b].data(), 1, pending[b].size(), spool[b].get()) != pending[b].size())
            throw Refused("cannot write the check's temporary file (disk full?)");
        pending[b].clear();
    };

    int years = 0;
    const bool grades = needs_grades(set, &years), discipline = needs_discipline(set);
    Raw e(db, "SELECT code, year, grade FROM evaluations WHERE year BETWEEN ?1 AND ?2 ORDER BY code, year");
    sqlite3_bind_int(e, 1, opt.as_of.year - years);
    sqlite3_bind_int(e, 2, opt.as_of.year - 1);
    Raw dr(db, "SELECT code, date, form, until FROM discipline ORDER BY code, date");
    bool e_more = grades && e.step();
    bool d_more = discipline && dr.step();

    std::size_t i = 0, cw = 0, nw = 0;
    Raw members(db, kMembersInCodeOrder);
    // Reading thread: the next people in code order with their records
    // (merged by code), packed raw.
    auto read = [&](Packed& batch) {
        constexpr std::size_t kPeople = 4096;
        batch.bytes.reserve(kPeople * 256);
        for (; batch.people < kPeople && members.step(); ++batch.people) {
            const std::string_view code = column_text(members, 0);
            if (i >= n || ranks.at(ranks.by_code[i]) != code)
                throw Refused("the registry changed during the check; run it again");
            std::string& out = batch.bytes;
            put_raw<std::uint32_t>(out, ranks.by_code[i++]);
            for (int c = 0; c < 8; ++c) put(out, column_text(members, c));
            out += static_cast<char>(sqlite3_column_int(members, 8) != 0);
            const std::size_t count_at = out.size();
            put_raw<std::uint32_t>(out, 0);
            std::uint32_t count = 0;
            for (; e_more; e_more = e.step()) {
                const int cmp = column_text(e, 0).compare(code);
                if (cmp > 0) break;
                if (cmp < 0) continue;
                put_raw<std::int32_t>(out, sqlite3_column_int(e, 1));
                put(out, column_text(e, 2));
                ++count;
            }
            std::memcpy(out.data() + count_at, &count, sizeof count);
            const std::size_t disc_at = out.size();
            put_raw<std::uint32_t>(out, 0);
            count = 0;
            for (; d_more; d_more = dr.step()) {
                const int cmp = column_text(dr, 0).compare(code);
                if (cmp > 0) break;
                if (cmp < 0) continue;
                for (int c = 1; c < 4; ++c) put(out, column_text(dr, c));
                ++count;
            }
            std::memcpy(out.data() + disc_at, &count, sizeof count);
        }
        return batch.people == kPeople;
    };
    // Evaluating thread: unpack, evaluate, spool to the bucket of the rank.
    Member m;
    Records rec;
    std::vector<Outcome> results;
    auto spool_batch = [&](const Packed& batch) {
        const char* p = batch.bytes.data();
        for (std::size_t k = 0; k < batch.people; ++k) {
            std::uint32_t rank;
            unpack(p, m, rec, rank);
            // A display width never exceeds the UTF-8 length: most names need no look.
            if (m.code.size() > cw) cw = std::max(cw, text::display_width(m.code));
            if (m.full_name.size() > nw) nw = std::max(nw, text::display_width(m.full_name));
            evaluate_into(set, m, rec, opt.as_of, opt.flags, opt.wording, results);
            const std::size_t b = rank / bucket;
            std::string& buf = pending[b];
            put_raw(buf, rank);
            put(buf, m.code);
            put(buf, m.full_name);
            for (const auto& o : results) {
                buf += static_cast<char>(o.result);
                put(buf, o.detail);
            }
            if (buf.size() >= (1 << 16)) flush(b);
        }
    };
    io::pipelined<Packed>(
        [&](std::vector<Packed>& batches) {
            batches.resize(1);
            return read(batches[0]);
        },
        [&](std::vector<Packed>& batches) {
            for (const auto& b : batches) spool_batch(b);
        });
    for (std::size_t b = 0; b < spool.size(); ++b) flush(b);
    if (i != n) throw Refused("the registry changed during the check; run it again");

    sink.begin(n, cw, nw);
    // Each bucket is read whole, its records indexed by rank, then decoded
    // in rank order into one reused PersonCheck: reading stays sequential
    // within a record and the strings stay in cache.
    std::string data;
    std::vector<std::uint32_t> at(std::min(bucket, n));
    PersonCheck pc;
    pc.results.resize(set.criteria.size());
    for (std::size_t b = 0; b < spool.size(); ++b) {
        std::FILE* f = spool[b].get();
        long len = std::ftell(f);
        data.resize(static_cast<std::size_t>(len));
        std::rewind(f);
        if (len && std::fread(data.data(), 1, data.size(), f) != data.size())
            throw Refused("cannot read back the check's temporary file");
        spool[b].reset();
        const std::size_t base = b * bucket, count = std::min(bucket, n - base);
        for (const char* p = data.data(); p < data.data() + data.size();) {
            std::uint32_t rank;
            std::memcpy(&rank, p, sizeof rank);
            at[rank - base] = static_cast<std::uint32_t>(p - data.data());
            p += sizeof rank;
            take(p);
            take(p);
            for (std::size_t k = 0; k < pc.results.size(); ++k) {
                ++p;
                take(p);
            }
        }
        for (std::size_t i = 0; i < count; ++i) {
            const char* p = data.data() + at[i] + sizeof(std::uint32_t);
            pc.code = take(p);
            pc.name = take(p);
            for (auto& o : pc.results) {
                o.result = static_cast<Result>(*p++);
                o.detail = take(p);
            }
            sink.person(pc);
        }
    }
}

}  // namespace

void check(SQLite::Database& db, const StandardSet& set, const Selection& sel, const CheckOptions& opt,
           CheckSink& sink) {
    if (sel.all) return check_all(db, set, opt, sink);
    std::vector<Member> people;
    if (sel.election) {
        for (auto& c : election::candidates(db, *sel.election)) people.push_back(std::move(c.member));
    }
    std::vector<std::string> unknown;
    std::set<std::string> seen;
    for (const auto& p : people) seen.insert(p.code);
    for (const auto& code : sel.codes) {
        if (!seen.insert(code).second) continue;
        if (auto m = registry::find_member(db, code)) people.push_back(std::move(*m));
        else unknown.push_back(code);
    }
    if (!unknown.empty()) {
        throw Refused(fmt::format("no member with code {}", fmt::join(unknown, ", ")));
    }
    check_list(db, set, std::move(people), opt, sink);
}

}  // namespace daihoi::standards
