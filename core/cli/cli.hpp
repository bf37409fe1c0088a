// The command model every daihoi tool is built from (SPEC §2): a command is
// data — its words, a one-line summary, whether it changes the workspace,
// its own options object, one run function. From these declarations come
// `--help`, the dispatcher's list, shell completion (`__complete`) and the
// man pages' SYNOPSIS (`__synopsis`); the common options (--db, --json,
// --quiet, --lang); usage errors (exit 2) and every other failure turned
// into `tool: error: …` with the exit code of daihoi::Exit, in the reader's
// language; an unexpected exception is a bug, exit 70.
#pragma once

#include "core/base/choice.hpp"
#include "core/base/i18n.hpp"
#include "core/base/json_stream.hpp"
#include "core/base/progress.hpp"
#include "core/db/import.hpp"
#include "core/db/workspace.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace daihoi::cli {

using Json = json::Json;

// The options every tool takes.
struct Common {
    std::optional<std::string> db;
    bool json = false;
    bool quiet = false;
    bool no_backup = false;  // --no-backup, on the commands that make an automatic backup
    std::string lang;  // as given with --lang; i18n::lang() is the language in force

    std::string db_path() const { return db::resolve_path(db); }
    db::Workspace open() const { return db::Workspace::open(db_path()); }
    // The progress bar on stderr (drawn only on a terminal), or null with --quiet.
    Progress* progress() const;
};

enum class Effect { Reads, Changes };

// One command: `daihoi TOOL WORDS… [options]`.
struct Command {
    std::vector<std::string> words;  // {"ballots", "enter"}; empty: the tool itself has no subcommands
    const char* summary = "";        // N_("…"): one line, translated when shown
    Effect effect = Effect::Reads;
    // Declares the command's options on `app`, bound to an options object of
    // its own, and returns the function that runs it.
    std::function<std::function<void()>(CLI::App& app, const Common& common)> bind;
    // The automatic backup before a command that changes many rows at once
    // (SPEC §2a): None; Before, made by the CLI before the command runs
    // (when `backup_flag` is empty or given, never with --dry-run); ByCommand,
    // made by the command itself (restore: after its checks).
    enum class Backup { None, Before, ByCommand } backup = Backup::None;
    std::string backup_flag;
};

// `c` with an automatic backup before it, and --no-backup to skip it.
Command backed_up(Command c, std::string when_flag = "", Command::Backup how = Command::Backup::Before);
// The automatic backup for `command` ("members-import"), unless --no-backup;
// a note on stderr when the workspace is too large to copy.
void auto_backup(const Common& common, const std::string& command);

// Builds a Command from its options type: `declare` adds the options to the
// app (bound to the fields of a fresh Options), `run` does the work.
template <class Options>
Command command(std::vector<std::string> words, const char* summary, Effect effect,
                std::function<void(CLI::App&, Options&)> declare,
                std::function<void(const Common&, const Options&)> run) {
    Command c;
    c.words = std::move(words);
    c.summary = summary;
    c.effect = effect;
    c.bind = [declare = std::move(declare), run = std::move(run)](CLI::App& app, const Common& common) {
        auto options = std::make_shared<Options>();
        declare(app, *options);
        return std::function<void()>([options, &common, run] { run(common, *options); });
    };
    return c;
}

// A word that only groups commands ("ballots" in `ballots enter`).
struct Group {
    std::vector<std::string> words;
    const char* summary = "";  // N_("…")
};

struct Tool {
    std::string name;  // "election": the executable is daihoi-election
    std::vector<Group> groups;
    std::vector<Command> commands;
    // Values of a positional argument for completion: the workspace's
    // election IDs for "ID", member codes for "CODE", …; may be empty.
    std::function<std::vector<std::string>(const Common&, std::string_view metavar)> complete;
};

// The whole life of a tool's process: language, parsing, running, errors.
int main(const Tool& tool, int argc, char** argv);

// ---- the tools (the dispatcher's table, one source for every summary) -----------------
struct ToolInfo {
    std::string_view name;  // "members"
    const char* summary;    // N_("…")
};
const std::vector<ToolInfo>& tools();
const char* tool_summary(std::string_view name);  // translated; "" for an unknown tool
// A plain word (letters, digits, '-'), so that `daihoi ../x` runs nothing but daihoi-*.
bool plausible_tool_name(std::string_view name);
// The executable daihoi-<tool>: next to the running program, else on $PATH.
std::optional<std::string> find_tool(std::string_view tool);

// ---- options with values people type ------------------------------------------------
// A validator whose message is in the reader's language: `allowed` codes or
// words (matched as Choices match: any case, with or without diacritics).
CLI::Validator one_of(std::vector<std::string> allowed);
// A whole number in [lo, hi].
CLI::Validator in_range(long long lo, long long hi);
// A whole number from 0 to 2^64 − 1 (digits only: no sign, never wrapped around).
CLI::Validator natural_number();
// A value of `choices` (a code or any of its words), else its "unknown value" message.
template <class E>
CLI::Validator one_of(const Choices<E>& choices) {
    return CLI::Validator([&choices](std::string& v) { return choices.parse(v) ? std::string() : choices.unknown(v); },
                          "");
}

// ---- output -----------------------------------------------------------------------
// A note on stderr (silenced by --quiet).
template <class... Args>
void note(const Common& c, fmt::format_string<Args...> f, Args&&... args) {
    if (!c.quiet) fmt::print(stderr, "{}\n", fmt::format(f, std::forward<Args>(args)...));
}
void note(const Common& c, const std::string& message);

// `tool: warning: …` on stderr (never silenced).
void warn(const std::string& message);
// `tool: error: …` on stderr: the one error reporter.
void error(const std::string& message);

// One JSON document on stdout.
inline void print_json(const Json& j) { json::print(j); }

// The options of every import command, into `file`: --sheet, --dry-run,
// --header-row N, --map 'Header=field,…', --encoding auto|unicode|tcvn3|vni.
void declare_import_file(CLI::App& app, db::ImportFile& file);

// What an import did, the same way for every import: a line ("members: 9
// added, 0 updated, 0 unchanged") and a note per ignored column, or --json.
void print_import(const Common& c, const db::ImportSummary& s);

// The name of the running tool, e.g. "daihoi-members".
const std::string& tool_name();

}  // namespace daihoi::cli
