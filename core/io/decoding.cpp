// The decoding reader: by font in an .xlsx, by what the text reads as in a
// CSV, or as said; see the header for the rules.
#include "core/io/decoding.hpp"

#include "core/base/i18n.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

namespace daihoi::io {

namespace {

constexpr std::size_t kListed = 100;   // legacy-looking cells listed in a refusal at most
constexpr std::size_t kRemembered = 64;  // first rows kept for the header's texts
// Cell texts whose readings are remembered: short ones (what repeats), and
// a bounded number of them, whatever the file (under half a megabyte).
constexpr std::size_t kReadingsKept = 4096, kReadingsLength = 96;

bool ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

text::Encoding encoding_of(std::uint8_t reading) {
    return reading == text::kTcvn3 ? text::Encoding::Tcvn3
           : reading == text::kVni ? text::Encoding::Vni
                                   : text::Encoding::Unicode;
}

bool single(std::uint8_t r) { return r == text::kUnicode || r == text::kTcvn3 || r == text::kVni; }

// A cell's text as a person can read it in a message: 8-bit text shown as
// windows-1252 would show it.
std::string shown(const std::string& cell) {
    if (!text::invalid_utf8_at(cell)) return cell;
    std::string out;
    // ISO 8859-1 is enough to show it; 0x80..0x9F as U+FFFD.
    for (unsigned char c : cell) text::append_utf8(out, c < 0x80 || c >= 0xA0 ? c : 0xFFFD);
    return out;
}

}  // namespace

DecodingReader::DecodingReader(std::unique_ptr<TableReader> inner, text::Encoding said)
    : TableReader(inner->path()), inner_(std::move(inner)), said_(said) {}

bool DecodingReader::next(Row& row) {
    for (;;) {
        if (!held_.empty() && decided_) {
            row = std::move(held_.front());
            held_.pop_front();
            convert(row, encoding_of(decided_));
            remember(row);
            return true;
        }
        if (ended_) return false;
        if (!inner_->next(row)) {
            ended_ = true;
            if (!decided_ && !held_.empty()) decide(allowed_);
            continue;
        }
        if (said_ == text::Encoding::Unicode) {
            // nothing to convert
        } else if (inner_->knows_fonts()) {
            decode_by_font(row);
        } else if (said_ != text::Encoding::Auto) {
            convert(row, said_);
        } else {
            bool wait = classify(row);
            if (!decided_ && (wait || !held_.empty())) {
                held_.push_back(std::move(row));
                if (held_.size() >= kHeldRows) decide(allowed_);
                continue;
            }
            if (!held_.empty()) {  // decided by this row: the rows before it go first
                held_.push_back(std::move(row));
                continue;
            }
            if (decided_) convert(row, encoding_of(decided_));
        }
        remember(row);
        return true;
    }
}

std::uint8_t DecodingReader::readings(const std::string& cell) {
    if (cell.size() > kReadingsLength) return text::plausible_readings(cell);
    if (auto it = readings_.find(cell); it != readings_.end()) return it->second;
    std::uint8_t r = text::plausible_readings(cell);
    if (readings_.size() < kReadingsKept) readings_.emplace(cell, r);
    return r;
}

bool DecodingReader::classify(const Row& row) {
    bool wait = false;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        const std::string& cell = row.cells[c];
        if (ascii(cell)) continue;  // the same in every reading
        wait = true;
        std::uint8_t r = readings(cell);
        if (r == text::kAnyReading) {
            if (unfit_.size() < kListed) unfit_.push_back({row.line, c + 1, shown(cell), r});
            ++unfit_total_;
            continue;
        }
        if (!(r & text::kUnicode)) {
            if (legacy_.size() < kListed) legacy_.push_back({row.line, c + 1, shown(cell), r});
            ++legacy_total_;
        }
        if (single(r)) {
            only_ |= r;
            if (r == text::kUnicode && !first_unicode_) first_unicode_ = Seen{row.line, c + 1, cell, r};
        }
        allowed_ &= r;
        if (!decided_ && (single(allowed_) || allowed_ == 0)) decide(allowed_);
    }
    return wait;
}

void DecodingReader::decide(std::uint8_t reading) {
    // What every cell allows; Unicode whenever it can be (nothing changes).
    if (reading & text::kUnicode || reading == 0)
        decided_ = text::kUnicode;
    else if (single(reading))
        decided_ = reading;
    else {
        ambiguous_ = true;  // TCVN3 and VNI alike: refused, never guessed
        decided_ = text::kUnicode;
    }
}

void DecodingReader::convert(Row& row, text::Encoding encoding) {
    if (encoding != text::Encoding::Tcvn3 && encoding != text::Encoding::Vni) return;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
        std::string& cell = row.cells[c];
        if (ascii(cell)) continue;
        auto bytes = text::legacy_bytes(cell);
        if (!bytes) continue;  // genuinely Unicode
        std::string decoded = text::decode(*bytes, encoding);
        if (decoded == cell) continue;
        cell = std::move(decoded);
        note_converted(row, c, encoding);
    }
}

void DecodingReader::decode_by_font(Row& row) {
    for (std::size_t c = 0; c < row.cells.size() && c < row.fonts.size(); ++c) {
        FontHint font = row.fonts[c];
        bool capitals = font == FontHint::Tcvn3Capitals;
        text::Encoding encoding = said_ != text::Encoding::Auto              ? said_
                                  : font == FontHint::Tcvn3 || capitals       ? text::Encoding::Tcvn3
                                  : font == FontHint::Vni                     ? text::Encoding::Vni
                                                                              : text::Encoding::Unicode;
        if (encoding == text::Encoding::Unicode) continue;
        std::string& cell = row.cells[c];
        if (ascii(cell) && !(capitals && encoding == text::Encoding::Tcvn3)) continue;
        auto bytes = text::legacy_bytes(cell);
        if (!bytes) continue;  // a letter no 8-bit font has: typed in Unicode
        if (said_ == text::Encoding::Auto && !ascii(cell)) {
            // The font kept after retyping in Unicode: text that reads as
            // Vietnamese in Unicode and not in the font's encoding stays.
            std::uint8_t r = text::plausible_readings(cell);
            std::uint8_t want = encoding == text::Encoding::Tcvn3 ? text::kTcvn3 : text::kVni;
            if (r != text::kAnyReading && (r & text::kUnicode) && !(r & want)) continue;
        }
        std::string decoded = text::decode(*bytes, encoding, capitals);
        if (decoded == cell) continue;
        cell = std::move(decoded);
        note_converted(row, c, encoding);
    }
}

void DecodingReader::note_converted(const Row& row, std::size_t column, text::Encoding encoding) {
    if (converted_line_.size() <= column) converted_line_.resize(column + 1, 0);
    converted_line_[column] = row.line;
    ++(encoding == text::Encoding::Tcvn3 ? tcvn3_cells_ : vni_cells_);
}

void DecodingReader::remember(const Row& row) {
    if (first_rows_.size() < kRemembered) first_rows_.push_back(row);
}

std::string DecodingReader::found() const {
    if (said_ == text::Encoding::Tcvn3) return "tcvn3";
    if (said_ == text::Encoding::Vni) return "vni";
    if (said_ == text::Encoding::Unicode) return "unicode";
    if (tcvn3_cells_ || vni_cells_) return tcvn3_cells_ >= vni_cells_ ? "tcvn3" : "vni";
    return "unicode";
}

std::vector<std::string> DecodingReader::converted_columns(std::size_t header_line) const {
    const Row* header = nullptr;
    for (const auto& r : first_rows_)
        if (r.line == header_line) header = &r;
    std::vector<std::string> out;
    for (std::size_t c = 0; c < converted_line_.size(); ++c) {
        if (converted_line_[c] <= header_line) continue;
        std::optional<std::string> name;
        if (header && c < header->cells.size()) name = text::clean(header->cells[c]);
        out.push_back(name && !name->empty() ? *name : _f("column {}", c + 1));
    }
    return out;
}

void DecodingReader::throw_if_refused() const {
    auto ds = refusal();
    if (ds.empty()) return;
    bool mixed = decided_ && !(allowed_ & decided_);
    std::size_t total = ds.size() == 1 ? 1 : 1 + (mixed ? legacy_total_ : unfit_total_);
    throw InputError(std::move(ds), total);
}

std::vector<Diagnostic> DecodingReader::refusal() const {
    if (said_ != text::Encoding::Auto || inner_->knows_fonts()) return {};
    bool mixed = decided_ && !(allowed_ & decided_);
    bool legacy = decided_ == text::kTcvn3 || decided_ == text::kVni;
    bool unfit = !mixed && legacy && !unfit_.empty();
    if (!mixed && !ambiguous_ && !unfit) return {};
    std::vector<Diagnostic> out;
    const char* say = _("re-save the file as Unicode (CSV UTF-8) or say its encoding with --encoding tcvn3, vni or unicode");
    if (unfit) {
        const std::string name = decided_ == text::kTcvn3 ? _("TCVN3 (ABC)") : _("VNI");
        out.push_back({path_, 0, 0,
                       _f("its text looks like {}, except the cells below, which read as Vietnamese in no encoding; {}",
                          name, say)});
        for (const auto& s : unfit_)
            out.push_back({path_, s.line, s.column, _f("reads as neither Unicode nor {}: '{}'", name, s.text)});
        return out;
    }
    if (!mixed) {
        out.push_back({path_, 0, 0,
                       _f("its text reads as TCVN3 (ABC) and as VNI alike; {}", say)});
        return out;
    }
    if (first_unicode_)
        out.push_back({path_, 0, 0,
                       _f("it mixes Unicode text (line {}: '{}') with text in an old 8-bit encoding (listed below); {}",
                          first_unicode_->line, first_unicode_->text, say)});
    else
        out.push_back({path_, 0, 0,
                       _f("it mixes text in TCVN3 (ABC) and in VNI (listed below); {}", say)});
    for (const auto& s : legacy_) {
        bool t = s.readings & text::kTcvn3, v = s.readings & text::kVni;
        out.push_back({path_, s.line, s.column,
                       t && v ? _f("looks like TCVN3 (ABC) or VNI text: '{}'", s.text)
                       : t    ? _f("looks like TCVN3 (ABC) text: '{}'", s.text)
                              : _f("looks like VNI text: '{}'", s.text)});
    }
    return out;
}

}  // namespace daihoi::io
