// The common run loop of every tool.
#include "core/cli/cli.hpp"

#include "core/audit/audit.hpp"
#include "core/error.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <cstdio>
#include <iostream>

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

void error_line(const std::string& message) {
    fmt::print(stderr, "{}: error: {}\n", g_tool, message);
}
}  // namespace

const std::string& tool_name() { return g_tool; }

void warn(const std::string& message) { fmt::print(stderr, "{}: warning: {}\n", g_tool, message); }

void print_json(const Json& j) {
    std::string s = j.dump(2, ' ', false, nlohmann::json::error_handler_t::strict);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

CLI::App* subcommand(CLI::App& parent, const std::string& name, const std::string& description) {
    CLI::App* sub = parent.add_subcommand(name, description);
    sub->fallthrough();
    return sub;
}

int run(const std::string& tool, const std::string& description, int argc, char** argv,
        const std::function<void(CLI::App&, Common&)>& setup) {
    g_tool = tool;
    std::string command;
    for (int i = 0; i < argc; ++i) command += (i ? " " : "") + shell_quote(i ? argv[i] : tool);
    audit::set_invocation({tool, command});

    CLI::App app(description, tool);
    Common common;
    app.set_version_flag("--version", std::string(tool) + " " DAIHOI_VERSION);
    app.add_option("--db", common.db, "workspace file (default: $DAIHOI_DB, else ./daihoi.db)");
    app.add_flag("--json", common.json, "print one JSON document on stdout");
    app.add_flag("-q,--quiet", common.quiet, "no progress or notes on stderr");
    app.require_subcommand(1);
    try {
        setup(app, common);
        app.parse(argc, argv);
        std::fflush(stdout);
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        error_line(e.what());
        fmt::print(stderr, "Run '{} --help' for usage.\n", tool);
        return static_cast<int>(Exit::Usage);
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) error_line(d.to_string());
        if (e.total() > e.diagnostics().size())
            error_line(fmt::format("… and {} more problems", e.total() - e.diagnostics().size()));
        error_line(e.total() > 1 ? fmt::format("{} problems; nothing was changed", e.total())
                                 : "nothing was changed");
        return static_cast<int>(Exit::BadInput);
    } catch (const Error& e) {
        error_line(e.what());
        return static_cast<int>(e.code());
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode();
        error_line(fmt::format("database: {}", e.what()));
        return static_cast<int>(code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? Exit::Integrity
                                                                               : Exit::Refused);
    } catch (const std::exception& e) {
        error_line(e.what());
        return static_cast<int>(Exit::Refused);
    }
}

}  // namespace daihoi::cli
