-- 008: free attributes on ties, as actors have them (a JSON object of
-- strings).

ALTER TABLE ties ADD COLUMN attrs TEXT NOT NULL DEFAULT '{}' CHECK (attrs = '{}' OR (json_valid(attrs) AND json_type(attrs) = 'object'));
