/**
 * How a diary, films watched and a watchlist look: plain components with no server-only imports,
 * so the cached page and the browser (for a diary shown to followers only) draw them the same.
 */
import Link from "next/link";
import type { DiaryEntryView, WatchedFilm } from "@/db/queries/diary";
import type { WatchlistItem } from "@/db/queries/watchlist";
import { monthHeading, shortDate } from "@/lib/diary";
import { plural } from "@/lib/format";
import { DiaryEditLink } from "./diary-edit-link";
import { Stars } from "./ui/stars";

function FilmTitle({ film }: { film: { slug: string; title: string; year: number | null } }) {
  return (
    <Link href={`/films/${film.slug}`} className="font-medium">
      {film.title}
      {film.year != null ? (
        <span className="font-normal text-zinc-600 dark:text-zinc-400"> ({film.year})</span>
      ) : null}
    </Link>
  );
}

/**
 * Diary entries under a heading per month, newest first, as the query returns them. Each has an
 * "Edit" link that only its owner sees.
 */
export function DiaryEntries({
  entries,
  ownerHandle,
}: {
  entries: DiaryEntryView[];
  ownerHandle: string;
}) {
  if (entries.length === 0) return <p className="mt-4">No diary entries yet.</p>;
  const months: { month: string; entries: DiaryEntryView[] }[] = [];
  for (const e of entries) {
    const month = e.watchedOn.slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) last.entries.push(e);
    else months.push({ month, entries: [e] });
  }
  return (
    <div className="mt-4 flex flex-col gap-6" data-testid="diary-entries">
      {months.map((m) => (
        <section key={m.month} aria-labelledby={`month-${m.month}`}>
          <h2 id={`month-${m.month}`} className="text-lg font-semibold">
            {monthHeading(m.month)}
          </h2>
          <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800">
            {m.entries.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
                <time
                  dateTime={e.watchedOn}
                  className="w-8 text-right text-lg font-semibold tabular-nums"
                  title={shortDate(e.watchedOn)}
                >
                  {Number(e.watchedOn.slice(8, 10))}
                </time>
                <FilmTitle film={e.film} />
                {e.rating != null ? <Stars halfStars={e.rating} /> : null}
                {e.rewatch ? (
                  <span className="text-sm text-zinc-700 dark:text-zinc-300">
                    <span aria-hidden="true">↻ </span>Rewatch
                  </span>
                ) : null}
                {e.tags.length ? (
                  <ul aria-label="Tags" className="flex flex-wrap gap-1">
                    {e.tags.map((t) => (
                      <li
                        key={t}
                        className="rounded-full bg-zinc-100 px-2 text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
                      >
                        {t}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {e.reviewId != null ? (
                  <Link href={`/reviews/${e.reviewId}`} className="text-sm">
                    Review<span className="sr-only"> of {e.film.title}</span>
                  </Link>
                ) : null}
                <DiaryEditLink
                  ownerHandle={ownerHandle}
                  entryId={e.id}
                  filmTitle={e.film.title}
                  watchedOn={e.watchedOn}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Every film watched, with how often, when last and the current rating. */
export function WatchedFilms({ films }: { films: WatchedFilm[] }) {
  if (films.length === 0) return <p className="mt-4">No films watched yet.</p>;
  return (
    <ul className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="films-watched">
      {films.map((f) => (
        <li key={f.film.slug} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
          <FilmTitle film={f.film} />
          {f.rating != null ? <Stars halfStars={f.rating} /> : null}
          <span className="text-sm text-zinc-700 dark:text-zinc-300">
            {f.timesWatched === 1 ? "Watched once" : `Watched ${plural(f.timesWatched, "time")}`}
            {f.lastWatchedOn ? `, last on ${shortDate(f.lastWatchedOn)}` : ", date unknown"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function WatchlistFilms({ items }: { items: WatchlistItem[] }) {
  if (items.length === 0) return <p className="mt-4">Nothing on the watchlist yet.</p>;
  return (
    <ul className="mt-4 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="watchlist">
      {items.map((i) => (
        <li key={i.film.slug} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
          <FilmTitle film={i.film} />
          <span className="text-sm text-zinc-700 dark:text-zinc-300">
            added {shortDate(i.addedAt.slice(0, 10))}
          </span>
        </li>
      ))}
    </ul>
  );
}

export type PartKind = "diary" | "films" | "watchlist";

/** Why a part of a profile is not shown to this reader. */
export function hiddenSentence(part: PartKind, handle: string, audience: string): string {
  const what =
    part === "watchlist"
      ? "This watchlist is"
      : part === "films"
        ? "These films are"
        : "This diary is";
  return audience === "followers"
    ? `${what} visible to @${handle}'s followers only.`
    : `${what} visible only to @${handle}.`;
}
