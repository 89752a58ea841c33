-- 004: actors found by name, case aside, so that the check that a name is
-- free runs inside each write's transaction without reading every actor.
-- SQLite's lower() folds ASCII letters only; names that differ in the case
-- of other letters are told apart by the app's own checks.

CREATE INDEX actors_name_key ON actors (lower(trim(name)));
