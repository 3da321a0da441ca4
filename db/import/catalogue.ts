/**
 * Imports the 2021 Netflix titles catalogue (netflix_titles.csv): directors, cast, countries,
 * release year, genres, synopsis and maturity rating for the charted films it names. The file is
 * a third party's snapshot, not Netflix's own, so it ranks below the film databases and never
 * overwrites an editor; a film it fits surely is filled at once, any other is queued for an editor.
 */
import { catalogueFacts, type CatalogueRow } from "../../lib/catalogue/parse";
import { normalizeTitle } from "../../lib/top10/match";
import type { Database } from "../index";
import {
  agreement,
  getFilmToMatch,
  isCertain,
  isContradicted,
  offerFacts,
  type FilmToMatch,
} from "../enrich/offer";
import { TitleResolver } from "./titles";

export type CatalogueSummary = {
  file: string;
  rowsRead: number;
  /** Catalogue films whose title is a charted film's. */
  titlesFound: number;
  applied: number;
  queued: number;
  unchanged: number;
  changedFilms: string[];
  changedPeople: string[];
};

export async function importCatalogue(
  db: Database,
  file: string,
  rows: CatalogueRow[],
): Promise<CatalogueSummary> {
  return db.transaction(async (tx) => {
    const resolver = new TitleResolver(tx);
    await resolver.load();
    const movies = rows.filter((r) => r.kind === "film");
    // how many catalogue films share each title: namesakes need more than a title to tell apart
    const namesakes = new Map<string, number>();
    for (const r of movies)
      namesakes.set(normalizeTitle(r.title), (namesakes.get(normalizeTitle(r.title)) ?? 0) + 1);

    type Offer = { row: CatalogueRow; film: FilmToMatch; certain: boolean };
    const offers: Offer[] = [];
    for (const row of movies) {
      const pool = resolver.candidates("film", normalizeTitle(row.title));
      if (pool.length === 0) continue;
      const facts = catalogueFacts(row);
      const judged: Offer[] = [];
      for (const candidate of pool) {
        const film = await getFilmToMatch(tx, candidate.id);
        if (!film) continue;
        const agrees = agreement(film, facts);
        // a known year or runtime that disagrees: another film of the same name
        if (!isContradicted(agrees)) judged.push({ row, film, certain: isCertain(agrees) });
      }
      const sure = judged.filter((j) => j.certain);
      if (sure.length === 1) offers.push(sure[0]!);
      else if (judged.length === 1) offers.push({ ...judged[0]!, certain: false });
    }
    // a film two catalogue rows both fit surely is not sure after all
    const claims = new Map<number, number>();
    for (const o of offers) if (o.certain) claims.set(o.film.id, (claims.get(o.film.id) ?? 0) + 1);

    const summary: CatalogueSummary = {
      file,
      rowsRead: rows.length,
      titlesFound: offers.length,
      applied: 0,
      queued: 0,
      unchanged: 0,
      changedFilms: [],
      changedPeople: [],
    };
    for (const o of offers) {
      const certain = o.certain && claims.get(o.film.id) === 1;
      const result = await offerFacts(tx, o.film, catalogueFacts(o.row), {
        certain,
        confidence: (namesakes.get(normalizeTitle(o.row.title)) ?? 0) > 1 ? "ambiguous" : "low",
      });
      summary[result.outcome]++;
      if (result.outcome === "applied") {
        summary.changedFilms.push(...result.slugs);
        summary.changedPeople.push(...result.people);
      }
    }
    return summary;
  });
}
