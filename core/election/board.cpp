// The counting board of an election (election.hpp).
#include "core/base/i18n.hpp"
#include "core/election/election.hpp"
#include "core/error.hpp"
#include "core/text/utf8.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace daihoi::election {

std::vector<std::string> counting_board(SQLite::Database& db, const std::string& id) {
    SQLite::Statement q(db, "SELECT name FROM counting_board WHERE election = ? ORDER BY seat");
    q.bind(1, id);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

std::vector<std::string> set_counting_board(db::Workspace& ws, const std::string& id,
                                            const std::vector<std::string>& names) {
    std::vector<std::string> clean, problems;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto name = text::clean(names[i]);
        if (!name) problems.push_back(_f("name {}: not valid UTF-8", i + 1));
        else if (name->empty()) problems.push_back(_f("name {}: empty", i + 1));
        else if (std::find(clean.begin(), clean.end(), *name) != clean.end())
            problems.push_back(_f("name {}: {} is given twice", i + 1, *name));
        else clean.push_back(std::move(*name));
    }
    if (names.empty()) problems.push_back(_("give the names of the counting board, the head first"));
    if (!problems.empty()) throw UsageError(fmt::format("{}", fmt::join(problems, "; ")));

    db::Transaction tx(ws);
    SQLite::Database& db = ws.db();
    const Election e = require(db, id);
    std::vector<std::string> warnings;
    for (const auto& c : candidates(db, e.id))
        if (std::find(clean.begin(), clean.end(), c.name) != clean.end())
            warnings.push_back(_f("{} is also on the ballot of {} ({}): the counting board should not count "
                                  "a ballot that carries its own name",
                                  c.name, e.id, c.code));
    SQLite::Statement del(db, "DELETE FROM counting_board WHERE election = ?");
    del.bind(1, e.id);
    del.exec();
    SQLite::Statement ins(db, "INSERT INTO counting_board (election, seat, name) VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < clean.size(); ++i) {
        ins.reset();
        ins.bind(1, e.id);
        ins.bind(2, static_cast<int>(i + 1));
        ins.bind(3, clean[i]);
        ins.exec();
    }
    tx.commit(_f("election {}: counting board {}", e.id, fmt::join(clean, "; ")));
    return warnings;
}

}  // namespace daihoi::election
