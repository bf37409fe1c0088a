// The delegates report: the delegates convened, by unit, with kind, vote,
// status and replacement, and who is present at a session. Cells hold codes
// (CSV and JSON); the printed words come from the labels (.xlsx).
#include "core/base/i18n.hpp"
#include "core/delegates/delegates.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace daihoi::report {

namespace {

namespace dl = delegates;
using detail::column;

constexpr std::size_t kUnit = 4, kUnitName = 5, kFullName = 1;

// The printed list (.xlsx): the unit's name rather than its code, and after
// each unit's delegates a row "Cộng: N đại biểu" — so the row number is a
// column of its own that counts delegates only. CSV and JSON keep one flat
// table of codes for scripts.
void by_unit(const Labels& l, Table& t, std::vector<Row>& rows) {
    Column number;
    number.key = "number";
    number.label = l.text("common.number");
    number.type = ColumnType::Int;
    number.width = 5;
    t.numbered = false;
    t.columns[kUnitName].width += t.columns[kUnit].width;
    t.columns.erase(t.columns.begin() + kUnit);
    t.columns.insert(t.columns.begin(), std::move(number));
    const std::size_t width = t.columns.size();
    const std::size_t name_at = kFullName + 1, unit_at = kUnitName;  // after the erase and the shift

    std::vector<Row> out;
    std::int64_t n = 0, in_unit = 0;
    auto subtotal = [&](const Row& last) {
        Row total;
        total.cells.assign(width, std::monostate{});
        total.cells[name_at] = l.format("delegates.subtotal", {{"count", detail::whole(l, in_unit)}});
        total.cells[unit_at] = last.cells[unit_at];
        total.marks.assign(width, Mark::None);
        total.marks[name_at] = total.marks[unit_at] = Mark::Bold;
        total.aside = true;  // a line of the paper, not a delegate
        out.push_back(std::move(total));
        in_unit = 0;
    };
    std::string unit;
    for (auto& row : rows) {
        std::string code = std::get<std::string>(row.cells[kUnit]);
        if (!out.empty() && code != unit) subtotal(out.back());
        unit = code;
        ++in_unit;
        auto& name = std::get<std::string>(row.cells[kUnitName]);
        if (name.empty()) name = code.empty() ? l.text("delegates.no_unit") : code;  // not in the units list
        row.cells.erase(row.cells.begin() + kUnit);
        row.cells.insert(row.cells.begin(), Value(++n));
        if (!row.marks.empty()) {
            row.marks.erase(row.marks.begin() + kUnit);
            row.marks.insert(row.marks.begin(), Mark::None);
        }
        out.push_back(std::move(row));
    }
    if (!out.empty()) subtotal(out.back());
    rows = std::move(out);
}

Report build(const Context& ctx) {
    const Labels& l = ctx.labels;
    std::string session = ctx.param("session").value_or(dl::kDefaultSession);
    auto list = dl::list_delegates(ctx.db);
    auto present = dl::present_at(ctx.db, session);  // sorted by code
    std::map<std::string, std::string> unit_names;
    for (const auto& u : dl::list_units(ctx.db)) unit_names[u.code] = u.name;

    Report r = start_report(ctx, "delegates");
    r.sheet_name = l.text("delegates.sheet");
    r.title = l.text("delegates.title");
    r.orientation = Orientation::Landscape;
    if (auto c = registry::load_congress(ctx.db); c && !c->name.empty())
        r.subtitle.push_back(l.format("delegates.congress_line", {{"name", c->name}}));
    std::int64_t convened = 0, reserves = 0, seated = 0, here = 0;
    auto is_present = [&](const std::string& code) {
        return std::binary_search(present.begin(), present.end(), code);
    };
    for (const auto& d : list) {
        convened += dl::is_official(d.kind);
        reserves += d.kind == dl::Kind::Reserve;
        if (d.seated()) {
            ++seated;
            here += is_present(d.code);
        }
    }
    r.subtitle.push_back(
        l.format("delegates.count_line",
                 {{"convened", detail::whole(l, convened)}, {"reserves", detail::whole(l, reserves)}}));
    r.subtitle.push_back(l.format("delegates.present_line", {{"seated", detail::whole(l, seated)},
                                                             {"session", session},
                                                             {"present", detail::whole(l, here)}}));

    Table t;
    t.key = "delegates";
    const char* s = "delegates";
    t.columns = {column(l, s, "code", ColumnType::Text, 11),
                 column(l, s, "full_name", ColumnType::Text, 22),
                 column(l, s, "gender", ColumnType::Text, 7, "gender"),
                 column(l, s, "birth_date", ColumnType::Date, 11),
                 column(l, s, "unit", ColumnType::Text, 7),
                 column(l, s, "unit_name", ColumnType::Text, 35),
                 column(l, s, "kind", ColumnType::Text, 11, "delegate_kind"),
                 column(l, s, "voting", ColumnType::Bool, 9, "voting"),
                 column(l, s, "status", ColumnType::Text, 16, "delegate_status"),
                 column(l, s, "seated", ColumnType::Bool, 7, "seated"),
                 column(l, s, "replacement", ColumnType::Text, 20),
                 column(l, s, "reason", ColumnType::Text, 16),
                 column(l, s, "present", ColumnType::Bool, 8, "present")};
    // The replacement column holds the other delegate's code: for a reserve
    // (kind reserve) the delegate whose place it took, for anyone else the
    // reserve who took theirs. Printed, the code reads "Thay đ/c …" / "Được
    // thay bởi đ/c …": the code of a replaced delegate means "replaces them".
    Column& replacement_column = t.columns[10];
    replacement_column.align = Align::Left;  // a sentence, not a short word
    auto& replacement_words = replacement_column.value_labels;
    for (const auto& d : list) {
        std::string name = d.member.full_name.empty() ? d.code : d.member.full_name;
        if (!d.replaced_by.empty()) replacement_words[d.code] = l.format("delegates.replaces", {{"name", name}});
        else if (!d.replaces.empty()) replacement_words[d.code] = l.format("delegates.replaced_by", {{"name", name}});
    }
    std::vector<Row> rows;
    for (const auto& d : list) {
        Row row;
        std::string replacement = !d.replaces.empty() ? d.replaces : d.replaced_by;
        auto unit = unit_names.find(d.unit);
        Value here_cell = d.seated() ? Value(is_present(d.code)) : Value(std::monostate{});
        row.cells = {
            d.code,
            d.member.full_name,
            std::string(registry::code(d.member.gender)),
            detail::birth_cell(d.member.birth_date),
            d.unit,
            unit == unit_names.end() ? std::string() : unit->second,
            std::string(dl::code(d.kind)),
            d.votes(),
            std::string(dl::code(d.status)),
            d.seated(),
            replacement,
            d.reason,
            here_cell};
        if (d.status != dl::Status::Convened) {
            row.marks.assign(t.columns.size(), Mark::None);
            row.marks[8] = Mark::Bold;
        }
        rows.push_back(std::move(row));
    }
    if (ctx.printed()) by_unit(l, t, rows);
    t.expected_rows = rows.size();
    t.rows = detail::rows_of(std::move(rows));
    r.tables.push_back(std::move(t));
    r.closing = detail::signature(l, {"standing_committee", {}});
    return r;
}

std::vector<Instance> instances(SQLite::Database& db) {
    if (dl::list_delegates(db).empty()) return {};
    return {Instance{"delegates", {}}};
}

}  // namespace

ReportKind delegates_kind() {
    return ReportKind{
        "delegates",
        N_("the delegates convened, by unit, with kind, vote, status and attendance"),
        {Param{"session", N_("the session whose attendance is shown (default 1)"), false, {}}},
        instances,
        build,
        true,  // signed as printed: also .pdf
    };
}

}  // namespace daihoi::report
