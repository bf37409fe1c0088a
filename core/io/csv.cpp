// CSV parsing over a large buffer; a quoted field may span lines, and the
// row reports the line it starts on.
#include "core/io/csv.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/limits.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
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

// Fields are copied a run of bytes at a time, up to the next byte that
// matters (a separator, a line end, a quote), not a byte per call; a row's
// strings are reused for the next row, so a steady file allocates nothing.
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
        row.line = line_;
        if (peek() == EOF) {
            row.cells.clear();
            return false;
        }
        if (line_ > kMaxCsvLines)
            throw InputError(Diagnostic{path_, line_, 0, _f("the file has more than {} lines", kMaxCsvLines)});
        std::size_t n = 0;  // the row's cells so far
        bool any = false;
        // What the row may still hold (io/limits.hpp): a file of one
        // endless line stops here, not when memory runs out.
        std::size_t room = kMaxLineBytes;
        auto too_long = [&] {
            throw InputError(Diagnostic{path_, row.line, 0,
                                        _f("the line is longer than {} KB; no list has lines so long", kMaxLineBytes / 1024)});
        };
        // Appends buf_[pos_, to) to `field` and moves past it.
        auto take = [&](std::string& field, const char* to) {
            std::size_t len = static_cast<std::size_t>(to - (buf_.get() + pos_));
            if (field.size() + len > room) too_long();
            field.append(buf_.get() + pos_, len);
            pos_ += len;
        };
        for (;;) {
            if (n == kMaxColumns)
                throw InputError(Diagnostic{path_, row.line, 0, _f("the line has more than {} fields", kMaxColumns)});
            if (n == row.cells.size()) row.cells.emplace_back();
            std::string& field = row.cells[n++];
            field.clear();
            int c;
            if (peek() == '"') {
                // Quoted field: "" is a quote; ends at a lone quote.
                get();
                std::size_t start_line = line_;
                for (;;) {
                    if (peek() == EOF)
                        throw InputError(Diagnostic{path_, start_line, n, _("quoted field is never closed")});
                    const char* from = buf_.get() + pos_;
                    const char* end = buf_.get() + end_;
                    const auto* quote = static_cast<const char*>(std::memchr(from, '"', static_cast<std::size_t>(end - from)));
                    const char* to = quote ? quote : end;
                    line_ += static_cast<std::size_t>(std::count(from, to, '\n'));
                    take(field, to);
                    if (!quote) continue;  // the buffer ended inside the field
                    get();                 // the quote
                    if (peek() != '"') break;
                    get();
                    if (field.size() == room) too_long();
                    field += '"';
                }
                c = get();
                if (c == '\r' && peek() == '\n') c = get();
                if (c != ',' && c != '\n' && c != EOF)
                    throw InputError(Diagnostic{path_, line_, n, _("text after the closing quote of a field")});
            } else {
                for (;;) {
                    if (peek() == EOF) {
                        c = EOF;
                        break;
                    }
                    const char* to = buf_.get() + pos_;
                    const char* end = buf_.get() + end_;
                    while (to != end && *to != ',' && *to != '\n' && *to != '\r') ++to;
                    take(field, to);
                    if (to == end) continue;  // the buffer ended inside the field
                    c = get();
                    if (c != '\r') break;
                    if (peek() == '\n') {  // CRLF
                        c = get();
                        break;
                    }
                    if (field.size() == room) too_long();
                    field += '\r';  // a lone CR is text
                }
            }
            if (!field.empty()) any = true;
            if (room < field.size() + 1) too_long();
            room -= field.size() + 1;  // and its separator
            if (c == ',') continue;
            if (c == '\n') ++line_;
            break;
        }
        row.cells.resize(n);
        if (any) return true;  // blank lines are skipped
    }
}

}  // namespace daihoi::io
