/**
 * Test data for backup and restore: the demo seed plus at least one row in every table, with the
 * values that break naive copies — Hangul and emoji, NULL beside '', quotes, backslashes and
 * newlines, microsecond timestamps, bigint past 2^53, numeric scale, nested jsonb, arrays with
 * commas and NULL elements, every kind of enum.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../index";
import { seedDemo, seedDemoUsers } from "../seed/index";

const statements = [
  `insert into users (id, name, handle, email, role, email_verified, created_at, deleted_at)
   values ('u-hangul', '김지수 🎬', 'jisoo', 'jisoo@example.com', 'editor', '2024-02-29 23:59:59.123456+09', '1999-12-31 23:59:59.999999+00', null),
          ('u-quote', 'O''Brien "the\\critic"' || E'\\n' || 'line two', 'obrien', 'obrien@example.com', 'viewer', null, now(), '2025-01-01 00:00:00+00')`,
  `insert into series (slug, title, original_title, original_language, year, fact_sources)
   values ('squid-game', 'Squid Game', '오징어 게임', 'ko', 2021, '{"title": {"source": "wikidata", "checked": "2024-01-01"}}')`,
  `insert into seasons (series_id, title, original_title, netflix_release_date)
   select id, 'Season 1', '시즌 1', '2021-09-17' from series where slug = 'squid-game'`,
  `insert into chart_entries (week, list, rank, show_title, season_title, film_id, hours_viewed, runtime_hours, views, cumulative_weeks, countries)
   select '2021-09-26', 'films-english', 1, 'A "quoted", title', '', min(id), 9007199254740993, 123.4567, null, 3, 93 from films`,
  `insert into chart_entries (week, list, rank, show_title, season_title, season_id, hours_viewed, runtime_hours, views, cumulative_weeks)
   select '2021-09-26', 'tv-non-english', 1, 'Squid Game', 'Squid Game: Season 1', min(id), 448930000, 0.0001, 42, 1 from seasons`,
  `insert into chart_revisions (entry_id, field, old_value, new_value, source)
   select min(id), 'hours_viewed', '', null, 'netflix' from chart_entries`,
  `insert into country_chart_entries (week, country_iso2, country_name, category, rank, show_title, season_title, cumulative_weeks)
   values ('2021-09-26', 'KR', 'South Korea', 'tv', 1, '오징어 게임', null, 2)`,
  // more rows than one read batch (5,000), with ids whose text order is not their numeric order
  `insert into country_chart_entries (week, country_iso2, country_name, category, rank, show_title, cumulative_weeks)
   select date '2020-01-05' + 7 * (n / 10), 'FR', 'France', 'films', 1 + n % 10, 'Title ' || n, 1 from generate_series(1, 12000) n`,
  `insert into most_popular_entries (list, rank, show_title, hours_viewed, runtime_hours, views, window_days)
   values ('tv-non-english', 1, 'Squid Game: Season 1', 2205200000, 32.3833, 265200000, 91)`,
  `insert into engagement_entries (period, period_start, period_end, kind, title, match_confidence, available_globally, release_date, hours_viewed, runtime_minutes, views, source)
   values ('2023-H1', '2023-01-01', '2023-06-30', 'films', 'The Night Agent: Season 1 // 나이트 에이전트', 'exact', true, null, 812100000, 0, null, 'What_We_Watched_2023H1.xlsx')`,
  `insert into netflix_files (name, url, etag, last_modified, sha256, bytes, rows, weeks_added, checked_at, imported_at)
   values ('all-weeks-global.tsv', 'https://www.netflix.com/tudum/top10/data/all-weeks-global.tsv', '"abc"', 'Tue, 01 Oct 2024 00:00:00 GMT', repeat('a', 64), 4294967296, 8000, 1, '2024-10-01 12:00:00.5+00', null)`,
  `insert into netflix_sync_log (file, trigger, outcome, message, rows_read, started_at)
   values ('all-weeks-global.tsv', 'schedule', 'refused', 'A row of the file: line 3: rank "11" is not 1–10', 8000, '2024-10-01 12:00:00+00')`,
  `insert into handle_redirects (old_handle, user_id) values ('지수', 'u-hangul')`,
  `insert into account_tokens (user_id, kind, token_hash, new_email, expires_at, used_at)
   values ('u-hangul', 'email_change', repeat('f', 64), 'new@example.com', '2030-01-01 00:00:00+00', null),
          ('u-quote', 'password_reset', repeat('0', 64), null, '2020-01-01 00:00:00+00', '2019-12-31 00:00:00+00')`,
  `insert into mail_outbox (to_address, subject, text_body, html_body)
   values ('jisoo@example.com', '비밀번호 재설정', E'Line one\\n\\tTabbed\\\\backslash', '<p>&lt;escaped&gt;</p>')`,
  `insert into account_deletions (content, reviews, comments) values ('anonymised', 3, 0)`,
  `insert into accounts (user_id, type, provider, provider_account_id, refresh_token, access_token, expires_at, token_type, scope, id_token, session_state)
   values ('u-hangul', 'oauth', 'github', '12345', null, '', 1700000000, 'bearer', 'read:user', null, null)`,
  `insert into verification_tokens (identifier, token, expires) values ('jisoo@example.com', 'tok', '2030-01-01 00:00:00+00')`,
  `insert into reviews (film_id, user_id, rating, body, contains_spoilers, watched_on, created_at)
   select min(id), 'u-hangul', 9, E'정말 좋아요! "Quotes", commas, \\\\ and a\\nnewline 🍿', true, '2021-09-20', '2021-09-20 10:11:12.131415+00' from films`,
  `insert into reviews (film_id, user_id, rating, body) select max(id), 'u-quote', 1, '' from films`,
  `insert into review_revisions (review_id, rating, body, contains_spoilers, watched_on)
   select id, 8, null, false, null from reviews where user_id = 'u-hangul'`,
  `insert into review_likes (review_id, user_id) select id, 'u-quote' from reviews where user_id = 'u-hangul'`,
  `insert into review_comments (review_id, user_id, body) select id, 'u-quote', '동의합니다' from reviews where user_id = 'u-hangul'`,
  `insert into review_comments (review_id, user_id, body, parent_id, deleted_at)
   select review_id, 'u-hangul', 'reply', id, now() from review_comments`,
  `insert into comment_revisions (comment_id, body) select min(id), 'first draft' from review_comments`,
  `insert into moderation_states (target_type, target_id, status, reason, auto_hidden)
   select 'comment', min(id), 'hidden', 'spam', true from review_comments`,
  `insert into reports (target_type, target_id, target_user_id, reporter_id, reason, note)
   select 'review', id, user_id, 'u-quote', 'spoiler', null from reviews where user_id = 'u-hangul'`,
  `insert into sanctions (user_id, kind, reason, ends_at, created_by)
   values ('u-quote', 'silence', 'Repeated spoilers', '2031-01-01 00:00:00+00', 'u-hangul')`,
  `insert into moderation_log (actor_id, actor_handle, action, target_type, target_id, reason, snapshot)
   values ('u-hangul', 'jisoo', 'hide', 'comment', '1', 'spam', '{"body": "동의합니다", "nested": {"n": 1.50, "big": 123456789012345678901234567890, "list": [null, "", true]}}')`,
  `insert into settings (key, value) values ('banner', '{"text": "점검 중", "on": false}'), ('number', '3.14159265358979323846')`,
  `insert into film_revisions (film_id, user_id, source, changes, note)
   select min(id), 'u-hangul', 'editor', '{"title": {"from": "Old", "to": "New ✓"}}', null from films`,
  `insert into fact_proposals (film_id, source, url, confidence, facts, status)
   select min(id), 'wikidata', 'https://www.wikidata.org/wiki/Q1', 'high', '{"runtimeMinutes": 123, "countries": ["KR"]}', 'pending' from films`,
  `insert into enrichment_lookups (film_id, source, outcome, source_id, message)
   select min(id), 'wikidata', 'matched', 'Q1', null from films`,
  `insert into source_responses (source, key, body) values ('wikidata', 'Q1', '{"labels": {"ko": "오징어 게임"}, "empty": {}, "arr": []}')`,
  `insert into slug_redirects (kind, slug, target_id) select 'film', 'old-slug', min(id) from films`,
  `insert into follows (follower_id, followee_id) values ('u-hangul', 'u-quote')`,
  `insert into blocks (blocker_id, blocked_id) values ('u-quote', 'u-hangul')`,
  `insert into lists (user_id, slug, name, description, ranked, is_private, items_count)
   values ('u-hangul', 'best-k-drama', '최고의 드라마', E'Tabs\\tand "quotes"', true, false, 1)`,
  `insert into list_items (list_id, film_id, position, note) select l.id, min(f.id), 1, '' from lists l, films f group by l.id`,
  `insert into list_likes (list_id, user_id) select id, 'u-quote' from lists`,
  `insert into diary_entries (user_id, film_id, watched_on, rating, rewatch, tags, import_key)
   select 'u-hangul', min(id), '2021-09-20', 9, true, array['with, comma', '"quoted"', '한국', ''], 'letterboxd:1' from films`,
  `insert into diary_entries (user_id, film_id, tags) select 'u-quote', min(id), '{}' from films`,
  `insert into watchlist_entries (user_id, film_id) select 'u-quote', min(id) from films`,
  `insert into notifications (user_id, kind, actor_id, review_id, data, dedupe_key)
   select 'u-hangul', 'review_liked', 'u-quote', id, '{"preview": "정말"}', 'like:' || id from reviews where user_id = 'u-hangul'`,
  `insert into import_jobs (user_id, source, file_name, status, total, processed, report)
   values ('u-hangul', 'letterboxd', 'letterboxd-jisoo-2024.zip', 'done', 2, 2, '{"imported": 1, "unmatched": 1}')`,
  `insert into import_unmatched (job_id, user_id, name, year, uri, rows, candidates)
   select id, 'u-hangul', '기생충', 2019, null, '[{"Name": "기생충", "Rating": "5"}]', '[]' from import_jobs`,
];

/** Demo seed plus a row in every table (and the awkward values listed above). */
export async function seedEveryTable(db: Database): Promise<void> {
  await seedDemo(db);
  await seedDemoUsers(db);
  for (const statement of statements) await db.execute(sql.raw(statement));
}
