-- Search: trigram matching (pg_trgm) on accent-free text (unaccent). PGlite loads both from
-- its constructor (db/index.ts); PostgreSQL ships them in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- The text search compares: accents removed, lower case, apostrophes dropped ("Don't" = "dont"),
-- any other run of punctuation or space folded to one space. unaccent() is only STABLE (its
-- dictionary could change), so expression indexes need this IMMUTABLE wrapper; the SQL-standard
-- body binds the function and the dictionary when it is created, whatever search_path is later.
-- It costs tens of microseconds a call: the high COST tells the planner to prefer the indexes on
-- it over computing it for every row of a table.
CREATE OR REPLACE FUNCTION reelrank_search_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000
  RETURN btrim(regexp_replace(
    regexp_replace(lower(unaccent('unaccent'::regdictionary, value)), '[''’`]', '', 'g'),
    '[^[:alnum:]]+', ' ', 'g'));
