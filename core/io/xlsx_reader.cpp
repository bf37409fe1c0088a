// The streaming .xlsx reader: minizip opens the package and guards every
// part against zip bombs; expat parses the workbook, its relationships,
// styles and shared strings whole, and the sheet in chunks, row by row.
#include "core/io/xlsx_reader.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/limits.hpp"
#include "core/io/table.hpp"
#include "core/text/date.hpp"
#include "core/text/utf8.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <fcntl.h>
#include <minizip/unzip.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <map>
#include <new>
#include <string_view>
#include <vector>

namespace daihoi::io {

namespace {

// Zip bomb limits: no part may declare or inflate beyond 3 GiB (a full
// 1,048,576-row sheet of long text is under that), and a part
// over 50 MB may not be packed more tightly than 100:1 (real sheets are
// about 10:1; a bomb is 1000:1).
constexpr std::uint64_t kMaxPartBytes = 3ull << 30;
constexpr std::uint64_t kRatioCheckedAbove = 50'000'000;
constexpr std::uint64_t kMaxRatio = 100;

constexpr std::size_t kChunk = 256 * 1024;        // bytes fed to expat at a time
constexpr std::size_t kRowsPerBatch = 64;         // rows queued before parsing pauses,
constexpr std::size_t kBytesPerBatch = 16 << 20;  // or this much text
// A row's text is bounded by kMaxLineBytes (io/limits.hpp): a shared string
// used on every cell of every row is refused, not copied.

// `message` is whole: "not a readable .xlsx file: …".
[[noreturn]] void unreadable(const std::string& path, const std::string& message) {
    throw InputError(Diagnostic{path, 0, 0, message});
}

std::string megabytes(std::uint64_t n) {
    return fmt::format("{:.1f} MB", n / 1e6);
}

// Element and attribute names without their namespace prefix ("x:row" → "row").
std::string_view local(const XML_Char* name) {
    const char* colon = std::strchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

const char* attr(const XML_Char** atts, std::string_view name) {
    for (; *atts; atts += 2)
        if (local(atts[0]) == name) return atts[1];
    return nullptr;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <class T>
bool parse_uint(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Spreadsheet text escapes characters XML cannot hold as _xHHHH_ (a CR is
// _x000D_, a literal "_x" is _x005F_x); decodes them in s[from..] in place.
void decode_escapes(std::string& s, std::size_t from) {
    std::size_t i = s.find("_x", from);
    if (i == std::string::npos) return;
    std::string out(s, 0, i);
    while (i < s.size()) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int a = hex_digit(s[i + 2]), b = hex_digit(s[i + 3]), c = hex_digit(s[i + 4]),
                d = hex_digit(s[i + 5]);
            unsigned cp = (a << 12) | (b << 8) | (c << 4) | d;
            if (a >= 0 && b >= 0 && c >= 0 && d >= 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                text::append_utf8(out, cp);
                i += 7;
                continue;
            }
        }
        out += s[i++];
    }
    s = std::move(out);
}

// Number formats -------------------------------------------------------------

bool is_builtin_date_format(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_nocase(std::string_view s, std::size_t i, std::string_view word) {
    if (s.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(s[i + k]) != word[k]) return false;
    return true;
}

// A custom format code shows a date when it has a day, month or year field
// outside quoted text, escapes and [brackets]. "m" after an hour or before a
// second is minutes; an elapsed time ([h]:mm) is a duration, not a date.
bool is_date_format_code(std::string_view f) {
    bool date = false;
    char prev = 0;  // the last date/time field letter seen
    for (std::size_t i = 0; i < f.size(); ++i) {
        char c = lower(f[i]);
        if (c == '"') {
            i = f.find('"', i + 1);
            if (i == std::string_view::npos) break;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            std::size_t close = f.find(']', i);
            if (close == std::string_view::npos) break;
            std::string_view inside = f.substr(i + 1, close - i - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos)
                return false;  // elapsed time
            i = close;
        } else if (starts_with_nocase(f, i, "am/pm")) {
            i += 4;
        } else if (starts_with_nocase(f, i, "a/p")) {
            i += 2;
        } else if (c == 'd' || c == 'y') {
            date = true;
            prev = c;
        } else if (c == 'h' || c == 's') {
            prev = c;
        } else if (c == 'm') {
            std::size_t run = 1;
            while (i + run < f.size() && lower(f[i + run]) == 'm') ++run;
            std::size_t j = i + run;
            while (j < f.size() &&
                   !((lower(f[j]) >= 'a' && lower(f[j]) <= 'z') || f[j] == '"' || f[j] == '['))
                ++j;
            bool minutes = run <= 2 && (prev == 'h' || (j < f.size() && lower(f[j]) == 's'));
            if (!minutes) date = true;
            prev = 'm';
            i += run - 1;
        }
    }
    return date;
}

// Shortest text that reads back as the same double: "12", "0.5", "-3.25";
// plain digits for everyday magnitudes, exponent notation beyond them.
void format_number(double x, std::string& out) {
    char buf[64];
    if (x == 0) x = 0;  // no "-0"
    double ax = std::fabs(x);
    auto r = (ax == 0 || (ax >= 1e-6 && ax < 1e21))
                 ? std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed)
                 : std::to_chars(buf, buf + sizeof buf, x);
    out.assign(buf, r.ptr);
}

// Whole integers that need no reformatting: "0", "-12", "42" (no leading
// zeros, no exponent, exactly representable).
bool is_plain_integer(std::string_view v) {
    std::size_t i = v.size() > 0 && v[0] == '-' ? 1 : 0;
    if (v.size() == i || v.size() - i > 15) return false;
    if (v[i] == '0' && v.size() - i > 1) return false;
    for (; i < v.size(); ++i)
        if (v[i] < '0' || v[i] > '9') return false;
    return v != "-0";
}

// The zip package -------------------------------------------------------------

// One open .xlsx archive; one part at a time is open for reading, and every
// byte inflated is counted against the part's declared size and the limits.
// minizip reads the package through these: pread() into a 64 KB window, so
// that its many small seeks and reads (the central directory is searched
// backwards a kilobyte at a time, every entry's header is read apart) are
// served from memory instead of costing a system call each.
namespace zipio {

constexpr std::size_t kWindow = 64 * 1024;

struct File {
    int fd = -1;
    int error = 0;
    std::uint64_t pos = 0, size = 0;
    std::uint64_t start = 0;  // the window's offset in the file
    std::size_t len = 0;      // bytes held in the window
    std::unique_ptr<char[]> window{new char[kWindow]};
};

voidpf ZCALLBACK open(voidpf, const void* filename, int) {
    int fd = ::open(static_cast<const char*>(filename), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return nullptr;
    }
    auto* f = new File;
    f->fd = fd;
    f->size = static_cast<std::uint64_t>(st.st_size);
    return f;
}

// pread until `n` bytes or the end of the file; false on an error.
bool read_at(File& f, char* out, std::size_t n, std::uint64_t at, std::size_t& got) {
    got = 0;
    while (got < n) {
        ssize_t r = ::pread(f.fd, out + got, n - got, static_cast<off_t>(at + got));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            f.error = errno;
            return false;
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    return true;
}

uLong ZCALLBACK read(voidpf, voidpf stream, void* buf, uLong size) {
    auto& f = *static_cast<File*>(stream);
    char* out = static_cast<char*>(buf);
    std::size_t done = 0;
    while (done < size && f.pos < f.size) {
        if (f.pos >= f.start && f.pos < f.start + f.len) {
            std::size_t take = std::min<std::uint64_t>(size - done, f.start + f.len - f.pos);
            std::memcpy(out + done, f.window.get() + (f.pos - f.start), take);
            done += take;
            f.pos += take;
            continue;
        }
        std::size_t got = 0;
        if (size - done >= kWindow) {  // a large read goes straight to the caller
            if (!read_at(f, out + done, size - done, f.pos, got)) break;
            done += got;
            f.pos += got;
            break;
        }
        f.start = f.pos;
        f.len = 0;
        if (!read_at(f, f.window.get(), kWindow, f.pos, got) || got == 0) break;
        f.len = got;
    }
    return static_cast<uLong>(done);
}

uLong ZCALLBACK write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK tell(voidpf, voidpf stream) { return static_cast<File*>(stream)->pos; }

long ZCALLBACK seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto& f = *static_cast<File*>(stream);
    std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? f.pos : f.size;
    if (offset > std::numeric_limits<std::uint64_t>::max() - base) return -1;
    f.pos = base + offset;
    return 0;
}

int ZCALLBACK close(voidpf, voidpf stream) {
    auto* f = static_cast<File*>(stream);
    int rc = ::close(f->fd);
    delete f;
    return rc;
}

int ZCALLBACK error(voidpf, voidpf stream) { return static_cast<File*>(stream)->error; }

zlib_filefunc64_def functions() {
    zlib_filefunc64_def d{};
    d.zopen64_file = open;
    d.zread_file = read;
    d.zwrite_file = write;
    d.ztell64_file = tell;
    d.zseek64_file = seek;
    d.zclose_file = close;
    d.zerror_file = error;
    d.opaque = nullptr;
    return d;
}

}  // namespace zipio

class Package {
  public:
    explicit Package(const std::string& path) : path_(path) {
        sniff();
        zlib_filefunc64_def io = zipio::functions();
        zip_ = unzOpen2_64(path.c_str(), &io);
        if (!zip_) unreadable(path_, _("not a readable .xlsx file: the zip archive is truncated or corrupt"));
    }
    ~Package() {
        if (open_) unzCloseCurrentFile(zip_);
        unzClose(zip_);
    }
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    const std::string& path() const { return path_; }
    const std::string& part() const { return part_; }

    bool has(const std::string& part) { return unzLocateFile(zip_, part.c_str(), 2) == UNZ_OK; }

    // Opens `part` for reading; false if the archive has no such part.
    bool open(const std::string& part) {
        if (open_) {
            unzCloseCurrentFile(zip_);
            open_ = false;
        }
        part_ = part;
        if (!has(part)) return false;
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
            unreadable(path_, _f("not a readable .xlsx file: cannot read the directory entry of {}", part));
        if (info.flag & 1) unreadable(path_, _f("not a readable .xlsx file: {} is encrypted", part));
        if (info.compression_method != 0 && info.compression_method != Z_DEFLATED)
            unreadable(path_, _f("not a readable .xlsx file: {} uses an unsupported compression method ({})",
                                  part, info.compression_method));
        declared_ = info.uncompressed_size;
        packed_ = info.compressed_size;
        inflated_ = 0;
        if (declared_ > kMaxPartBytes)
            bomb(_f("refusing to inflate {} (looks like a zip bomb: it declares {}, over the 3 GiB limit)", part_,
                    megabytes(declared_)));
        if (declared_ > kRatioCheckedAbove && declared_ > packed_ * kMaxRatio)
            bomb(_f("refusing to inflate {} (looks like a zip bomb: {} packed into {}, over {}:1)", part_,
                    megabytes(declared_), megabytes(packed_), kMaxRatio));
        if (unzOpenCurrentFile(zip_) != UNZ_OK)
            unreadable(path_, _f("not a readable .xlsx file: cannot open {} (corrupt archive)", part));
        open_ = true;
        return true;
    }

    // The open part's length as its directory entry declares it (read()
    // checks it: a lie is refused).
    std::uint64_t declared() const { return declared_; }

    // Up to `n` bytes of the open part; 0 at its end.
    std::size_t read(char* buf, std::size_t n) {
        int got = unzReadCurrentFile(zip_, buf, static_cast<unsigned>(n));
        if (got < 0)
            unreadable(path_, got == Z_DATA_ERROR
                                  ? _f("not a readable .xlsx file: {} is corrupt (bad compressed data)", part_)
                              : got == UNZ_ERRNO
                                  ? _f("not a readable .xlsx file: {} is corrupt (read error, truncated file?)", part_)
                                  : _f("not a readable .xlsx file: {} is corrupt (error {})", part_, got));
        inflated_ += static_cast<std::uint64_t>(got);
        // minizip stops at the declared size, but declared sizes can lie:
        // count what was really inflated and check it again.
        if (inflated_ > declared_)
            bomb(_f("refusing to inflate {} (looks like a zip bomb: it inflates beyond its declared {})", part_,
                    megabytes(declared_)));
        if (inflated_ > kMaxPartBytes) bomb(_f("refusing to inflate {} (looks like a zip bomb: it inflates beyond the 3 GiB limit)", part_));
        if (inflated_ > kRatioCheckedAbove && inflated_ > packed_ * kMaxRatio)
            bomb(_f("refusing to inflate {} (looks like a zip bomb: {} inflated from {}, over {}:1)", part_,
                    megabytes(inflated_), megabytes(packed_), kMaxRatio));
        return static_cast<std::size_t>(got);
    }

    // Closes the part read to its end, checking its length and checksum.
    void close() {
        if (!open_) return;
        open_ = false;
        int rc = unzCloseCurrentFile(zip_);
        if (rc == UNZ_CRCERROR)
            unreadable(path_, _f("not a readable .xlsx file: {} is corrupt (checksum mismatch)", part_));
        if (inflated_ != declared_)
            unreadable(path_, _f("not a readable .xlsx file: {} is corrupt ({} bytes instead of the declared {})",
                                  part_, inflated_, declared_));
    }

  private:
    // Tells the usual wrong files apart before minizip's one-size error.
    void sniff() {
        std::FILE* f = std::fopen(path_.c_str(), "rb");
        if (!f) throw InputError(Diagnostic{path_, 0, 0, cannot_read(errno)});
        unsigned char magic[4] = {};
        std::size_t n = std::fread(magic, 1, sizeof magic, f);
        int err = std::ferror(f) ? errno : 0;
        std::fclose(f);
        if (err) throw InputError(Diagnostic{path_, 0, 0, cannot_read(err)});
        if (n == 0) unreadable(path_, _("not a readable .xlsx file: the file is empty"));
        if (n == 4 && magic[0] == 0xD0 && magic[1] == 0xCF && magic[2] == 0x11 && magic[3] == 0xE0)
            unreadable(path_, _("not a readable .xlsx file: it is an old .xls or a password-protected workbook; "
                                "open it and save it as an unprotected .xlsx"));
        if (n < 4 || magic[0] != 'P' || magic[1] != 'K')
            unreadable(path_, _("not a readable .xlsx file: it is not a zip archive"));
    }

    [[noreturn]] void bomb(const std::string& message) const { throw InputError(Diagnostic{path_, 0, 0, message}); }

    std::string path_;
    unzFile zip_ = nullptr;
    std::string part_;
    bool open_ = false;
    std::uint64_t declared_ = 0, packed_ = 0, inflated_ = 0;
};

// XML over a part ---------------------------------------------------------------

class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    virtual void start(const XML_Char* name, const XML_Char** atts) = 0;
    virtual void end(const XML_Char* name) = 0;
    virtual void text(const XML_Char*, int) {}
};

// Feeds the open part of a package to expat in chunks. A handler may pause
// the parse (to hand out rows) or fail it by throwing; DTDs are refused, so
// no entity is ever expanded (billion laughs, external entities).
class XmlStream {
  public:
    // A small part (the workbook, its relationships, most styles) is read
    // with a buffer its size, not a sheet's.
    XmlStream(Package& pkg, XmlHandler& handler)
        : pkg_(pkg),
          part_(pkg.part()),
          chunk_(static_cast<std::size_t>(std::clamp<std::uint64_t>(pkg.declared() + 1, 4096, kChunk))),
          handler_(handler) {
        parser_ = XML_ParserCreate(nullptr);
        if (!parser_) throw std::bad_alloc();
        XML_SetUserData(parser_, this);
        XML_SetElementHandler(parser_, on_start, on_end);
        XML_SetCharacterDataHandler(parser_, on_text);
        XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
        XML_SetEntityDeclHandler(parser_, on_entity);
        XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
#ifdef XML_DTD
        XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser_, 10.0f);
#endif
    }
    ~XmlStream() {
        XML_ParserFree(parser_);
    }
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Parses one chunk (or resumes a paused parse); false once the part has
    // been read to its end. Throws InputError for a corrupt part or bad XML.
    bool pump() {
        if (failed_) std::rethrow_exception(failed_);
        if (done_) return false;
        try {
            XML_Status st;
            if (suspended_) {
                suspended_ = false;
                st = XML_ResumeParser(parser_);
            } else {
                void* buf = XML_GetBuffer(parser_, static_cast<int>(chunk_));
                if (!buf) throw std::bad_alloc();
                std::size_t n = pkg_.read(static_cast<char*>(buf), chunk_);
                final_ = n == 0;
                st = XML_ParseBuffer(parser_, static_cast<int>(n), final_);
            }
            if (st == XML_STATUS_ERROR) fail();
            if (st == XML_STATUS_SUSPENDED) {
                suspended_ = true;
                return true;
            }
            if (final_) {
                done_ = true;
                pkg_.close();
                return false;
            }
            return true;
        } catch (...) {
            failed_ = std::current_exception();
            throw;
        }
    }

    void parse_all() {
        while (pump()) {
        }
    }

    // From a handler: stop after this event; pump() returns and the next
    // pump() carries on.
    void pause() {
        XML_StopParser(parser_, XML_TRUE);
    }

  private:
    [[noreturn]] void fail() {
        if (handler_error_) std::rethrow_exception(handler_error_);
        if (refusal_) unreadable(pkg_.path(), i18n::format(refusal_, part_));
        unreadable(pkg_.path(), _f("not a readable .xlsx file: malformed XML in {} (line {}, column {}: {})", part_,
                                   XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1,
                                   XML_ErrorString(XML_GetErrorCode(parser_))));
    }

    void abort(std::exception_ptr e) {
        if (!handler_error_) handler_error_ = e;
        XML_StopParser(parser_, XML_FALSE);
    }
    // `message`: an N_() pattern with {} for the part.
    void refuse(const char* message) {
        if (!refusal_) refusal_ = message;
        XML_StopParser(parser_, XML_FALSE);
    }

    static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** atts) {
        auto* s = static_cast<XmlStream*>(self);
        try {
            s->handler_.start(name, atts);
        } catch (...) {
            s->abort(std::current_exception());
        }
    }
    static void XMLCALL on_end(void* self, const XML_Char* name) {
        auto* s = static_cast<XmlStream*>(self);
        try {
            s->handler_.end(name);
        } catch (...) {
            s->abort(std::current_exception());
        }
    }
    static void XMLCALL on_text(void* self, const XML_Char* data, int len) {
        auto* s = static_cast<XmlStream*>(self);
        try {
            s->handler_.text(data, len);
        } catch (...) {
            s->abort(std::current_exception());
        }
    }
    static void XMLCALL on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                   int) {
        static_cast<XmlStream*>(self)->refuse(
            N_("not a readable .xlsx file: {} has a DOCTYPE declaration, which spreadsheet parts never have "
               "(refused: entity expansion can be an attack)"));
    }
    static void XMLCALL on_entity(void* self, const XML_Char*, int, const XML_Char*, int,
                                  const XML_Char*, const XML_Char*, const XML_Char*,
                                  const XML_Char*) {
        static_cast<XmlStream*>(self)->refuse(N_("not a readable .xlsx file: {} declares XML entities (refused)"));
    }

    Package& pkg_;
    std::string part_;
    std::size_t chunk_;
    XmlHandler& handler_;
    XML_Parser parser_ = nullptr;
    bool suspended_ = false, final_ = false, done_ = false;
    std::exception_ptr handler_error_, failed_;
    const char* refusal_ = nullptr;
};

// Parses a whole part; false if the package does not have it.
bool parse_part(Package& pkg, const std::string& part, XmlHandler& handler) {
    if (part.empty() || !pkg.open(part)) return false;
    XmlStream(pkg, handler).parse_all();
    return true;
}

// Package structure -------------------------------------------------------------

struct Relationship {
    std::string id, type, target;  // target resolved to a part name
};

// The part a relationship target names: relative to the folder of the part
// that owns the relationships, or absolute from the package root.
std::string resolve_target(std::string_view base_dir, std::string_view target) {
    std::string raw;
    if (!target.empty() && target[0] == '/')
        raw = target.substr(1);
    else
        raw = std::string(base_dir) + std::string(target);
    std::vector<std::string> segments;
    std::string seg;
    auto flush = [&] {
        if (seg == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segments.push_back(seg);
        }
        seg.clear();
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '/' || c == '\\') {
            flush();
        } else if (c == '%' && i + 2 < raw.size() && hex_digit(raw[i + 1]) >= 0 &&
                   hex_digit(raw[i + 2]) >= 0) {
            seg += static_cast<char>(hex_digit(raw[i + 1]) * 16 + hex_digit(raw[i + 2]));
            i += 2;
        } else {
            seg += c;
        }
    }
    flush();
    std::string out;
    for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
    return out;
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string rels_part_of(const std::string& part) {
    auto slash = part.rfind('/');
    std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
    return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

std::string dir_of(const std::string& part) {
    auto slash = part.rfind('/');
    return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

struct RelsHandler : XmlHandler {
    std::string base_dir;
    std::vector<Relationship> rels;

    explicit RelsHandler(std::string dir) : base_dir(std::move(dir)) {}
    void start(const XML_Char* name, const XML_Char** atts) override {
        if (local(name) != "Relationship") return;
        const char* mode = attr(atts, "TargetMode");
        if (mode && std::string_view(mode) == "External") return;
        const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
                   *target = attr(atts, "Target");
        if (!id || !type || !target) return;
        rels.push_back({id, type, resolve_target(base_dir, target)});
    }
    void end(const XML_Char*) override {}

    std::string find_type(std::string_view suffix) const {
        for (const auto& r : rels)
            if (ends_with(r.type, suffix)) return r.target;
        return {};
    }
};

struct WorkbookHandler : XmlHandler {
    struct Sheet {
        std::string name, rel_id;
    };
    std::vector<Sheet> sheets;
    bool date1904 = false;

    void start(const XML_Char* name, const XML_Char** atts) override {
        auto n = local(name);
        if (n == "sheet") {
            const char *sheet = attr(atts, "name"), *id = attr(atts, "id");
            if (sheet) sheets.push_back({sheet, id ? id : ""});
        } else if (n == "workbookPr") {
            const char* v = attr(atts, "date1904");
            date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
        }
    }
    void end(const XML_Char*) override {}
};

struct StylesHandler : XmlHandler {
    std::map<int, std::string> custom;  // numFmtId → formatCode
    std::vector<int> xf_format;         // cellXfs: style index → numFmtId
    std::vector<std::size_t> xf_font;   // cellXfs: style index → fontId
    std::vector<FontHint> fonts;        // <fonts>: fontId → what its name says
    bool in_cell_xfs = false, in_fonts = false, in_font = false;

    void start(const XML_Char* name, const XML_Char** atts) override {
        auto n = local(name);
        if (n == "numFmt") {
            const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
            int v = 0;
            if (id && code && parse_uint(id, v)) custom[v] = code;
        } else if (n == "cellXfs") {
            in_cell_xfs = true;
        } else if (n == "xf" && in_cell_xfs) {
            const char* id = attr(atts, "numFmtId");
            int v = 0;
            xf_format.push_back(id && parse_uint(id, v) ? v : 0);
            const char* font = attr(atts, "fontId");
            std::size_t f = 0;
            xf_font.push_back(font && parse_uint(std::string_view(font), f) ? f : 0);
        } else if (n == "fonts") {
            in_fonts = true;
        } else if (n == "font" && in_fonts) {
            in_font = true;
            fonts.push_back(FontHint::Unknown);
        } else if (n == "name" && in_font) {
            if (const char* v = attr(atts, "val")) fonts.back() = font_hint(v);
        }
    }
    void end(const XML_Char* name) override {
        auto n = local(name);
        if (n == "cellXfs") in_cell_xfs = false;
        if (n == "fonts") in_fonts = false;
        if (n == "font") in_font = false;
    }

    // Per cellXfs index: what its font says of the text.
    std::vector<FontHint> font_styles() const {
        std::vector<FontHint> out;
        out.reserve(xf_font.size());
        for (std::size_t f : xf_font) out.push_back(f < fonts.size() ? fonts[f] : FontHint::Unknown);
        return out;
    }

    std::vector<char> date_styles() const {
        std::vector<char> out;
        out.reserve(xf_format.size());
        for (int id : xf_format) {
            auto it = custom.find(id);
            out.push_back(it != custom.end() ? is_date_format_code(it->second)
                                             : is_builtin_date_format(id));
        }
        return out;
    }
};

// The shared strings, all in one buffer: string i is
// pool[offsets[i] .. offsets[i + 1]).
struct SharedStringsHandler : XmlHandler {
    std::string& pool;
    std::vector<std::uint32_t>& offsets;
    // Per string: the font of its first rich-text run that names one
    // (<r><rPr><rFont val=".VnTime"/>); Unknown: the cell's style decides.
    std::vector<FontHint>& run_fonts;
    const std::string& path;  // the file, for the messages
    bool in_si = false, in_t = false, in_rpr = false;
    int phonetic = 0;  // inside <rPh>: ruby text, not part of the string

    SharedStringsHandler(std::string& p, std::vector<std::uint32_t>& o, std::vector<FontHint>& f,
                         const std::string& file)
        : pool(p), offsets(o), run_fonts(f), path(file) {
        offsets.assign(1, 0);
        run_fonts.clear();
    }
    void start(const XML_Char* name, const XML_Char** atts) override {
        auto n = local(name);
        if (n == "si") {
            if (run_fonts.size() == kMaxSharedStrings)
                throw InputError(Diagnostic{path, 0, 0, _f("the workbook has more than {} shared strings; no list has so many",
                                                           kMaxSharedStrings)});
            in_si = true;
            phonetic = 0;
            run_fonts.push_back(FontHint::Unknown);
        } else if (n == "t") {
            in_t = in_si;
        } else if (n == "rPh") {
            ++phonetic;
        } else if (n == "rPr") {
            in_rpr = in_si && phonetic == 0;
        } else if (n == "rFont" && in_rpr && run_fonts.back() == FontHint::Unknown) {
            if (const char* v = attr(atts, "val")) run_fonts.back() = font_hint(v);
        }
    }
    void end(const XML_Char* name) override {
        auto n = local(name);
        if (n == "t") {
            in_t = false;
        } else if (n == "rPr") {
            in_rpr = false;
        } else if (n == "rPh") {
            --phonetic;
        } else if (n == "si") {
            in_si = false;
            decode_escapes(pool, offsets.back());
            offsets.push_back(static_cast<std::uint32_t>(pool.size()));
        }
    }
    void text(const XML_Char* s, int len) override {
        if (!in_t || phonetic != 0) return;
        // Limits (io/limits.hpp) checked before the text is kept: a 40 MB
        // string is refused as it is read, never stored nor copied.
        auto n = static_cast<std::size_t>(len);
        if (pool.size() - offsets.back() + n > kMaxSharedStringBytes)
            throw InputError(Diagnostic{path, 0, 0, _f("shared string {} is longer than {} KB; no cell holds so much text",
                                                       offsets.size() - 1, kMaxSharedStringBytes / 1024)});
        if (pool.size() + n > kMaxSharedStringsBytes)
            throw InputError(Diagnostic{path, 0, 0, _f("the shared strings hold over {} MB of text; no list holds so much",
                                                       kMaxSharedStringsBytes >> 20)});
        pool.append(s, n);
    }
};

}  // namespace

// The reader ----------------------------------------------------------------------

struct XlsxReader::Impl : XmlHandler {
    enum class Type { Number, Shared, Inline, Str, Bool, Error, IsoDate };

    std::string path;
    Package pkg;
    std::string sheet_part;
    std::string sheet_name;

    std::string strings;                   // shared strings pool
    std::vector<std::uint32_t> string_at;  // offsets into `strings`
    std::vector<FontHint> string_font;     // per shared string: its rich text's font
    std::vector<char> date_style;          // per cellXfs index: a date format?
    std::vector<FontHint> font_style;      // per cellXfs index: what its font says
    bool date1904 = false;

    std::unique_ptr<XmlStream> stream;
    bool more = true;
    std::exception_ptr failed;

    // Rows parsed and not yet handed out: slots[head..tail). Slots are
    // swapped with the caller's row, so their strings' buffers are reused.
    std::vector<Row> slots;
    std::size_t head = 0, tail = 0, queued_bytes = 0;

    // Parse state of the sheet.
    bool in_data = false, in_row = false, in_cell = false, in_is = false, capture = false;
    int phonetic = 0;
    std::size_t row_number = 0, last_row = 0, ncells = 0, row_bytes = 0;
    std::size_t col = 0, next_col = 0, style = 0;
    Type type = Type::Number;
    std::string value;  // text of the current cell's <v> or inline string
    FontHint inline_font = FontHint::Unknown;  // the current inline string's run font

    Impl(const std::string& file, const std::optional<std::string>& sheet) : path(file), pkg(file) {
        // _rels/.rels names the workbook part; it is xl/workbook.xml in practice.
        RelsHandler root("");
        parse_part(pkg, "_rels/.rels", root);
        std::string workbook = root.find_type("/officeDocument");
        if (workbook.empty() || !pkg.has(workbook)) workbook = "xl/workbook.xml";

        WorkbookHandler wb;
        if (!parse_part(pkg, workbook, wb))
            unreadable(path, _("not a readable .xlsx file: the archive has no workbook (xl/workbook.xml)"));
        if (wb.sheets.empty()) unreadable(path, _("not a readable .xlsx file: the workbook has no sheets"));
        date1904 = wb.date1904;

        RelsHandler rels(dir_of(workbook));
        if (!parse_part(pkg, rels_part_of(workbook), rels))
            unreadable(path, _f("not a readable .xlsx file: {} is missing", rels_part_of(workbook)));

        const WorkbookHandler::Sheet* chosen = &wb.sheets.front();
        if (sheet) {
            chosen = nullptr;
            // Names typed on another machine may arrive decomposed (NFD).
            std::string wanted = text::invalid_utf8_at(*sheet) ? *sheet : text::to_nfc(*sheet);
            for (const auto& s : wb.sheets)
                if (!chosen && (s.name == *sheet || text::to_nfc(s.name) == wanted)) chosen = &s;
            if (!chosen) {
                std::string names;
                for (const auto& s : wb.sheets)
                    names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.name);
                throw InputError(Diagnostic{path, 0, 0, _f("no sheet named \"{}\" (the sheets are: {})", *sheet, names)});
            }
        }
        sheet_name = chosen->name;
        for (const auto& r : rels.rels)
            if (r.id == chosen->rel_id) sheet_part = r.target;
        if (sheet_part.empty())
            unreadable(path, _f("not a readable .xlsx file: the workbook does not say where sheet \"{}\" is",
                                chosen->name));

        std::string styles_part = rels.find_type("/styles");
        StylesHandler styles;
        if (parse_part(pkg, styles_part.empty() ? "xl/styles.xml" : styles_part, styles)) {
            date_style = styles.date_styles();
            font_style = styles.font_styles();
        }

        std::string strings_part = rels.find_type("/sharedStrings");
        SharedStringsHandler sst(strings, string_at, string_font, path);
        parse_part(pkg, strings_part.empty() ? "xl/sharedStrings.xml" : strings_part, sst);

        if (!pkg.open(sheet_part))
            unreadable(path, _f("not a readable .xlsx file: sheet \"{}\" ({}) is missing", chosen->name, sheet_part));
        stream = std::make_unique<XmlStream>(pkg, *this);
    }

    bool next(Row& row) {
        for (;;) {
            if (head < tail) {
                std::swap(row, slots[head++]);
                return true;
            }
            // The queue is empty: start it again at slot 0, taking along the
            // row a chunk boundary cut in two.
            if (in_row && tail > 0) std::swap(slots[0], slots[tail]);
            head = tail = queued_bytes = 0;
            if (failed) std::rethrow_exception(failed);
            if (!more) return false;
            try {
                more = stream->pump();
            } catch (...) {
                // Hand out the rows before the error first.
                failed = std::current_exception();
                more = false;
            }
        }
    }

    [[noreturn]] void bad_row(const std::string& why) const {
        throw InputError(Diagnostic{path, row_number, 0, why});
    }
    // The cell being read, as a spreadsheet names it ("C2").
    std::string cell_name() const {
        std::string name;  // column letters: 0 → A, 26 → AA
        for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26)
            name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
        return name + std::to_string(row_number);
    }

    // The hot path sees millions of elements: names are classified by hand,
    // without the prefix the sheet's elements carry ("x:c"), if any.
    enum class Tag { Other, SheetData, Row, C, V, Is, T, RPh, RFont };
    std::string prefix;  // "" or "x:"

    Tag tag_of(const XML_Char* name) const {
        const char* n = name;
        if (!prefix.empty()) {
            if (std::strncmp(name, prefix.data(), prefix.size()) != 0) return Tag::Other;
            n += prefix.size();
        }
        switch (n[0]) {
            case 'c':
                return n[1] == 0 ? Tag::C : Tag::Other;
            case 'v':
                return n[1] == 0 ? Tag::V : Tag::Other;
            case 't':
                return n[1] == 0 ? Tag::T : Tag::Other;
            case 'i':
                return n[1] == 's' && n[2] == 0 ? Tag::Is : Tag::Other;
            case 'r':
                return std::strcmp(n + 1, "ow") == 0     ? Tag::Row
                       : std::strcmp(n + 1, "Ph") == 0   ? Tag::RPh
                       : std::strcmp(n + 1, "Font") == 0 ? Tag::RFont
                                                         : Tag::Other;
            case 's':
                return std::strcmp(n + 1, "heetData") == 0 ? Tag::SheetData : Tag::Other;
        }
        return Tag::Other;
    }

    void start(const XML_Char* name, const XML_Char** atts) override {
        if (!in_data) {
            auto n = local(name);
            if (n == "sheetData") {
                in_data = true;
                prefix.assign(name, n.data());
            }
            return;
        }
        switch (tag_of(name)) {
            case Tag::C:
                if (in_row) begin_cell(atts);
                break;
            case Tag::Row:
                begin_row(atts);
                break;
            case Tag::V:
                capture = in_cell && type != Type::Inline;
                break;
            case Tag::Is:
                in_is = in_cell;
                break;
            case Tag::T:
                capture = in_is && type == Type::Inline && phonetic == 0;
                break;
            case Tag::RPh:
                ++phonetic;
                break;
            case Tag::RFont:
                // An inline rich-text run's font: the first one named wins.
                if (in_is && phonetic == 0 && inline_font == FontHint::Unknown)
                    if (const char* v = attr(atts, "val")) inline_font = font_hint(v);
                break;
            default:
                break;
        }
    }

    void end(const XML_Char* name) override {
        if (!in_data) return;
        switch (tag_of(name)) {
            case Tag::C:
                if (in_cell) end_cell();
                break;
            case Tag::V:
            case Tag::T:
                capture = false;
                break;
            case Tag::Row:
                if (in_row) end_row();
                break;
            case Tag::Is:
                in_is = false;
                break;
            case Tag::RPh:
                --phonetic;
                break;
            case Tag::SheetData:
                in_data = false;
                break;
            default:
                break;
        }
    }

    void text(const XML_Char* s, int len) override {
        if (!capture) return;
        if (row_bytes + value.size() + static_cast<std::size_t>(len) > kMaxLineBytes) row_too_long();
        value.append(s, static_cast<std::size_t>(len));
    }

    [[noreturn]] void row_too_long() const {
        bad_row(_f("cell {}: the row holds over {} KB of text; no list has rows so long", cell_name(),
                   kMaxLineBytes / 1024));
    }

    void begin_row(const XML_Char** atts) {
        const char* r = nullptr;
        for (; *atts; atts += 2)
            if (atts[0][0] == 'r' && atts[0][1] == 0) r = atts[1];
        row_number = last_row + 1;
        if (r && (!parse_uint(r, row_number) || row_number == 0))
            bad_row(_f("{}: bad row number \"{}\"", sheet_part, r));
        // Beyond the format's last row (and so far below any overflow of
        // the numbers rows are counted and remembered with).
        if (row_number > kMaxSheetRows) {
            std::string shown = r ? std::string(r) : std::to_string(row_number);
            row_number = 0;  // the message is about the file: no line of it is so numbered
            bad_row(_f("sheet \"{}\": row number {} is beyond the last row of a sheet ({})", sheet_name, shown,
                       kMaxSheetRows));
        }
        if (tail == slots.size()) slots.emplace_back();
        slots[tail].line = row_number;
        in_row = true;
        ncells = next_col = row_bytes = 0;
    }

    void begin_cell(const XML_Char** atts) {
        col = next_col;
        type = Type::Number;
        style = 0;
        // Spreadsheet attributes are unqualified: r, t, s (and cm, vm, ph).
        for (; *atts; atts += 2) {
            const char* a = atts[0];
            const char* v = atts[1];
            if (a[1] != 0) continue;
            if (a[0] == 'r') {
                std::size_t c = 0;
                for (; *v >= 'A' && *v <= 'Z'; ++v) {
                    c = c * 26 + static_cast<std::size_t>(*v - 'A' + 1);
                    if (c > kMaxColumns)
                        bad_row(_f("cell reference {} is beyond the last column (XFD)", atts[1]));
                }
                if (c > 0) col = c - 1;
            } else if (a[0] == 't') {
                std::string_view t(v);
                type = t == "s"           ? Type::Shared
                       : t == "inlineStr" ? Type::Inline
                       : t == "str"       ? Type::Str
                       : t == "b"         ? Type::Bool
                       : t == "e"         ? Type::Error
                       : t == "d"         ? Type::IsoDate
                                          : Type::Number;
            } else if (a[0] == 's') {
                if (!parse_uint(std::string_view(v), style)) style = 0;
            }
        }
        if (col >= kMaxColumns) bad_row(_("a row with more cells than the last column (XFD)"));
        value.clear();
        inline_font = FontHint::Unknown;
        in_cell = true;
        in_is = capture = false;
        phonetic = 0;
    }

    // The cell at `col` of the row being built, missing cells before it empty.
    std::string& cell_at(std::size_t c) {
        auto& cells = slots[tail].cells;
        auto& fonts = slots[tail].fonts;
        if (c >= ncells) {
            if (cells.size() <= c) cells.resize(c + 1);
            if (fonts.size() <= c) fonts.resize(c + 1);
            for (std::size_t i = ncells; i <= c; ++i) cells[i].clear(), fonts[i] = FontHint::Unknown;
            ncells = c + 1;
        }
        return cells[c];
    }

    void end_cell() {
        in_cell = capture = false;
        std::string& out = cell_at(col);
        slots[tail].fonts[col] = style < font_style.size() ? font_style[style] : FontHint::Unknown;
        next_col = col + 1;
        switch (type) {
            case Type::Shared: {
                // string_at has one offset more than there are strings;
                // an index is compared without arithmetic that could wrap.
                std::size_t i = 0;
                if (string_at.empty() || !parse_uint(std::string_view(value), i) || i >= string_at.size() - 1)
                    bad_row(_f("sheet \"{}\", cell {}: refers to shared string \"{}\", which does not exist",
                               sheet_name, cell_name(), value));
                std::size_t length = string_at[i + 1] - string_at[i];
                if (row_bytes + length > kMaxLineBytes) row_too_long();
                out.assign(strings, string_at[i], length);
                if (i < string_font.size() && string_font[i] != FontHint::Unknown)
                    slots[tail].fonts[col] = string_font[i];
                break;
            }
            case Type::Inline:
                out.assign(value);
                decode_escapes(out, 0);
                if (inline_font != FontHint::Unknown) slots[tail].fonts[col] = inline_font;
                break;
            case Type::Bool:
                if (value == "1" || value == "true")
                    out.assign("1");
                else if (value == "0" || value == "false")
                    out.assign("0");
                else
                    out.assign(value);
                break;
            case Type::IsoDate:
                out.assign(value.size() > 10 && value[4] == '-' && value[10] == 'T'
                               ? std::string_view(value).substr(0, 10)
                               : std::string_view(value));
                break;
            case Type::Str:
            case Type::Error:
                out.assign(value);
                break;
            case Type::Number:
                number(out);
                break;
        }
        row_bytes += out.size();
        if (row_bytes > kMaxLineBytes) row_too_long();
    }

    void number(std::string& out) {
        bool date = style < date_style.size() && date_style[style];
        if (!date && is_plain_integer(value)) {
            out.assign(value);
            return;
        }
        double x = 0;
        const char* b = value.data();
        const char* e = b + value.size();
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')) ++b;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) --e;
        auto [p, ec] = std::from_chars(b, e, x);
        if (b == e || ec != std::errc() || p != e || !std::isfinite(x)) {
            out.assign(value);  // not a number after all: keep the text
            return;
        }
        if (date) {
            if (auto d = text::from_excel_serial(date1904 ? x + 1462 : x)) {
                char buf[10];  // YYYY-MM-DD; from_excel_serial keeps years within 1900..9999
                int parts[] = {d->year / 100, d->year % 100, d->month, d->day};
                for (int i = 0, at = 0; i < 4; ++i) {
                    buf[at++] = static_cast<char>('0' + parts[i] / 10);
                    buf[at++] = static_cast<char>('0' + parts[i] % 10);
                    if (i >= 1 && i < 3) buf[at++] = '-';
                }
                out.assign(buf, sizeof buf);
                return;
            }
        }
        format_number(x, out);
    }

    void end_row() {
        in_row = false;
        last_row = row_number;
        auto& cells = slots[tail].cells;
        while (ncells > 0 && cells[ncells - 1].empty()) --ncells;
        cells.resize(ncells);
        slots[tail].fonts.resize(ncells);
        if (ncells == 0) return;  // a row of empty cells, like a blank CSV line
        queued_bytes += row_bytes;
        if (++tail >= kRowsPerBatch || queued_bytes >= kBytesPerBatch) stream->pause();
    }
};

XlsxReader::XlsxReader(const std::string& path, const std::optional<std::string>& sheet)
    : TableReader(path), impl_(std::make_unique<Impl>(path, sheet)) {}

XlsxReader::~XlsxReader() = default;

bool XlsxReader::next(Row& row) {
    return impl_->next(row);
}

}  // namespace daihoi::io
