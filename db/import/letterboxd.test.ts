import { count, eq, inArray } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import { AppError } from "../../lib/errors";
import { exportFiles, exportZip } from "../../lib/letterboxd/export";
import { parseExport } from "../../lib/letterboxd/parse";
import { readUpload } from "../../lib/letterboxd/read";
import type { DatabaseHandle } from "../index";
import { addComment } from "../queries/comments";
import { followUser } from "../queries/follows";
import { addListItem, createList, setListItemNote, setListLike } from "../queries/lists";
import { getRatingStats, recountRatingStats, toggleLike, upsertReview } from "../queries/reviews";
import { getActor, type Actor } from "../queries/users";
import {
  diaryEntries,
  filmRatingStats,
  films,
  importJobs,
  reviewRevisions,
  reviews,
  users,
  watchlistEntries,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import type { ImportReport } from "../../lib/letterboxd/report";
import { getImportJob } from "../queries/imports";
import { prepareImport, resolveUnmatched, runImport } from "./letterboxd";
import { getExportData } from "./letterboxd-export";
import { importHandlers } from "../actions";
import { resolveUnmatchedInput } from "../../lib/validation";

let seq = 0;

/** A Letterboxd export as a user would upload it: a zip of CSV files in a folder of its own. */
function letterboxdZip(files: Record<string, string[][]>): Uint8Array {
  const csv = (rows: string[][]) =>
    rows
      .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(","))
      .join("\n") + "\n";
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, rows]) => [
        `letterboxd-viewer-2024/${name}`,
        strToU8(csv(rows)),
      ]),
    ),
  );
}

const DIARY = [
  "Date",
  "Name",
  "Year",
  "Letterboxd URI",
  "Rating",
  "Rewatch",
  "Tags",
  "Watched Date",
];
const RATINGS = ["Date", "Name", "Year", "Letterboxd URI", "Rating"];
const REVIEWS = [
  "Date",
  "Name",
  "Year",
  "Letterboxd URI",
  "Rating",
  "Rewatch",
  "Review",
  "Tags",
  "Watched Date",
];
const FILMS = ["Date", "Name", "Year", "Letterboxd URI"];

const EXPORT = letterboxdZip({
  "diary.csv": [
    DIARY,
    [
      "2024-01-02",
      "Ballerina",
      "2023",
      "https://boxd.it/d1",
      "4.5",
      "",
      "revenge, korean",
      "2024-01-01",
    ],
    ["2024-03-02", "Ballerina", "2023", "https://boxd.it/d2", "5", "Yes", "", "2024-03-01"],
    ["2024-01-06", "Ballerina", "2016", "https://boxd.it/d3", "3", "", "", "2024-01-05"],
    // the original title of Forgotten Love
    ["2024-02-01", "Znachor", "2023", "https://boxd.it/d4", "", "", "", "2024-02-01"],
    ["2024-02-10", "Ballerina", "2020", "https://boxd.it/d5", "2", "", "", "2024-02-10"],
  ],
  "ratings.csv": [
    RATINGS,
    ["2024-03-02", "Ballerina", "2023", "https://boxd.it/f1", "5"],
    ["2024-01-06", "Ballerina", "2016", "https://boxd.it/f2", "3"],
    ["2024-04-01", "Nowhere", "2023", "https://boxd.it/f3", "1"],
    ["2024-04-02", "Twin Title", "2019", "https://boxd.it/f4", "4"],
  ],
  "reviews.csv": [
    REVIEWS,
    [
      "2024-03-02",
      "Ballerina",
      "2023",
      "https://boxd.it/d2",
      "5",
      "Yes",
      "<p>Even better the second time.</p><p>Jeon Jong-seo &amp; the score<br />are perfect.</p>",
      "",
      "2024-03-01",
    ],
    [
      "2024-05-01",
      "Sister Death",
      "2023",
      "https://boxd.it/r2",
      "",
      "",
      "Never rated this one",
      "",
      "",
    ],
  ],
  "watched.csv": [
    FILMS,
    ["2024-01-02", "Ballerina", "2023", "https://boxd.it/f1"],
    ["2024-04-01", "Nowhere", "2023", "https://boxd.it/f3"],
    ["2024-04-05", "Fair Play", "2023", "https://boxd.it/f5"],
    ["2024-04-06", "Lonely Quarry", "2024", "https://boxd.it/f6"],
    ["2024-04-07", "Nothing Like This Exists", "1999", "https://boxd.it/f7"],
  ],
  "watchlist.csv": [
    FILMS,
    ["2024-05-01", "Reptile", "2023", "https://boxd.it/f8"],
    ["2024-05-02", "Ballerina", "2016", "https://boxd.it/f2"],
  ],
});

describe.each(testEngines())("Letterboxd import and export on %s", (engine) => {
  let handle: DatabaseHandle;
  const slugOf = new Map<number, string>();

  async function makeUser(): Promise<Actor> {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({
        name: `Importer ${n}`,
        handle: `importer_${engine}_${n}`,
        email: `importer${n}@${engine}.example`,
      })
      .returning({ id: users.id });
    return (await getActor(handle.db, { userId: row!.id }))!;
  }

  async function importZip(actor: Actor, zip: Uint8Array, filmsPerBatch = 2) {
    const { jobId, data } = await prepareImport(handle.db, actor, {
      files: [{ name: "letterboxd.zip", bytes: zip }],
    });
    const result = await runImport(handle.db, { jobId, userId: actor.id, data }, { filmsPerBatch });
    return { jobId, ...result };
  }

  async function tableCounts() {
    const n = async (
      t:
        | typeof diaryEntries
        | typeof reviews
        | typeof reviewRevisions
        | typeof watchlistEntries
        | typeof importJobs,
    ) => (await handle.db.select({ n: count() }).from(t))[0]!.n;
    return {
      diary: await n(diaryEntries),
      reviews: await n(reviews),
      revisions: await n(reviewRevisions),
      watchlist: await n(watchlistEntries),
      jobs: await n(importJobs),
      stats: await handle.db.select().from(filmRatingStats).orderBy(filmRatingStats.filmId),
    };
  }

  async function ownRows(userId: string) {
    const diary = await handle.db
      .select()
      .from(diaryEntries)
      .where(eq(diaryEntries.userId, userId))
      .orderBy(diaryEntries.id);
    const own = await handle.db
      .select()
      .from(reviews)
      .where(eq(reviews.userId, userId))
      .orderBy(reviews.id);
    const watchlist = await handle.db
      .select()
      .from(watchlistEntries)
      .where(eq(watchlistEntries.userId, userId));
    return { diary, reviews: own, watchlist };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    // a title only the Netflix charts know (no year), and two such titles of the same name
    await handle.db.insert(films).values([
      { slug: "lonely-quarry", title: "Lonely Quarry" },
      { slug: "twin-title", title: "Twin Title" },
      { slug: "twin-title-2", title: "Twin Title" },
    ]);
    for (const f of await handle.db.select({ id: films.id, slug: films.slug }).from(films))
      slugOf.set(f.id, f.slug);
  });
  afterAll(async () => {
    await handle?.close();
  });

  let first: { actor: Actor; jobId: number; report: ImportReport };

  it("imports diary entries, ratings, reviews and the watchlist, and reports each kind", async () => {
    const actor = await makeUser();
    const { jobId, report, changedFilms } = await importZip(actor, EXPORT);
    first = { actor, jobId, report };
    expect(report).toEqual({
      films: { matched: 8, unmatched: 3, resolved: 0, skipped: 0 },
      diary: { created: 4, existing: 0 },
      ratings: { created: 3, existing: 0 },
      reviews: { created: 1, existing: 0 },
      // Ballerina 2023 is in the diary already; Nowhere, Fair Play and Lonely Quarry are not
      watched: { created: 3, existing: 1 },
      watchlist: { created: 2, existing: 0 },
      notImported: [
        {
          file: "reviews.csv",
          line: 3,
          name: "Sister Death",
          year: 2023,
          reason: "review without a rating",
        },
      ],
    });
    expect(changedFilms.sort()).toEqual(["ballerina-2016", "ballerina-2023", "nowhere-2023"]);

    const job = await getImportJob(handle.db, { userId: actor.id, jobId });
    expect(job).toMatchObject({ status: "done", stalled: false });
    expect(job!.processed).toBe(job!.total);
    expect(job!.total).toBe(5 + 4 + 2 + 5 + 2);

    const mine = await ownRows(actor.id);
    const diaryBySlug = mine.diary.map((d) => [
      slugOf.get(d.filmId),
      d.watchedOn,
      d.rating,
      d.rewatch,
    ]);
    // the two Ballerinas, told apart by year; the rating of each log stays with it
    expect(diaryBySlug).toEqual(
      expect.arrayContaining([
        ["ballerina-2023", "2024-01-01", 9, false],
        ["ballerina-2023", "2024-03-01", 10, true],
        ["ballerina-2016", "2024-01-05", 6, false],
        ["forgotten-love-2023", "2024-02-01", null, false],
        // watched, date unknown
        ["nowhere-2023", null, null, false],
        ["fair-play-2023", null, null, false],
        ["lonely-quarry", null, null, false],
      ]),
    );
    expect(mine.diary).toHaveLength(7);
    expect(mine.diary.find((d) => d.watchedOn === "2024-01-01")!.tags).toEqual([
      "revenge",
      "korean",
    ]);
    const review = mine.reviews.find((r) => slugOf.get(r.filmId) === "ballerina-2023")!;
    expect(review).toMatchObject({
      rating: 10,
      body: "Even better the second time.\n\nJeon Jong-seo & the score\nare perfect.",
      watchedOn: "2024-03-01",
    });
    // the rewatch's log links to the review written with it
    expect(mine.diary.find((d) => d.watchedOn === "2024-03-01")!.reviewId).toBe(review.id);
    expect(
      mine.reviews.map((r) => [slugOf.get(r.filmId), r.rating, r.body != null]).sort(),
    ).toEqual([
      ["ballerina-2016", 6, false],
      ["ballerina-2023", 10, true],
      ["nowhere-2023", 2, false],
    ]);
    expect(mine.watchlist.map((w) => slugOf.get(w.filmId)).sort()).toEqual([
      "ballerina-2016",
      "reptile-2023",
    ]);
  });

  it("lists what did not match with the films that came close", async () => {
    const job = await getImportJob(handle.db, { userId: first.actor.id, jobId: first.jobId });
    const unmatched = job!.unmatched.map((u) => ({
      name: u.name,
      year: u.year,
      rows: u.rows,
      candidates: u.candidates.map((c) => c.slug),
    }));
    expect(unmatched).toEqual([
      { name: "Ballerina", year: 2020, rows: 1, candidates: ["ballerina-2016", "ballerina-2023"] },
      { name: "Twin Title", year: 2019, rows: 1, candidates: ["twin-title", "twin-title-2"] },
      { name: "Nothing Like This Exists", year: 1999, rows: 1, candidates: [] },
    ]);
    // someone else's import is not theirs to read
    const other = await makeUser();
    expect(await getImportJob(handle.db, { userId: other.id, jobId: first.jobId })).toBeNull();
  });

  it("applies an unmatched film's rows to the film the viewer picks, once", async () => {
    const job = await getImportJob(handle.db, { userId: first.actor.id, jobId: first.jobId });
    const twin = job!.unmatched.find((u) => u.name === "Twin Title")!;
    const other = await makeUser();
    await expect(
      resolveUnmatched(handle.db, other, { unmatchedId: twin.id, filmSlug: "twin-title-2" }),
    ).rejects.toMatchObject({ code: "not_found" });

    const before = await getRatingStats(handle.db, { filmId: twin.candidates[1]!.filmId });
    const result = await resolveUnmatched(handle.db, first.actor, {
      unmatchedId: twin.id,
      filmSlug: "twin-title-2",
    });
    expect(result).toMatchObject({ filmSlug: "twin-title-2", ratingChanged: true });
    expect(result.report.ratings.created).toBe(4);
    expect(result.report.films.resolved).toBe(1);
    const after = await getRatingStats(handle.db, { filmId: twin.candidates[1]!.filmId });
    expect(after.count).toBe(before.count + 1);
    await expect(
      resolveUnmatched(handle.db, first.actor, { unmatchedId: twin.id, filmSlug: "twin-title" }),
    ).rejects.toBeInstanceOf(AppError);

    const ballerina = job!.unmatched.find((u) => u.year === 2020)!;
    await resolveUnmatched(handle.db, first.actor, { unmatchedId: ballerina.id, filmSlug: null });
    const now = await getImportJob(handle.db, { userId: first.actor.id, jobId: first.jobId });
    expect(now!.unmatched.map((u) => [u.name, u.status, u.film?.slug ?? null])).toEqual([
      ["Ballerina", "skipped", null],
      ["Twin Title", "matched", "twin-title-2"],
      ["Nothing Like This Exists", "pending", null],
    ]);
  });

  it("answers forged or incomplete picks with a sentence and changes nothing", async () => {
    const job = await getImportJob(handle.db, { userId: first.actor.id, jobId: first.jobId });
    const pending = job!.unmatched.find((u) => u.status === "pending")!;
    const resolveAs = (userId: string | null) =>
      createAction(
        {
          sessionUserId: () => Promise.resolve(userId),
          resolveActor: (id: string) => getActor(handle.db, { userId: id }),
          invalidate: () => {},
        },
        resolveUnmatchedInput,
        importHandlers(
          () => Promise.resolve(handle.db),
          () => {},
        ).resolve,
      );
    const pick = { unmatchedId: pending.id, decision: "apply", filmSlug: "ballerina-2016" };
    expect(await resolveAs(null)(null, pick)).toMatchObject({
      ok: false,
      error: "Sign in to do that.",
    });
    const other = await makeUser();
    expect(await resolveAs(other.id)(null, pick)).toMatchObject({
      ok: false,
      error: "That film of your import was not found.",
    });
    expect(
      await resolveAs(first.actor.id)(null, { unmatchedId: pending.id, decision: "apply" }),
    ).toMatchObject({ ok: false, fieldErrors: { filmSlug: "Pick a film, or skip it." } });
    expect(
      await resolveAs(first.actor.id)(null, { ...pick, filmSlug: "no-such-film" }),
    ).toMatchObject({ ok: false, error: "No film has that address." });
    const now = await getImportJob(handle.db, { userId: first.actor.id, jobId: first.jobId });
    expect(now!.unmatched.find((u) => u.id === pending.id)!.status).toBe("pending");
  });

  it("adds nothing when the same export is imported again, and remembers the viewer's picks", async () => {
    const before = await tableCounts();
    const { report } = await importZip(first.actor, EXPORT, 5);
    const after = await tableCounts();
    expect({ ...after, jobs: after.jobs - 1 }).toEqual(before);
    expect(report.diary).toEqual({ created: 0, existing: 4 });
    expect(report.ratings).toEqual({ created: 0, existing: 4 });
    expect(report.reviews).toEqual({ created: 0, existing: 1 });
    expect(report.watchlist).toEqual({ created: 0, existing: 2 });
    expect(report.watched).toEqual({ created: 0, existing: 4 });
    // Twin Title goes to the film picked before; the skipped Ballerina stays skipped
    expect(report.films).toEqual({ matched: 9, unmatched: 1, resolved: 0, skipped: 1 });
  });

  it("keeps every film's aggregates equal to a recount", async () => {
    for (const filmId of slugOf.keys()) {
      const stored = await getRatingStats(handle.db, { filmId });
      expect(stored, slugOf.get(filmId)).toEqual(await recountRatingStats(handle.db, { filmId }));
    }
  });

  it("never overwrites a review or rating already there", async () => {
    const actor = await makeUser();
    const ballerina = [...slugOf].find(([, s]) => s === "ballerina-2023")![0];
    await upsertReview(handle.db, actor, {
      filmId: ballerina,
      rating: 2,
      body: "Mine",
      containsSpoilers: false,
      watchedOn: null,
    });
    const { report } = await importZip(actor, EXPORT);
    expect(report.reviews).toEqual({ created: 0, existing: 1 });
    const [kept] = await handle.db
      .select()
      .from(reviews)
      .where(inArray(reviews.userId, [actor.id]))
      .orderBy(reviews.id)
      .limit(1);
    expect(kept).toMatchObject({ rating: 2, body: "Mine" });
  });

  it("refuses a bad upload whole: nothing written, not even a job", async () => {
    const actor = await makeUser();
    const before = await tableCounts();
    const badRating = letterboxdZip({
      "diary.csv": [DIARY, ["2024-01-02", "Ballerina", "2023", "u", "4.5", "", "", "2024-01-01"]],
      "ratings.csv": [RATINGS, ["2024-01-02", "Ballerina", "2023", "u", "7"]],
    });
    await expect(
      prepareImport(handle.db, actor, { files: [{ name: "e.zip", bytes: badRating }] }),
    ).rejects.toThrow(/Nothing was imported\. ratings\.csv:2: Rating "7" is not 0\.5 to 5 stars/);
    await expect(
      prepareImport(handle.db, actor, {
        files: [{ name: "diary.csv", bytes: strToU8("Title,When\nBallerina,2024\n") }],
      }),
    ).rejects.toThrow(/diary\.csv: expected columns Date, Name, Year/);
    await expect(
      prepareImport(handle.db, null, { files: [{ name: "e.zip", bytes: EXPORT }] }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    expect(await tableCounts()).toEqual(before);
    const jobs = await handle.db.select().from(importJobs).where(eq(importJobs.userId, actor.id));
    expect(jobs).toEqual([]);
  });

  it("exports a user's lists with notes, comments, likes, follows and every version of a review", async () => {
    const me = await makeUser();
    const friend = await makeUser();
    const filmOf = (slug: string) => [...slugOf].find(([, s]) => s === slug)![0];
    const review = (actor: Actor, slug: string, rating: number, body: string) =>
      upsertReview(handle.db, actor, {
        filmId: filmOf(slug),
        rating,
        body,
        containsSpoilers: false,
        watchedOn: null,
      });

    // my review, then edited: the export keeps the first text as an earlier version
    await review(me, "ballerina-2016", 6, "First take: a charming dancer.");
    await review(me, "ballerina-2016", 8, "Second take, after a rewatch.");
    // a list of mine, with a note on one film; the note's text is kept exactly
    const mine = await createList(handle.db, me, {
      name: "Dance films",
      description: "Feet & feelings",
      ranked: true,
      isPrivate: false,
    });
    await addListItem(handle.db, me, { listId: mine.listId, filmSlug: "ballerina-2016" });
    const second = await addListItem(handle.db, me, {
      listId: mine.listId,
      filmSlug: "ballerina-2023",
    });
    await setListItemNote(handle.db, me, {
      listId: mine.listId,
      filmId: second.item.filmId,
      note: 'Not the cartoon, "the" revenge one',
    });
    // what I do to my friend's review and list, and my friend themselves
    const theirs = await review(friend, "nowhere-2023", 7, "Tense all the way.");
    await toggleLike(handle.db, me, { reviewId: theirs.reviewId });
    await addComment(handle.db, me, { reviewId: theirs.reviewId, body: "Agreed, <b>tense</b>!" });
    const theirList = await createList(handle.db, friend, {
      name: "Survival",
      description: null,
      ranked: false,
      isPrivate: false,
    });
    await setListLike(handle.db, me, { listId: theirList.listId, liked: true });
    await followUser(handle.db, me, { handle: friend.handle });

    const base = new URL("https://reelrank.example");
    const data = (await getExportData(handle.db, { userId: me.id, base }))!;
    const filmUrl = (slug: string) => `https://reelrank.example/films/${slug}`;
    const reviewUrl = `https://reelrank.example/reviews/${theirs.reviewId}`;
    const expected = {
      reviews: [
        expect.objectContaining({
          url: filmUrl("ballerina-2016"),
          rating: 8,
          body: "Second take, after a rewatch.",
          editedAt: expect.any(String) as unknown,
          versions: [
            expect.objectContaining({ rating: 6, body: "First take: a charming dancer." }),
          ],
        }),
      ],
      lists: [
        expect.objectContaining({
          name: "Dance films",
          description: "Feet & feelings",
          ranked: true,
          items: [
            expect.objectContaining({ url: filmUrl("ballerina-2016"), position: 1, note: null }),
            expect.objectContaining({
              url: filmUrl("ballerina-2023"),
              position: 2,
              note: 'Not the cartoon, "the" revenge one',
            }),
          ],
        }),
      ],
      comments: [expect.objectContaining({ reviewUrl, body: "Agreed, <b>tense</b>!" })],
      likedReviews: [
        expect.objectContaining({ url: filmUrl("nowhere-2023"), reviewUrl, author: friend.handle }),
      ],
      likedLists: [
        expect.objectContaining({
          name: "Survival",
          owner: friend.handle,
          url: `https://reelrank.example/u/${friend.handle}/lists/${theirList.slug}`,
        }),
      ],
      following: [expect.objectContaining({ handle: friend.handle })],
      followers: [],
    };
    expect(data).toMatchObject(expected);

    // the JSON file holds the same, and the CSV files what Letterboxd's columns can hold
    const files = exportFiles(data);
    expect(JSON.parse(files["reelrank.json"]!)).toMatchObject({
      format: "reelrank-export",
      ...expected,
    });
    const versions = files["review-versions.csv"]!.trim().split("\n");
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatch(
      new RegExp(
        `^[^,]+,Ballerina,2016,${filmUrl("ballerina-2016")},3,First take: a charming dancer\\.,$`,
      ),
    );
    expect(files["reviews.csv"]).toContain("Second take, after a rewatch.");
    expect(files["reviews.csv"]).not.toContain("First take");
    expect(files[`lists/${mine.slug}.csv`]).toContain(
      `2,Ballerina,2023,${filmUrl("ballerina-2023")},"Not the cartoon, ""the"" revenge one"`,
    );
    expect(files["comments.csv"]).toContain(`"Agreed, <b>tense</b>!",${reviewUrl}`);
    expect(files["likes/reviews.csv"]).toContain(`${reviewUrl},${friend.handle}`);
    expect(files["likes/lists.csv"]).toContain(`Survival,https://reelrank.example/u/`);
    expect(files["following.csv"]).toContain(`,${friend.handle},${friend.name},`);
    // the friend's export shows the follow from the other side, and none of my likes
    const theirs2 = (await getExportData(handle.db, { userId: friend.id, base }))!;
    expect(theirs2.followers.map((f) => f.handle)).toEqual([me.handle]);
    expect(theirs2.likedReviews).toEqual([]);
  });

  it("exports what it imported; the export imports into a new account as the same entries", async () => {
    const data = (await getExportData(handle.db, {
      userId: first.actor.id,
      base: new URL("https://reelrank.example"),
    }))!;
    expect(data.profile.handle).toBe(first.actor.handle);
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash/);
    const zip = exportZip(data);
    const parsed = parseExport(readUpload([{ name: "reelrank.zip", bytes: zip }]));
    expect(parsed.diary).toHaveLength(7);
    expect(parsed.diary[0]!.uri).toMatch(/^https:\/\/reelrank\.example\/films\//);

    const fresh = await makeUser();
    const { report } = await importZip(fresh, zip, 3);
    expect(report.films.unmatched).toBe(0);
    const a = await ownRows(first.actor.id);
    const b = await ownRows(fresh.id);
    const shape = (rows: Awaited<ReturnType<typeof ownRows>>) => ({
      diary: rows.diary.map((d) => [d.filmId, d.watchedOn, d.rating, d.rewatch, d.tags]).sort(),
      reviews: rows.reviews.map((r) => [r.filmId, r.rating, r.body, r.watchedOn]).sort(),
      watchlist: rows.watchlist.map((w) => w.filmId).sort(),
    });
    expect(shape(b)).toEqual(shape(a));
    // and once more adds nothing
    const before = await tableCounts();
    await importZip(fresh, zip);
    expect({ ...(await tableCounts()), jobs: before.jobs }).toEqual(before);
  });
  it("matches titles whatever their case, punctuation or accents, and tells same-named films apart by year", async () => {
    // Netflix films whose titles Letterboxd writes differently
    const added = await handle.db
      .insert(films)
      .values([
        { slug: "tick-tick-boom-2021", title: "Tick, Tick... Boom!", year: 2021 },
        {
          slug: "glass-onion-a-knives-out-mystery-2022",
          title: "Glass Onion: A Knives Out Mystery",
          year: 2022,
        },
        {
          slug: "pokemon-the-movie-secrets-of-the-jungle-2020",
          title: "Pokémon the Movie: Secrets of the Jungle",
          year: 2020,
        },
        { slug: "dont-look-up-2021", title: "Don't Look Up", year: 2021 },
      ])
      .returning({ id: films.id, slug: films.slug });
    for (const f of added) slugOf.set(f.id, f.slug);
    const actor = await makeUser();
    const { report } = await importZip(
      actor,
      letterboxdZip({
        "ratings.csv": [
          RATINGS,
          // another case
          ["2024-06-01", "BALLERINA", "2016", "https://boxd.it/m1", "3"],
          ["2024-06-01", "ballerina", "2023", "https://boxd.it/m2", "4.5"],
          ["2024-06-01", "old dads", "2023", "https://boxd.it/m3", "2"],
          // punctuation of its own, and punctuation dropped
          ["2024-06-02", "tick, tick...BOOM!", "2021", "https://boxd.it/m4", "4"],
          ["2024-06-02", "Glass Onion A Knives Out Mystery", "2022", "https://boxd.it/m5", "3.5"],
          ["2024-06-02", "Dont Look Up!", "2021", "https://boxd.it/m6", "2.5"],
          // accents stripped
          [
            "2024-06-03",
            "Pokemon the Movie: Secrets of the Jungle",
            "2020",
            "https://boxd.it/m7",
            "1",
          ],
          // and a title that only looks alike is not taken
          ["2024-06-03", "Ballerinas", "2016", "https://boxd.it/m8", "5"],
        ],
      }),
    );
    expect(report.films).toEqual({ matched: 7, unmatched: 1, resolved: 0, skipped: 0 });
    const rated = (await ownRows(actor.id)).reviews.map((r) => [slugOf.get(r.filmId), r.rating]);
    expect(rated.sort()).toEqual(
      [
        ["ballerina-2016", 6],
        ["ballerina-2023", 9],
        ["dont-look-up-2021", 5],
        ["glass-onion-a-knives-out-mystery-2022", 7],
        ["old-dads-2023", 4],
        ["pokemon-the-movie-secrets-of-the-jungle-2020", 2],
        ["tick-tick-boom-2021", 8],
      ].sort(),
    );
  });
});
