// The registry of report kinds (SPEC §8): each kind is data — its name, its
// summary, its parameters, which instances `report all` writes — plus one
// function that builds the Report. The daihoi-report tool derives its
// commands from this list; adding a report is adding an entry in kinds.cpp.
#pragma once

#include "core/report/report.hpp"
#include "core/report/templates.hpp"
#include "core/report/writer.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::report {

// One parameter of a kind: an option (--unit U), a flag (--elected), or a
// positional (ID). A flag's value is "1" when given. A positional with
// `many` takes every remaining word (CODE…); its value is the words joined
// by '\n' (see split_many) and it may be absent.
struct Param {
    std::string name;         // "unit"; positionals in capitals: "ID"
    const char* help = "";    // N_("…"): translated when shown
    bool positional = false;  // positionals are required (unless `many`)
    bool flag = false;
    bool many = false;
    const char* metavar = "";  // an option's value in --help and the man page: "UNIT", "DATE"
};

// The words of a `many` parameter.
std::vector<std::string> split_many(const std::string& value);

using Params = std::map<std::string, std::string>;  // given parameters only

struct Context {
    SQLite::Database& db;
    const Labels& labels;
    const Params& params;
    text::Date today;  // printed in the heading
    // The file's format: .xlsx carries words for people, CSV and JSON codes
    // for scripts (a report may build its columns for each).
    Format format = Format::Xlsx;
    // A paper for people (.xlsx, .pdf: words, names, subtotals) rather than
    // data for scripts (CSV, JSON: codes, one flat table).
    bool printed() const { return format == Format::Xlsx || format == Format::Pdf; }

    std::optional<std::string> param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::nullopt : std::optional(it->second);
    }
};

// One file `report all` writes: its name without extension, and its parameters.
struct Instance {
    std::string stem;  // "members", later "results-bch"
    Params params;
};

struct ReportKind {
    std::string name;     // "members"
    const char* summary;  // N_("…"): one line for --help, translated when shown
    std::vector<Param> params;
    // What `all` writes for this kind: nothing when the workspace has no data for it.
    std::function<std::vector<Instance>(SQLite::Database&)> instances;
    std::function<Report(const Context&)> build;
    // A paper signed as printed (minutes, results, credentials, delegates):
    // it is also written as .pdf, laid out once so the signatures stay with
    // the last lines whatever prints it; other kinds refuse .pdf.
    bool pdf = false;
    // A kind whose .pdf is a paper of its own rather than its Report's
    // tables (the ballot paper, core/paper): writes `file` whole or not at
    // all and returns the rows it printed. Such a .pdf is written on demand,
    // not by `report all`.
    std::function<std::size_t(const Context&, const std::filesystem::path&)> write_pdf;
    // A kind written as .html (the results slides): the same contract; other
    // kinds refuse .html.
    std::function<std::size_t(const Context&, const std::filesystem::path&)> write_html = {};
};

const std::vector<ReportKind>& report_kinds();
// The kind of that name; a usage error for an unknown one, listing the known ones.
const ReportKind& report_kind(const std::string& name);

// The skeleton every report starts from: the heading (organization and place
// of the congress, today's date), the print labels of `labels`, the kind.
Report start_report(const Context& ctx, const std::string& kind);

// "Hà Nội, ngày 22 tháng 11 năm 2026" from the labels' date_line pattern.
std::string place_date_line(const Labels& labels, const std::string& place, const text::Date& d);

struct Written {
    std::string kind;
    std::filesystem::path file;
    std::size_t rows = 0;
};

// Builds one report and writes it to `file` (format from its extension),
// its words from the labels of `lang` ("vi", "en": the language in force at
// the terminal).
Written write_kind(SQLite::Database& db, const ReportKind& kind, const Params& params,
                   const std::string& lang, const std::filesystem::path& file,
                   const WriteOptions& opt = {});

// Every report the workspace has data for, as .xlsx files in `dir` (created
// if missing), and a .pdf beside the .xlsx of each paper that is signed;
// `on_written` hears of each file as it is done.
std::vector<Written> write_all(SQLite::Database& db, const std::filesystem::path& dir,
                               const std::string& lang, const WriteOptions& opt = {},
                               const std::function<void(const Written&)>& on_written = {});

}  // namespace daihoi::report
