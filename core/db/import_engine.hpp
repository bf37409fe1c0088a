// The one import engine: every file that enters the workspace (members,
// evaluations, discipline, units, delegates, candidates, ballots) is read,
// checked, counted and written here. A kind only says, through its hooks, how
// to parse a row, check it against the workspace and write it.
//
// What the engine does for every kind, alike:
//   - reads the table (.csv or .xlsx), finds its header below any title rows
//     (one row or two, or the line the person names), matches it (English
//     names, Vietnamese aliases, the person's --map) and stops at a footer
//     (io::Table);
//   - refuses a row whose shape does not match the header, validates UTF-8
//     and NFC-normalizes every cell;
//   - parses rows on a second thread while the caller's thread checks and
//     writes them (a bounded queue: memory does not grow with the file,
//     except for the set of keys seen);
//   - reports a repeated key with one wording ("code: 'X' repeats line 2");
//   - lists every bad row (up to a limit, with the total), and then changes
//     nothing: the whole import is one transaction with its audit entry,
//     committed only when every row is good (and never on a dry run);
//   - counts added / updated / unchanged;
//   - turns an exception on either thread into a message naming the file
//     and line, never a bare what(): memory or a string's length exhausted
//     is bad input (exit 3; the limits of io/limits.hpp keep real files far
//     from it), a fault of the workspace (busy, read-only, disk full,
//     damaged) passes as it is, anything else is a bug (exit 70).
#pragma once

#include "core/base/progress.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"
#include "core/error.hpp"
#include "core/io/columns.hpp"
#include "core/io/decoding.hpp"
#include "core/io/pipeline.hpp"
#include "core/io/seen_keys.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::db {

class ImportSession;

// What writing a row would do to the workspace.
enum class Change { Added, Updated, Unchanged };

// The cells of one row, one per column of the kind (by index in its
// ColumnSpec list): valid UTF-8, NFC, trimmed, without the apostrophe that
// protects formula-like text in spreadsheets; "" for a column the file lacks.
// A hook may move a cell's text out.
class Cells {
public:
    bool has(std::size_t column) const { return present_[column] != 0; }  // the file has this column
    std::string& operator[](std::size_t column) { return values_[column]; }
    const std::string& operator[](std::size_t column) const { return values_[column]; }
    std::size_t size() const { return values_.size(); }

private:
    friend class ImportSession;
    std::vector<std::string> values_;
    std::vector<char> present_;
};

// The problems of one row, as a kind's hooks find them. A message is
// translated and does not repeat the field: the engine adds the file, the
// line, the field's canonical name and its column.
class RowProblems {
public:
    // A field's value is wrong: shown at its column, "m.csv:3:4: birth_date: …".
    void add(std::string_view field, std::string message);
    // A rule across fields (naming the field it is about), or the row as a
    // whole (no field): shown at the row, "m.csv:3: official_date: …".
    void add_row(std::string message, std::string_view field = {});
    bool empty() const { return count_ == 0; }

private:
    friend class ImportSession;
    RowProblems(const ImportSession& s, DiagnosticList& list, std::size_t line) : s_(&s), list_(&list), line_(line) {}
    const ImportSession* s_;
    DiagnosticList* list_;
    std::size_t line_;
    std::size_t count_ = 0;
    std::vector<std::string_view> unreadable_;  // fields already reported as invalid UTF-8
};

// How one import runs.
struct ImportRun {
    ImportFile file;               // the person's options: sheet, dry run, header, mapping, encoding
    Progress* progress = nullptr;  // counts the rows read; null: none shown
    std::size_t problem_limit = 100;   // problems listed; all are counted
    nlohmann::ordered_json context = nlohmann::ordered_json::object();  // ImportSummary::context
};

// What a kind says about itself, apart from its record type.
struct ImportKindBase {
    std::string kind;            // "members": ImportSummary::kind, the JSON "import"
    std::string progress_label;  // read by people: translated ("importing members")
    std::vector<io::ColumnSpec> columns;
    // Optional, on the caller's thread, before the transaction: sees the
    // columns the header has, for a rule on the header as a whole (ballots:
    // a 'crossed' or a 'kept' column) or what the kind needs to know of it
    // (members: the fields an update keeps). The problem, or "".
    std::function<std::string(const io::ColumnMap&)> header;
    // Optional, on the caller's thread, inside the transaction, before the
    // first row: a phase check, statements, what the rows are checked
    // against; keys already in the workspace that no row may repeat go into
    // `taken` (ballots: the serials entered in this pass).
    std::function<void(io::SeenKeys& taken)> prepare;
    // The field that holds the key, for the messages about keys ("code").
    std::string key_field;
    // The message for a key found in `taken`; the field is `key_field`.
    std::function<std::string(std::string_view key)> taken_message;
    // Optional, on the caller's thread, when every row is good and the
    // import is not a dry run, before the commit (members: the name index).
    std::function<void()> finish;
    // The audit entry's summary (read by people: translated; see
    // counted_summary). Default: "<kind> import <file>: N added, N updated, N unchanged".
    std::function<std::string(const ImportSummary&)> audit;
    std::size_t batch_rows = 2048;  // rows read per batch handed to the writing thread
    std::size_t queue_batches = 8;  // batches parsed ahead of the writer at most
};

template <class Record>
struct ImportKind : ImportKindBase {
    // On the parsing thread (no workspace there): one row's cells into `record`.
    std::function<void(Cells& cells, Record& record, RowProblems& problems)> parse;
    // Optional, on the parsing thread, after parse: the record's key, which
    // must not repeat within the file; "" when the row has none (its key
    // field is bad). The parts of a composite key are separated by '\x1f'
    // (shown as "A1, 2023").
    std::function<std::string(const Record& record)> key;
    // Optional, on the caller's thread: checks a parsed record against the
    // workspace (and may complete it from there) and says what writing it
    // would change. Absent: every row adds.
    std::function<Change(Record& record, RowProblems& problems)> check;
    // On the caller's thread: writes a record that changes the workspace.
    // Never called on a dry run nor once any row is bad.
    std::function<void(const Record& record, Change change)> write;
    // Optional, on the caller's thread, on a dry run: a checked record as it
    // would be stored, field → value (ImportSummary::preview).
    std::function<nlohmann::ordered_json(const Record& record)> preview;
};

// An audit summary from an N_() pattern taking the file, then the numbers
// added, updated and unchanged: N_("members import {}: {} added, {} updated, {} unchanged").
std::function<std::string(const ImportSummary&)> counted_summary(const char* pattern);

// The kind-independent part of one import: reading, problems, keys,
// counting, the transaction. run_import below drives it for a record type.
class ImportSession {
public:
    // Opens the table and reads its header (InputError for a bad file or
    // header), checks the header rule, begins the transaction, prepares.
    ImportSession(Workspace& ws, const std::string& path, const ImportKindBase& kind, const ImportRun& run);
    ~ImportSession();
    ImportSession(const ImportSession&) = delete;
    ImportSession& operator=(const ImportSession&) = delete;

    // ---- the parsing thread ----
    // Reads the next row into cells(); false at the end of the file (or at a
    // malformed part of it, whose problem is listed).
    bool next_row();
    std::size_t line() const { return line_; }
    Cells& cells() { return cells_; }
    RowProblems& row_problems() { return row_; }
    // False when the row's shape is wrong: its cells would only mislead.
    bool parseable() const { return parseable_; }
    // Checks the row's key (may be ""); true when the row is good.
    bool accept(const std::string& key);

    // ---- the writing thread ----
    RowProblems problems_at(std::size_t line) { return RowProblems(*this, checked_, line); }
    // Counts `change` for a row checked with `p`; true when the row is to be
    // written (the row is good, every row so far too, not a dry run, it changes).
    bool count(Change change, const RowProblems& p);
    // True while a dry run wants more good rows for its preview.
    bool wants_preview() const { return run_.file.dry_run && summary_.preview.size() < kPreviewRows; }
    void add_preview(nlohmann::ordered_json row) { summary_.preview.push_back(std::move(row)); }
    static constexpr std::size_t kPreviewRows = 5;

    // Either thread, inside a catch block: rethrows the exception being
    // handled, located at `line` when it is unexpected (see the top).
    [[noreturn]] void rethrow_at(std::size_t line) const;

    // After the last row: throws InputError listing the problems, or rolls
    // back (dry run), or finishes and commits. Returns the summary.
    ImportSummary conclude();

    const std::string& file() const { return file_; }

private:
    friend class RowProblems;
    std::size_t column_of(std::string_view field) const;
    void note_bad() { any_bad_.store(true, std::memory_order_relaxed); }

    // Set before the threads start; read by both.
    const ImportKindBase& kind_;
    const ImportRun& run_;
    Workspace& ws_;
    std::unique_ptr<io::DecodingReader> reader_;  // every cell in Unicode
    io::Table table_;  // the header found, the rows below it
    const io::ColumnMap& columns_;
    std::string file_;  // as the reader names it ("<stdin>" for "-")
    ProgressScope progress_;
    std::optional<Transaction> tx_;
    // The parsing thread's, then the writing thread's, each on cache lines
    // of its own: a line written by one thread and read by the other for
    // every row would bounce between the cores a million times.
    alignas(64) DiagnosticList read_;  // problems found while reading and parsing
    RowProblems row_;                   // the row being read
    Cells cells_;
    io::Row row_in_;
    std::size_t line_ = 0, rows_ = 0;
    bool parseable_ = true;
    io::SeenKeys seen_;
    alignas(64) DiagnosticList checked_;  // problems found against the workspace
    ImportSummary summary_;
    alignas(64) std::atomic<bool> any_bad_ = false;  // a row is bad: nothing more is written
};

// Runs one import of `kind` from `path`; see the top of this file.
template <class Record>
ImportSummary run_import(Workspace& ws, const std::string& path, const ImportKind<Record>& kind,
                         const ImportRun& run = {}) {
    ImportSession s(ws, path, kind, run);
    struct Item {
        std::size_t line;
        Record record;
    };
    // A batch is bounded by the rows read, good or bad, so a hopeless file
    // still shows its progress and stops promptly when writing fails.
    auto produce = [&](std::vector<Item>& batch) {
        for (std::size_t n = 0; n < kind.batch_rows; ++n) {
            if (!s.next_row()) return false;
            try {
                Item item{s.line(), Record{}};
                if (s.parseable()) kind.parse(s.cells(), item.record, s.row_problems());
                if (s.accept(s.parseable() && kind.key ? kind.key(item.record) : std::string()))
                    batch.push_back(std::move(item));
            } catch (...) {
                s.rethrow_at(s.line());
            }
        }
        return true;
    };
    auto consume = [&](std::vector<Item>& batch) {
        for (Item& item : batch) {
            try {
                RowProblems p = s.problems_at(item.line);
                Change change = kind.check ? kind.check(item.record, p) : Change::Added;
                bool good = p.empty();
                if (s.count(change, p)) kind.write(item.record, change);
                if (good && kind.preview && s.wants_preview()) s.add_preview(kind.preview(item.record));
            } catch (...) {
                s.rethrow_at(item.line);
            }
        }
    };
    io::pipelined<Item>(produce, consume, kind.queue_batches);
    return s.conclude();
}

}  // namespace daihoi::db
