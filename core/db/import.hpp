// What every import reports, whatever it reads (members, evaluations,
// discipline, units, delegates, candidates, ballots): one shape for the
// terminal and for scripts (`--json`).
#pragma once

#include "core/text/legacy.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace daihoi::db {

// The encoding of a file's text: detected, or said by the person importing
// it (--encoding): Unicode, or the old Vietnamese 8-bit encodings TCVN3
// (ABC, fonts .VnTime/.VnTimeH) and VNI (fonts VNI-Times …).
// (docs/encodings.md)
using TextEncoding = text::Encoding;

// What a person says about a file to import: the same options on every
// import command (members, evaluations, discipline, units, delegates,
// candidates, ballots).
struct ImportFile {
    std::optional<std::string> sheet;       // .xlsx: the sheet to read (default: the first)
    bool dry_run = false;                   // check everything, write nothing
    std::optional<std::size_t> header_row;  // the header's line, when the guess is wrong (--header-row)
    // Headers named by hand, header text → field (--map 'Họ và tên=full_name,…'):
    // they win over the guess.
    std::vector<std::pair<std::string, std::string>> mapping;
    TextEncoding encoding = TextEncoding::Auto;  // --encoding
};

struct ImportSummary {
    std::string kind;  // "members", "ballots", …: the JSON field "import"
    std::string file;
    bool dry_run = false;  // checked everything, wrote nothing
    std::size_t added = 0, updated = 0, unchanged = 0;
    std::vector<std::string> ignored_columns;  // headers that name no field, kept out

    // How the file was read (shown by every import; in full by a dry run).
    std::size_t header_line = 0;  // the (last) line of the header row(s) found
    struct MappedColumn {
        std::size_t column = 0;  // 1-based column of the file
        std::string header;      // its header text as understood (a two-row header joined: "Ngày sinh / Nam")
        std::string field;       // the field it fills ("birth_date"), or a part of one ("given_name", "birth_male")
    };
    std::vector<MappedColumn> mapping;
    std::string encoding = "unicode";  // "unicode", "tcvn3", "vni": the text as found in the file
    std::vector<std::string> converted_columns;  // headers whose text was converted from a legacy encoding
    std::size_t footer_line = 0;  // the line where a footer ("Tổng cộng", signatures) ended the table; 0: none
    std::string footer;           // its text ("Tổng cộng"); not in the JSON
    // A dry run: the first rows as they would be stored, field → value.
    std::vector<nlohmann::ordered_json> preview;
    // What the import went into, when not the registry: {"election": "bch", "pass": 1}.
    nlohmann::ordered_json context = nlohmann::ordered_json::object();
};

// {"import": kind, "file": …, context…, "dry_run": …, "added": …, "updated": …,
//  "unchanged": …, "ignored_columns": […], "header_line": N, "mapping":
//  [{"column": N, "header": …, "field": …}], "encoding": …, "converted_columns":
//  […], "footer_line": N or null, and on a dry run "preview": [{field: value}]}
nlohmann::ordered_json to_json(const ImportSummary& s);

}  // namespace daihoi::db
