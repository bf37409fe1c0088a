// The registry of party members: import (CSV/XLSX, upsert by code, all or
// nothing), queries in Vietnamese name order, single-record changes, and the
// evaluation and discipline records the standards read.
#pragma once

#include "core/base/progress.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/io/columns.hpp"
#include "core/registry/member.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace daihoi::registry {

// ---- reading -------------------------------------------------------------

enum class MemberOrder { Name, Code, Birth };
// name (tên: Vietnamese name order), code (mã), birth (ngày sinh).
const Choices<MemberOrder>& member_orders();

struct MemberQuery {
    std::optional<std::string> unit;
    MemberOrder order = MemberOrder::Name;
};

// Streams members in the asked order, one at a time (constant memory).
void for_each_member(SQLite::Database& db, const MemberQuery& q,
                     const std::function<void(const Member&)>& f);
std::size_t count_members(SQLite::Database& db, const MemberQuery& q);
std::optional<Member> find_member(SQLite::Database& db, const std::string& code);

// The one answer to codes that name nobody in the registry, in every
// command: bad input (exit 3), "no member with code 'X' in the registry",
// one line per code.
[[noreturn]] void throw_unknown_members(const std::vector<std::string>& codes);
std::string unknown_member_message(const std::string& code);
// find_member, or throw_unknown_members({code}).
Member require_member(SQLite::Database& db, const std::string& code);

// For queries that join the registry: the member columns as a SELECT list
// for table alias `alias`, and the Member read from such a row from column `first`.
std::string member_columns_sql(const std::string& alias);
Member read_member(SQLite::Statement& q, int first);

// ---- import ----------------------------------------------------------------

struct ImportOptions {
    db::ImportFile file;           // sheet, dry run, header row, mapping, encoding
    Progress* progress = nullptr;  // null: none shown
};

// Reads `path` (.csv/.xlsx), validates every row, and upserts by code in one
// transaction. Any bad row → InputError listing every bad row; nothing changes.
db::ImportSummary import_members(db::Workspace& ws, const std::string& path, const ImportOptions& opt);

// ---- single records -------------------------------------------------------

// Field names as in the import columns; values as in an import file.
using FieldValues = std::vector<std::pair<std::string, std::string>>;

void add_member(db::Workspace& ws, const FieldValues& fields);
void edit_member(db::Workspace& ws, const std::string& code, const FieldValues& fields);
// Removes the members `codes` name (with their evaluations and discipline
// records) in one transaction, all or nothing: a code that names nobody is
// bad input (exit 3), a member still a delegate or a candidate is refused
// (exit 1); either way every such code is named and nothing is removed. One
// audit entry. Returns the codes removed, in the order given (a code named
// twice once).
std::vector<std::string> remove_members(db::Workspace& ws, const std::vector<std::string>& codes);

// ---- evaluations and discipline -------------------------------------------

struct Evaluation {
    int year;
    Grade grade;
};
struct DisciplineRecord {
    text::Date date;
    std::string form;  // khiển trách, cảnh cáo, cách chức, …
    std::optional<text::Date> until;
};

// code,year,grade — upsert by (code, year).
db::ImportSummary import_evaluations(db::Workspace& ws, const std::string& path, const ImportOptions& opt);
// code,date,form,until — upsert by (code, date, form).
db::ImportSummary import_discipline(db::Workspace& ws, const std::string& path, const ImportOptions& opt);

std::vector<Evaluation> evaluations_of(SQLite::Database& db, const std::string& code);
std::vector<DisciplineRecord> discipline_of(SQLite::Database& db, const std::string& code);

// The member as JSON: the import column names as keys, dates ISO, absent
// optional values null, incumbent a boolean. Used by `list --json` and reports.
nlohmann::ordered_json to_json(const Member& m);

// ---- columns ----------------------------------------------------------------

// The headers a member's code goes by in every list about members (members,
// evaluations, discipline, delegates, candidates): "Mã", "Số thẻ đảng viên", …
const std::vector<std::string>& member_code_aliases();
// The columns of each import: fields, aliases, part columns.
const std::vector<io::ColumnSpec>& member_import_columns();
const std::vector<io::ColumnSpec>& evaluation_columns();
const std::vector<io::ColumnSpec>& discipline_columns();

// The member columns in SPEC order (code, full_name, gender, birth_date, …).
const std::vector<std::string>& member_columns();
// Canonical column for a header (English name or Vietnamese alias, any case,
// with or without diacritics); nullopt when unknown.
std::optional<std::string> member_column(std::string_view header);

}  // namespace daihoi::registry
