// The reasons of the check: their codes, their sentences (gettext
// messages, translated when shown) and their facts as JSON.
#include "core/standards/reason.hpp"

#include "core/base/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <mutex>
#include <optional>

namespace daihoi::standards {

std::string_view code(Result r) {
    switch (r) {
        case Result::Pass:
            return "pass";
        case Result::Fail:
            return "fail";
        case Result::Unknown:
            return "unknown";
    }
    return "";
}

std::string_view code(Reason r) {
    static constexpr std::string_view codes[] = {"no_birth_date",
                                                 "retired",
                                                 "to_retirement",
                                                 "no_join_date",
                                                 "joined_after",
                                                 "party_years",
                                                 "probationary",
                                                 "official_later",
                                                 "official",
                                                 "no_degree",
                                                 "degree",
                                                 "degree_low",
                                                 "no_theory",
                                                 "theory",
                                                 "theory_low",
                                                 "grades_low",
                                                 "no_grade",
                                                 "grades_ok",
                                                 "discipline_within",
                                                 "discipline_in_effect",
                                                 "no_discipline",
                                                 "no_flag",
                                                 "flag",
                                                 "to_retirement_year",
                                                 "birth_year_only"};
    static_assert(std::size(codes) == static_cast<std::size_t>(Reason::BirthYearOnly) + 1);
    return codes[static_cast<std::size_t>(r)];
}

namespace {

// The words of every value, translated once per language: the check's
// reasons name them a million times.
struct Words {
    std::string degree[5], theory[5], grade[4];
};

Words translate_words() {
    Words w;
    w.degree[0] = _c("degree", "none");
    w.degree[1] = _c("degree", "college");
    w.degree[2] = _c("degree", "bachelor");
    w.degree[3] = _c("degree", "master");
    w.degree[4] = _c("degree", "doctor");
    w.theory[0] = _c("political theory", "none");
    w.theory[1] = _c("political theory", "so-cap");
    w.theory[2] = _c("political theory", "trung-cap");
    w.theory[3] = _c("political theory", "cao-cap");
    w.theory[4] = _c("political theory", "cu-nhan");
    w.grade[0] = _c("grade", "khong-hoan-thanh");
    w.grade[1] = _c("grade", "hoan-thanh");
    w.grade[2] = _c("grade", "tot");
    w.grade[3] = _c("grade", "xuat-sac");
    return w;
}

// Per language, made on first use (the report reads them on its producer thread).
const Words& words() {
    static std::mutex mutex;
    static std::optional<Words> cache[2];
    const auto l = static_cast<std::size_t>(i18n::lang());
    std::lock_guard lock(mutex);
    if (!cache[l]) cache[l] = translate_words();
    return *cache[l];
}

const std::string& word(registry::Degree d) {
    return words().degree[static_cast<int>(d)];
}
const std::string& word(registry::Theory t) {
    return words().theory[static_cast<int>(t)];
}
const std::string& word(registry::Grade g) {
    return words().grade[static_cast<int>(g)];
}

}  // namespace

std::string value_word(registry::Degree d) {
    return word(d);
}
std::string value_word(registry::Theory t) {
    return word(t);
}
std::string value_word(registry::Grade g) {
    return word(g);
}

namespace {

// A date as people read it, without an allocation: "01/09/2025", or its
// month "09/2025".
struct Short {
    char s[12];
    std::size_t n = 0;
    std::string_view view() const { return {s, n}; }
};
Short vn(const text::Date& d, bool month_only = false) {
    Short out;
    auto two = [&](int v) {
        out.s[out.n++] = static_cast<char>('0' + v / 10 % 10);
        out.s[out.n++] = static_cast<char>('0' + v % 10);
    };
    if (!month_only) {
        two(d.day);
        out.s[out.n++] = '/';
    }
    two(d.month);
    out.s[out.n++] = '/';
    two(d.year / 100);
    two(d.year % 100);
    return out;
}

registry::Degree degree(int v) {
    return static_cast<registry::Degree>(v);
}
registry::Theory theory(int v) {
    return static_cast<registry::Theory>(v);
}
registry::Grade grade(int v) {
    return static_cast<registry::Grade>(v);
}

// A pattern translated once per language and plural form, then kept: a
// catalog lookup costs more than writing the reason, and --all writes a
// million of them. Each call site's lambda is a type of its own, so it has
// slots of its own. (The languages daihoi speaks have at most two plural
// forms, "one" and "other": Vietnamese has one, English two.)
template <class Translate>
const std::string& once(Translate translate, long n = 2) {
    static std::once_flag done[2][2];
    static std::string text[2][2];
    const auto l = static_cast<std::size_t>(i18n::lang());
    const std::size_t form = n == 1 ? 0 : 1;
    std::call_once(done[l][form],
                   [&] { text[l][form] = translate(static_cast<unsigned long>(n)); });
    return text[l][form];
}

}  // namespace

void describe_to(std::string& out, const Outcome& o) {
    using N = unsigned long;
    // The pattern filled in, appended to `out`: no string of its own.
    auto say = [&out](const std::string& pattern, const auto&... args) {
        fmt::format_to(std::back_inserter(out), fmt::runtime(pattern), args...);
    };
    auto put = [&out](const std::string& text) { out += text; };
    switch (o.reason) {
        case Reason::NoBirthDate:
            return put(once([](N) { return _("no birth date"); }));
        case Reason::Retired:
            if (o.incumbent)
                return say(
                    once([](N) {
                        return _(
                            "reached retirement age in {}, needs {} months before it (incumbent)");
                    }),
                    vn(o.date, true).view(), o.needs);
            return say(once([](N) {
                           return _("reached retirement age in {}, needs {} months before it");
                       }),
                       vn(o.date, true).view(), o.needs);
        case Reason::ToRetirement:
            if (o.incumbent)
                return say(once(
                               [](N n) {
                                   return _n("{} month to retirement ({}), needs {} (incumbent)",
                                             "{} months to retirement ({}), needs {} (incumbent)",
                                             n);
                               },
                               o.count),
                           o.count, vn(o.date, true).view(), o.needs);
            return say(once(
                           [](N n) {
                               return _n("{} month to retirement ({}), needs {}",
                                         "{} months to retirement ({}), needs {}", n);
                           },
                           o.count),
                       o.count, vn(o.date, true).view(), o.needs);
        case Reason::NoJoinDate:
            return put(once([](N) { return _("no party join date"); }));
        case Reason::JoinedAfter:
            return say(once([](N) { return _("admitted on {}, after the as-of date"); }),
                       vn(o.date).view());
        case Reason::PartyYears:
            return say(once(
                           [](N n) {
                               return _n("{} full year in the party (admitted {}), needs {}",
                                         "{} full years in the party (admitted {}), needs {}", n);
                           },
                           o.count),
                       o.count, vn(o.date).view(), o.needs);
        case Reason::Probationary:
            return put(once([](N) { return _("probationary member (no official date)"); }));
        case Reason::OfficialLater:
            return say(once([](N) { return _("full member only from {}"); }), vn(o.date).view());
        case Reason::Official:
            return say(once([](N) { return _("full member since {}"); }), vn(o.date).view());
        case Reason::NoDegree:
            return put(once([](N) { return _("no degree recorded"); }));
        case Reason::DegreeOk:
            return say(once([](N) { return _("degree {}"); }), word(degree(o.value)));
        case Reason::DegreeLow:
            return say(once([](N) { return _("degree {}, needs {}"); }), word(degree(o.value)),
                       word(degree(o.needs)));
        case Reason::NoTheory:
            return put(once([](N) { return _("no political theory recorded"); }));
        case Reason::TheoryOk:
            return say(once([](N) { return _("theory {}"); }), word(theory(o.value)));
        case Reason::TheoryLow:
            return say(once([](N) { return _("theory {}, needs {}"); }), word(theory(o.value)),
                       word(theory(o.needs)));
        case Reason::GradesLow: {
            std::string list;
            for (const auto& g : o.grades) {
                if (!list.empty()) list += ", ";
                fmt::format_to(std::back_inserter(list),
                               fmt::runtime(once([](N) { return _("{} in {}"); })), word(g.grade),
                               g.year);
            }
            return say(once([](N) { return _("grade {}, needs {}"); }), list, word(grade(o.needs)));
        }
        case Reason::NoGrade: {
            std::string years;
            for (const auto& g : o.grades)
                years += (years.empty() ? "" : ", ") + std::to_string(g.year);
            return say(once([](N) { return _("no grade for {}"); }), years);
        }
        case Reason::GradesOk:
            if (o.first == o.last)
                return say(once([](N) { return _("{} or better in {}"); }), word(grade(o.needs)),
                           o.last);
            return say(once([](N) { return _("{} or better in {}–{}"); }), word(grade(o.needs)),
                       o.first, o.last);
        case Reason::DisciplineWithin:
            return say(once(
                           [](N n) {
                               return _n("discipline '{}' on {}, within {} year",
                                         "discipline '{}' on {}, within {} years", n);
                           },
                           o.count),
                       o.text, vn(o.date).view(), o.count);
        case Reason::DisciplineInEffect:
            return say(once([](N) { return _("discipline '{}' on {}, in effect until {}"); }),
                       o.text, vn(o.date).view(), vn(o.until).view());
        case Reason::NoDiscipline:
            return say(once(
                           [](N n) {
                               return _n("no discipline within {} year",
                                         "no discipline within {} years", n);
                           },
                           o.count),
                       o.count);
        case Reason::NoFlag:
            return say(once([](N) { return _("no record of {}"); }), o.text);
        case Reason::Flag:
            if (o.value) return say(once([](N) { return _("{}: yes"); }), o.text);
            return say(once([](N) { return _("{}: no"); }), o.text);
        case Reason::ToRetirementYear:
            if (o.last == 0)
                return say(once([](N) {
                               return _("born in {}: reached retirement age by {}, needs {} months "
                                        "before it");
                           }),
                           o.first, vn(o.until, true).view(), o.needs);
            return say(once([](N) {
                           return _("born in {}: {} to {} months to retirement ({}–{}), needs {}");
                       }),
                       o.first, o.count, o.last, vn(o.date, true).view(), vn(o.until, true).view(),
                       o.needs);
        case Reason::BirthYearOnly:
            return say(once([](N) {
                           return _("only the year of birth ({}) is known: {} to {} months to "
                                    "retirement, needs {}");
                       }),
                       o.first, o.count, o.last, o.needs);
    }
}

std::string describe(const Outcome& o) {
    std::string out;
    describe_to(out, o);
    return out;
}

// ---- JSON ------------------------------------------------------------------------------

namespace {

// True when `s` holds a byte JSON must escape: a control character, '"' or
// '\'. Eight bytes at a time: most names need no escape.
bool needs_escape(std::string_view s) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    // Bytes below 0x20 (only where the high bit is clear), '"', '\\'.
    auto special = [&](const char* p) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        return ((x - 0x2020202020202020ull) & ~x & highs) | has_zero(x ^ (ones * '"')) |
               has_zero(x ^ (ones * '\\'));
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

void append_int(std::string& out, long v) {
    char b[24];
    out.append(b, std::to_chars(b, b + sizeof b, v).ptr);
}

void append_digits(std::string& out, int v, int width) {
    char b[8];
    for (int i = width - 1; i >= 0; --i, v /= 10) b[i] = static_cast<char>('0' + v % 10);
    out.append(b, static_cast<std::size_t>(width));
}

// A member of the object: `,\n<indent>"key": `.
// Put together on the stack and appended once: seven million results write
// thirty million keys.
void key(std::string& out, std::string_view indent, std::string_view k) {
    char b[96];
    if (indent.size() + k.size() > sizeof b - 6) {
        out.append(",\n").append(indent).append("\"").append(k).append("\": ");
        return;
    }
    char* p = b;
    *p++ = ',';
    *p++ = '\n';
    p = std::copy(indent.begin(), indent.end(), p);
    *p++ = '"';
    p = std::copy(k.begin(), k.end(), p);
    *p++ = '"';
    *p++ = ':';
    *p++ = ' ';
    out.append(b, static_cast<std::size_t>(p - b));
}

void date_value(std::string& out, const text::Date& d, bool month_only = false) {
    out += '"';
    append_digits(out, d.year, 4);
    out += '-';
    append_digits(out, d.month, 2);
    if (!month_only) {
        out += '-';
        append_digits(out, d.day, 2);
    }
    out += '"';
}

void code_value(std::string& out, std::string_view c) {
    out += '"';
    out += c;
    out += '"';
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    if (!needs_escape(s)) {
        out.append(s);
        out += '"';
        return;
    }
    for (char ch : s) {
        switch (ch) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20)
                    fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<int>(ch));
                else
                    out += ch;
        }
    }
    out += '"';
}

void append_reason_json(std::string& out, const Outcome& o, std::string_view in) {
    key(out, in, "reason");
    code_value(out, code(o.reason));
    auto number = [&](std::string_view k, long v) {
        key(out, in, k);
        append_int(out, v);
    };
    auto boolean = [&](std::string_view k, bool v) {
        key(out, in, k);
        out += v ? "true" : "false";
    };
    auto date = [&](std::string_view k, const text::Date& d) {
        key(out, in, k);
        date_value(out, d);
    };
    auto text = [&](std::string_view k, std::string_view v) {
        key(out, in, k);
        append_json_string(out, v);
    };
    auto code_of = [&](std::string_view k, std::string_view c) {
        key(out, in, k);
        code_value(out, c);
    };
    switch (o.reason) {
        case Reason::Retired:
        case Reason::ToRetirement:
            if (o.reason == Reason::ToRetirement) number("months", o.count);
            key(out, in, "retires");
            date_value(out, o.date, true);
            number("needs", o.needs);
            boolean("incumbent", o.incumbent);
            break;
        case Reason::JoinedAfter:
            date("joined", o.date);
            break;
        case Reason::PartyYears:
            number("years", o.count);
            date("joined", o.date);
            number("needs", o.needs);
            break;
        case Reason::OfficialLater:
        case Reason::Official:
            date("official", o.date);
            break;
        case Reason::DegreeOk:
            code_of("degree", registry::code(degree(o.value)));
            break;
        case Reason::DegreeLow:
            code_of("degree", registry::code(degree(o.value)));
            code_of("needs", registry::code(degree(o.needs)));
            break;
        case Reason::TheoryOk:
            code_of("theory", registry::code(theory(o.value)));
            break;
        case Reason::TheoryLow:
            code_of("theory", registry::code(theory(o.value)));
            code_of("needs", registry::code(theory(o.needs)));
            break;
        case Reason::GradesLow: {
            // [{"year": 2023, "grade": "hoan-thanh"}], laid out as nlohmann does.
            key(out, in, "grades");
            const std::string i1 = std::string(in) + "  ", i2 = i1 + "  ";
            out += "[\n";
            for (std::size_t k = 0; k < o.grades.size(); ++k) {
                out += i1;
                out += "{\n";
                out += i2;
                out += "\"year\": ";
                append_int(out, o.grades[k].year);
                out += ",\n";
                out += i2;
                out += "\"grade\": ";
                code_value(out, registry::code(o.grades[k].grade));
                out += '\n';
                out += i1;
                out += k + 1 < o.grades.size() ? "},\n" : "}\n";
            }
            out += in;
            out += ']';
            code_of("needs", registry::code(grade(o.needs)));
            break;
        }
        case Reason::NoGrade:
            key(out, in, "years");
            out += "[\n";
            for (std::size_t k = 0; k < o.grades.size(); ++k) {
                out += in;
                out += "  ";
                append_int(out, o.grades[k].year);
                out += k + 1 < o.grades.size() ? ",\n" : "\n";
            }
            out += in;
            out += ']';
            break;
        case Reason::GradesOk:
            number("first", o.first);
            number("last", o.last);
            code_of("needs", registry::code(grade(o.needs)));
            break;
        case Reason::DisciplineWithin:
            text("form", o.text);
            date("date", o.date);
            number("years", o.count);
            break;
        case Reason::DisciplineInEffect:
            text("form", o.text);
            date("date", o.date);
            date("until", o.until);
            break;
        case Reason::NoDiscipline:
            number("years", o.count);
            break;
        case Reason::NoFlag:
            text("flag", o.text);
            break;
        case Reason::Flag:
            text("flag", o.text);
            boolean("value", o.value != 0);
            break;
        case Reason::ToRetirementYear:
        case Reason::BirthYearOnly:
            number("birth_year", o.first);
            key(out, in, "retires_from");
            date_value(out, o.date, true);
            key(out, in, "retires_to");
            date_value(out, o.until, true);
            number("months_from", o.count);
            number("months_to", o.last);
            number("needs", o.needs);
            boolean("incumbent", o.incumbent);
            break;
        case Reason::NoBirthDate:
        case Reason::NoJoinDate:
        case Reason::Probationary:
        case Reason::NoDegree:
        case Reason::NoTheory:
            break;
    }
}

}  // namespace daihoi::standards
