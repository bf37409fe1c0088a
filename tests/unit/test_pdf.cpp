// core/report: the signed papers as .pdf — the format from the extension,
// which kinds may be written so, a hand-made report drawn on A4 pages (the
// file appears whole or not at all), and a kind that is not signed refused.
#include "core/error.hpp"
#include "core/registry/members.hpp"
#include "core/report/kinds.hpp"
#include "core/report/writer.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <stdexcept>

using namespace daihoi;
using namespace daihoi::report;
using test::ScratchDir;

namespace {

Report long_report(int n, Orientation o = Orientation::Portrait) {
    Report r;
    r.kind = "test";
    r.heading = {"Đảng bộ xã Tân Lập", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Lập, ngày 05 tháng 02 năm 2026"};
    r.title = "DANH SÁCH";
    r.orientation = o;
    Table t;
    t.key = "people";
    Column name;
    name.key = "name";
    name.label = "Họ và tên";
    name.width = 30;
    Column share;
    share.key = "share";
    share.label = "Tỉ lệ";
    share.type = ColumnType::Number;
    share.decimals = 1;
    t.columns = {name, share};
    t.expected_rows = static_cast<std::size_t>(n);
    t.rows = [n](const Emit& emit) {
        for (int i = 0; i < n; ++i) emit(Row{{std::string("Nguyễn Văn An"), 44.0 + i}, {}});
    };
    r.tables.push_back(std::move(t));
    r.closing = {Line::two("", LineStyle::Plain, "T/M BAN", LineStyle::Bold)};
    return r;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t pages(const std::string& pdf) {
    std::regex page("/Type /Page[^s]");
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

}  // namespace

TEST(PdfReport, FormatFromTheExtension) {
    EXPECT_EQ(format_of("a/minutes.pdf"), Format::Pdf);
    EXPECT_EQ(format_of("MINUTES.PDF"), Format::Pdf);
    EXPECT_EQ(extension(Format::Pdf), ".pdf");
}

TEST(PdfReport, OnlyThePapersThatAreSigned) {
    std::set<std::string> pdf;
    for (const auto& k : report_kinds())
        if (k.pdf) pdf.insert(k.name);
    EXPECT_EQ(pdf, (std::set<std::string>{"credentials", "delegates", "minutes", "results"}));
}

TEST(PdfReport, DrawsA4PagesAndReturnsTheRows) {
    ScratchDir dir;
    std::string one = dir.file("one.pdf"), many = dir.file("many.pdf"), wide = dir.file("wide.pdf");
    EXPECT_EQ(write_report(long_report(3), one), 3u);
    EXPECT_EQ(write_report(long_report(120), many), 120u);
    EXPECT_EQ(write_report(long_report(3, Orientation::Landscape), wide), 3u);
    std::string a = slurp(one), b = slurp(many), c = slurp(wide);
    EXPECT_EQ(a.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(pages(a), 1u);
    EXPECT_GE(pages(b), 3u);  // 120 rows of about 17 points
    EXPECT_NE(a.find("/MediaBox [ 0 0 595.28 841.89 ]"), std::string::npos);
    EXPECT_NE(c.find("/MediaBox [ 0 0 841.89 595.28 ]"), std::string::npos);
    EXPECT_NE(a.find("LiberationSerif"), std::string::npos);  // the font, embedded by name
}

TEST(PdfReport, AFailedReportLeavesNoFile) {
    ScratchDir dir;
    Report r = long_report(3);
    r.tables.front().rows = [](const Emit& emit) {
        emit(Row{{std::string("An"), 1.0}, {}});
        throw std::runtime_error("the source failed");
    };
    std::string path = dir.file("out.pdf");
    EXPECT_THROW(write_report(r, path), std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::is_empty(std::filesystem::path(path).parent_path()));
}

TEST(PdfReport, AKindThatIsNotSignedRefusesPdf) {
    ScratchDir dir;
    db::Workspace ws = registry::init_congress(dir.file("w.db"), test::sample_congress());
    std::string path = dir.file("members.pdf");
    try {
        write_kind(ws.db(), report_kind("members"), {}, "en", path);
        FAIL() << "members written as .pdf";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("delegates, credentials, minutes, results"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}
