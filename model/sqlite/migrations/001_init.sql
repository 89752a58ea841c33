-- 001: the first relmap schema.
--
-- Dates are TEXT in model.Date's string form: "YYYY", "YYYY-MM" or
-- "YYYY-MM-DD"; NULL is an open (unknown) date. Link tables keep the order
-- of the model's slices in seq.

PRAGMA application_id = 1380794704; -- "RMAP"

CREATE TABLE info (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);
INSERT INTO info (id) VALUES (1);

CREATE TABLE kinds (
    class  TEXT NOT NULL CHECK (class IN ('actor', 'tie', 'event')),
    name   TEXT NOT NULL CHECK (trim(name) <> ''),
    label  TEXT NOT NULL DEFAULT '',
    shape  TEXT NOT NULL DEFAULT '',
    color  TEXT NOT NULL DEFAULT '',
    dashed INTEGER NOT NULL DEFAULT 0 CHECK (dashed IN (0, 1)),
    arrow  INTEGER NOT NULL DEFAULT 0 CHECK (arrow IN (0, 1)),
    PRIMARY KEY (class, name)
);

CREATE TABLE sources (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    title     TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    date      TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]'
                       OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                       OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    quote     TEXT NOT NULL DEFAULT '',
    CHECK (trim(title) <> '' OR trim(url) <> '')
);

CREATE TABLE actors (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    kind       TEXT NOT NULL CHECK (trim(kind) <> ''),
    short      TEXT NOT NULL DEFAULT '',
    belongs_to INTEGER REFERENCES actors (id) ON DELETE SET NULL CHECK (belongs_to <> id),
    located_in INTEGER REFERENCES actors (id) ON DELETE SET NULL CHECK (located_in <> id),
    life_start TEXT CHECK (life_start GLOB '[0-9][0-9][0-9][0-9]'
                        OR life_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                        OR life_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    life_end   TEXT CHECK (life_end GLOB '[0-9][0-9][0-9][0-9]'
                        OR life_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                        OR life_end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    attrs      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs) AND json_type(attrs) = 'object'),
    notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actors_belongs_to ON actors (belongs_to);
CREATE INDEX actors_located_in ON actors (located_in);

CREATE TABLE ties (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (trim(kind) <> ''),
    from_actor INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    to_actor   INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    directed   INTEGER NOT NULL DEFAULT 0 CHECK (directed IN (0, 1)),
    start_date TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]'
                        OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                        OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date   TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]'
                        OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                        OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    label      TEXT NOT NULL DEFAULT '',
    weight     REAL NOT NULL DEFAULT 0 CHECK (weight >= 0),
    notes      TEXT NOT NULL DEFAULT '',
    CHECK (from_actor <> to_actor)
);
CREATE INDEX ties_from_actor ON ties (from_actor);
CREATE INDEX ties_to_actor ON ties (to_actor);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]'
                                  OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                                  OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind        TEXT NOT NULL CHECK (trim(kind) <> ''),
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE event_participants (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    role     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX event_participants_actor ON event_participants (actor_id);

CREATE TABLE event_ties (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    change   TEXT NOT NULL CHECK (change IN ('begins', 'ends')),
    seq      INTEGER NOT NULL,
    tie_id   INTEGER NOT NULL REFERENCES ties (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, change, seq)
);
CREATE INDEX event_ties_tie ON event_ties (tie_id);

CREATE TABLE actor_sources (
    actor_id  INTEGER NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, seq)
);
CREATE INDEX actor_sources_source ON actor_sources (source_id);

CREATE TABLE tie_sources (
    tie_id    INTEGER NOT NULL REFERENCES ties (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    PRIMARY KEY (tie_id, seq)
);
CREATE INDEX tie_sources_source ON tie_sources (source_id);

CREATE TABLE event_sources (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, seq)
);
CREATE INDEX event_sources_source ON event_sources (source_id);

CREATE TABLE pins (
    actor_id INTEGER PRIMARY KEY REFERENCES actors (id) ON DELETE CASCADE,
    x        REAL NOT NULL,
    y        REAL NOT NULL
);
