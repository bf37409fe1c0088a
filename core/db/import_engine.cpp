// The kind-independent half of the import engine: reading and cleaning rows,
// locating problems, repeated keys, counting, the transaction.
#include "core/db/import_engine.hpp"

#include "core/base/i18n.hpp"
#include "core/io/limits.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <new>

namespace daihoi::db {

void RowProblems::add(std::string_view field, std::string message) {
    // A field whose text was unreadable has said so; what a hook makes of
    // its emptiness ("required") would only mislead.
    if (std::find(unreadable_.begin(), unreadable_.end(), field) != unreadable_.end()) return;
    ++count_;
    list_->add(Diagnostic{s_->file_, line_, s_->column_of(field), std::move(message), std::string(field)});
}

void RowProblems::add_row(std::string message, std::string_view field) {
    ++count_;
    list_->add(Diagnostic{s_->file_, line_, 0, std::move(message), std::string(field)});
}

std::function<std::string(const ImportSummary&)> counted_summary(const char* pattern) {
    return [pattern](const ImportSummary& s) { return i18n::format(pattern, s.file, s.added, s.updated, s.unchanged); };
}

ImportSession::ImportSession(Workspace& ws, const std::string& path, const ImportKindBase& kind,
                             const ImportRun& run)
    : kind_(kind),
      run_(run),
      ws_(ws),
      reader_(std::make_unique<io::DecodingReader>(io::open_table(path, run.file.sheet), run.file.encoding)),
      table_(*reader_, kind.columns, {run.file.header_row, run.file.mapping}),
      columns_(table_.columns()),
      file_(reader_->path()),
      progress_(run.progress, kind.progress_label, 0),
      read_(run.problem_limit),
      row_(*this, read_, 0),
      checked_(run.problem_limit) {
    if (kind_.header)
        if (std::string problem = kind_.header(columns_); !problem.empty())
            throw InputError(Diagnostic{file_, columns_.line, 0, problem});
    summary_.kind = kind_.kind;
    summary_.file = path;
    summary_.dry_run = run_.file.dry_run;
    summary_.ignored_columns = columns_.ignored;
    summary_.header_line = columns_.line;
    for (std::size_t c = 0; c < kind_.columns.size(); ++c)
        if (columns_.has(c)) summary_.mapping.push_back({columns_.column(c), columns_.header[c], kind_.columns[c].name});
    std::sort(summary_.mapping.begin(), summary_.mapping.end(),
              [](const auto& a, const auto& b) { return a.column < b.column; });
    summary_.context = run_.context;
    cells_.values_.resize(kind_.columns.size());
    for (std::size_t c = 0; c < kind_.columns.size(); ++c) cells_.present_.push_back(columns_.has(c) ? 1 : 0);
    tx_.emplace(ws_);
    if (kind_.prepare) kind_.prepare(seen_);
}

ImportSession::~ImportSession() = default;

std::size_t ImportSession::column_of(std::string_view field) const {
    for (std::size_t c = 0; c < kind_.columns.size(); ++c)
        if (kind_.columns[c].name == field) return columns_.has(c) ? columns_.column(c) : 0;
    return 0;
}

bool ImportSession::next_row() {
    try {
        if (!table_.next(row_in_)) return false;
    } catch (const InputError& e) {
        // A malformed file (an unclosed quote, a broken sheet) ends the rows;
        // the problems of the rows before it are listed with it.
        for (const auto& d : e.diagnostics()) read_.add(d);
        note_bad();
        return false;
    } catch (...) {
        rethrow_at(line_);  // after the last row read
    }
    line_ = row_in_.line;
    progress_.update(++rows_);
    row_.line_ = line_;
    row_.count_ = 0;
    row_.unreadable_.clear();
    const std::string shape = columns_.shape_problem(row_in_);
    parseable_ = shape.empty();
    if (!parseable_) {
        row_.add_row(shape);
        return true;
    }
    for (std::size_t c = 0; c < kind_.columns.size(); ++c) {
        std::string& out = cells_.values_[c];
        if (!columns_.has(c)) {
            out.clear();
            continue;
        }
        const std::string& raw = columns_.get(row_in_, c);
        // The limit and the text's problems (io/limits.hpp, text::clean_field),
        // checked in the one pass that validates and cleans the text.
        std::string problem;
        if (raw.size() > io::kMaxFieldBytes)
            problem = _f("longer than {} bytes; no field of a list is so long", io::kMaxFieldBytes);
        else if (auto fault = text::clean_field(raw, out))
            problem = fault->message(raw);
        if (!problem.empty()) {
            const std::string& field = kind_.columns[c].name;
            row_.add(field, std::move(problem));
            row_.unreadable_.push_back(field);
            out.clear();
            continue;
        }
        // Our CSV export (and Excel users) protect text like "=…" with a
        // leading apostrophe so no spreadsheet runs it as a formula; it is
        // not part of the value.
        if (out.size() > 1 && out[0] == '\'' && text::looks_like_formula(std::string_view(out).substr(1)))
            out.erase(0, 1);
    }
    return true;
}

bool ImportSession::accept(const std::string& key) {
    // The readers stop far below this (io/limits.hpp); a line SeenKeys
    // cannot record, or would read as "in the workspace", is refused.
    if (!key.empty() && line_ >= io::SeenKeys::kTaken) {
        row_.add_row(_f("line {} is beyond the lines a list can have", line_));
        note_bad();
        return false;
    }
    if (!key.empty())
        if (auto earlier = seen_.insert(key, line_)) {
            std::string shown = key;
            for (std::size_t at = shown.find('\x1f'); at != std::string::npos; at = shown.find('\x1f', at))
                shown.replace(at, 1, ", ");
            if (*earlier == io::SeenKeys::kTaken)
                row_.add(kind_.key_field, kind_.taken_message ? kind_.taken_message(shown)
                                                              : _f("'{}' is already in the workspace", shown));
            else
                row_.add(kind_.key_field, _f("'{}' repeats line {}", shown, *earlier));
        }
    if (row_.empty()) return true;
    note_bad();
    return false;
}

bool ImportSession::count(Change change, const RowProblems& p) {
    if (!p.empty()) {
        note_bad();
        return false;
    }
    switch (change) {
        case Change::Added: ++summary_.added; break;
        case Change::Updated: ++summary_.updated; break;
        case Change::Unchanged: ++summary_.unchanged; return false;
    }
    return !run_.file.dry_run && !any_bad_.load(std::memory_order_relaxed);
}

void ImportSession::rethrow_at(std::size_t line) const {
    auto internal = [&](const char* what) {
        std::string where = line ? fmt::format("{}:{}", file_, line) : file_;
        return Error(Exit::Internal, _f("{}: internal error ({}); this is a bug in daihoi, please report it with the "
                                        "command that was run; nothing was changed",
                                        where, what));
    };
    try {
        throw;
    } catch (InputError& e) {
        // Bad input a hook found through a shared rule: placed at this row.
        std::vector<Diagnostic> ds = e.diagnostics();
        for (auto& d : ds)
            if (d.file.empty()) d.file = file_, d.line = line;
        throw InputError(std::move(ds), e.total());
    } catch (const Error&) {
        throw;  // already says what went wrong (refused, integrity)
    } catch (const std::bad_alloc&) {
        // The limits (io/limits.hpp) keep a file far from this; were one
        // missed, the person still learns where, and that nothing changed.
        throw InputError(Diagnostic{file_, line, 0, _("too large to read: the file needs more memory than this computer has")});
    } catch (const std::length_error&) {
        throw InputError(Diagnostic{file_, line, 0, _("too large to read: a text of the file is longer than daihoi can hold")});
    } catch (const SQLite::Exception& e) {
        // The workspace itself (busy, read-only, disk full, damaged): the
        // terminal says so without a line; anything else is a bug at this row.
        switch (e.getErrorCode() & 0xff) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
            case SQLITE_READONLY:
            case SQLITE_FULL:
            case SQLITE_IOERR:
            case SQLITE_CANTOPEN:
            case SQLITE_CORRUPT:
            case SQLITE_NOTADB: throw;
            default: throw internal(e.what());
        }
    } catch (const std::exception& e) {
        throw internal(e.what());
    } catch (...) {
        throw internal("unknown exception");
    }
}

ImportSummary ImportSession::conclude() {
    progress_.finish();
    summary_.footer_line = table_.footer_line();
    summary_.footer = table_.footer();
    // A file whose text mixes encodings: its rows' problems would only be the garbling.
    reader_->throw_if_refused();
    summary_.encoding = reader_->found();
    summary_.converted_columns = reader_->converted_columns(columns_.line);
    read_.merge(checked_);
    read_.throw_if_any();
    if (run_.file.dry_run) {
        tx_->rollback();
        return summary_;
    }
    if (kind_.finish) kind_.finish();
    tx_->commit(kind_.audit ? kind_.audit(summary_)
                            : _f("{} import {}: {} added, {} updated, {} unchanged", summary_.kind, summary_.file,
                                 summary_.added, summary_.updated, summary_.unchanged));
    return summary_;
}

}  // namespace daihoi::db
