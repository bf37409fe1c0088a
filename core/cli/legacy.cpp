#include "core/cli/legacy.hpp"

#include "core/audit/audit.hpp"
#include "core/error.hpp"

#include <SQLiteCpp/Exception.h>

namespace daihoi::cli {

CLI::App* subcommand(CLI::App& parent, const std::string& name, const std::string& description) {
    CLI::App* sub = parent.add_subcommand(name, description);
    sub->fallthrough();
    return sub;
}

int run(const std::string& tool, const std::string& description, int argc, char** argv,
        const std::function<void(CLI::App&, Common&)>& setup) {
    Tool t;
    t.name = tool.substr(std::string("daihoi-").size());
    (void)description;
    Command c;
    c.summary = "";
    c.effect = Effect::Changes;  // unknown here: keep saying "nothing was changed"
    c.bind = [&setup](CLI::App& app, const Common& common) {
        setup(app, const_cast<Common&>(common));
        app.require_subcommand(1);
        return std::function<void()>([] {});
    };
    t.commands.push_back(c);
    return main(t, argc, argv);
}

}  // namespace daihoi::cli
