// The audit trail (SPEC §6): an append-only, hash-chained log of every change
// to the workspace. Entries are written by db::Transaction::commit, inside the
// change's own transaction, so a change and its entry land together or not at all.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <vector>

namespace daihoi::audit {

// Who is changing the workspace: set once per process by the tool's main.
struct Invocation {
    std::string tool;     // e.g. "daihoi-members"
    std::string command;  // the command line, arguments shell-quoted
};
void set_invocation(Invocation inv);
const Invocation& invocation();

struct Entry {
    long long seq = 0;
    std::string at;  // ISO 8601 UTC
    std::string os_user, tool, command, summary, object_hash, prev_hash, hash;
};

// Now, as entries record it: ISO 8601 UTC to the millisecond ("2025-07-15T08:30:00.123Z").
std::string now_utc();

// Appends an entry for the current invocation. Call inside a transaction.
void append(SQLite::Database& db, const std::string& summary, const std::string& object_hash = "");

// The hash an entry must have, given its fields and the previous hash.
std::string entry_hash(const Entry& e);

std::vector<Entry> log(SQLite::Database& db, const std::optional<std::string>& since = std::nullopt);

// One break in the chain, found re-walking it.
struct ChainProblem {
    enum class Kind {
        Missing,   // an entry number is skipped: an entry was deleted
        Unlinked,  // the entry does not carry the hash of the one before
        Altered,   // the entry's own hash does not match its fields
    };
    Kind kind;
    long long seq;              // the entry concerned (the missing one's number)
    std::string message() const;  // for people
};
std::vector<ChainProblem> check_chain(const std::vector<Entry>& entries);  // entries: log(db)

// The same as messages (empty when intact).
std::vector<std::string> verify_chain(SQLite::Database& db);

}  // namespace daihoi::audit
