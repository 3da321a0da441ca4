CREATE TYPE "public"."chart_list" AS ENUM('films-english', 'films-non-english', 'tv-english', 'tv-non-english');--> statement-breakpoint
CREATE TYPE "public"."country_category" AS ENUM('films', 'tv');--> statement-breakpoint
CREATE TABLE "chart_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"week" date NOT NULL,
	"list" chart_list NOT NULL,
	"rank" smallint NOT NULL,
	"show_title" text NOT NULL,
	"season_title" text,
	"film_id" integer,
	"season_id" integer,
	"hours_viewed" bigint NOT NULL,
	"runtime_hours" numeric(7, 4),
	"views" bigint,
	"cumulative_weeks" integer NOT NULL,
	"countries" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chart_entries_rank_check" CHECK ("chart_entries"."rank" between 1 and 10),
	CONSTRAINT "chart_entries_one_title_check" CHECK ("chart_entries"."film_id" is null or "chart_entries"."season_id" is null)
);
--> statement-breakpoint
CREATE TABLE "chart_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text,
	"source" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "country_chart_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"week" date NOT NULL,
	"country_iso2" text NOT NULL,
	"country_name" text NOT NULL,
	"category" "country_category" NOT NULL,
	"rank" smallint NOT NULL,
	"show_title" text NOT NULL,
	"season_title" text,
	"cumulative_weeks" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "most_popular_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"list" chart_list NOT NULL,
	"rank" smallint NOT NULL,
	"show_title" text NOT NULL,
	"season_title" text,
	"film_id" integer,
	"season_id" integer,
	"hours_viewed" bigint NOT NULL,
	"runtime_hours" numeric(7, 4),
	"views" bigint,
	"window_days" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" serial PRIMARY KEY NOT NULL,
	"series_id" integer NOT NULL,
	"title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"original_title" text,
	"original_language" text,
	"year" integer NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "films" ADD COLUMN "needs_review" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chart_entries" ADD CONSTRAINT "chart_entries_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_entries" ADD CONSTRAINT "chart_entries_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chart_revisions" ADD CONSTRAINT "chart_revisions_entry_id_chart_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."chart_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "most_popular_entries" ADD CONSTRAINT "most_popular_entries_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "most_popular_entries" ADD CONSTRAINT "most_popular_entries_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seasons" ADD CONSTRAINT "seasons_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chart_entries_week_list_rank_key" ON "chart_entries" USING btree ("week","list","rank");--> statement-breakpoint
CREATE INDEX "chart_entries_film_week_idx" ON "chart_entries" USING btree ("film_id","week");--> statement-breakpoint
CREATE INDEX "chart_entries_season_week_idx" ON "chart_entries" USING btree ("season_id","week");--> statement-breakpoint
CREATE INDEX "chart_entries_title_idx" ON "chart_entries" USING btree ("list","show_title");--> statement-breakpoint
CREATE INDEX "chart_revisions_entry_idx" ON "chart_revisions" USING btree ("entry_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "country_chart_entries_key" ON "country_chart_entries" USING btree ("week","country_iso2","category","rank");--> statement-breakpoint
CREATE INDEX "country_chart_entries_title_idx" ON "country_chart_entries" USING btree ("week","category","show_title");--> statement-breakpoint
CREATE UNIQUE INDEX "most_popular_entries_list_rank_key" ON "most_popular_entries" USING btree ("list","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "seasons_series_title_key" ON "seasons" USING btree ("series_id",coalesce("title", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "series_slug_key" ON "series" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "series_lower_title_idx" ON "series" USING btree (lower("title"));--> statement-breakpoint
CREATE INDEX "films_lower_title_idx" ON "films" USING btree (lower("title"));