-- 002: the computed layout of every date, kept so that opening, rendering
-- and exporting a map do not lay it out again.
--
-- One row: input_key names what the layout was computed from (the map's
-- content, the layout settings and the engine's version); data is the
-- layout package's encoding. A row whose key does not match the map as it
-- is now is stale and is laid out again.

CREATE TABLE layouts (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    input_key TEXT NOT NULL CHECK (input_key <> ''),
    data      BLOB NOT NULL
);
