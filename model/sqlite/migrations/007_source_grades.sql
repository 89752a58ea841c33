-- 007: a source's reliability, graded A (completely reliable) to F
-- (reliability cannot be judged) as in the Admiralty system; empty when
-- not graded.

ALTER TABLE sources ADD COLUMN grade TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', 'A', 'B', 'C', 'D', 'E', 'F'));
