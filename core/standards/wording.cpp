// The check's messages: their keys, slots and English text, and the parsing
// of a pattern's {slots} once, when the wording is made.
#include "core/standards/wording.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace daihoi::standards {

namespace {

struct Spec {
    std::string_view key;
    std::vector<std::string_view> slots;  // in the order the evaluator passes them
    std::string_view english;
};

// In the order of Msg.
const std::array<Spec, static_cast<std::size_t>(Msg::Count_)>& specs() {
    static const std::array<Spec, static_cast<std::size_t>(Msg::Count_)> s = {{
        {"no_birth_date", {}, "no birth date"},
        {"retired", {"when", "need", "incumbent"},
         "reached retirement age in {when}, needs {need} months before it{incumbent}"},
        {"to_retirement", {"months", "s", "when", "need", "incumbent"},
         "{months} month{s} to retirement ({when}), needs {need}{incumbent}"},
        {"incumbent", {}, " (incumbent)"},
        {"no_join_date", {}, "no party join date"},
        {"joined_after", {"date"}, "admitted on {date}, after the as-of date"},
        {"party_years", {"years", "s", "date", "min"},
         "{years} full year{s} in the party (admitted {date}), needs {min}"},
        {"probationary", {}, "probationary member (no official date)"},
        {"official_later", {"date"}, "full member only from {date}"},
        {"official", {"date"}, "full member since {date}"},
        {"no_degree", {}, "no degree recorded"},
        {"degree", {"value"}, "degree {value}"},
        {"degree_low", {"value", "min"}, "degree {value}, needs {min}"},
        {"no_theory", {}, "no political theory recorded"},
        {"theory", {"value"}, "theory {value}"},
        {"theory_low", {"value", "min"}, "theory {value}, needs {min}"},
        {"grade_low", {"grades", "min"}, "grade {grades}, needs {min}"},
        {"grade_item", {"grade", "year"}, "{grade} in {year}"},
        {"no_grade", {"years"}, "no grade for {years}"},
        {"grade_ok", {"min", "year"}, "{min} or better in {year}"},
        {"grade_ok_range", {"min", "first", "last"}, "{min} or better in {first}–{last}"},
        {"discipline_within", {"form", "date", "years", "s"},
         "discipline '{form}' on {date}, within {years} year{s}"},
        {"discipline_in_effect", {"form", "date", "until"},
         "discipline '{form}' on {date}, in effect until {until}"},
        {"no_discipline", {"years", "s"}, "no discipline within {years} year{s}"},
        {"no_flag", {"flag"}, "no record of {flag}"},
        {"flag", {"flag", "value"}, "{flag}: {value}"},
        {"yes", {}, "yes"},
        {"no", {}, "no"},
        {"list_separator", {}, ", "},
    }};
    return s;
}

Pattern parse(const Spec& spec, std::string_view text) {
    Pattern p;
    std::string literal;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '{') {
            literal += text[i++];
            continue;
        }
        std::size_t end = text.find('}', i);
        if (end == std::string_view::npos)
            throw std::invalid_argument(fmt::format("{}: '{{' without '}}' in '{}'", spec.key, text));
        std::string_view name = text.substr(i + 1, end - i - 1);
        int slot = -1;
        for (std::size_t k = 0; k < spec.slots.size(); ++k)
            if (spec.slots[k] == name) slot = static_cast<int>(k);
        if (slot < 0)
            throw std::invalid_argument(fmt::format("{}: unknown {{{}}} (it takes: {})", spec.key, name,
                                                    spec.slots.empty() ? "none" : fmt::format("{}", fmt::join(spec.slots, ", "))));
        p.pieces.emplace_back(std::move(literal), slot);
        literal.clear();
        i = end + 1;
    }
    if (!literal.empty() || p.pieces.empty()) p.pieces.emplace_back(std::move(literal), -1);
    return p;
}

}  // namespace

Wording::Wording() {
    for (std::size_t m = 0; m < patterns_.size(); ++m) patterns_[m] = parse(specs()[m], specs()[m].english);
}

void Wording::override_with(const std::unordered_map<std::string, std::string>& table) {
    for (const auto& [key, text] : table) {
        if (key.rfind("values.", 0) == 0) {
            values_[key.substr(7)] = text;
            continue;
        }
        std::size_t m = 0;
        while (m < patterns_.size() && specs()[m].key != key) ++m;
        if (m == patterns_.size()) throw std::invalid_argument(fmt::format("unknown message '{}'", key));
        patterns_[m] = parse(specs()[m], text);
    }
}

std::string_view Wording::value(std::string_view code) const {
    if (values_.empty()) return code;
    auto it = values_.find(std::string(code));
    return it == values_.end() ? code : std::string_view(it->second);
}

const Wording& Wording::english() {
    static const Wording w;
    return w;
}

}  // namespace daihoi::standards
