/**
 * Atom feeds (RFC 4287), written by the `feed` package. It puts titles and content in CDATA marked
 * `type="html"`, so every text given to it is HTML-escaped here first: that also keeps a `]]>` in a
 * review from ending the CDATA section.
 */
import { Feed } from "feed";
import { starsLabel } from "../rating";
import { LISTS, listBySlug } from "../top10/lists";
import { parseIsoDate } from "../top10/week";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

export function escapeHtml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c]!,
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2023-10-15` → `9–15 Oct 2023`; `2023-11-05` → `30 Oct – 5 Nov 2023`; across years in full. */
export function weekRange(weekEnding: string): string {
  const end = parseIsoDate(weekEnding);
  if (!end) return weekEnding;
  const start = new Date(end);
  start.setUTCDate(end.getUTCDate() - 6);
  const [sd, sm, sy] = [start.getUTCDate(), MONTHS[start.getUTCMonth()], start.getUTCFullYear()];
  const [ed, em, ey] = [end.getUTCDate(), MONTHS[end.getUTCMonth()], end.getUTCFullYear()];
  if (sy !== ey) return `${sd} ${sm} ${sy} – ${ed} ${em} ${ey}`;
  if (sm !== em) return `${sd} ${sm} – ${ed} ${em} ${ey}`;
  return `${sd}–${ed} ${em} ${ey}`;
}

export type ChartFeedRow = {
  week: string;
  list: string;
  rank: number;
  title: string;
  /** The title's Reelrank page, when it is matched to one. */
  path: string | null;
  updatedAt: string;
};

const latestOf = (dates: string[]) => new Date(dates.reduce((a, b) => (b > a ? b : a)));

/** One entry per weekly list, newest week first, each listing its ranked titles. */
export function chartsAtom(rows: ChartFeedRow[], base: URL): string {
  const url = (path: string) => new URL(path, base).toString();
  const groups = new Map<string, ChartFeedRow[]>();
  for (const r of rows) {
    const key = `${r.week}/${r.list}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const feed = new Feed({
    id: "urn:reelrank:charts",
    title: "Reelrank: Netflix Top 10, week by week",
    description: "Netflix's four global weekly Top 10 lists, as Reelrank shows them.",
    link: url("/charts"),
    feed: url("/charts/feed.xml"),
    author: { name: "Reelrank", link: url("/") },
    updated: rows.length ? latestOf(rows.map((r) => r.updatedAt)) : new Date(0),
    generator: false,
  });
  const order = LISTS.map((l) => l.slug as string);
  const keys = [...groups.keys()].sort((a, b) => {
    const [wa, la] = a.split("/") as [string, string];
    const [wb, lb] = b.split("/") as [string, string];
    return wa === wb ? order.indexOf(la) - order.indexOf(lb) : wb.localeCompare(wa);
  });
  for (const key of keys) {
    const list = groups.get(key)!.sort((a, b) => a.rank - b.rank);
    const { week, list: slug } = list[0]!;
    const label = listBySlug(slug)?.label ?? slug;
    const items = list.map(
      (r) =>
        `<li>${r.path ? `<a href="${escapeHtml(url(r.path))}">${escapeHtml(r.title)}</a>` : escapeHtml(r.title)}</li>`,
    );
    feed.addItem({
      // stable whatever the site's address: the week and the list name the entry
      id: `urn:reelrank:chart:${week}:${slug}`,
      title: escapeHtml(`Top 10 ${label}, week of ${weekRange(week)}`),
      link: url(`/charts/${week}/${slug}`),
      date: latestOf(list.map((r) => r.updatedAt)),
      content: `<ol>${items.join("")}</ol>`,
    });
  }
  return feed.atom1();
}

export type ReviewFeedItem = {
  id: number;
  rating: number | null;
  body: string | null;
  containsSpoilers: boolean;
  createdAt: string;
  editedAt: string | null;
  author: { handle: string; name: string };
};

/** A film's visible reviews, newest first. */
export function reviewsAtom(
  film: { slug: string; title: string; heading: string },
  reviews: ReviewFeedItem[],
  base: URL,
): string {
  const url = (path: string) => new URL(path, base).toString();
  const dates = reviews.map((r) => r.editedAt ?? r.createdAt);
  const feed = new Feed({
    id: `urn:reelrank:film-reviews:${film.slug}`,
    title: escapeHtml(`Reviews of ${film.heading} on Reelrank`),
    link: url(`/films/${film.slug}`),
    feed: url(`/films/${film.slug}/reviews.xml`),
    // RFC 4287 wants an author on the feed when an entry could lack one; every entry has one here
    author: { name: "Reelrank", link: url("/") },
    updated: dates.length ? latestOf(dates) : new Date(0),
    generator: false,
  });
  for (const r of reviews) {
    const rating = r.rating != null ? `<p>${escapeHtml(starsLabel(r.rating))}</p>` : "";
    const text = r.containsSpoilers
      ? "<p>This review contains spoilers: read it on Reelrank.</p>"
      : r.body
        ? r.body
            .split(/\n{2,}/)
            .map((p) => `<p>${escapeHtml(p)}</p>`)
            .join("")
        : "";
    feed.addItem({
      id: `urn:reelrank:review:${r.id}`,
      title: escapeHtml(
        `${r.author.name} on ${film.title}${r.rating != null ? `: ${starsLabel(r.rating)}` : ""}`,
      ),
      link: url(`/reviews/${r.id}`),
      published: new Date(r.createdAt),
      date: new Date(r.editedAt ?? r.createdAt),
      author: [{ name: r.author.name, link: url(`/u/${r.author.handle}`) }],
      content: rating + text,
    });
  }
  return feed.atom1();
}
