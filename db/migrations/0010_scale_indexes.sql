DROP INDEX "diary_entries_user_watched_idx";--> statement-breakpoint
DROP INDEX "diary_entries_user_created_idx";--> statement-breakpoint
DROP INDEX "film_revisions_film_idx";--> statement-breakpoint
DROP INDEX "follows_followee_idx";--> statement-breakpoint
DROP INDEX "follows_follower_created_idx";--> statement-breakpoint
DROP INDEX "import_jobs_user_idx";--> statement-breakpoint
DROP INDEX "lists_user_updated_idx";--> statement-breakpoint
DROP INDEX "lists_user_created_idx";--> statement-breakpoint
DROP INDEX "moderation_log_created_idx";--> statement-breakpoint
DROP INDEX "netflix_sync_log_finished_idx";--> statement-breakpoint
DROP INDEX "notifications_user_newest_idx";--> statement-breakpoint
DROP INDEX "review_comments_user_idx";--> statement-breakpoint
DROP INDEX "reviews_film_newest_idx";--> statement-breakpoint
DROP INDEX "reviews_film_liked_idx";--> statement-breakpoint
DROP INDEX "reviews_user_idx";--> statement-breakpoint
DROP INDEX "watchlist_entries_user_added_idx";--> statement-breakpoint
CREATE INDEX "diary_entries_user_watched_idx" ON "diary_entries" USING btree ("user_id","watched_on" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "diary_entries_user_created_idx" ON "diary_entries" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "film_revisions_film_idx" ON "film_revisions" USING btree ("film_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "follows_followee_idx" ON "follows" USING btree ("followee_id","created_at" DESC NULLS FIRST,"follower_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "follows_follower_created_idx" ON "follows" USING btree ("follower_id","created_at" DESC NULLS FIRST,"followee_id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "lists_user_updated_idx" ON "lists" USING btree ("user_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "lists_user_created_idx" ON "lists" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "moderation_log_created_idx" ON "moderation_log" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "netflix_sync_log_finished_idx" ON "netflix_sync_log" USING btree ("finished_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_user_newest_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "review_comments_user_idx" ON "review_comments" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reviews_film_newest_idx" ON "reviews" USING btree ("film_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reviews_film_liked_idx" ON "reviews" USING btree ("film_id","likes_count" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reviews_user_idx" ON "reviews" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "watchlist_entries_user_added_idx" ON "watchlist_entries" USING btree ("user_id","added_at" DESC NULLS FIRST,"film_id");