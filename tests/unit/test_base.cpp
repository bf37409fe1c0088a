// core/base: the language choice, the one percent, value sets, files written
// whole, the JSON stream.
#include "core/base/atomic_file.hpp"
#include "core/base/choice.hpp"
#include "core/base/i18n.hpp"
#include "core/base/json_stream.hpp"
#include "core/base/number.hpp"
#include "core/error.hpp"
#include "helpers.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace daihoi;

namespace {

// Sets environment variables for one test and restores them after.
class Env {
public:
    Env(std::initializer_list<std::pair<const char*, const char*>> vars) {
        for (const char* name : {"DAIHOI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            const char* v = std::getenv(name);
            saved_.push_back({name, v ? std::optional<std::string>(v) : std::nullopt});
            ::unsetenv(name);
        }
        for (const auto& [k, v] : vars) ::setenv(k, v, 1);
    }
    ~Env() {
        for (const auto& [k, v] : saved_)
            if (v) ::setenv(k.c_str(), v->c_str(), 1);
            else ::unsetenv(k.c_str());
        i18n::init(i18n::Lang::En);
    }

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

i18n::Lang chosen(std::initializer_list<std::pair<const char*, const char*>> vars) {
    Env env(vars);
    i18n::init();
    return i18n::lang();
}

}  // namespace

TEST(Language, VietnameseByDefaultEvenUnderTheCLocale) {
    EXPECT_EQ(chosen({}), i18n::Lang::Vi);
    EXPECT_EQ(chosen({{"LC_ALL", "C.UTF-8"}}), i18n::Lang::Vi);
    EXPECT_EQ(chosen({{"LANG", "C"}}), i18n::Lang::Vi);
    EXPECT_EQ(chosen({{"LANG", "vi_VN.UTF-8"}}), i18n::Lang::Vi);
}

TEST(Language, EnglishWhenTheEnvironmentSaysSo) {
    EXPECT_EQ(chosen({{"DAIHOI_LANG", "en"}}), i18n::Lang::En);
    EXPECT_EQ(chosen({{"LANGUAGE", "fr:en_GB"}}), i18n::Lang::En);
    EXPECT_EQ(chosen({{"LC_MESSAGES", "en_US.UTF-8"}}), i18n::Lang::En);
    EXPECT_EQ(chosen({{"LANG", "en_US.UTF-8"}}), i18n::Lang::En);
}

TEST(Language, DaihoiLangThenLanguageThenTheLocaleInPosixOrder) {
    EXPECT_EQ(chosen({{"DAIHOI_LANG", "vi"}, {"LANGUAGE", "en"}}), i18n::Lang::Vi);
    EXPECT_EQ(chosen({{"LANGUAGE", "vi"}, {"LANG", "en_US.UTF-8"}}), i18n::Lang::Vi);
    // LC_ALL overrides LANG: the C locale names no language, so Vietnamese.
    EXPECT_EQ(chosen({{"LC_ALL", "C.UTF-8"}, {"LANG", "en_US.UTF-8"}}), i18n::Lang::Vi);
    // A value naming no language daihoi has is passed over.
    EXPECT_EQ(chosen({{"DAIHOI_LANG", "fr"}, {"LANG", "en_US.UTF-8"}}), i18n::Lang::En);
}

TEST(Language, TheFlagWinsOverEverything) {
    Env env({{"DAIHOI_LANG", "vi"}});
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(i18n::lang(), i18n::Lang::En);
}

TEST(Language, ParseLang) {
    EXPECT_EQ(i18n::parse_lang("vi"), i18n::Lang::Vi);
    EXPECT_EQ(i18n::parse_lang("en_GB.UTF-8"), i18n::Lang::En);
    EXPECT_EQ(i18n::parse_lang("EN"), i18n::Lang::En);  // as the --lang option accepts it
    EXPECT_EQ(i18n::parse_lang("Vi"), i18n::Lang::Vi);
    EXPECT_EQ(i18n::parse_lang("eng"), std::nullopt);
    EXPECT_EQ(i18n::parse_lang("C"), std::nullopt);
    EXPECT_EQ(i18n::parse_lang(""), std::nullopt);
}

TEST(Language, EnglishIsTheSourceTextAndVietnameseDecimalsUseAComma) {
    Env env({});
    i18n::init(i18n::Lang::En);
    EXPECT_STREQ(_("nothing was changed"), "nothing was changed");
    EXPECT_EQ(_f("{} of {}", 1, 2), "1 of 2");
    EXPECT_EQ(i18n::decimal("44.50"), "44.50");
    EXPECT_STREQ(_n("{} ballot", "{} ballots", 1), "{} ballot");
    EXPECT_STREQ(_n("{} ballot", "{} ballots", 2), "{} ballots");
    i18n::init(i18n::Lang::Vi);
    EXPECT_EQ(i18n::decimal("44.50"), "44,50");
}

TEST(Percent, HalfUpInIntegerArithmetic) {
    EXPECT_EQ(number::percent(3, 8), "37.50");
    EXPECT_EQ(number::percent(1, 3), "33.33");
    EXPECT_EQ(number::percent(2, 3), "66.67");
    EXPECT_EQ(number::percent(1, 8000), "0.01");   // 0.0125 → 0.01
    EXPECT_EQ(number::percent(1, 16000), "0.01");  // 0.00625 → 0.01 (half up)
    EXPECT_EQ(number::percent(110, 120), "91.67");
    EXPECT_EQ(number::percent(0, 5), "0.00");
    EXPECT_EQ(number::percent(5, 0), "");
    EXPECT_EQ(number::percent_hundredths(5, 0), std::nullopt);
    EXPECT_DOUBLE_EQ(number::percent_value(3, 8), 37.5);
    EXPECT_EQ(number::average_tenths(473, 10), "47.3");
    EXPECT_EQ(number::average_tenths(95, 2), "47.5");
    EXPECT_EQ(number::average_tenths(1, 0), "");
}

namespace {
enum class Colour { Red, Gold };
const Choices<Colour>& colours() {
    static const Choices<Colour> c{{Colour::Red, "red", "red", {"đỏ"}}, {Colour::Gold, "gold", "gold", {"vàng kim"}}};
    return c;
}
}  // namespace

TEST(Choices, CodesAndVietnameseWordsAnyCaseWithOrWithoutMarks) {
    EXPECT_EQ(colours().parse("red"), Colour::Red);
    EXPECT_EQ(colours().parse("RED"), Colour::Red);
    EXPECT_EQ(colours().parse("Đỏ"), Colour::Red);
    EXPECT_EQ(colours().parse("do"), Colour::Red);
    EXPECT_EQ(colours().parse("vàng-kim"), Colour::Gold);
    EXPECT_EQ(colours().parse("vang_kim"), Colour::Gold);
    EXPECT_EQ(colours().parse("blue"), std::nullopt);
    EXPECT_EQ(colours().parse(""), std::nullopt);
    EXPECT_EQ(colours().code(Colour::Gold), "gold");
}

TEST(Choices, RememberedWordsParseAlikeFromEveryThreadPastTheBound) {
    // The words found by folding are remembered (a bounded few): every
    // spelling of "vàng kim" (384: each letter in either case, three
    // separators) still parses, twice, from four threads at once.
    std::vector<std::string> spellings;
    const std::vector<std::pair<std::string, std::string>> letters = {{"v", "V"}, {"à", "À"}, {"n", "N"}, {"g", "G"},
                                                                      {"k", "K"}, {"i", "I"}, {"m", "M"}};
    for (const char* sep : {" ", "-", "_"})
        for (unsigned mask = 0; mask < 128; ++mask) {
            std::string w;
            for (std::size_t i = 0; i < letters.size(); ++i) {
                if (i == 4) w += sep;
                w += (mask >> i) & 1 ? letters[i].second : letters[i].first;
            }
            spellings.push_back(w);
        }
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int round = 0; round < 2; ++round)
                for (const auto& w : spellings) {
                    if (colours().parse(w) != Colour::Gold) ++wrong;
                    if (colours().parse("blue") != std::nullopt) ++wrong;
                }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(spellings.size(), 384u);
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(colours().parse("Đỏ"), Colour::Red);
}

TEST(Choices, UnknownValueListsTheAcceptedOnes) {
    Env env({});
    i18n::init(i18n::Lang::En);
    EXPECT_EQ(colours().unknown("blue"), "unknown value 'blue' (accepted: red, gold)");
}

TEST(AtomicFile, WritesWholeAndLeavesNoTemporaryFile) {
    test::ScratchDir dir;
    std::filesystem::path target = dir.file("report.csv");
    write_file_atomically(target, "a,b\n1,2\n");
    std::ifstream in(target);
    std::stringstream s;
    s << in.rdbuf();
    EXPECT_EQ(s.str(), "a,b\n1,2\n");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.file("")), {}), 1);
}

TEST(AtomicFile, AnAbandonedFileLeavesTheOldOneAndNoTemporary) {
    test::ScratchDir dir;
    std::filesystem::path target = dir.file("report.csv");
    write_file_atomically(target, "old\n");
    {
        AtomicFile f(target);
        std::fputs("half of a new", f.stream());
        // no commit: an error stopped the writer
    }
    std::ifstream in(target);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "old");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.file("")), {}), 1);
}

TEST(AtomicFile, NoOverwriteRefusesAnExistingFile) {
    test::ScratchDir dir;
    std::filesystem::path target = dir.file("backup.db");
    write_file_atomically(target, "first\n");
    EXPECT_THROW(write_file_atomically(target, "second\n", false), Refused);
    EXPECT_NO_THROW(write_file_atomically(dir.file("other.db"), "x", false));
}

TEST(AtomicFile, AMissingFolderIsRefusedWithTheReason) {
    test::ScratchDir dir;
    try {
        write_file_atomically(dir.file("no/such/folder/x.csv"), "x");
        FAIL() << "expected a refusal";
    } catch (const Refused& e) {
        EXPECT_NE(std::string(e.what()).find("x.csv"), std::string::npos) << e.what();
    }
}

TEST(JsonStream, StreamedArrayIsLaidOutAsTheWholeDocument) {
    json::Json doc = json::Json::array();
    doc.push_back({{"code", "A1"}, {"full_name", "Lê Văn Ân"}, {"tags", {1, 2}}});
    doc.push_back({{"code", "A2"}, {"nested", {{"x", nullptr}}}});
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* whole = open_memstream(&buf, &size);
    json::print(doc, whole);
    std::fclose(whole);
    std::string expected(buf, size);
    std::free(buf);

    std::FILE* streamed = open_memstream(&buf, &size);
    {
        json::ArrayStream s(streamed);
        for (const auto& e : doc) s.add(e);
        s.finish();
    }
    std::fclose(streamed);
    EXPECT_EQ(std::string(buf, size), expected);
    std::free(buf);
}

TEST(JsonStream, AnEmptyArrayAndAnUnfinishedOne) {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* f = open_memstream(&buf, &size);
    { json::ArrayStream s(f); s.finish(); }
    std::fflush(f);
    EXPECT_EQ(std::string(buf, size), "[]\n");
    std::fclose(f);
    std::free(buf);
    f = open_memstream(&buf, &size);
    { json::ArrayStream s(f); s.add(1); }  // an error stopped it: the array stays open
    std::fclose(f);
    EXPECT_EQ(std::string(buf, size), "[\n  1");
    std::free(buf);
}

namespace {
enum class Phase { Open, Closed };
const Choices<Phase>& phases() {
    static const Choices<Phase> c{{Phase::Open, "open", NC_("phase", "open"), {"đang bầu"}},
                                  {Phase::Closed, "closed", NC_("phase", "closed"), {}}};
    return c;
}
}  // namespace

TEST(Choices, ALabelWithAContextReadsAndParsesAsItsWords) {
    i18n::init(i18n::Lang::En);
    EXPECT_STREQ(phases().label(Phase::Open), "open");
    EXPECT_EQ(phases().parse("Closed"), Phase::Closed);
    EXPECT_EQ(phases().parse("đang bầu"), Phase::Open);
    EXPECT_STREQ(i18n::tr_packed("plain"), "plain");
}
