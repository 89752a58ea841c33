-- 005: named views of a map: what the filter hides and how actors are
-- sized and coloured, kept with the map so that a way of looking at it can
-- be taken up again. data is relmap's JSON of a model.View.

CREATE TABLE views (
    name TEXT PRIMARY KEY CHECK (trim(name) <> ''),
    data TEXT NOT NULL CHECK (json_valid(data))
);
