// Delegate cards (thẻ đại biểu): as .pdf the cards themselves (core/paper/
// cards.hpp), one for each delegate convened whose credentials were not
// refused, numbered as the list of delegates numbers them (by unit, then
// Vietnamese name order); as .xlsx, CSV or JSON the list of the cards.
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/error.hpp"
#include "core/paper/cards.hpp"
#include "core/registry/congress.hpp"
#include "core/report/cells.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

#include <map>

namespace daihoi::report {

namespace {

namespace dl = delegates;
using detail::column;

struct Entry {
    std::int64_t number = 0;
    const dl::Delegate* delegate = nullptr;
    std::string unit_name;
};

// The delegates who get a card, each with the number the list gives them.
std::vector<Entry> entries(const std::vector<dl::Delegate>& list, SQLite::Database& db) {
    std::map<std::string, std::string> unit_names;
    for (const auto& u : dl::list_units(db)) unit_names[u.code] = u.name;
    std::vector<Entry> out;
    std::int64_t n = 0;
    for (const auto& d : list) {
        ++n;
        if (d.status == dl::Status::Disqualified) continue;
        auto u = unit_names.find(d.unit);
        out.push_back({n, &d, u == unit_names.end() ? d.unit : u->second});
    }
    return out;
}

paper::CardSize size_of(const Context& ctx) {
    const std::string s = ctx.param("size").value_or("a6");
    if (s == "a6") return paper::CardSize::A6;
    if (s == "card") return paper::CardSize::Id1;
    throw UsageError(_f("--size {}: the card is a6 (four a sheet) or card (a credit card's size, ten a sheet)", s));
}

std::string kind_line(const Labels& l, dl::Kind k) {
    return l.text(k == dl::Kind::Reserve  ? "cards.reserve"
                  : k == dl::Kind::Member ? "cards.member"
                                          : "cards.official");
}

Report build(const Context& ctx) {
    size_of(ctx);  // a bad --size is refused whatever the format
    const Labels& l = ctx.labels;
    const auto list = dl::list_delegates(ctx.db);
    Report r = start_report(ctx, "cards");
    r.sheet_name = l.text("cards.sheet");
    r.title = l.text("cards.list_title");
    if (auto c = registry::load_congress(ctx.db); c && !c->name.empty()) r.subtitle.push_back(c->name);
    Table t;
    t.key = "cards";
    t.numbered = false;  // the card's number is a column
    const char* s = "cards";
    t.columns = {column(l, s, "number", ColumnType::Int, 8), column(l, s, "code", ColumnType::Text, 12),
                 column(l, s, "full_name", ColumnType::Text, 26), column(l, s, "unit_name", ColumnType::Text, 36),
                 column(l, s, "kind", ColumnType::Text, 14, "delegate_kind")};
    std::vector<Row> rows;
    for (const auto& e : entries(list, ctx.db))
        rows.push_back(Row{{e.number, e.delegate->code, e.delegate->member.full_name, e.unit_name,
                            std::string(dl::code(e.delegate->kind))},
                           {}});
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(t));
    return r;
}

std::size_t write_cards(const Context& ctx, const std::filesystem::path& file) {
    const Labels& l = ctx.labels;
    const paper::CardSize size = size_of(ctx);
    const auto list = dl::list_delegates(ctx.db);
    paper::CardSheet sheet;
    sheet.party = l.text("common.party");
    sheet.title = l.text("cards.title");
    if (auto c = registry::load_congress(ctx.db)) sheet.congress = upper_vi(c->name);
    for (const auto& e : entries(list, ctx.db))
        sheet.cards.push_back({e.delegate->code, e.delegate->member.full_name, e.unit_name,
                               kind_line(l, e.delegate->kind),
                               l.format("cards.number", {{"number", fmt::format("{:03d}", e.number)}})});
    paper::write_cards(sheet, size, file);
    return sheet.cards.size();
}

}  // namespace

ReportKind cards_kind() {
    return ReportKind{
        "cards",
        N_("the delegate cards, with a QR code of each delegate's code for check-in at the door (.pdf)"),
        {Param{"size", N_("a6 (four a sheet, the default) or card (a credit card's size, ten a sheet)"), false, false,
               false, "SIZE"}},
        [](SQLite::Database&) { return std::vector<Instance>{}; },  // written on demand
        build,
        false,
        write_cards,
    };
}

}  // namespace daihoi::report
