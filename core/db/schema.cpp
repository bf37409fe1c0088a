// Migration 1: congress, registry, audit log.
#include "core/db/schema.hpp"

namespace daihoi::db {

const std::vector<std::string_view>& migrations() {
    static const std::vector<std::string_view> m = {
        R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE congress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  organization TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('cell','grassroots','commune','district','province','national','other')),
  kind TEXT NOT NULL CHECK (kind IN ('delegates','members')),
  term_start INTEGER NOT NULL,
  term_end INTEGER NOT NULL,
  date TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT ''
);

CREATE TABLE members (
  code TEXT PRIMARY KEY,
  full_name TEXT NOT NULL,
  sort_key BLOB NOT NULL,          -- Vietnamese order: given, family, middle (ICU vi)
  gender TEXT NOT NULL CHECK (gender IN ('M','F')),
  birth_date TEXT NOT NULL,
  ethnicity TEXT NOT NULL DEFAULT 'Kinh',
  religion TEXT NOT NULL DEFAULT '',
  party_join_date TEXT,
  official_date TEXT,
  education TEXT NOT NULL DEFAULT '',
  degree TEXT,
  theory TEXT,
  position TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  incumbent INTEGER NOT NULL DEFAULT 0 CHECK (incumbent IN (0,1))
) WITHOUT ROWID;
CREATE INDEX members_order ON members (sort_key, birth_date, code);

CREATE TABLE evaluations (
  code TEXT NOT NULL REFERENCES members(code) ON UPDATE CASCADE,
  year INTEGER NOT NULL,
  grade TEXT NOT NULL CHECK (grade IN ('xuat-sac','tot','hoan-thanh','khong-hoan-thanh')),
  PRIMARY KEY (code, year)
) WITHOUT ROWID;

CREATE TABLE discipline (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL REFERENCES members(code) ON UPDATE CASCADE,
  date TEXT NOT NULL,
  form TEXT NOT NULL,
  until TEXT,
  UNIQUE (code, date, form)
);

-- Append-only, hash-chained: hash = SHA-256 of the previous hash and this row.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  tool TEXT NOT NULL,
  command TEXT NOT NULL,
  summary TEXT NOT NULL,
  object_hash TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    };
    return m;
}

}  // namespace daihoi::db
