// The list of report kinds, the common heading, and writing one or all reports.
#include "core/report/kinds.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/registry/congress.hpp"
#include "core/report/definitions.hpp"
#include "core/report/members.hpp"

#include <fmt/format.h>

namespace daihoi::report {

const std::vector<ReportKind>& report_kinds() {
    // In the order `report all` writes them and --help lists them.
    static const std::vector<ReportKind> kinds = {
        members_kind(), delegates_kind(), apportionment_kind(), credentials_kind(), cards_kind(),
        ballot_kind(),  minutes_kind(),   results_kind(),       slides_kind(),      standards_kind(),
        structure_kind(), votes_kind(),   journal_kind(),
    };
    return kinds;
}

std::vector<std::string> split_many(const std::string& value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < value.size()) {
        std::size_t nl = value.find('\n', start);
        if (nl == std::string::npos) nl = value.size();
        if (nl > start) out.push_back(value.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

const ReportKind& report_kind(const std::string& name) {
    std::vector<std::string> names;
    for (const auto& k : report_kinds()) {
        if (k.name == name) return k;
        names.push_back(k.name);
    }
    throw UsageError(_f("unknown report '{}' (accepted: {})", name, fmt::join(names, ", ")));
}

std::string place_date_line(const Labels& labels, const std::string& place, const text::Date& d) {
    auto months = labels.list("common.month_names");
    if (months.size() != 12)
        throw InputError(Diagnostic{labels.file().string(), 0, 0, _("needs 12 names"), "common.month_names"});
    // Administrative documents write a leading zero for days below 10 and for
    // January and February only (Decree 30/2020/NĐ-CP, appendix I).
    std::string mm = d.month <= 2 ? fmt::format("{:02}", d.month) : std::to_string(d.month);
    return labels.format(place.empty() ? "common.date_line_no_place" : "common.date_line",
                         {{"place", place},
                          {"d", std::to_string(d.day)},
                          {"dd", fmt::format("{:02}", d.day)},
                          {"m", std::to_string(d.month)},
                          {"mm", mm},
                          {"month_name", months[static_cast<std::size_t>(d.month - 1)]},
                          {"yyyy", std::to_string(d.year)}});
}

Report start_report(const Context& ctx, const std::string& kind) {
    Report r;
    r.kind = kind;
    auto congress = registry::load_congress(ctx.db);
    std::string place = congress ? congress->place : "";
    r.heading.organization = congress ? congress->organization : "";
    r.heading.mark = ctx.labels.text("common.organization_mark");
    r.heading.party = ctx.labels.text("common.party");
    // The paper is dated as the congress dates it, not as the printer runs:
    // the congress date when recorded, else today.
    text::Date dated = congress && congress->date.year > 0 ? congress->date : ctx.today;
    r.heading.place_date = place_date_line(ctx.labels, place, dated);
    r.print.number = ctx.labels.text("common.number");
    r.print.page = ctx.labels.text("common.page");
    r.print.date_format = ctx.labels.text("common.date_format");
    r.print.decimal = ctx.labels.text("common.decimal_mark");
    r.print.thousands = ctx.labels.text("common.thousands_mark");
    return r;
}

Written write_kind(SQLite::Database& db, const ReportKind& kind, const Params& params,
                   const std::string& lang, const std::filesystem::path& file,
                   const WriteOptions& opt) {
    const Format format = format_of(file);  // a bad extension is a usage error before any work
    if (format == Format::Pdf && !kind.pdf && !kind.write_pdf) {
        std::vector<std::string> papers;
        for (const auto& k : report_kinds())
            if (k.pdf) papers.push_back(k.name);
        throw UsageError(_f("report {} is not written as .pdf (only the papers that are signed: {}); "
                            "write .xlsx",
                            kind.name, fmt::join(papers, ", ")));
    }
    if (format == Format::Html && !kind.write_html)
        throw UsageError(_f("report {} is not written as .html (only the slides); write .xlsx", kind.name));
    const Labels& labels = Labels::load(lang);
    Context ctx{db, labels, params, text::Date::today(), format};
    if (format == Format::Pdf && kind.write_pdf) return {kind.name, file, kind.write_pdf(ctx, file)};
    if (format == Format::Html) return {kind.name, file, kind.write_html(ctx, file)};
    Report r = kind.build(ctx);
    return {kind.name, file, write_report(r, file, opt)};
}

std::vector<Written> write_all(SQLite::Database& db, const std::filesystem::path& dir,
                               const std::string& lang, const WriteOptions& opt,
                               const std::function<void(const Written&)>& on_written) {
    Labels::load(lang);  // an unknown language fails before the folder is made
    std::error_code ec;
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
        throw Refused(_f("{} exists and is not a folder", dir.string()));
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Refused(_f("cannot create the folder {}: {}", dir.string(), ec.message()));
    std::vector<Written> out;
    for (const auto& kind : report_kinds()) {
        for (const auto& instance : kind.instances(db)) {
            for (Format f : {Format::Xlsx, Format::Pdf}) {
                if (f == Format::Pdf && !kind.pdf) continue;
                auto file = dir / (instance.stem + std::string(extension(f)));
                out.push_back(write_kind(db, kind, instance.params, lang, file, opt));
                if (on_written) on_written(out.back());
            }
        }
    }
    return out;
}

}  // namespace daihoi::report
