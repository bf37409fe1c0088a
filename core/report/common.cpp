// What the report definitions share (definitions.hpp).
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"
#include "core/report/cells.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace daihoi::report::detail {

namespace {

// The ordinal of the congress as its name writes it ("… lần thứ XV, nhiệm
// kỳ …" → "XV"); empty when the name does not say.
std::string congress_ordinal(const std::string& name) {
    for (const char* words : {"lần thứ ", "Lần thứ ", "LẦN THỨ "}) {
        auto at = name.find(words);
        if (at == std::string::npos) continue;
        std::size_t start = at + std::string_view(words).size();
        std::size_t end = name.find_first_of(" ,;.()", start);
        return name.substr(start, end == std::string::npos ? end : end - start);
    }
    return {};
}

}  // namespace

std::string congress_line(const Labels& l, const registry::Congress& c) {
    const std::string ordinal = congress_ordinal(c.name);
    const std::string body = l.text(fmt::format("minutes.congress_kind.{}", registry::code(c.kind)));
    return ordinal.empty() ? body : l.format("minutes.congress_ordinal", {{"congress", body}, {"ordinal", ordinal}});
}

Column column(const Labels& l, const std::string& section, const std::string& key, ColumnType type,
              double width, const std::string& values) {
    Column c;
    c.key = key;
    c.label = l.text(fmt::format("{}.columns.{}", section, key));
    c.type = type;
    c.width = width;
    if (!values.empty()) c.value_labels = l.table(fmt::format("values.{}", values));
    return c;
}

Value birth_cell(const registry::BirthDate& b) {
    if (!b.known()) return std::monostate{};
    if (b.is_year_only()) return b.iso();
    return b.earliest();
}

Value percent_cell(const std::string& percent) {
    if (percent.empty()) return std::monostate{};
    double v = 0;
    auto r = std::from_chars(percent.data(), percent.data() + percent.size(), v);
    if (r.ec != std::errc()) return percent;
    return v;
}

RowSource rows_of(std::vector<Row> rows) {
    return [rows = std::move(rows)](const Emit& emit) {
        for (const auto& r : rows) emit(r);
    };
}

election::Election require_election(const Context& ctx, const std::string& param) {
    auto id = ctx.param(param);
    if (!id) throw UsageError(_f("{} is required", param));
    return election::require(ctx.db, *id);
}

election::Tally checked_tally(const Context& ctx) {
    const std::string id = require_election(ctx).id;
    election::Tally t = election::tally(ctx.db, id);
    const auto& e = t.election;
    if (e.phase != election::Phase::Closed && e.phase != election::Phase::Sealed) return t;
    auto differs = [&](const std::string& what) {
        return IntegrityError(_f("election {}: the result stored at close differs from a recount of its ballots "
                                 "({}); run 'daihoi audit verify'",
                                 id, what));
    };
    nlohmann::json stored;
    try {
        stored = nlohmann::json::parse(e.result_json);
    } catch (const nlohmann::json::exception&) {
        throw differs(_("the stored result cannot be read"));
    }
    const auto& r = t.result;
    try {
        const auto& b = stored.at("ballots");
        if (b.at("valid").get<std::int64_t>() != r.valid ||
            b.at("invalid").get<std::int64_t>() != r.invalid)
            throw differs(_("valid and invalid ballots"));
        if (stored.at("base").at("count").get<std::int64_t>() != r.base) throw differs(_("the base"));
        const auto& cs = stored.at("candidates");
        if (cs.size() != r.candidates.size()) throw differs(_("the candidates"));
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const auto& c = r.candidates[i];
            if (cs[i].at("code").get<std::string>() != c.code ||
                cs[i].at("votes").get<std::int64_t>() != c.votes ||
                cs[i].at("status").get<std::string>() != election::code(c.status))
                throw differs(_f("the votes of {}", c.code));
        }
    } catch (const nlohmann::json::exception&) {
        throw differs(_("the stored result is incomplete"));
    }
    return t;
}

text::Date count_date(const Context& ctx, const election::Election& e) {
    if (auto given = ctx.param("date")) return text::parse_date_option("--date", *given);
    if (auto closed = text::local_date_time(e.closed_at)) return closed->date;
    if (auto congress = registry::load_congress(ctx.db); congress && congress->date.year > 0) return congress->date;
    return ctx.today;
}

std::string count_date_line(const Context& ctx, const election::Election& e) {
    auto congress = registry::load_congress(ctx.db);
    return place_date_line(ctx.labels, congress ? congress->place : "", count_date(ctx, e));
}

namespace {
std::string body_word(const Labels& l, const char* section, const std::string& body) {
    auto words = l.table(section);
    if (auto it = words.find(body); it != words.end()) return it->second;
    return l.text(fmt::format("{}.other", section));
}
}  // namespace

std::string seat_noun(const Labels& l, const election::Election& e) {
    return body_word(l, "minutes.seat_noun", e.body);
}
std::string reserve_noun(const Labels& l, const election::Election& e) {
    return body_word(l, "minutes.reserve_noun", e.body);
}

std::string status_words(const Labels& l, election::Phase p) {
    return l.text(fmt::format("values.election_status.{}", election::code(p)));
}

std::string base_words(const Context& ctx, const election::Tally& t) {
    const Labels& l = ctx.labels;
    const auto& e = t.election;
    const std::string base = std::to_string(t.result.base);
    switch (e.base_kind) {
        case election::BaseKind::Valid:
            return l.format("minutes.base.valid", {{"base", base}});
        case election::BaseKind::Fixed:
            return l.format("minutes.base.fixed", {{"base", base}});
        case election::BaseKind::Convened:
            break;
    }
    // Once closed the base is fixed; the delegate list may have changed
    // since, so its breakdown is printed only while it still adds up.
    auto b = delegates::convened_base(ctx.db);
    if (b.count != t.result.base) return l.format("minutes.base.fixed_at_close", {{"base", base}});
    // One plain phrase: the delegates convened, then only what was taken
    // away from them (a clause about nobody is left out).
    auto count = [](std::int64_t v) { return std::to_string(v); };
    std::string official = l.format("minutes.base.official", {{"official", count(b.official_voting)}});
    if (b.replaced > 0) official = l.format("minutes.base.with_replaced", {{"phrase", official}, {"replaced", count(b.replaced)}});
    std::vector<std::string> less;
    if (b.absent_unreplaced > 0) less.push_back(l.format("minutes.base.absent", {{"n", count(b.absent_unreplaced)}}));
    if (b.ex_officio_absent > 0) less.push_back(l.format("minutes.base.ex_officio", {{"n", count(b.ex_officio_absent)}}));
    if (b.disqualified_unreplaced > 0)
        less.push_back(l.format("minutes.base.disqualified", {{"n", count(b.disqualified_unreplaced)}}));
    if (less.empty()) return official;
    std::string list = less.front();
    for (std::size_t i = 1; i < less.size(); ++i)
        list = l.format(i + 1 == less.size() ? "minutes.base.and_last" : "minutes.base.and", {{"a", list}, {"b", less[i]}});
    return l.format("minutes.base.less", {{"base", base}, {"phrase", official}, {"less", list}});
}

namespace {
// The lines of one signer, top to bottom: title lines, role, hint, room, name.
struct SignerLines {
    std::vector<std::string> text;
    std::vector<LineStyle> style;
};

constexpr int kRoomToSign = 3;  // blank lines between the hint and the name

SignerLines signer_lines(const Labels& l, const Signer& s) {
    SignerLines out;
    const std::string section = fmt::format("signature.{}", s.who);
    auto add = [&](std::string t, LineStyle st) {
        out.text.push_back(std::move(t));
        out.style.push_back(st);
    };
    for (auto& t : split_many(l.text(section + ".title"))) add(std::move(t), LineStyle::Bold);
    if (auto role = l.text(section + ".role"); !role.empty()) add(role, LineStyle::Bold);
    if (auto hint = l.text(section + ".hint"); !hint.empty()) add(hint, LineStyle::Italic);
    for (int i = 0; i < kRoomToSign; ++i) add("", LineStyle::Plain);
    add(s.name, LineStyle::Bold);
    return out;
}
}  // namespace

std::vector<Line> signature(const Labels& l, const Signer& right, const Signer* left) {
    SignerLines r = signer_lines(l, right);
    SignerLines lt = left ? signer_lines(l, *left) : SignerLines{};
    // Both sides end on their name line: the shorter side starts lower.
    const std::size_t n = std::max(r.text.size(), lt.text.size());
    auto at = [n](const SignerLines& s, std::size_t i) -> std::pair<std::string, LineStyle> {
        std::size_t pad = n - s.text.size();
        if (i < pad) return {"", LineStyle::Plain};
        return {s.text[i - pad], s.style[i - pad]};
    };
    std::vector<Line> out{Line()};
    for (std::size_t i = 0; i < n; ++i) {
        auto [lt_text, lt_style] = at(lt, i);
        auto [r_text, r_style] = at(r, i);
        out.push_back(Line::two(std::move(lt_text), lt_style, std::move(r_text), r_style));
    }
    // No name known: the room stays, the signer writes the name by hand.
    if (out.back().text.empty() && out.back().right.empty()) out.pop_back();
    return out;
}

std::string decimal(const Labels& l, std::string_view dot_decimal) {
    return localize_number(dot_decimal, l.text("common.decimal_mark"), l.text("common.thousands_mark"));
}

std::string whole(const Labels& l, std::int64_t n) {
    return decimal(l, std::to_string(n));
}

}  // namespace daihoi::report::detail
