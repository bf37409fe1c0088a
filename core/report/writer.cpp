// Choosing the format, writing atomically, and the CSV and JSON writers.
#include "core/report/writer.hpp"

#include "core/base/atomic_file.hpp"
#include "core/base/i18n.hpp"
#include "core/base/json_stream.hpp"
#include "core/base/progress.hpp"
#include "core/error.hpp"
#include "core/report/pipeline.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>
#include <minizip/unzip.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <algorithm>
#include <memory>

namespace daihoi::report {

namespace fs = std::filesystem;

Format format_of(const fs::path& file) {
    std::string ext = file.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".xlsx") return Format::Xlsx;
    if (ext == ".csv") return Format::Csv;
    if (ext == ".json") return Format::Json;
    if (ext == ".pdf") return Format::Pdf;
    if (ext == ".html") return Format::Html;
    throw UsageError(_f("cannot tell the format of '{}': name it .xlsx, .pdf, .csv or .json", file.string()));
}

std::string_view extension(Format f) {
    switch (f) {
        case Format::Xlsx:
            return ".xlsx";
        case Format::Csv:
            return ".csv";
        case Format::Json:
            return ".json";
        case Format::Pdf:
            return ".pdf";
        case Format::Html:
            return ".html";
    }
    return "";
}

std::string_view fit_excel_cell(std::string_view s) {
    constexpr std::size_t kMax = 32767;  // UTF-16 code units
    if (s.size() <= kMax) return s;      // never more units than bytes
    std::size_t units = 0, i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::size_t u = len == 4 ? 2 : 1;
        if (units + u > kMax || i + len > s.size()) break;
        units += u;
        i += len;
    }
    return s.substr(0, i);
}

std::string csv_text_field(std::string_view s) {
    bool formula = text::looks_like_formula(s);
    bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!formula && !quote) return std::string(s);
    std::string out;
    out.reserve(s.size() + 4);
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    if (quote) out += '"';
    return out;
}

namespace {

// Buffered output to a FILE*, failing loudly (a full disk must not pass).
class Out {
  public:
    explicit Out(std::FILE* f) : f_(f) { buf_.reserve(1 << 16); }
    ~Out() { flush_nothrow(); }
    void put(std::string_view s) {
        buf_.append(s);
        if (buf_.size() >= (1 << 16)) flush();
    }
    void put(char c) { buf_.push_back(c); }
    void flush() {
        if (!flush_nothrow() || std::fflush(f_) != 0)
            throw Refused(_f("cannot write the report: {}", std::strerror(errno)));
    }

  private:
    bool flush_nothrow() {
        bool ok = buf_.empty() || std::fwrite(buf_.data(), 1, buf_.size(), f_) == buf_.size();
        buf_.clear();
        return ok;
    }
    std::FILE* f_;
    std::string buf_;
};

void put_int(Out& out, std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.put(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

std::size_t total_expected(const Report& r) {
    std::size_t n = 0;
    for (const auto& t : r.tables) n += t.expected_rows;
    return n;
}

// Streams every table's rows through the producer thread, counting them.
template <class F>
std::size_t each_row(const Table& t, ProgressScope& progress, std::size_t& done, F&& f) {
    std::size_t n = 0;
    pump_rows(t.rows, [&](const Row& row) {
        f(row);
        ++n;
        progress.update(++done);
    });
    return n;
}

std::string progress_label(const Report& r) {
    return _f("writing {}", r.kind);
}

}  // namespace

// One table is written as it is. Several (the minutes, the credentials
// review) go into one file in long form: a first column `table` with the
// table's key, then the union of the tables' columns by key, in the order
// they first appear; a column a table does not have stays empty.
std::size_t write_csv(const Report& r, std::FILE* f, const WriteOptions& opt) {
    const bool several = r.tables.size() != 1;
    std::vector<std::string> keys;
    std::vector<std::vector<std::size_t>> slot(r.tables.size());  // per table, per column: its place in `keys`
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti)
        for (const auto& c : r.tables[ti].columns) {
            auto it = std::find(keys.begin(), keys.end(), c.key);
            slot[ti].push_back(static_cast<std::size_t>(it - keys.begin()));
            if (it == keys.end()) keys.push_back(c.key);
        }
    Out out(f);
    if (several) out.put("table,");
    for (std::size_t c = 0; c < keys.size(); ++c) {
        if (c) out.put(',');
        out.put(csv_text_field(keys[c]));
    }
    out.put('\n');
    ProgressScope progress(opt.progress, progress_label(r), total_expected(r));
    std::size_t done = 0, rows = 0;
    std::vector<const Value*> line(keys.size());
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const Table& t = r.tables[ti];
        const std::string table = several ? csv_text_field(t.key) + "," : std::string();
        rows += each_row(t, progress, done, [&](const Row& row) {
            std::fill(line.begin(), line.end(), nullptr);
            for (std::size_t c = 0; c < row.cells.size() && c < slot[ti].size(); ++c) line[slot[ti][c]] = &row.cells[c];
            out.put(table);
            for (std::size_t c = 0; c < line.size(); ++c) {
                if (c) out.put(',');
                if (!line[c]) continue;
                const Value& v = *line[c];
                if (auto* s = std::get_if<std::string>(&v))
                    out.put(csv_text_field(*s));
                else if (auto* i = std::get_if<std::int64_t>(&v))
                    put_int(out, *i);
                else if (auto* d = std::get_if<double>(&v))
                    out.put(fmt::format("{}", *d));
                else if (auto* dt = std::get_if<text::Date>(&v))
                    out.put(dt->iso());
                else if (auto* b = std::get_if<bool>(&v))
                    out.put(*b ? '1' : '0');
            }
            out.put('\n');
        });
    }
    out.flush();
    return rows;
}

// One table: an array of objects keyed by the columns' keys. Several (the
// minutes, the credentials review): an object of such arrays by table key.
// Laid out by the one JSON writer (json::ArrayStream), streamed row by row.
std::size_t write_json(const Report& r, std::FILE* f, const WriteOptions& opt) {
    ProgressScope progress(opt.progress, progress_label(r), total_expected(r));
    std::size_t done = 0, rows = 0;
    const bool several = r.tables.size() != 1;
    if (several) std::fputs("{\n", f);
    for (std::size_t ti = 0; ti < r.tables.size(); ++ti) {
        const Table& t = r.tables[ti];
        if (several) std::fprintf(f, "  %s: ", nlohmann::json(t.key).dump().c_str());
        json::ArrayStream out(f, several ? 1 : 0);
        nlohmann::ordered_json obj = nlohmann::ordered_json::object();
        rows += each_row(t, progress, done, [&](const Row& row) {
            obj.clear();
            for (std::size_t c = 0; c < row.cells.size() && c < t.columns.size(); ++c) {
                auto& slot = obj[t.columns[c].key];
                const Value& v = row.cells[c];
                if (auto* s = std::get_if<std::string>(&v))
                    slot = *s;
                else if (auto* i = std::get_if<std::int64_t>(&v))
                    slot = *i;
                else if (auto* d = std::get_if<double>(&v))
                    slot = *d;
                else if (auto* dt = std::get_if<text::Date>(&v))
                    slot = dt->iso();
                else if (auto* b = std::get_if<bool>(&v))
                    slot = *b;
                else
                    slot = nullptr;
            }
            out.add(obj);
        });
        out.finish();
        if (several) std::fputs(ti + 1 < r.tables.size() ? ",\n" : "\n", f);
    }
    if (several) std::fputs("}\n", f);
    if (std::fflush(f) != 0) throw Refused(_f("cannot write the report: {}", std::strerror(errno)));
    return rows;
}

namespace {

// libxlsxwriter does not check the writes to its temporary files nor to the
// zip: on a full disk it closes a workbook whose sheets are cut short and says
// all is well. So every XML part is read back: each must end with its closing
// tag (inflating costs a few percent of writing).
bool part_complete(unzFile zip) {
    if (unzOpenCurrentFile(zip) != UNZ_OK) return false;
    std::string buf(1 << 16, '\0'), tail;
    int n;
    while ((n = unzReadCurrentFile(zip, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
        tail.append(buf.data(), static_cast<std::size_t>(n));
        if (tail.size() > 64) tail.erase(0, tail.size() - 64);
    }
    bool crc_ok = unzCloseCurrentFile(zip) == UNZ_OK;
    while (!tail.empty() && std::isspace(static_cast<unsigned char>(tail.back()))) tail.pop_back();
    return n == 0 && crc_ok && !tail.empty() && tail.back() == '>';
}

void check_complete_xlsx(const fs::path& written, const fs::path& target) {
    bool ok = false;
    if (unzFile zip = unzOpen64(written.c_str())) {
        ok = unzGoToFirstFile(zip) == UNZ_OK;
        for (int rc = UNZ_OK; ok && rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
            char name[512];
            if (unzGetCurrentFileInfo64(zip, nullptr, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) ok = false;
            else if (std::string_view(name).ends_with(".xml") && !part_complete(zip)) ok = false;
        }
        unzClose(zip);
    }
    if (!ok) throw Refused(_f("cannot write {}: the file was cut short (is the disk full?)", target.string()));
}

}  // namespace

void require_folder_of(const fs::path& file) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(dir)) throw Refused(_f("cannot write {}: no folder {}", file.string(), dir.string()));
}

std::size_t write_report(const Report& r, const fs::path& file, const WriteOptions& opt) {
    Format format = format_of(file);
    require_folder_of(file);
    AtomicFile out(file);
    std::size_t rows = 0;
    if (format == Format::Xlsx) {
        rows = write_xlsx(r, out.temp_path(), opt);
        check_complete_xlsx(out.temp_path(), file);
    } else if (format == Format::Pdf)
        rows = write_pdf(r, out.temp_path(), opt);
    else if (format == Format::Html)
        throw UsageError(_f("report {} is not written as .html (only the slides); write .xlsx", r.kind));
    else
        rows = format == Format::Csv ? write_csv(r, out.stream(), opt) : write_json(r, out.stream(), opt);
    out.commit();
    return rows;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    return out;
}

}  // namespace daihoi::report
