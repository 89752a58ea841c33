-- 003: the map's history: every change applied to it, for undo and redo
-- that survive a restart, and for Edit → History.
--
-- change is the change as applied (new records with the IDs they got),
-- inverse the change that undoes it, both as relmap's JSON of a
-- model.Change. state is done (in force; the newest is undone first),
-- undone (redone oldest first) or dropped (undone, then left behind by a
-- new change).

CREATE TABLE history (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL CHECK (at <> ''),
    summary TEXT NOT NULL,
    state   TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped')),
    change  TEXT NOT NULL CHECK (json_valid(change)),
    inverse TEXT NOT NULL CHECK (json_valid(inverse))
);

CREATE INDEX history_state ON history (state, id);
