-- 006: two styles of tie kinds: weighted draws a tie's weight as its width,
-- labelled draws its ties' labels always, not only when stressed.

ALTER TABLE kinds ADD COLUMN weighted INTEGER NOT NULL DEFAULT 0 CHECK (weighted IN (0, 1));
ALTER TABLE kinds ADD COLUMN labelled INTEGER NOT NULL DEFAULT 0 CHECK (labelled IN (0, 1));
