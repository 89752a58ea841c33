-- 009: what a map's pictures credit: its author, its licence and the source
-- it rests on as a whole.

ALTER TABLE info ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE info ADD COLUMN licence TEXT NOT NULL DEFAULT '';
ALTER TABLE info ADD COLUMN source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL;
