CREATE TYPE "public"."credit_role" AS ENUM('director', 'writer', 'cast');--> statement-breakpoint
CREATE TABLE "credits" (
	"id" serial PRIMARY KEY NOT NULL,
	"film_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" "credit_role" NOT NULL,
	"character" text,
	"billing_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "films" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"original_title" text,
	"year" integer NOT NULL,
	"release_date" date,
	"runtime_minutes" integer,
	"original_language" text,
	"country" text,
	"synopsis" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "films_year_check" CHECK ("films"."year" between 1880 and 2100),
	CONSTRAINT "films_runtime_check" CHECK ("films"."runtime_minutes" is null or "films"."runtime_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"native_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_film_id_films_id_fk" FOREIGN KEY ("film_id") REFERENCES "public"."films"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credits_film_person_role_key" ON "credits" USING btree ("film_id","person_id","role");--> statement-breakpoint
CREATE INDEX "credits_film_role_order_idx" ON "credits" USING btree ("film_id","role","billing_order");--> statement-breakpoint
CREATE INDEX "credits_person_idx" ON "credits" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "films_slug_key" ON "films" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "films_title_id_idx" ON "films" USING btree (lower("title"),"id");--> statement-breakpoint
CREATE INDEX "films_year_id_idx" ON "films" USING btree ("year","id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_slug_key" ON "people" USING btree ("slug");