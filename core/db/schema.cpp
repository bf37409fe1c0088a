// Migration 1: congress, registry, audit log. Migration 2: units, apportionment,
// delegates, attendance. Migration 3: elections, candidates, ballots.
// Migration 4: the ballot form (cross or agree/disagree), consultative
// ballots, passes 1…9, the endorsement of nominations from the floor, the
// ballot-entry journal and the show-of-hands votes. Migration 5: what the
// signed minutes print beside the count: when it was closed, and the
// members of the counting board. Migration 6: the registry as a rowid table
// with a unique index on the code, which an import into an empty registry
// drops and builds again at its end. Migration 7: the scanned pages of
// ballots, kept with their hash, and the decisions people took on them.
// Migration 8: the door (station) at which a delegate checked in.
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
        R"sql(
CREATE TABLE units (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  members INTEGER NOT NULL CHECK (members >= 0),
  min_seats INTEGER CHECK (min_seats IS NULL OR min_seats >= 0)
) WITHOUT ROWID;

-- The saved apportionment (one at a time): its parameters, and seats per unit.
CREATE TABLE apportionment_run (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  method TEXT NOT NULL,
  seats INTEGER NOT NULL,
  params TEXT NOT NULL,            -- JSON: min, or base/per/remainder
  ties TEXT NOT NULL DEFAULT '[]'  -- JSON: the seats decided by the tie-break
);
CREATE TABLE apportionment (
  unit TEXT PRIMARY KEY REFERENCES units(code),
  members INTEGER NOT NULL,
  seats INTEGER NOT NULL,
  quota_num INTEGER NOT NULL,
  quota_den INTEGER NOT NULL,
  at_minimum INTEGER NOT NULL
) WITHOUT ROWID;

-- Delegates convened (đại biểu được triệu tập), or at a members' congress the
-- members convened (kind 'member'). A reserve who takes an official
-- delegate's place keeps both records: replaced_by / replaces.
CREATE TABLE delegates (
  code TEXT PRIMARY KEY REFERENCES members(code) ON UPDATE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('elected','ex-officio','appointed','reserve','member')),
  unit TEXT REFERENCES units(code),  -- NULL: not sent by a unit (e.g. ex officio)
  voting INTEGER NOT NULL CHECK (voting IN (0,1)),
  status TEXT NOT NULL DEFAULT 'convened' CHECK (status IN ('convened','absent','disqualified')),
  whole_congress INTEGER NOT NULL DEFAULT 0 CHECK (whole_congress IN (0,1)),
  reason TEXT NOT NULL DEFAULT '',
  replaced_by TEXT UNIQUE REFERENCES delegates(code),
  replaces TEXT UNIQUE REFERENCES delegates(code)
) WITHOUT ROWID;

CREATE TABLE attendance (
  session TEXT NOT NULL,
  code TEXT NOT NULL REFERENCES delegates(code),
  checked_in_at TEXT NOT NULL,
  checked_out_at TEXT,
  PRIMARY KEY (session, code)
) WITHOUT ROWID;
)sql",
        R"sql(
CREATE TABLE elections (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  seats INTEGER NOT NULL CHECK (seats >= 0),   -- 0: a round for reserve places only
  reserves INTEGER NOT NULL DEFAULT 0 CHECK (reserves >= 0),
  body TEXT NOT NULL CHECK (body IN ('committee','delegation','inspection','other')),
  base_kind TEXT NOT NULL CHECK (base_kind IN ('convened','valid','fixed')),
  base_fixed INTEGER CHECK (base_fixed IS NULL OR base_fixed > 0),
  round INTEGER NOT NULL DEFAULT 1,
  parent TEXT REFERENCES elections(id),
  status TEXT NOT NULL DEFAULT 'setup' CHECK (status IN ('setup','open','closed','sealed')),
  issued INTEGER,
  collected INTEGER,
  closed_base INTEGER,        -- the base at close
  result TEXT,                -- JSON of the result at close
  record_hash TEXT,           -- SHA-256 of the full record at seal
  CHECK (seats + reserves > 0)
) WITHOUT ROWID;

CREATE TABLE candidates (
  election TEXT NOT NULL REFERENCES elections(id),
  code TEXT NOT NULL REFERENCES members(code) ON UPDATE CASCADE,
  source TEXT NOT NULL DEFAULT 'committee' CHECK (source IN ('committee','congress','self')),
  position INTEGER,           -- ballot position, from open
  PRIMARY KEY (election, code),
  UNIQUE (election, position)
) WITHOUT ROWID;

-- A ballot: its number, the positions left standing (bitset), the board's
-- ruling. Nothing here refers to a delegate: the secret ballot.
CREATE TABLE ballots (
  election TEXT NOT NULL REFERENCES elections(id),
  pass INTEGER NOT NULL CHECK (pass IN (1,2)),
  serial INTEGER NOT NULL CHECK (serial > 0),
  kept BLOB NOT NULL,
  flag TEXT NOT NULL DEFAULT '',
  station TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (election, pass, serial)
) WITHOUT ROWID;

-- Defence in depth: the program refuses these changes itself, with a message;
-- the triggers stop them even from the sqlite3 shell (audit verify catches the rest).
CREATE TRIGGER ballots_frozen_insert BEFORE INSERT ON ballots
  WHEN (SELECT status FROM elections WHERE id = NEW.election) <> 'open'
  BEGIN SELECT RAISE(ABORT, 'ballots can be entered only while the election is open'); END;
CREATE TRIGGER ballots_frozen_update BEFORE UPDATE ON ballots
  WHEN (SELECT status FROM elections WHERE id = OLD.election) IN ('closed','sealed')
  BEGIN SELECT RAISE(ABORT, 'the election is closed: its ballots cannot change'); END;
CREATE TRIGGER ballots_frozen_delete BEFORE DELETE ON ballots
  WHEN (SELECT status FROM elections WHERE id = OLD.election) IN ('closed','sealed')
  BEGIN SELECT RAISE(ABORT, 'the election is closed: its ballots cannot change'); END;
CREATE TRIGGER candidates_frozen_insert BEFORE INSERT ON candidates
  WHEN (SELECT status FROM elections WHERE id = NEW.election) <> 'setup'
  BEGIN SELECT RAISE(ABORT, 'the candidate list is frozen once the election is open'); END;
CREATE TRIGGER candidates_frozen_delete BEFORE DELETE ON candidates
  WHEN (SELECT status FROM elections WHERE id = OLD.election) <> 'setup'
  BEGIN SELECT RAISE(ABORT, 'the candidate list is frozen once the election is open'); END;
CREATE TRIGGER candidates_frozen_update BEFORE UPDATE ON candidates
  WHEN (SELECT status FROM elections WHERE id = OLD.election) IN ('closed','sealed')
  BEGIN SELECT RAISE(ABORT, 'the candidate list is frozen once the election is open'); END;
CREATE TRIGGER elections_sealed_update BEFORE UPDATE ON elections
  WHEN OLD.status = 'sealed'
  BEGIN SELECT RAISE(ABORT, 'the election is sealed'); END;
CREATE TRIGGER elections_sealed_delete BEFORE DELETE ON elections
  WHEN OLD.status = 'sealed'
  BEGIN SELECT RAISE(ABORT, 'the election is sealed'); END;
)sql",
        R"sql(
-- SQLite cannot change a CHECK in place: elections and ballots are rebuilt
-- (the documented way: copy, drop, create, copy back). Candidates refer to
-- elections, so the check of that reference waits for the commit, when
-- every election is back.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE elections_v3 AS SELECT * FROM elections;
CREATE TEMP TABLE ballots_v3 AS SELECT * FROM ballots;
DROP TABLE ballots;
DROP TABLE elections;

CREATE TABLE elections (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  seats INTEGER NOT NULL CHECK (seats >= 0),   -- 0: a round for reserve places only
  reserves INTEGER NOT NULL DEFAULT 0 CHECK (reserves >= 0),
  -- consultation: a consultative ballot (bỏ phiếu xin ý kiến), elects nobody
  body TEXT NOT NULL CHECK (body IN ('committee','delegation','inspection','other','consultation')),
  base_kind TEXT NOT NULL CHECK (base_kind IN ('convened','valid','fixed')),
  base_fixed INTEGER CHECK (base_fixed IS NULL OR base_fixed > 0),
  round INTEGER NOT NULL DEFAULT 1,
  parent TEXT REFERENCES elections(id),
  status TEXT NOT NULL DEFAULT 'setup' CHECK (status IN ('setup','open','closed','sealed')),
  issued INTEGER,
  collected INTEGER,
  closed_base INTEGER,        -- the base at close
  result TEXT,                -- JSON of the result at close
  record_hash TEXT,           -- SHA-256 of the full record at seal
  -- cross: the voter crosses out names; agree: a Đồng ý and a Không đồng ý box per row
  form TEXT NOT NULL DEFAULT 'cross' CHECK (form IN ('cross','agree')),
  CHECK (seats + reserves > 0)
) WITHOUT ROWID;
INSERT INTO elections (id, title, seats, reserves, body, base_kind, base_fixed, round, parent, status, issued,
                       collected, closed_base, result, record_hash)
  SELECT id, title, seats, reserves, body, base_kind, base_fixed, round, parent, status, issued, collected,
         closed_base, result, record_hash FROM temp.elections_v3;

-- A ballot: its number, the positions left standing (bitset), the board's
-- ruling. Nothing here refers to a delegate: the secret ballot. On an agree
-- ballot `kept` holds the rows marked Đồng ý and `disagree` the rows marked
-- Không đồng ý, as the voter marked them (a row in both or neither is no vote).
CREATE TABLE ballots (
  election TEXT NOT NULL REFERENCES elections(id),
  pass INTEGER NOT NULL CHECK (pass BETWEEN 1 AND 9),
  serial INTEGER NOT NULL CHECK (serial > 0),
  kept BLOB NOT NULL,
  flag TEXT NOT NULL DEFAULT '',
  station TEXT NOT NULL DEFAULT '',
  disagree BLOB,              -- agree form only
  PRIMARY KEY (election, pass, serial)
) WITHOUT ROWID;
INSERT INTO ballots (election, pass, serial, kept, flag, station)
  SELECT election, pass, serial, kept, flag, station FROM temp.ballots_v3;
DROP TABLE temp.ballots_v3;
DROP TABLE temp.elections_v3;

CREATE TRIGGER ballots_frozen_insert BEFORE INSERT ON ballots
  WHEN (SELECT status FROM elections WHERE id = NEW.election) <> 'open'
  BEGIN SELECT RAISE(ABORT, 'ballots can be entered only while the election is open'); END;
CREATE TRIGGER ballots_frozen_update BEFORE UPDATE ON ballots
  WHEN (SELECT status FROM elections WHERE id = OLD.election) IN ('closed','sealed')
  BEGIN SELECT RAISE(ABORT, 'the election is closed: its ballots cannot change'); END;
CREATE TRIGGER ballots_frozen_delete BEFORE DELETE ON ballots
  WHEN (SELECT status FROM elections WHERE id = OLD.election) IN ('closed','sealed')
  BEGIN SELECT RAISE(ABORT, 'the election is closed: its ballots cannot change'); END;
CREATE TRIGGER elections_sealed_update BEFORE UPDATE ON elections
  WHEN OLD.status = 'sealed'
  BEGIN SELECT RAISE(ABORT, 'the election is sealed'); END;
CREATE TRIGGER elections_sealed_delete BEFORE DELETE ON elections
  WHEN OLD.status = 'sealed'
  BEGIN SELECT RAISE(ABORT, 'the election is sealed'); END;

-- A name put forward at the congress or by the candidate himself stands only
-- with the agreement of more than 30 % of the delegates present (QĐ 190-QĐ/TW
-- Art. 14): how many agreed, of how many present.
ALTER TABLE candidates ADD COLUMN endorsed INTEGER CHECK (endorsed IS NULL OR endorsed >= 0);
ALTER TABLE candidates ADD COLUMN present INTEGER CHECK (present IS NULL OR present > 0);

-- The ballot-entry journal (nhật ký nhập phiếu): each ballot entered,
-- imported, removed or undone, with its time, pass and station. Nothing
-- here refers to a delegate.
CREATE TABLE ballot_journal (
  seq INTEGER PRIMARY KEY,
  election TEXT NOT NULL REFERENCES elections(id),
  pass INTEGER NOT NULL CHECK (pass BETWEEN 1 AND 9),
  serial INTEGER,             -- NULL for an import as a whole
  action TEXT NOT NULL CHECK (action IN ('entered','imported','removed','undone')),
  at TEXT NOT NULL,
  station TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''  -- the reason of a removal, the file of an import
);
CREATE INDEX ballot_journal_election ON ballot_journal (election, seq);
CREATE TRIGGER ballot_journal_no_update BEFORE UPDATE ON ballot_journal
  BEGIN SELECT RAISE(ABORT, 'the ballot-entry journal is append-only'); END;
CREATE TRIGGER ballot_journal_no_delete BEFORE DELETE ON ballot_journal
  BEGIN SELECT RAISE(ABORT, 'the ballot-entry journal is append-only'); END;

-- What the congress decided by show of hands (biểu quyết giơ tay): the
-- presidium, the secretariat, the boards, the number to elect, the list, a
-- withdrawal. `base` is what the votes were measured against, as set then.
CREATE TABLE motions (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  subject TEXT NOT NULL,      -- a code: presidium, secretariat, counting_board, credentials_board, seats, list, withdrawal, other
  text TEXT NOT NULL,
  election TEXT REFERENCES elections(id),
  votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
  votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
  votes_abstain INTEGER NOT NULL CHECK (votes_abstain >= 0),
  base_kind TEXT NOT NULL,
  base INTEGER NOT NULL CHECK (base > 0),
  passed INTEGER NOT NULL CHECK (passed IN (0,1))
);
CREATE TRIGGER motions_no_update BEFORE UPDATE ON motions
  BEGIN SELECT RAISE(ABORT, 'a vote taken is never changed'); END;
CREATE TRIGGER motions_no_delete BEFORE DELETE ON motions
  BEGIN SELECT RAISE(ABORT, 'a vote taken is never changed'); END;
)sql",
        R"sql(
-- When the count was closed (UTC, as the audit trail writes it): the date
-- and time of the minutes. NULL for elections closed before it was kept.
ALTER TABLE elections ADD COLUMN closed_at TEXT;

-- The counting board (ban kiểm phiếu) of an election, the head first
-- (seat 1): named in the minutes and over their signatures.
CREATE TABLE counting_board (
  election TEXT NOT NULL REFERENCES elections(id),
  seat INTEGER NOT NULL CHECK (seat >= 1),
  name TEXT NOT NULL CHECK (name <> ''),
  PRIMARY KEY (election, seat)
) WITHOUT ROWID;
)sql",
        R"sql(
-- The registry was a table clustered on the code: a list in no order of
-- codes put every row at a random place in it, which a million-row import
-- paid for on every row. Rows now go to the end of the table, and the code
-- is kept unique by an index of its own (what the registry's children
-- refer to), which a bulk load builds once by sorting.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE members_v5 AS SELECT * FROM members;
DROP TABLE members;

CREATE TABLE members (
  code TEXT NOT NULL,
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
);
-- The index first: the rows the registry's children refer to are found by it.
CREATE UNIQUE INDEX members_code ON members (code);
CREATE INDEX members_order ON members (sort_key, birth_date, code);
INSERT INTO members (code, full_name, sort_key, gender, birth_date, ethnicity, religion, party_join_date,
                     official_date, education, degree, theory, position, unit, incumbent)
  SELECT code, full_name, sort_key, gender, birth_date, ethnicity, religion, party_join_date, official_date,
         education, degree, theory, position, unit, incumbent FROM temp.members_v5 ORDER BY code;
DROP TABLE temp.members_v5;
)sql",
        R"sql(
-- Every page a scanner read for an election (SPEC §12): its image (the
-- scanner's own PNG or JPEG file as it came, or a page of a TIFF or PDF as a
-- grey PNG) and the SHA-256 of those bytes, what was read, and what became
-- of it. Nothing in it refers to a delegate; a page is the ballot it was entered
-- as, never who cast it. Pages and decisions are written once.
CREATE TABLE scan_pages (
  id INTEGER PRIMARY KEY,
  election TEXT NOT NULL REFERENCES elections(id),
  pass INTEGER NOT NULL CHECK (pass BETWEEN 1 AND 9),
  station TEXT NOT NULL DEFAULT '',
  file TEXT NOT NULL,               -- as named on the command line
  page INTEGER NOT NULL CHECK (page > 0),
  sha256 TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,      -- of the file the page came from (a TIFF or PDF holds many)
  image BLOB NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('png','jpeg')),
  status TEXT NOT NULL CHECK (status IN ('accepted','held','rejected')),
  reason TEXT NOT NULL DEFAULT '',
  reading TEXT NOT NULL,            -- JSON: what was read, row by row
  at TEXT NOT NULL,
  UNIQUE (election, sha256),
  UNIQUE (election, source_sha256, page)
);
CREATE INDEX scan_pages_pass ON scan_pages (election, pass, status);
-- The ballot a page became: an accepted page entered by the scanner, a held
-- page decided by a person into its own pass, or any page confirmed by a
-- person on screen into another pass (scan review --all).
CREATE TABLE scan_decisions (
  page INTEGER NOT NULL REFERENCES scan_pages(id),
  pass INTEGER NOT NULL CHECK (pass BETWEEN 1 AND 9),
  serial INTEGER NOT NULL,
  by TEXT NOT NULL CHECK (by IN ('scanner','person')),
  at TEXT NOT NULL,
  station TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (page, pass)
) WITHOUT ROWID;
CREATE TRIGGER scan_pages_open BEFORE INSERT ON scan_pages
  WHEN (SELECT status FROM elections WHERE id = NEW.election) <> 'open'
  BEGIN SELECT RAISE(ABORT, 'pages can be scanned only while the election is open'); END;
CREATE TRIGGER scan_pages_no_update BEFORE UPDATE ON scan_pages
  BEGIN SELECT RAISE(ABORT, 'a scanned page is kept as read'); END;
CREATE TRIGGER scan_pages_no_delete BEFORE DELETE ON scan_pages
  BEGIN SELECT RAISE(ABORT, 'a scanned page is kept as read'); END;
CREATE TRIGGER scan_decisions_no_update BEFORE UPDATE ON scan_decisions
  BEGIN SELECT RAISE(ABORT, 'a decision on a scanned page is kept'); END;
CREATE TRIGGER scan_decisions_no_delete BEFORE DELETE ON scan_decisions
  BEGIN SELECT RAISE(ABORT, 'a decision on a scanned page is kept'); END;
)sql",
        R"sql(
-- The door a delegate checked in at, read from a card by a reader there
-- (delegates checkin --scan --station): '' for a check-in typed by code.
ALTER TABLE attendance ADD COLUMN station TEXT NOT NULL DEFAULT '';
)sql",
    };
    return m;
}

}  // namespace daihoi::db
