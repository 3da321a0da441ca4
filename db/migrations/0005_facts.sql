CREATE TYPE "public"."proposal_status" AS ENUM('pending', 'accepted', 'rejected', 'superseded');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'editor' BEFORE 'moderator';--> statement-breakpoint
CREATE TABLE "enrichment_lookups" (
	"film_id" integer NOT NULL,
	"source" text NOT NULL,
	"outcome" text NOT NULL,
	"source_id" text,
	"message" text,
	"looked_up_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_lookups_film_id_source_pk" PRIMARY KEY("film_id","source")
);
--> statement-breakpoint
CREATE TABLE "fact_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"film_id" integer NOT NULL,
	"source" text NOT NULL,
	"url" text,
	"confidence" text NOT NULL,
	"facts" jsonb NOT NULL,
	"status" "proposal_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "film_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"film_id" integer NOT NULL,
	"user_id" text,
	"source" text NOT NULL,
	"changes" jsonb NOT NULL,
	"revert_of" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_responses" (
	"source" text NOT NULL,
	"key" text NOT NULL,
	"body" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_responses_source_key_pk" PRIMARY KEY("source","key")
);
--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "countries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "genres" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "maturity_rating" text;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "wikidata_id" text;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "tmdb_id" integer;--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "wikidata_id" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "tmdb_id" integer;--> statement-breakpoint
ALTER TABLE "enrichment_lookups" ADD CONSTRAINT "enrichment_lookups_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_proposals" ADD CONSTRAINT "fact_proposals_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_proposals" ADD CONSTRAINT "fact_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_revisions" ADD CONSTRAINT "film_revisions_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "film_revisions" ADD CONSTRAINT "film_revisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fact_proposals_pending_idx" ON "fact_proposals" USING btree ("status","film_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_proposals_one_pending_key" ON "fact_proposals" USING btree ("film_id","source") WHERE "fact_proposals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "film_revisions_film_idx" ON "film_revisions" USING btree ("film_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "films_wikidata_id_key" ON "films" USING btree ("wikidata_id");--> statement-breakpoint
CREATE UNIQUE INDEX "films_tmdb_id_key" ON "films" USING btree ("tmdb_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_wikidata_id_key" ON "people" USING btree ("wikidata_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_tmdb_id_key" ON "people" USING btree ("tmdb_id");--> statement-breakpoint
CREATE INDEX "people_lower_name_idx" ON "people" USING btree (lower("name"));--> statement-breakpoint
-- One country became a list: countries of origin, main one first.
UPDATE "films" SET "countries" = ARRAY["country"] WHERE "country" IS NOT NULL;
--> statement-breakpoint
UPDATE "films" SET "fact_sources" = ("fact_sources" - 'country') || jsonb_build_object('countries', "fact_sources"->'country')
  WHERE "fact_sources" ? 'country';
--> statement-breakpoint
-- The hand-written credits are the editors' too: no source replaces them.
UPDATE "films" SET "fact_sources" = "fact_sources" || '{"credits": "editors"}'::jsonb
  WHERE NOT "needs_review" AND EXISTS (SELECT 1 FROM "credits" WHERE "credits"."film_id" = "films"."id");
