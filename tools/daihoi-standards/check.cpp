// daihoi-standards check: people against a set, as a streamed person ×
// criterion table with the reasons under it, or as a streamed JSON array.
#include "core/standards/check.hpp"
#include "core/base/json_stream.hpp"
#include "core/cli/table.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"
#include "tools/daihoi-standards/standards.hpp"

#include <cstdio>

namespace daihoi::tool {

namespace st = standards;

namespace {

// --json: one array streamed as it comes.
class JsonSink : public st::CheckSink {
  public:
    explicit JsonSink(const st::StandardSet& s) : writer_(s) {}
    void person(const st::PersonCheck& p) override {
        element_.clear();
        writer_.append(element_, p);
        out_.add_serialized(element_);
        counts.add(p);
    }
    void end() { out_.finish(); }
    st::CheckCounts counts;

  private:
    st::JsonWriter writer_;
    json::ArrayStream out_;
    std::string element_;
};

std::string_view mark(st::Result r) {
    return r == st::Result::Pass ? "✓" : r == st::Result::Fail ? "✗" : "?";
}

// The person × criterion table, streamed (the widths come first), with the
// reasons of every ✗ and ? spooled to a temporary file and listed under it.
class TableSink : public st::CheckSink {
  public:
    TableSink(const st::StandardSet& s, const text::Date& as_of)
        : set_(s), as_of_(as_of), details_(std::tmpfile()) {
        if (!details_) throw Refused(_("cannot create a temporary file for the check"));
        std::setvbuf(details_, nullptr, _IOFBF, 1 << 18);
        std::vector<std::string> head = {_("code"), _("full name")};
        for (const auto& c : set_.criteria) head.push_back(c.id);
        head.push_back(_("passes"));
        table_.emplace(std::move(head));
        yes_ = i18n::yes_no(true);
        no_ = i18n::yes_no(false);
    }
    ~TableSink() override { std::fclose(details_); }

    void begin(std::size_t, std::size_t code_width, std::size_t name_width) override {
        fmt::print("{}\n\n", _f("{} — {}; as of {}", set_.name, set_.title, as_of_.vn()));
        std::vector<std::size_t> widths = {code_width, name_width};
        widths.resize(set_.criteria.size() + 2, 1);  // a mark is one column wide
        widths.push_back(std::max(text::display_width(yes_), text::display_width(no_)));
        std::fflush(stdout);
        table_->begin_stream(std::move(widths));
    }

    void person(const st::PersonCheck& p) override {
        row_.assign({p.code, p.full_name});
        bool why = false;
        for (const auto& o : p.results) {
            row_.push_back(mark(o.result));
            why = why || o.result != st::Result::Pass;
        }
        row_.push_back(p.passes() ? yes_ : no_);
        table_->stream(row_);
        if (why) {
            reasons_.append(p.code).append(" ").append(p.full_name).append("\n");
            for (std::size_t k = 0; k < p.results.size(); ++k) {
                const auto& o = p.results[k];
                if (o.result == st::Result::Pass) continue;
                reasons_.append("  ")
                    .append(mark(o.result))
                    .append(" ")
                    .append(set_.criteria[k].id)
                    .append(": ");
                st::describe_to(reasons_, o);
                reasons_ += '\n';
            }
            if (reasons_.size() > (1 << 20)) spill();
        }
        counts.add(p);
    }

    void end() {
        table_->end_stream();
        spill();
        if (std::ftell(details_) > 0) {
            fmt::print("\n{}\n", _("reasons (✗ fails, ? data missing):"));
            std::fflush(stdout);
            std::rewind(details_);
            char chunk[1 << 16];
            std::size_t got;
            while ((got = std::fread(chunk, 1, sizeof chunk, details_)) > 0)
                std::fwrite(chunk, 1, got, stdout);
        }
        fmt::print("\n{}\n", _fn("{} person: {} pass, {} fail, {} with data missing",
                                 "{} people: {} pass, {} fail, {} with data missing", counts.people,
                                 counts.people, counts.passing(), counts.failing, counts.unknown));
    }
    st::CheckCounts counts;

  private:
    void spill() {
        std::fwrite(reasons_.data(), 1, reasons_.size(), details_);
        reasons_.clear();
    }

    const st::StandardSet& set_;
    text::Date as_of_;
    std::FILE* details_;
    std::optional<cli::TextTable> table_;
    std::vector<std::string_view> row_;
    std::string yes_, no_;
    std::string reasons_;  // of ✗ and ?, spilled to details_ and printed after the table
};

}  // namespace

void run_check(const cli::Common& common, const CheckOptions& o) {
    const auto sel = st::Selection::of(o.codes, o.election, o.all);
    const auto when = st::parse_as_of(o.as_of);
    auto ws = common.open();
    const auto set = st::find_set(ws.path(), o.name);
    std::optional<st::Flags> flags;
    if (!o.flags.empty()) flags = st::Flags::load(o.flags);
    st::CheckOptions opt;
    opt.as_of = st::as_of_date(ws.db(), set, when);
    opt.flags = flags ? &*flags : nullptr;
    st::CheckCounts counts;
    if (common.json) {
        JsonSink sink(set);
        st::check(ws.db(), set, sel, opt, sink);
        sink.end();
        counts = sink.counts;
    } else {
        TableSink sink(set, opt.as_of);
        st::check(ws.db(), set, sel, opt, sink);
        sink.end();
        counts = sink.counts;
    }
    std::fflush(stdout);
    if (o.strict) st::require_all_pass(counts, set);
}

}  // namespace daihoi::tool
