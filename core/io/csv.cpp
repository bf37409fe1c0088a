// CSV parsing over a large buffer; a quoted field may span lines, and the
// row reports the line it starts on.
#include "core/io/csv.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/limits.hpp"

#include <cerrno>
#include <filesystem>

namespace daihoi::io {

CsvReader::CsvReader(const std::string& path) : TableReader(path) {
    if (path == "-") {
        f_ = stdin;
        path_ = "<stdin>";
    } else {
        // fopen opens a folder; reading it would fail at "line 1".
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) throw InputError(Diagnostic{path, 0, 0, cannot_read(EISDIR)});
        f_ = std::fopen(path.c_str(), "rb");
        owned_ = true;
        if (!f_) throw InputError(Diagnostic{path, 0, 0, cannot_read(errno)});
    }
    // 64 KB a read: as fast as more (a read call per 64 KB is nothing next to
    // parsing it), and, left unzeroed, a reader costs next to nothing to make.
    buf_ = std::make_unique_for_overwrite<char[]>(kBufferSize);
}

CsvReader::~CsvReader() {
    if (owned_ && f_) std::fclose(f_);
}

bool CsvReader::fill() {
    end_ = std::fread(buf_.get(), 1, kBufferSize, f_);
    pos_ = 0;
    if (end_ == 0 && std::ferror(f_))
        throw InputError(Diagnostic{path_, line_, 0, cannot_read(errno)});
    return end_ > 0;
}

int CsvReader::peek() {
    if (pos_ == end_ && !fill()) return EOF;
    return static_cast<unsigned char>(buf_[pos_]);
}

int CsvReader::get() {
    int c = peek();
    if (c != EOF) ++pos_;
    return c;
}

bool CsvReader::next(Row& row) {
    if (first_) {
        first_ = false;
        if (peek() == 0xEF) {  // UTF-8 byte order mark
            get();
            if (get() != 0xBB || get() != 0xBF)
                throw InputError(Diagnostic{path_, 1, 1, _("file starts with a broken byte order mark")});
        }
    }
    for (;;) {
        row.cells.clear();
        row.line = line_;
        if (peek() == EOF) return false;
        if (line_ > kMaxCsvLines)
            throw InputError(Diagnostic{path_, line_, 0, _f("the file has more than {} lines", kMaxCsvLines)});
        std::string field;
        bool any = false;
        // What the row may still hold (io/limits.hpp): a file of one
        // endless line stops here, not when memory runs out.
        std::size_t room = kMaxLineBytes;
        auto too_long = [&] {
            throw InputError(Diagnostic{path_, row.line, 0,
                                        _f("the line is longer than {} KB; no list has lines so long", kMaxLineBytes / 1024)});
        };
        for (;;) {
            if (row.cells.size() == kMaxColumns)
                throw InputError(Diagnostic{path_, row.line, 0, _f("the line has more than {} fields", kMaxColumns)});
            int c = get();
            if (c == '"' && field.empty()) {
                // Quoted field: "" is a quote; ends at a lone quote.
                std::size_t start_line = line_;
                for (;;) {
                    c = get();
                    if (c == EOF)
                        throw InputError(Diagnostic{path_, start_line, row.cells.size() + 1,
                                                    _("quoted field is never closed")});
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            if (field.size() == room) too_long();
                            field += '"';
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') ++line_;
                    if (field.size() == room) too_long();
                    field += static_cast<char>(c);
                }
                c = get();
                if (c == '\r' && peek() == '\n') c = get();
                if (c != ',' && c != '\n' && c != EOF)
                    throw InputError(Diagnostic{path_, line_, row.cells.size() + 1,
                                                _("text after the closing quote of a field")});
            } else {
                while (c != ',' && c != '\n' && c != EOF) {
                    if (c == '\r' && peek() == '\n') {
                        c = get();
                        break;
                    }
                    if (field.size() == room) too_long();
                    field += static_cast<char>(c);
                    c = get();
                }
            }
            if (!field.empty()) any = true;
            if (room < field.size() + 1) too_long();
            room -= field.size() + 1;  // and its separator
            row.cells.push_back(std::move(field));
            field.clear();
            if (c == ',') continue;
            if (c == '\n') ++line_;
            break;
        }
        if (any) return true;  // blank lines are skipped
    }
}

}  // namespace daihoi::io
