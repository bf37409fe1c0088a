// The life of a tool's process: the language, the CLI11 tree built from the
// tool's declarations, the hidden commands the build and the shells use
// (__complete, __describe, __synopsis), running, and every failure turned
// into its message and exit code.
#include "core/cli/cli.hpp"

#include "core/audit/audit.hpp"
#include "core/cli/progress.hpp"
#include "core/cli/table.hpp"
#include "core/db/backup.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Exception.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <new>
#include <regex>

namespace daihoi::cli {

namespace {

std::string g_tool = "daihoi";

std::string shell_quote(const std::string& s) {
    if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_./=:,@+%") == std::string::npos)
        return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// --lang is needed before the tree is built (its help text is translated).
std::optional<i18n::Lang> lang_flag(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--") break;
        if (a == "--lang" && i + 1 < argc) return i18n::parse_lang(argv[i + 1]);
        if (a.starts_with("--lang=")) return i18n::parse_lang(a.substr(7));
    }
    return std::nullopt;
}

// CLI11 pads with bytes: a Vietnamese help line would come out ragged. This
// formatter pads by display width (text::pad_right), else as CLI11 does.
class Formatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        return line("  " + make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
    }
    std::string make_subcommand(const CLI::App* sub) const override {
        return line("  " + sub->get_display_name(true), sub->get_description());
    }

private:
    std::string line(const std::string& name, const std::string& desc) const {
        std::string out = name;
        std::size_t w = text::display_width(name);
        if (!desc.empty()) {
            if (w >= column_width_) out += "\n" + std::string(column_width_, ' ');
            else out += std::string(column_width_ - w, ' ');
            for (char c : desc) out += c == '\n' ? "\n" + std::string(column_width_, ' ') : std::string(1, c);
        }
        return out + "\n";
    }
};

void translate_formatter(CLI::App& app) {
    app.formatter(std::make_shared<Formatter>());
    app.option_defaults()->group(_c("help", "Options"));
    auto f = app.get_formatter();
    f->label("Usage", _c("help", "Usage"));
    f->label("Positionals", _c("help", "Positionals"));
    f->label("Options", _c("help", "Options"));
    f->label("Subcommands", _c("help", "Subcommands"));
    f->label("REQUIRED", _c("help", "REQUIRED"));
    f->label("OPTIONS", _c("help", "OPTIONS"));
    f->label("SUBCOMMAND", _c("help", "SUBCOMMAND"));
    f->label("SUBCOMMANDS", _c("help", "SUBCOMMANDS"));
    f->label("TEXT", _c("help", "TEXT"));
    f->label("INT", _c("help", "INT"));
    f->label("UINT", _c("help", "UINT"));
    f->label("FLOAT", _c("help", "FLOAT"));
    f->column_width(34);
}

// Whether a command that backs up is about to change rows: not a dry run,
// and its `flag` given when it has one (`apportion --save`).
bool changes_rows(const CLI::App& app, const std::string& flag) {
    if (const CLI::Option* dry = app.get_option_no_throw("--dry-run"); dry && dry->count() > 0) return false;
    if (flag.empty()) return true;
    const CLI::Option* o = app.get_option_no_throw(flag);
    return o && o->count() > 0;
}

// The tree: one CLI11 app per word, the commands' options bound on their leaf.
struct Tree {
    CLI::App root;
    std::map<const CLI::App*, const Command*> command_of;
    std::map<const CLI::App*, std::string> words_of;  // "ballots enter"

    Tree(const Tool& tool, Common& common, std::vector<std::function<void()>>& runs)
        : root(tool_summary(tool.name), "daihoi-" + tool.name) {
        translate_formatter(root);
        root.set_help_flag("-h,--help", _("print this help and exit"));
        root.set_version_flag("--version", "daihoi-" + tool.name + " " DAIHOI_VERSION, _("print the version and exit"));
        root.footer(_f("The full manual: man daihoi-{}", tool.name));
        root.add_option("--db", common.db, _("workspace file (default: $DAIHOI_DB, else ./daihoi.db)"))
            ->type_name("FILE");
        root.add_flag("--json", common.json, _("print one JSON document on stdout"));
        root.add_flag("-q,--quiet", common.quiet, _("no progress or notes on stderr"));
        root.add_option("--lang", common.lang, _("language of messages and reports: vi (default) or en"))
            ->type_name("LANG")
            ->check(one_of({"vi", "en"}));
        runs.reserve(tool.commands.size());
        for (const auto& g : tool.groups) app_for(g.words, g.summary)->require_subcommand(1);
        for (const auto& c : tool.commands) {
            CLI::App* app = c.words.empty() ? &root : app_for(c.words, c.summary);
            command_of[app] = &c;
            runs.push_back(c.bind(*app, common));
            if (c.backup != Command::Backup::None)
                app->add_flag("--no-backup", common.no_backup,
                              _("do not copy the workspace to WORKSPACE.backups/ before the change"));
            app->callback([&runs, &common, &c, app, name = tool.name, i = runs.size() - 1] {
                if (c.backup == Command::Backup::Before && changes_rows(*app, c.backup_flag))
                    auto_backup(common, fmt::format("{}-{}", name, fmt::join(c.words, "-")));
                runs[i]();
            });
        }
        if (!(tool.commands.size() == 1 && tool.commands[0].words.empty())) root.require_subcommand(1);
    }

    CLI::App* app_for(const std::vector<std::string>& words, const char* summary) {
        CLI::App* app = &root;
        std::string path;
        for (std::size_t i = 0; i < words.size(); ++i) {
            path += (i ? " " : "") + words[i];
            CLI::App* sub = nullptr;
            for (auto* s : app->get_subcommands({}))
                if (s->get_name() == words[i]) sub = s;
            if (!sub) {
                sub = app->add_subcommand(words[i], i + 1 == words.size() ? _(summary) : "");
                sub->group(_c("help", "Subcommands"));
                sub->fallthrough();
                translate_formatter(*sub);
                sub->set_help_flag("-h,--help", _("print this help and exit"));
                words_of[sub] = path;
            } else if (i + 1 == words.size()) {
                sub->description(_(summary));
            }
            app = sub;
        }
        return app;
    }

    // The innermost command named on the command line.
    const CLI::App* deepest() const {
        const CLI::App* app = &root;
        for (;;) {
            auto parsed = app->get_subcommands();
            if (parsed.empty()) return app;
            app = parsed.back();
        }
    }
};

// ---- usage errors in the reader's language ---------------------------------------------
std::string list_subcommands(const CLI::App& app) {
    std::string out;
    for (const auto* s : app.get_subcommands({})) out += (out.empty() ? "" : ", ") + s->get_name();
    return out;
}

std::string usage_message(const CLI::ParseError& e, const CLI::App& at) {
    const std::string what = e.what();
    std::smatch m;
    auto is = [&](const char* pattern) { return std::regex_match(what, m, std::regex(pattern)); };
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        if (is("A subcommand is required|Requires at least .* subcommands"))
            return _f("a command is needed: {}", list_subcommands(at));
        if (is("(.+) is required")) return _f("{} is required", m[1].str());
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e) && is("The following arguments? (?:was|were) not expected: (.*)"))
        return _f("unexpected argument: {}", m[1].str());
    if (dynamic_cast<const CLI::ConversionError*>(&e)) {
        if (is("Could not convert: (\\S+) = (.*)")) return _f("{}: '{}' is not a valid value", m[1].str(), m[2].str());
        if (is("The value (.*) is not an allowed value for (.*)"))
            return _f("{}: '{}' is not a valid value", m[2].str(), m[1].str());
        if (is("(.+): too many inputs for a flag")) return _f("{} takes no value", m[1].str());
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        if (is("Expected (?:exactly|at least) \\d+ arguments? to (\\S+), got \\d+") ||
            is("(\\S+): \\d+ required \\S+ missing") || is("(\\S+): At least \\d+ required but received \\d+"))
            return _f("{} needs a value", m[1].str());
        if (is("(\\S+): At Most \\d+ required but received \\d+")) return _f("{} takes fewer values", m[1].str());
    }
    // ValidationError: our validators' messages are translated already ("--pass: …").
    return what;
}

// ---- the hidden commands ----------------------------------------------------------------
std::string metavar(const CLI::Option& o) {
    if (o.get_positional()) return o.get_name(true);
    std::string t = o.get_type_name();
    if (t == "INT" || t == "UINT" || t == "INT64") return "N";
    return t;
}


bool is_common(const CLI::Option& o) {
    for (const char* name : {"db", "json", "quiet", "lang"})
        if (o.check_lname(name)) return true;
    return false;
}

// The options of `app`, common ones and help excluded.
std::vector<const CLI::Option*> own_options(const CLI::App& app) {
    std::vector<const CLI::Option*> out;
    for (const auto* o : app.get_options())
        if (o != app.get_help_ptr() && o != app.get_help_all_ptr() && o != app.get_version_ptr()) out.push_back(o);
    return out;
}

// scdoc: *daihoi election ballots enter* _ID_ [--pass _N_] [--station _NAME_]
std::string synopsis(const std::string& tool, const std::string& words, const CLI::App& app, bool scdoc) {
    auto bold = [&](const std::string& s) { return scdoc ? "*" + s + "*" : s; };
    auto var = [&](const std::string& s) { return scdoc ? "_" + s + "_" : s; };
    std::string out = bold("daihoi " + tool + (words.empty() ? "" : " " + words));
    std::vector<const CLI::Option*> positionals, options;
    for (const auto* o : own_options(app))
        if (!is_common(*o)) (o->get_positional() ? positionals : options).push_back(o);
    for (const auto* o : options) {
        std::string name = o->get_lnames().empty() ? "-" + o->get_snames().front() : "--" + o->get_lnames().front();
        std::string v = metavar(*o);
        std::string s = v.empty() || o->get_expected_max() == 0 ? name : name + " " + var(v);
        out += " " + (o->get_required() ? s : "[" + s + "]");
    }
    for (const auto* o : positionals) {
        std::string s = var(metavar(*o)) + (o->get_expected_max() > 1 ? "..." : "");
        out += " " + (o->get_required() ? s : "[" + s + "]");
    }
    return out;
}

Json describe(const Tool& tool, const Tree& tree) {
    auto option_json = [](const CLI::Option& o) {
        Json j{{"name", o.get_positional() ? o.get_name(true)
                        : o.get_lnames().empty() ? "-" + o.get_snames().front()
                                                 : "--" + o.get_lnames().front()},
               {"metavar", metavar(o)},
               {"help", o.get_description()},
               {"required", o.get_required()},
               {"positional", o.get_positional()},
               {"flag", o.get_expected_max() == 0},
               {"many", o.get_expected_max() > 1}};
        return j;
    };
    Json commands = Json::array();
    for (const auto& [app, cmd] : tree.command_of) {
        std::string words = app == &tree.root ? "" : tree.words_of.at(app);
        Json opts = Json::array();
        for (const auto* o : own_options(*app))
            if (!is_common(*o))
                opts.push_back(option_json(*o));
        commands.push_back({{"words", words},
                            {"summary", _(cmd->summary)},
                            {"changes", cmd->effect == Effect::Changes},
                            {"usage", synopsis(tool.name, words, *app, false)},
                            {"options", opts}});
    }
    std::sort(commands.begin(), commands.end(),
              [](const Json& a, const Json& b) { return a["words"].get<std::string>() < b["words"].get<std::string>(); });
    Json groups = Json::array();
    for (const auto& g : tool.groups) {
        std::string w;
        for (const auto& x : g.words) w += (w.empty() ? "" : " ") + x;
        groups.push_back({{"words", w}, {"summary", _(g.summary)}});
    }
    Json common = Json::array();
    for (const auto* o : own_options(tree.root))
        if (!o->get_positional()) common.push_back(option_json(*o));
    return {{"tool", "daihoi-" + tool.name},
            {"summary", tool_summary(tool.name)},
            {"language", i18n::code(i18n::lang())},
            {"groups", groups},
            {"commands", commands},
            {"common_options", common}};
}

// Candidates for the last of `words` (the words typed after the tool's name).
std::vector<std::string> complete(const Tool& tool, const Tree& tree, Common& common, std::vector<std::string> words) {
    std::string current = words.empty() ? "" : words.back();
    if (!words.empty()) words.pop_back();
    const CLI::App* app = &tree.root;
    std::size_t positionals = 0;
    const CLI::Option* wants_value = nullptr;
    auto find_option = [&](const std::string& w) -> const CLI::Option* {
        std::string name = w.substr(0, w.find('='));
        for (const CLI::App* a = app; a; a = a->get_parent())
            for (const auto* o : a->get_options()) {
                if (o->get_positional()) continue;
                for (const auto& l : o->get_lnames())
                    if (name == "--" + l) return o;
                for (const auto& s : o->get_snames())
                    if (name == "-" + s) return o;
            }
        return nullptr;
    };
    for (const auto& w : words) {
        if (wants_value) {
            if (wants_value->check_lname("db")) common.db = w;
            wants_value = nullptr;
            continue;
        }
        if (w.starts_with("-")) {
            const auto* o = find_option(w);
            if (o && o->get_expected_max() != 0 && w.find('=') == std::string::npos) wants_value = o;
            continue;
        }
        const CLI::App* sub = nullptr;
        for (const auto* s : app->get_subcommands({}))
            if (s->get_name() == w) sub = s;
        if (sub && positionals == 0) {
            app = sub;
            continue;
        }
        ++positionals;
    }
    std::vector<std::string> out;
    auto offer = [&](const std::string& c) {
        if (c.starts_with(current)) out.push_back(c);
    };
    if (wants_value) {
        if (wants_value->check_lname("lang"))
            for (const char* l : {"vi", "en"}) offer(l);
        return out;  // other values: files or free text (the shell decides)
    }
    if (current.starts_with("-")) {
        for (const CLI::App* a = app; a; a = a->get_parent())
            for (const auto* o : a->get_options())
                if (!o->get_positional())
                    for (const auto& l : o->get_lnames()) offer("--" + l);
        return out;
    }
    if (positionals == 0)
        for (const auto* s : app->get_subcommands({})) offer(s->get_name());
    if (!out.empty() || !tool.complete) return out;
    std::vector<const CLI::Option*> pos;
    for (const auto* o : app->get_options())
        if (o->get_positional()) pos.push_back(o);
    if (pos.empty()) return out;
    const auto* o = pos[std::min(positionals, pos.size() - 1)];
    if (positionals >= pos.size() && o->get_expected_max() <= 1) return out;
    try {
        for (const auto& v : tool.complete(common, o->get_name(true))) offer(v);
    } catch (const std::exception&) {
        // No workspace, or not readable: nothing to offer.
    }
    return out;
}

int hidden(const std::string& what, const Tool& tool, Tree& tree, Common& common, int argc, char** argv) {
    if (what == "__describe") {
        print_json(describe(tool, tree));
    } else if (what == "__synopsis") {
        std::vector<std::pair<std::string, const CLI::App*>> lines;
        for (const auto& [app, cmd] : tree.command_of)
            lines.push_back({app == &tree.root ? "" : tree.words_of.at(app), app});
        std::sort(lines.begin(), lines.end());
        for (const auto& [words, app] : lines) fmt::print("{}\n\n", synopsis(tool.name, words, *app, true));
    } else {  // __complete WORDS…
        std::vector<std::string> words(argv + 2, argv + argc);
        for (const auto& c : complete(tool, tree, common, words)) fmt::print("{}\n", c);
    }
    return 0;
}

std::string sqlite_message(const SQLite::Exception& e, int& exit_code) {
    exit_code = static_cast<int>(Exit::Refused);
    switch (e.getErrorCode() & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return _("the workspace is busy: another terminal has been writing to it for too long; try again");
        case SQLITE_READONLY:
            return _("the workspace cannot be written (a read-only file or folder); nothing was changed");
        case SQLITE_FULL:
            return _("the disk is full; nothing was changed");
        case SQLITE_IOERR:
            // A write refused by the system: a full disk (ENOSPC, or EFBIG past a size limit) or a failing one.
            switch (e.getExtendedErrorCode()) {
                case SQLITE_IOERR_WRITE:
                case SQLITE_IOERR_FSYNC:
                case SQLITE_IOERR_TRUNCATE:
                case SQLITE_IOERR_SHMSIZE:
                    return _("the workspace cannot be written: the disk is full or failing; nothing was changed");
            }
            return _f("the workspace cannot be read or written: {}; nothing was changed", e.what());
        case SQLITE_CANTOPEN:
            return _f("the workspace cannot be opened: {}", e.what());
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            exit_code = static_cast<int>(Exit::Integrity);
            return _f("the workspace is damaged: {}", e.what());
        default:
            exit_code = static_cast<int>(Exit::Internal);
            return _f("internal error (database: {}); this is a bug in daihoi, please report it with the command "
                      "that was run; nothing was changed",
                      e.what());
    }
}

}  // namespace

Progress* Common::progress() const {
    static TerminalProgress terminal;
    return quiet ? nullptr : &terminal;
}

const std::string& tool_name() { return g_tool; }

Command backed_up(Command c, std::string when_flag, Command::Backup how) {
    c.backup = how;
    c.backup_flag = std::move(when_flag);
    return c;
}

void auto_backup(const Common& common, const std::string& command) {
    if (common.no_backup) return;
    auto r = db::auto_backup(common.db_path(), command);
    if (r.outcome == db::AutoBackup::Outcome::TooLarge)
        note(common, _f("note: the workspace is over 1 GB ({} MB): no automatic backup was made; make one with "
                        "'daihoi congress backup FILE'",
                        r.workspace_size >> 20));
}

void note(const Common& c, const std::string& message) {
    if (!c.quiet) fmt::print(stderr, "{}\n", message);
}

void warn(const std::string& message) { fmt::print(stderr, "{}: {}: {}\n", g_tool, _("warning"), message); }

void error(const std::string& message) { fmt::print(stderr, "{}: {}: {}\n", g_tool, _("error"), message); }

void declare_import_file(CLI::App& app, db::ImportFile& file) {
    app.add_option("--sheet", file.sheet, _("the sheet of an .xlsx file (default: the first)"))->type_name("NAME");
    app.add_flag("--dry-run", file.dry_run, _("check everything and show how the file is read; write nothing"));
    app.add_option_function<std::size_t>(
           "--header-row", [&file](const std::size_t& n) { file.header_row = n; },
           _("the line of the header row, when the one found is not it"))
        ->type_name("N")
        ->check(in_range(1, 1000000));
    app.add_option_function<std::string>(
           "--map",
           [&file](const std::string& spec) {
               // "Họ và tên=full_name,Số thẻ=code": a header's text, '=', the field.
               std::size_t start = 0;
               while (start <= spec.size()) {
                   std::size_t comma = spec.find(',', start);
                   std::string pair = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                   std::size_t eq = pair.rfind('=');
                   if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                       throw CLI::ValidationError("--map", _f("'{}' is not HEADER=field", pair));
                   file.mapping.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
                   if (comma == std::string::npos) break;
                   start = comma + 1;
               }
           },
           _("which column is which field, when the guess is wrong: 'Header=field,…'"))
        ->type_name("MAP");
    app.add_option_function<std::string>(
           "--encoding",
           [&file](const std::string& e) {
               std::string f = text::fold(e);
               file.encoding = f == "tcvn3" ? db::TextEncoding::Tcvn3
                             : f == "vni"   ? db::TextEncoding::Vni
                             : f == "unicode" ? db::TextEncoding::Unicode
                                              : db::TextEncoding::Auto;
           },
           _("the text's encoding: auto (default: detected), unicode, tcvn3 (ABC, .VnTime) or vni"))
        ->type_name("ENCODING")
        ->check(one_of({"auto", "unicode", "tcvn3", "vni"}));
}

namespace {

// What a dry run understood of the file: the header's line, which column
// became which field, the text's encoding.
void print_reading(const db::ImportSummary& s) {
    fmt::print("{}\n", _f("header: line {}", s.header_line));
    TextTable t({_("column"), _("header"), _("field")}, {TextTable::Align::Right});
    for (const auto& m : s.mapping) t.add({std::to_string(m.column), m.header, m.field});
    t.print();
    fmt::print("{}\n", _f("encoding: {}", s.encoding));
}

// The first rows as they would be stored; a field empty in all of them is left out.
void print_preview(const db::ImportSummary& s) {
    auto shown = [](const nlohmann::ordered_json& v) {
        return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
    };
    std::vector<std::string> fields;
    for (const auto& [field, v] : s.preview.front().items())
        if (std::any_of(s.preview.begin(), s.preview.end(), [&](const auto& row) { return !shown(row[field]).empty(); }))
            fields.push_back(field);
    fmt::print("\n{}\n", _fn("The first row as it would be stored:", "The first {} rows as they would be stored:",
                               s.preview.size(), s.preview.size()));
    TextTable t(fields);
    for (const auto& row : s.preview) {
        std::vector<std::string> cells;
        for (const auto& f : fields) cells.push_back(shown(row[f]));
        t.add(std::move(cells));
    }
    t.print();
}

}  // namespace

void print_import(const Common& c, const db::ImportSummary& s) {
    if (c.json) return print_json(db::to_json(s));
    if (s.dry_run) print_reading(s);
    for (const auto& col : s.ignored_columns) note(c, _f("note: column '{}' is not a field of this list; ignored", col));
    if (s.footer_line)
        note(c, _f("note: the table ends at line {} ('{}'); the lines below it were not read", s.footer_line,
                   s.footer));
    if (!s.converted_columns.empty())
        note(c, _fn("note: text in {} converted to Unicode in column '{}'",
                    "note: text in {} converted to Unicode in columns '{}'", s.converted_columns.size(),
                    s.encoding == "vni" ? _("VNI") : _("TCVN3 (ABC)"), fmt::join(s.converted_columns, "', '")));
    std::string what = s.kind == "members"       ? _("members")
                       : s.kind == "evaluations" ? _("evaluations")
                       : s.kind == "discipline"  ? _("discipline records")
                       : s.kind == "units"       ? _("units")
                       : s.kind == "delegates"   ? _("delegates")
                       : s.kind == "candidates"  ? _("candidates")
                       : s.kind == "ballots"     ? _("ballots")
                                                 : s.kind;
    if (s.context.contains("election")) what += " " + _f("of election {}", s.context["election"].get<std::string>());
    if (s.context.contains("pass")) what += ", " + _f("pass {}", s.context["pass"].get<int>());
    if (s.dry_run) what += " " + std::string(_("(dry run, nothing written)"));
    fmt::print("{}\n", _f("{}: {} added, {} updated, {} unchanged", what, s.added, s.updated, s.unchanged));
    if (s.dry_run && !s.preview.empty()) print_preview(s);
}

CLI::Validator one_of(std::vector<std::string> allowed) {
    return CLI::Validator(
        [allowed](std::string& value) -> std::string {
            std::string want = text::fold(value);
            for (const auto& a : allowed)
                if (text::fold(a) == want) return {};
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            return _f("unknown value '{}' (accepted: {})", value, list);
        },
        "");
}

CLI::Validator in_range(long long lo, long long hi) {
    return CLI::Validator(
        [lo, hi](std::string& value) -> std::string {
            long long v = 0;
            std::size_t used = 0;
            try {
                v = std::stoll(value, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used != value.size() || used == 0) return _f("'{}' is not a whole number", value);
            if (v < lo || v > hi) return _f("{} is not between {} and {}", value, lo, hi);
            return {};
        },
        "");
}

CLI::Validator natural_number() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            std::uint64_t v = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size())
                return _f("'{}' is not a whole number from 0 to {}", value, UINT64_MAX);
            return {};
        },
        "");
}

int main(const Tool& tool, int argc, char** argv) {
    g_tool = "daihoi-" + tool.name;
    i18n::init(lang_flag(argc, argv));
    std::string command_line;
    for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + shell_quote(i ? argv[i] : g_tool);
    audit::set_invocation({g_tool, command_line});

    Common common;
    std::vector<std::function<void()>> runs;
    std::unique_ptr<Tree> tree;
    try {
        tree = std::make_unique<Tree>(tool, common, runs);
        if (argc >= 2) {
            std::string first = argv[1];
            if (first == "__describe" || first == "__synopsis" || first == "__complete")
                return hidden(first, tool, *tree, common, argc, argv);
        }
        tree->root.parse(argc, argv);
        std::fflush(stdout);
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return tree->root.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return tree->root.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return tree->root.exit(e);
    } catch (const CLI::ParseError& e) {
        const CLI::App& at = *tree->deepest();
        error(usage_message(e, at));
        std::string words = tree->words_of.count(&at) ? " " + tree->words_of.at(&at) : "";
        fmt::print(stderr, "{}\n", _f("See '{}{} --help'.", g_tool, words));
        return static_cast<int>(Exit::Usage);
    } catch (const InputError& e) {
        std::fflush(stdout);
        for (const auto& d : e.diagnostics()) error(d.to_string());
        if (e.total() > e.diagnostics().size()) {
            std::size_t more = e.total() - e.diagnostics().size();
            error(_fn("… and {} more problem", "… and {} more problems", more, more));
        }
        // A command that changes data says that it changed nothing.
        bool changes = false;
        for (const CLI::App* a = tree->deepest(); a; a = a->get_parent())
            if (auto it = tree->command_of.find(a); it != tree->command_of.end()) {
                changes = it->second->effect == Effect::Changes;
                break;
            }
        if (changes)
            error(e.total() > 1 ? _fn("{} problem; nothing was changed", "{} problems; nothing was changed",
                                      e.total(), e.total())
                                : std::string(_("nothing was changed")));
        else if (e.total() > 1)
            error(_fn("{} problem", "{} problems", e.total(), e.total()));
        return static_cast<int>(Exit::BadInput);
    } catch (const Error& e) {
        std::fflush(stdout);
        error(e.what());
        return static_cast<int>(e.code());
    } catch (const SQLite::Exception& e) {
        std::fflush(stdout);
        int code = 0;
        error(sqlite_message(e, code));
        return code;
    } catch (const std::bad_alloc&) {
        std::fflush(stdout);
        error(_("not enough memory; nothing was changed"));
        return static_cast<int>(Exit::Refused);
    } catch (const std::exception& e) {
        std::fflush(stdout);
        error(_f("internal error ({}); this is a bug in daihoi, please report it with the command that was run; "
                 "nothing was changed",
                 e.what()));
        return static_cast<int>(Exit::Internal);
    }
}

// ---- the tools ---------------------------------------------------------------------
const std::vector<ToolInfo>& tools() {
    static const std::vector<ToolInfo> all = {
        {"congress", N_("the congress and its workspace: init, show, set, backup, restore")},
        {"members", N_("the registry of party members")},
        {"delegates", N_("apportionment, delegates convened, attendance, quorum, credentials")},
        {"election", N_("candidate lists, ballots, tally, close, seal")},
        {"vote", N_("show-of-hands votes of the congress: record, list")},
        {"scan", N_("counting by scanner: read ballots, review held pages, show a page, test deck")},
        {"standards", N_("candidate standards and structure targets")},
        {"report", N_("print-ready Excel, CSV and JSON reports")},
        {"audit", N_("the hash-chained audit trail: log, verify, export")},
        {"board", N_("the counting room's screen: a live, read-only web page")},
        {"sample", N_("deterministic synthetic congress data")},
    };
    return all;
}

const char* tool_summary(std::string_view name) {
    for (const auto& t : tools())
        if (t.name == name) return _(t.summary);
    return "";
}

bool plausible_tool_name(std::string_view name) {
    if (name.empty() || name.front() == '-') return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

namespace {
bool executable(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}
}  // namespace

std::optional<std::string> find_tool(std::string_view tool) {
    const std::string file = "daihoi-" + std::string(tool);
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec && executable((self.parent_path() / file).string())) return (self.parent_path() / file).string();
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "";
    while (path) {
        std::size_t colon = rest.find(':');
        std::string_view entry = rest.substr(0, colon);
        std::string candidate = (entry.empty() ? std::string(".") : std::string(entry)) + "/" + file;
        if (executable(candidate)) return candidate;
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return std::nullopt;
}

}  // namespace daihoi::cli
