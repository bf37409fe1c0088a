// The .xlsx reader's XML (sheet, shared strings, styles, workbook and its
// relationships): the fuzzer's bytes are the parts, separated by NUL bytes,
// in the order of kParts; a part not given is the minimal one. They are
// zipped (stored, not deflated) into a valid package, so mutations reach the
// XML instead of breaking the archive's checksums.
#include "common.hpp"
#include "core/io/xlsx_reader.hpp"

#include <minizip/zip.h>

#include <array>
#include <vector>

namespace {

struct Part {
    const char* name;
    const char* fallback;  // nullptr: left out when not given
};

constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const std::array<Part, 6> kParts{{
    {"xl/worksheets/sheet1.xml",
     R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>)"},
    {"xl/sharedStrings.xml", nullptr},
    {"xl/styles.xml", nullptr},
    {"xl/workbook.xml",
     R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
     R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
     R"(<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
    {"xl/_rels/workbook.xml.rels", nullptr},  // made below: it names the parts given
    {"_rels/.rels", nullptr},
}};

std::string workbook_rels() {
    std::string r = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
    r += std::string(R"(<Relationship Id="rId1" Type=")") + kRel + R"(worksheet" Target="worksheets/sheet1.xml"/>)";
    r += std::string(R"(<Relationship Id="rId2" Type=")") + kRel + R"(styles" Target="styles.xml"/>)";
    r += std::string(R"(<Relationship Id="rId3" Type=")") + kRel + R"(sharedStrings" Target="sharedStrings.xml"/>)";
    return r + "</Relationships>";
}

std::string package_rels() {
    return std::string(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                       R"(<Relationship Id="rId1" Type=")") +
           kRel + R"(officeDocument" Target="xl/workbook.xml"/></Relationships>)";
}

void add(zipFile zf, const char* name, std::string_view bytes) {
    zip_fileinfo info{};
    if (zipOpenNewFileInZip(zf, name, &info, nullptr, 0, nullptr, 0, nullptr, 0 /* stored */, 0) != ZIP_OK)
        std::abort();
    if (!bytes.empty() && zipWriteInFileInZip(zf, bytes.data(), static_cast<unsigned>(bytes.size())) != ZIP_OK)
        std::abort();
    zipCloseFileInZip(zf);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace daihoi;
    std::vector<std::string_view> given;
    std::string_view rest = fuzz::bytes(data, size);
    while (given.size() < kParts.size()) {
        auto nul = rest.find('\0');
        given.push_back(rest.substr(0, nul));
        if (nul == std::string_view::npos) break;
        rest.remove_prefix(nul + 1);
    }
    auto path = (fuzz::scratch() / "parts.xlsx").string();
    zipFile zf = zipOpen(path.c_str(), APPEND_STATUS_CREATE);
    if (!zf) std::abort();
    for (std::size_t i = 0; i < kParts.size(); ++i) {
        if (i < given.size()) add(zf, kParts[i].name, given[i]);
        else if (kParts[i].fallback) add(zf, kParts[i].name, kParts[i].fallback);
        else if (i == 4) add(zf, kParts[i].name, workbook_rels());
        else if (i == 5) add(zf, kParts[i].name, package_rels());
    }
    zipClose(zf, nullptr);
    fuzz::expect_clean([&] {
        io::XlsxReader reader(path, std::nullopt);
        io::Row row;
        while (reader.next(row)) {
        }
    });
    return 0;
}
