CREATE TYPE "public"."slug_kind" AS ENUM('film', 'series', 'person');--> statement-breakpoint
CREATE TYPE "public"."sync_outcome" AS ENUM('imported', 'up-to-date', 'refused', 'failed');--> statement-breakpoint
CREATE TABLE "engagement_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"kind" "country_category" NOT NULL,
	"title" text NOT NULL,
	"film_id" integer,
	"season_id" integer,
	"match_confidence" text NOT NULL,
	"available_globally" boolean NOT NULL,
	"release_date" date,
	"hours_viewed" bigint NOT NULL,
	"runtime_minutes" integer,
	"views" bigint,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_entries_one_title_check" CHECK ("engagement_entries"."film_id" is null or "engagement_entries"."season_id" is null)
);
--> statement-breakpoint
CREATE TABLE "netflix_files" (
	"name" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"sha256" text,
	"bytes" bigint,
	"rows" integer,
	"weeks_added" integer,
	"checked_at" timestamp with time zone,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "netflix_sync_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"file" text NOT NULL,
	"trigger" text NOT NULL,
	"outcome" "sync_outcome" NOT NULL,
	"message" text NOT NULL,
	"rows_read" integer,
	"weeks_added" integer,
	"rows_added" integer,
	"rows_updated" integer,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slug_redirects" (
	"kind" "slug_kind" NOT NULL,
	"slug" text NOT NULL,
	"target_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slug_redirects_kind_slug_pk" PRIMARY KEY("kind","slug")
);
--> statement-breakpoint
ALTER TABLE "films" DROP CONSTRAINT "films_year_check";--> statement-breakpoint
ALTER TABLE "films" ALTER COLUMN "year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "series" ALTER COLUMN "year" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "netflix_release_date" date;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "available_globally" boolean;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "fact_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "seasons" ADD COLUMN "original_title" text;--> statement-breakpoint
ALTER TABLE "seasons" ADD COLUMN "netflix_release_date" date;--> statement-breakpoint
ALTER TABLE "series" ADD COLUMN "fact_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "engagement_entries" ADD CONSTRAINT "engagement_entries_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_entries" ADD CONSTRAINT "engagement_entries_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "engagement_entries_key" ON "engagement_entries" USING btree ("period","kind","title");--> statement-breakpoint
CREATE INDEX "engagement_entries_film_idx" ON "engagement_entries" USING btree ("film_id");--> statement-breakpoint
CREATE INDEX "engagement_entries_season_idx" ON "engagement_entries" USING btree ("season_id");--> statement-breakpoint
CREATE INDEX "netflix_sync_log_finished_idx" ON "netflix_sync_log" USING btree ("finished_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "films" ADD CONSTRAINT "films_year_check" CHECK ("films"."year" is null or "films"."year" between 1880 and 2100);--> statement-breakpoint
-- Published URLs keep working: whenever a film, series or person changes slug, the old one redirects.
CREATE FUNCTION "remember_old_slug"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.slug IS DISTINCT FROM NEW.slug THEN
    INSERT INTO slug_redirects (kind, slug, target_id) VALUES (TG_ARGV[0]::slug_kind, OLD.slug, NEW.id)
      ON CONFLICT (kind, slug) DO UPDATE SET target_id = EXCLUDED.target_id, created_at = now();
    DELETE FROM slug_redirects WHERE kind = TG_ARGV[0]::slug_kind AND slug = NEW.slug;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "films_slug_history" AFTER UPDATE OF slug ON "films"
  FOR EACH ROW EXECUTE FUNCTION "remember_old_slug"('film');
--> statement-breakpoint
CREATE TRIGGER "series_slug_history" AFTER UPDATE OF slug ON "series"
  FOR EACH ROW EXECUTE FUNCTION "remember_old_slug"('series');
--> statement-breakpoint
CREATE TRIGGER "people_slug_history" AFTER UPDATE OF slug ON "people"
  FOR EACH ROW EXECUTE FUNCTION "remember_old_slug"('person');
--> statement-breakpoint
-- Titles the chart importer created took the year of their first chart week, which no source gave.
-- Their slugs lose that year (a second title of the same name is numbered) and the year goes.
DO $$
DECLARE
  t record;
  base text;
  candidate text;
  n int;
BEGIN
  FOR t IN SELECT id, slug, year FROM films WHERE needs_review ORDER BY id LOOP
    base := regexp_replace(t.slug, '-' || t.year || '$', '');
    candidate := base;
    n := 1;
    WHILE EXISTS (SELECT 1 FROM films WHERE slug = candidate AND id <> t.id) LOOP
      n := n + 1;
      candidate := base || '-' || n;
    END LOOP;
    UPDATE films SET slug = candidate, year = NULL,
      fact_sources = CASE WHEN runtime_minutes IS NULL THEN '{}'::jsonb
                          ELSE '{"runtimeMinutes": "netflix-top10"}'::jsonb END
      WHERE id = t.id;
  END LOOP;
  FOR t IN SELECT id, slug, year FROM series WHERE needs_review ORDER BY id LOOP
    base := regexp_replace(t.slug, '-' || t.year || '$', '');
    candidate := base;
    n := 1;
    WHILE EXISTS (SELECT 1 FROM series WHERE slug = candidate AND id <> t.id) LOOP
      n := n + 1;
      candidate := base || '-' || n;
    END LOOP;
    UPDATE series SET slug = candidate, year = NULL WHERE id = t.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
-- Every other film's facts were written by Reelrank's editors (the hand-written catalogue).
UPDATE films SET fact_sources = (
  SELECT coalesce(jsonb_object_agg(k, 'editors'), '{}'::jsonb) FROM (VALUES
    ('year', year IS NOT NULL), ('releaseDate', release_date IS NOT NULL),
    ('runtimeMinutes', runtime_minutes IS NOT NULL), ('originalTitle', original_title IS NOT NULL),
    ('originalLanguage', original_language IS NOT NULL), ('country', country IS NOT NULL),
    ('synopsis', synopsis IS NOT NULL)
  ) AS f(k, known) WHERE known
) WHERE NOT needs_review;
--> statement-breakpoint
UPDATE series SET fact_sources = (
  SELECT coalesce(jsonb_object_agg(k, 'editors'), '{}'::jsonb) FROM (VALUES
    ('year', year IS NOT NULL), ('originalTitle', original_title IS NOT NULL),
    ('originalLanguage', original_language IS NOT NULL)
  ) AS f(k, known) WHERE known
) WHERE NOT needs_review;
