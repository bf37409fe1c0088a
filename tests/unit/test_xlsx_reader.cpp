// XlsxReader against files real clients wrote (openpyxl, LibreOffice,
// libxlsxwriter), hand-assembled edge cases, and hostile archives.
#include "core/error.hpp"
#include "core/io/limits.hpp"
#include "core/io/table.hpp"
#include "core/io/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using daihoi::InputError;
using daihoi::io::Row;
using daihoi::io::XlsxReader;

namespace {

using Cells = std::vector<std::string>;
using Rows = std::vector<std::pair<std::size_t, Cells>>;

std::string fixture(const std::string& name) {
    return std::string(DAIHOI_TEST_DATA) + "/xlsx/" + name;
}

Rows read_all(const std::string& path, const std::optional<std::string>& sheet = std::nullopt) {
    XlsxReader reader(path, sheet);
    Rows rows;
    Row row;
    while (reader.next(row)) rows.emplace_back(row.line, row.cells);
    return rows;
}

// The InputError `f` throws, or a test failure.
template <class F>
std::string input_error(F&& f, const std::string& path = {}) {
    try {
        f();
    } catch (const InputError& e) {
        if (!path.empty()) {
            EXPECT_EQ(e.diagnostics().size(), 1u);
            if (!e.diagnostics().empty()) {
                EXPECT_EQ(e.diagnostics()[0].file, path);
            }
        }
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not an InputError: " << e.what();
        return {};
    }
    ADD_FAILURE() << "no error";
    return {};
}

std::string open_error(const std::string& path) {
    return input_error([&] { read_all(path); }, path);
}

class TempDir {
  public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "daihoi-xlsx-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
    }
    ~TempDir() { fs::remove_all(dir_); }
    std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

  private:
    fs::path dir_;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary) << data;
}

// A minimal workbook whose one sheet is xl/worksheets/sheet1.xml; `sheet`
// writes that part in pieces (so it can be far bigger than memory needs).
template <class WriteSheet>
void write_workbook(const std::string& path, WriteSheet&& sheet, const std::string& sst = "") {
    const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const std::string prns = "http://schemas.openxmlformats.org/package/2006/relationships";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels", "<Relationships xmlns=\"" + prns + "\"><Relationship Id=\"rId1\" Type=\"" +
                            rns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<workbook xmlns=\"" + ns + "\" xmlns:r=\"" + rns +
                                "\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
                                "</sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships xmlns=\"" + prns + "\"><Relationship Id=\"rId1\" Type=\"" + rns +
             "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
             rns + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
    };
    if (!sst.empty())
        parts.emplace_back("xl/sharedStrings.xml", "<sst xmlns=\"" + ns + "\">" + sst + "</sst>");
    zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    ASSERT_NE(zf, nullptr);
    auto add = [&](const std::string& name) {
        zip_fileinfo info{};
        ASSERT_EQ(zipOpenNewFileInZip(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                      Z_DEFLATED, Z_BEST_COMPRESSION),
                  ZIP_OK);
    };
    for (const auto& [name, data] : parts) {
        add(name);
        zipWriteInFileInZip(zf, data.data(), static_cast<unsigned>(data.size()));
        zipCloseFileInZip(zf);
    }
    add("xl/worksheets/sheet1.xml");
    auto write = [&](const std::string& s) {
        zipWriteInFileInZip(zf, s.data(), static_cast<unsigned>(s.size()));
    };
    write("<worksheet xmlns=\"" + ns + "\"><sheetData>");
    sheet(write);
    write("</sheetData></worksheet>");
    zipCloseFileInZip(zf);
    zipClose(zf, nullptr);
}

// Rewrites the uncompressed size that the local and central headers of
// `part` declare: an archive that lies about its sizes.
void patch_declared_size(const std::string& path, const std::string& part, std::uint32_t size) {
    std::string zip = slurp(path);
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    auto get16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(zip[at]) |
                                        static_cast<unsigned char>(zip[at + 1]) << 8);
    };
    int patched = 0;
    for (std::size_t i = 0; i + 46 < zip.size(); ++i) {
        if (zip.compare(i, 4, "PK\x03\x04") == 0 && zip.compare(i + 30, part.size(), part) == 0 &&
            get16(i + 26) == part.size()) {
            put32(i + 22, size);
            ++patched;
        } else if (zip.compare(i, 4, "PK\x01\x02") == 0 &&
                   zip.compare(i + 46, part.size(), part) == 0 && get16(i + 28) == part.size()) {
            put32(i + 24, size);
            ++patched;
        }
    }
    ASSERT_EQ(patched, 2);
    spit(path, zip);
}

// `megabytes` of identical sheet rows: deflate packs them about 1000:1.
void write_bomb(const std::string& path, std::size_t megabytes) {
    write_workbook(path, [&](auto& write) {
        std::string chunk;
        while (chunk.size() < (1 << 20))
            chunk += "<row><c t=\"inlineStr\"><is><t>lol</t></is></c><c><v>1</v></c></row>";
        for (std::size_t i = 0; i < megabytes; ++i) write(chunk);
    });
}

}  // namespace

// --- files real clients wrote ---------------------------------------------------

TEST(XlsxReader, OpenpyxlInlineStringsNumbersBooleansDatesSparse) {
    Rows expected = {
        {1, {"code", "full_name", "gender", "birth_date", "joined_at", "score", "active", "note"}},
        {2, {"DV001", "Nguyễn Thị Minh Khai", "F", "1961-01-15", "1990-05-19", "12", "1"}},
        {3, {"DV002", "Đặng Văn Ân", "M", "1975-04-30", "2000-01-01", "0.5", "0", "ghi chú"}},
        // row 4 holds one styled empty cell: skipped like a blank CSV line
        {5, {"DV003", "", "", "-3.25", "", "", "", "cuối"}},
        {6, {"1234567890123", "1.5e-07", "100", "0", "1e+21", "0.0025"}},
    };
    EXPECT_EQ(read_all(fixture("openpyxl.xlsx")), expected);
    EXPECT_EQ(read_all(fixture("openpyxl.xlsx"), "Danh sách"), expected);
}

TEST(XlsxReader, OpenpyxlSecondSheetByName) {
    Rows expected = {{1, {"Hai", "2"}}, {3, {"ba"}}};
    EXPECT_EQ(read_all(fixture("openpyxl.xlsx"), "Khác"), expected);
}

TEST(XlsxReader, SheetNameTypedDecomposed) {
    Rows expected = {{1, {"Hai", "2"}}, {3, {"ba"}}};
    EXPECT_EQ(read_all(fixture("openpyxl.xlsx"),
                       "Kha\xCC\x81"
                       "c"),
              expected);  // "Khác" in NFD
}

TEST(XlsxReader, LibreOfficeSharedStringsAndDetectedDates) {
    Rows expected = {
        {1, {"code", "full_name", "birth_date", "score"}},
        {2, {"DV001", "Nguyễn Thị Minh Khai", "1961-01-15", "12"}},
        {4, {"DV002", "Đặng Văn Ân", "1975-04-30", "0.5"}},
        {5, {"DV003", "Lê, Thị \"Bé\"", "2000-02-29", "-7"}},
    };
    EXPECT_EQ(read_all(fixture("libreoffice.xlsx")), expected);
}

TEST(XlsxReader, LibxlsxwriterConstantMemory) {
    TempDir tmp;
    std::string path = tmp / "lxw.xlsx";
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    std::string tmpdir = tmp / "";
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    ASSERT_NE(wb, nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Đảng viên");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    const char* header[] = {"code", "full_name", "birth_date", "score", "active"};
    for (int c = 0; c < 5; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
    worksheet_write_string(ws, 1, 0, "DV001", nullptr);
    worksheet_write_string(ws, 1, 1, "Nguyễn Thị Minh Khai", nullptr);
    lxw_datetime born = {1961, 1, 15, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 2, &born, date);
    worksheet_write_number(ws, 1, 3, 12, nullptr);
    worksheet_write_boolean(ws, 1, 4, 1, nullptr);
    worksheet_write_string(ws, 3, 0, "DV002", nullptr);
    worksheet_write_string(ws, 3, 1, "Đặng Văn Ân", nullptr);
    worksheet_write_blank(ws, 3, 2, date);
    worksheet_write_number(ws, 3, 3, -0.5, nullptr);
    worksheet_write_boolean(ws, 3, 4, 0, nullptr);
    worksheet_write_string(ws, 4, 5, "ghi chú", nullptr);
    worksheet_write_blank(ws, 5, 0, date);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    Rows expected = {
        {1, {"code", "full_name", "birth_date", "score", "active"}},
        {2, {"DV001", "Nguyễn Thị Minh Khai", "1961-01-15", "12", "1"}},
        {4, {"DV002", "Đặng Văn Ân", "", "-0.5", "0"}},
        {5, {"", "", "", "", "", "ghi chú"}},
    };
    EXPECT_EQ(read_all(path), expected);
    EXPECT_EQ(read_all(path, "Đảng viên"), expected);
}

TEST(XlsxReader, ManyRowsStreamInOrder) {
    TempDir tmp;
    std::string path = tmp / "many.xlsx";
    constexpr int kRows = 20000;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    std::string tmpdir = tmp / "";
    options.tmpdir = tmpdir.data();
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
    for (int r = 0; r < kRows; ++r) {
        for (int c = 0; c < 7; ++c) {
            std::string s = "Nguyễn Văn " + std::to_string(r) + "/" + std::to_string(c);
            worksheet_write_string(ws, r, c, s.c_str(), nullptr);
        }
        for (int c = 7; c < 14; ++c) worksheet_write_number(ws, r, c, r * 14 + c, nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

    auto start = std::chrono::steady_clock::now();
    XlsxReader reader(path, std::nullopt);
    Row row;
    int n = 0;
    while (reader.next(row)) {
        ASSERT_EQ(row.line, static_cast<std::size_t>(n + 1));
        ASSERT_EQ(row.cells.size(), 14u);
        ASSERT_EQ(row.cells[6], "Nguyễn Văn " + std::to_string(n) + "/6");
        ASSERT_EQ(row.cells[13], std::to_string(n * 14 + 13));
        ++n;
    }
    EXPECT_EQ(n, kRows);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ info     ] read " << n << " rows x 14 cells in " << s << " s\n";
}

TEST(XlsxReader, OpenTableChoosesXlsxByExtension) {
    auto reader = daihoi::io::open_table(fixture("openpyxl.xlsx"), std::string("Khác"));
    Row row;
    ASSERT_TRUE(reader->next(row));
    EXPECT_EQ(row.cells, (Cells{"Hai", "2"}));
    EXPECT_EQ(reader->path(), fixture("openpyxl.xlsx"));
}

// --- hand-assembled edge cases -----------------------------------------------

TEST(XlsxReader, SharedRichInlineAndFormulaCells) {
    auto rows = read_all(fixture("handmade.xlsx"));
    ASSERT_GE(rows.size(), 2u);
    // shared plain and rich text (runs concatenated)
    EXPECT_EQ(rows[0], (Rows::value_type{1, {"Họ và tên", "Nguyễn Văn A"}}));
    // no r attributes: row 2, cells in order; inline rich text without its
    // phonetic run, a formula's string result, an error, booleans
    EXPECT_EQ(rows[1], (Rows::value_type{2, {"Đặng Văn Ân", "xy", "#DIV/0!", "0", "1"}}));
}

TEST(XlsxReader, DatesByNumberFormat) {
    auto rows = read_all(fixture("handmade.xlsx"));
    ASSERT_GE(rows.size(), 3u);
    EXPECT_EQ(rows[2], (Rows::value_type{4,
                                         {
                                             "1961-01-15",  // dd/mm/yyyy
                                             "1.5",         // [h]:mm is a duration
                                             "0.25",        // 0.00%
                                             "0.5",         // h:mm, m is minutes
                                             "2023-03-15",  // [$-42A]d mmmm yyyy
                                             "3",           // "day "0: d is quoted
                                             "2023-03-15",  // built-in 22, time dropped
                                             "0.5",         // a date format on a time: no day
                                             "0.01",        // mm:ss
                                             "2000-01-01",  // mmm-yy
                                             "1900-02-28",  // serial 60, Lotus's 29/02/1900
                                         }}));
}

TEST(XlsxReader, SparseCellsAndEscapes) {
    Rows expected = {
        {6, {"", "", "東京"}},  // phonetic run dropped; trailing empty cells trimmed
        {7, {"", " spaces kept "}},
        // row 8 has only empty cells: skipped
        {9, {"a\rb_x0041_", "<&>", "10", "0", "12.5", "1e-07", "7", "-42", "0.1", "x\ry"}},
        {10, {"", "", "", "", "", "", "", "", "", "", "", "", "",  "",
              "", "", "", "", "", "", "", "", "", "", "", "", "27"}},
        {11, {"", "2024-02-29"}},  // a row without r follows row 10
    };
    auto rows = read_all(fixture("handmade.xlsx"));
    ASSERT_EQ(rows.size(), 8u);
    EXPECT_EQ(Rows(rows.begin() + 3, rows.end()), expected);
}

TEST(XlsxReader, PrefixedNamespaceAndRelativeTarget) {
    Rows expected = {{2, {"", "b", "1900-01-01"}}};
    EXPECT_EQ(read_all(fixture("handmade.xlsx"), "Phụ"), expected);
}

TEST(XlsxReader, Date1904System) {
    Rows expected = {{1, {"1961-01-15", "1904-01-01", "20834"}}};
    EXPECT_EQ(read_all(fixture("date1904.xlsx")), expected);
}

TEST(XlsxReader, RowsReuseTheCallersCells) {
    XlsxReader reader(fixture("openpyxl.xlsx"), std::nullopt);
    Row row;
    row.cells = {"stale", "stale", "stale", "stale", "stale", "stale", "stale", "stale", "stale"};
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.cells.size(), 8u);
    row.cells.assign(20, "stale");
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.cells.size(), 7u);
    EXPECT_EQ(row.cells[0], "DV001");
}

// --- bad files ----------------------------------------------------------------------

TEST(XlsxReader, UnknownSheetListsTheSheets) {
    std::string path = fixture("openpyxl.xlsx");
    std::string msg = input_error([&] { read_all(path, "Sheet9"); }, path);
    EXPECT_NE(msg.find("no sheet named \"Sheet9\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"Danh sách\", \"Khác\""), std::string::npos) << msg;
}

TEST(XlsxReader, NotAZip) {
    std::string msg = open_error(fixture("not_a_zip.xlsx"));
    EXPECT_NE(msg.find("not a readable .xlsx file: it is not a zip archive"), std::string::npos)
        << msg;
}

TEST(XlsxReader, EmptyFile) {
    TempDir tmp;
    spit(tmp / "empty.xlsx", "");
    EXPECT_NE(open_error(tmp / "empty.xlsx").find("the file is empty"), std::string::npos);
}

TEST(XlsxReader, OldXlsOrEncrypted) {
    TempDir tmp;
    spit(tmp / "old.xlsx",
         std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(512, '\0'));
    EXPECT_NE(open_error(tmp / "old.xlsx").find("old .xls or a password-protected"),
              std::string::npos);
}

TEST(XlsxReader, TruncatedFile) {
    TempDir tmp;
    std::string whole = slurp(fixture("openpyxl.xlsx"));
    spit(tmp / "half.xlsx", whole.substr(0, whole.size() / 2));
    std::string msg = open_error(tmp / "half.xlsx");
    EXPECT_NE(msg.find("not a readable .xlsx file: the zip archive is truncated or corrupt"),
              std::string::npos)
        << msg;
}

TEST(XlsxReader, ZipWithoutWorkbook) {
    std::string msg = open_error(fixture("no_workbook.xlsx"));
    EXPECT_NE(msg.find("not a readable .xlsx file: the archive has no workbook"), std::string::npos)
        << msg;
}

TEST(XlsxReader, MalformedXmlNamesThePart) {
    std::string msg = open_error(fixture("malformed.xlsx"));
    EXPECT_NE(msg.find("malformed XML in xl/worksheets/sheet1.xml"), std::string::npos) << msg;
}

TEST(XlsxReader, MissingSharedStringNamesTheCell) {
    std::string path = fixture("bad_shared_string.xlsx");
    XlsxReader reader(path, std::nullopt);
    Row row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.cells, Cells{"a"});
    try {
        reader.next(row);
        FAIL() << "no error";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].line, 2u);
        EXPECT_NE(std::string(e.what()).find("cell C2"), std::string::npos) << e.what();
    }
    // the reader stays failed
    EXPECT_THROW(reader.next(row), InputError);
}

TEST(XlsxReader, BillionLaughsRefused) {
    std::string msg = open_error(fixture("billion_laughs.xlsx"));
    EXPECT_NE(msg.find("xl/sharedStrings.xml has a DOCTYPE declaration"), std::string::npos) << msg;
}

TEST(XlsxReader, ExternalEntityRefused) {
    std::string msg = open_error(fixture("external_entity.xlsx"));
    EXPECT_NE(msg.find("xl/worksheets/sheet1.xml has a DOCTYPE declaration"), std::string::npos)
        << msg;
    EXPECT_EQ(msg.find("root:"), std::string::npos) << msg;
}

TEST(XlsxReader, ZipBombRefusedByItsRatio) {
    TempDir tmp;
    std::string path = tmp / "bomb.xlsx";
    write_bomb(path, 200);
    ASSERT_LT(fs::file_size(path), 1u << 20);
    std::string msg = open_error(path);
    EXPECT_NE(msg.find("refusing to inflate xl/worksheets/sheet1.xml (looks like a zip bomb"),
              std::string::npos)
        << msg;
}

TEST(XlsxReader, ZipBombRefusedBySize) {
    TempDir tmp;
    std::string path = tmp / "big.xlsx";
    write_bomb(path, 1);
    patch_declared_size(path, "xl/worksheets/sheet1.xml", 0xF0000000u);  // 3.75 GiB
    std::string msg = open_error(path);
    EXPECT_NE(msg.find("looks like a zip bomb: it declares 4026.5 MB, over the 3 GiB limit"),
              std::string::npos)
        << msg;
}

TEST(XlsxReader, ZipBombLyingAboutItsSizeStopsAtTheDeclaredSize) {
    // 200 MB that claim to be 40 MB (under the ratio check): only the
    // declared bytes are inflated, and the cut-off XML is an error.
    TempDir tmp;
    std::string path = tmp / "liar.xlsx";
    write_bomb(path, 200);
    patch_declared_size(path, "xl/worksheets/sheet1.xml", 40'000'000);
    std::string msg = input_error(
        [&] {
            XlsxReader reader(path, std::nullopt);
            Row row;
            std::size_t rows = 0;
            while (reader.next(row)) ++rows;
            ADD_FAILURE() << rows << " rows read";
        },
        path);
    EXPECT_NE(msg.find("not a readable .xlsx file"), std::string::npos) << msg;
    EXPECT_NE(msg.find("xl/worksheets/sheet1.xml"), std::string::npos) << msg;
}

TEST(XlsxReader, SharedStringAmplificationRefused) {
    // 2,000 references to one 40,000-character string: an 80 MB row from a
    // few kilobytes of XML, refused at its second cell, before the copy.
    TempDir tmp;
    std::string path = tmp / "amplified.xlsx";
    write_workbook(
        path,
        [](auto& write) {
            write("<row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"2\">");
            for (int i = 0; i < 2000; ++i) write("<c t=\"s\"><v>0</v></c>");
            write("</row>");
        },
        "<si><t>" + std::string(40000, 'x') + "</t></si>");
    XlsxReader reader(path, std::nullopt);
    Row row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.cells, Cells{std::string(40000, 'x')});
    std::string msg = input_error([&] { reader.next(row); }, path);
    EXPECT_NE(msg.find("cell B2: the row holds over 64 KB of text"), std::string::npos) << msg;
}

TEST(XlsxReader, PartShorterThanDeclaredIsCorrupt) {
    TempDir tmp;
    std::string path = tmp / "short.xlsx";
    write_workbook(path, [](auto& write) { write("<row r=\"1\"><c><v>1</v></c></row>"); });
    std::size_t real = std::string(
                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/"
                           "spreadsheetml/2006/main\"><sheetData>"
                           "<row r=\"1\"><c><v>1</v></c></row></sheetData></worksheet>")
                           .size();
    patch_declared_size(path, "xl/worksheets/sheet1.xml", static_cast<std::uint32_t>(real + 100));
    std::string msg = input_error([&] { read_all(path); }, path);
    EXPECT_NE(msg.find("xl/worksheets/sheet1.xml is corrupt"), std::string::npos) << msg;
}

// --- limits on hostile sheets (core/io/limits.hpp) -----------------------------------

namespace {
// The InputError reading all of `path` raises: its one diagnostic.
daihoi::Diagnostic read_error(const std::string& path) {
    try {
        read_all(path);
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().size(), 1u) << e.what();
        if (!e.diagnostics().empty()) return e.diagnostics()[0];
    }
    ADD_FAILURE() << "read without an error";
    return {};
}
}  // namespace

TEST(XlsxLimits, ASharedStringIndexOfSizeMaxDoesNotWrapTheBoundsCheck) {
    // F1: 18446744073709551615 + 1 wrapped to 0 and passed the check.
    TempDir tmp;
    std::string path = tmp / "f1.xlsx";
    for (const char* index : {"18446744073709551615", "18446744073709551616", "1", "4294967296"}) {
        write_workbook(
            path,
            [&](auto& write) {
                write("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>");
                write(std::string("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>") + index + "</v></c></row>");
            },
            "<si><t>code</t></si>");
        auto d = read_error(path);
        EXPECT_EQ(d.file, path);
        EXPECT_EQ(d.line, 2u);
        EXPECT_EQ(d.message, std::string("sheet \"S\", cell B2: refers to shared string \"") + index +
                                 "\", which does not exist");
        fs::remove(path);
    }
}

TEST(XlsxLimits, RowNumbersBeyondTheLastRowOfASheetAreBadInput) {
    // F2: 4294967296 did not fit the import's row numbers; 4294967295 was
    // the marker of a key already in the workspace.
    TempDir tmp;
    for (const char* r : {"4294967296", "4294967295", "1048577", "99999999999999999999"}) {
        std::string path = tmp / (std::string(r) + ".xlsx");
        write_workbook(path, [&](auto& write) {
            write("<row r=\"7\"><c t=\"inlineStr\"><is><t>5</t></is></c></row>");
            write(std::string("<row r=\"") + r + "\"><c t=\"inlineStr\"><is><t>5</t></is></c></row>");
        });
        XlsxReader reader(path, std::nullopt);
        Row row;
        ASSERT_TRUE(reader.next(row));
        EXPECT_EQ(row.line, 7u);
        try {
            reader.next(row);
            ADD_FAILURE() << "row " << r << " read";
        } catch (const InputError& e) {
            ASSERT_EQ(e.diagnostics().size(), 1u);
            const auto& d = e.diagnostics()[0];
            EXPECT_EQ(d.file, path);
            std::string tail = std::string(r) == "99999999999999999999"
                                   ? "xl/worksheets/sheet1.xml: bad row number \"99999999999999999999\""
                                   : std::string("sheet \"S\": row number ") + r +
                                         " is beyond the last row of a sheet (1048576)";
            EXPECT_EQ(d.message, tail);
        }
    }
    // the last row itself is read
    std::string last = tmp / "last.xlsx";
    write_workbook(last, [](auto& write) { write("<row r=\"1048576\"><c><v>1</v></c></row>"); });
    EXPECT_EQ(read_all(last), (Rows{{1048576, {"1"}}}));
    // rows without numbers count on from the last, and stop there too
    std::string unnumbered = tmp / "unnumbered.xlsx";
    write_workbook(unnumbered, [](auto& write) {
        write("<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>");
    });
    EXPECT_NE(read_error(unnumbered).message.find("row number 1048577 is beyond"), std::string::npos);
}

TEST(XlsxLimits, AFortyMegabyteSharedStringIsRefusedAsItIsRead) {
    // It was the name on 2,000 rows: 3.7 GB and std::bad_alloc.
    TempDir tmp;
    std::string path = tmp / "huge-string.xlsx";
    write_workbook(
        path,
        [](auto& write) {
            write("<row r=\"1\"><c t=\"inlineStr\"><is><t>code</t></is></c><c t=\"inlineStr\"><is><t>full_name"
                  "</t></is></c></row>");
            for (int i = 2; i <= 2001; ++i)
                write("<row r=\"" + std::to_string(i) + "\"><c><v>" + std::to_string(i) +
                      "</v></c><c t=\"s\"><v>0</v></c></row>");
        },
        "<si><t>" + std::string(40'000'000, 'x') + "</t></si>");
    ASSERT_LT(fs::file_size(path), 200'000u);
    auto start = std::chrono::steady_clock::now();
    auto d = read_error(path);
    EXPECT_EQ(d.file, path);
    EXPECT_EQ(d.message, "shared string 0 is longer than 95 KB; no cell holds so much text");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(XlsxLimits, ALongInlineCellIsRefusedBeforeItIsKept) {
    TempDir tmp;
    std::string path = tmp / "inline.xlsx";
    write_workbook(path, [](auto& write) {
        write("<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>");
        for (int i = 0; i < 40; ++i) write(std::string(1 << 20, 'y'));  // 40 MB: under the ratio check
        write("</t></is></c></row>");
    });
    auto d = read_error(path);
    EXPECT_EQ(d.line, 3u);
    EXPECT_EQ(d.message, "cell C3: the row holds over 64 KB of text; no list has rows so long");
}

TEST(XlsxLimits, TooManySharedStringsAreRefused) {
    TempDir tmp;
    std::string path = tmp / "many-strings.xlsx";
    std::string sst;
    sst.reserve((daihoi::io::kMaxSharedStrings + 1) * 5);
    for (std::size_t i = 0; i <= daihoi::io::kMaxSharedStrings; ++i) sst += "<si/>";
    write_workbook(path, [](auto& write) { write("<row r=\"1\"><c><v>1</v></c></row>"); }, sst);
    auto d = read_error(path);
    EXPECT_EQ(d.message, "the workbook has more than 8388608 shared strings; no list has so many");
}
