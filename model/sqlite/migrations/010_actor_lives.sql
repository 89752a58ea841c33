-- 010: the later spans of an actor that ceased to exist and came back, as a
-- JSON list of {"start", "end"} (model.Actor.Later).

ALTER TABLE actors ADD COLUMN later TEXT NOT NULL DEFAULT '[]' CHECK (later = '[]' OR (json_valid(later) AND json_type(later) = 'array'));
