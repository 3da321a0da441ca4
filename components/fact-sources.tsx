import { sourceLabel, sourceUrl, TMDB_ATTRIBUTION } from "@/lib/sources";

const FIELD_LABEL: Record<string, string> = {
  year: "Year",
  releaseDate: "Release date",
  netflixReleaseDate: "On Netflix since",
  runtimeMinutes: "Runtime",
  originalTitle: "Original title",
  originalLanguage: "Language",
  countries: "Countries",
  synopsis: "Synopsis",
  availableGlobally: "Available worldwide",
  genres: "Genres",
  credits: "Director, writers and cast",
};

/** Where each fact on the page came from, for readers who cite them. */
export function FactSources({ sources }: { sources: Record<string, string> }) {
  const entries = Object.entries(sources).filter(([field]) => field in FIELD_LABEL);
  if (entries.length === 0) return null;
  entries.sort(
    ([a], [b]) => Object.keys(FIELD_LABEL).indexOf(a) - Object.keys(FIELD_LABEL).indexOf(b),
  );
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-zinc-700 underline-offset-2 hover:underline dark:text-zinc-300">
        Sources
      </summary>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {entries.map(([field, source]) => (
          <div key={field} className="contents">
            <dt className="text-zinc-600 dark:text-zinc-400">{FIELD_LABEL[field]}</dt>
            <dd>
              {sourceUrl(source) ? (
                <a href={sourceUrl(source)!} className="underline" rel="external noopener">
                  {sourceLabel(source)}
                </a>
              ) : (
                sourceLabel(source)
              )}
            </dd>
          </div>
        ))}
      </dl>
      {entries.some(([, source]) => source.startsWith("tmdb:")) ? (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">{TMDB_ATTRIBUTION}</p>
      ) : null}
    </details>
  );
}
