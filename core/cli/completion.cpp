#include "core/cli/completion.hpp"

#include "core/cli/cli.hpp"

namespace daihoi::cli {

namespace {
std::string programs() {
    std::string out = "daihoi";
    for (const auto& t : tools()) out += " daihoi-" + std::string(t.name);
    return out;
}
}  // namespace

std::string bash_completion() {
    return "# bash completion for daihoi and its tools (`daihoi __completion bash`)\n"
           "_daihoi_complete() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\\n' out\n"
           "    out=$(\"${COMP_WORDS[0]}\" __complete \"${COMP_WORDS[@]:1:COMP_CWORD}\" 2>/dev/null) || return\n"
           "    COMPREPLY=($(compgen -W \"$out\" -- \"$cur\"))\n"
           "}\n"
           "complete -o default -F _daihoi_complete " +
           programs() + "\n";
}

std::string zsh_completion() {
    return "#compdef " + programs() +
           "\n"
           "# zsh completion for daihoi and its tools (`daihoi __completion zsh`)\n"
           "local -a out\n"
           "out=(\"${(@f)$(${words[1]} __complete \"${(@)words[2,CURRENT]}\" 2>/dev/null)}\")\n"
           "if (( ${#out} )) && [[ -n ${out[1]} ]]; then\n"
           "    compadd -- \"${out[@]}\"\n"
           "else\n"
           "    _files\n"
           "fi\n";
}

}  // namespace daihoi::cli
