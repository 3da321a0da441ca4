CREATE INDEX "films_title_key_trgm_idx" ON "films" USING gin (reelrank_search_key("title") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "films_title_key_prefix_idx" ON "films" USING btree (reelrank_search_key("title") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "films_original_title_key_trgm_idx" ON "films" USING gin (reelrank_search_key("original_title") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "films_original_title_key_prefix_idx" ON "films" USING btree (reelrank_search_key("original_title") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_name_key_trgm_idx" ON "people" USING gin (reelrank_search_key("name") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "people_name_key_prefix_idx" ON "people" USING btree (reelrank_search_key("name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "people_native_name_key_trgm_idx" ON "people" USING gin (reelrank_search_key("native_name") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "people_native_name_key_prefix_idx" ON "people" USING btree (reelrank_search_key("native_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "series_title_key_trgm_idx" ON "series" USING gin (reelrank_search_key("title") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "series_title_key_prefix_idx" ON "series" USING btree (reelrank_search_key("title") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "series_original_title_key_trgm_idx" ON "series" USING gin (reelrank_search_key("original_title") gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "series_original_title_key_prefix_idx" ON "series" USING btree (reelrank_search_key("original_title") text_pattern_ops);