// Chooses the reader by file extension.
#include "core/io/table.hpp"

#include "core/base/i18n.hpp"
#include "core/error.hpp"
#include "core/io/csv.hpp"
#include "core/io/xlsx_reader.hpp"
#include "core/text/utf8.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace daihoi::io {

std::string cannot_read(int err) {
    switch (err) {
        case EACCES:
        case EPERM: return _("cannot be read: permission denied");
        case EISDIR: return _("cannot be read: it is a folder, not a file");
        default: return _f("cannot be read: {}", std::strerror(err));
    }
}

FontHint font_hint(std::string_view name) {
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name.empty()) return FontHint::Unknown;
    auto lower = [&](std::size_t n) {
        std::string s(name.substr(0, n));
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    // The ABC fonts: ".VnTime", ".VnArial NarrowH"; an H at the end is the capitals' font.
    if (name.size() > 3 && lower(3) == ".vn")
        return name.back() == 'H' ? FontHint::Tcvn3Capitals : FontHint::Tcvn3;
    // "VNI-Times", "VNI-Helve", "VNI Times".
    if (name.size() > 4 && lower(3) == "vni" && (name[3] == '-' || name[3] == ' ')) return FontHint::Vni;
    return FontHint::Unicode;
}

std::unique_ptr<TableReader> open_table(const std::string& path,
                                        const std::optional<std::string>& sheet) {
    if (path == "-") return std::make_unique<CsvReader>(path);
    std::string ext = text::fold(std::filesystem::path(path).extension().string());
    if (!std::filesystem::exists(path))
        throw InputError(Diagnostic{path, 0, 0, _("no such file")});
    if (ext == ".csv" || ext == ".txt") {
        if (sheet) throw InputError(Diagnostic{path, 0, 0, _("--sheet applies to .xlsx files only")});
        return std::make_unique<CsvReader>(path);
    }
    if (ext == ".xlsx") return std::make_unique<XlsxReader>(path, sheet);
    throw InputError(Diagnostic{path, 0, 0, _("unknown file type (expected .csv or .xlsx)")});
}

}  // namespace daihoi::io
