import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { parseTop10Tsv } from "../../lib/top10/parse";
import { importTop10 } from "../import/top10";
import type { DatabaseHandle } from "../index";
import {
  chartEntries,
  credits,
  filmRevisions,
  films,
  people,
  reviewRevisions,
  reviews,
  users,
  type UserRole,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import {
  applyFilmChange,
  createPerson,
  editFilm,
  mergeFilms,
  mergePeople,
  revertRevision,
  searchPeople,
  setFilmLocked,
} from "./editing";
import { getCurrentSlug } from "./redirects";
import { getRatingStats, recountRatingStats, upsertReview } from "./reviews";
import { getActor, type Actor } from "./users";

const H9 =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";

let seq = 0;
describe.each(testEngines())("editing films on %s", (engine) => {
  let handle: DatabaseHandle;
  const actors = {} as Record<UserRole, Actor>;

  async function user(role: UserRole) {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({ name: `E${n}`, handle: `e_${engine}_${n}`, email: `e${n}@${engine}.example`, role })
      .returning({ id: users.id });
    return (await getActor(handle.db, { userId: row!.id }))!;
  }
  async function film(slug: string) {
    const [row] = await handle.db.select().from(films).where(eq(films.slug, slug));
    return row!;
  }
  async function snapshot(filmId: number) {
    const [f] = await handle.db.select().from(films).where(eq(films.id, filmId));
    const c = await handle.db
      .select({
        personId: credits.personId,
        role: credits.role,
        character: credits.character,
        order: credits.billingOrder,
      })
      .from(credits)
      .where(eq(credits.filmId, filmId))
      .orderBy(credits.role, credits.billingOrder);
    const { updatedAt: _u, ...facts } = f!;
    return { facts, credits: c };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    await importTop10(
      handle.db,
      "charts.tsv",
      parseTop10Tsv(
        "charts.tsv",
        [
          H9,
          "2024-01-07\tFilms (Non-English)\t1\tThe Night Owl\tN/A\t9000000\t1.9\t4700000\t1",
          "2024-01-07\tFilms (Non-English)\t2\tNight Owl\tN/A\t4000000\t1.9\t2100000\t1",
        ].join("\n"),
      ),
    );
    for (const role of ["viewer", "editor", "moderator", "admin"] as UserRole[])
      actors[role] = await user(role);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("an editor adds a director and cast with native names; each save is a revision", async () => {
    const owl = await film("the-night-owl");
    const editor = actors.editor;
    const director = await createPerson(handle.db, editor, {
      name: "Ahn Tae-jin",
      nativeName: "안태진",
    });
    const lead = await createPerson(handle.db, editor, {
      name: "Ryu Jun-yeol",
      nativeName: "류준열",
    });
    const second = await createPerson(handle.db, editor, {
      name: "Yoo Hae-jin",
      nativeName: "유해진",
    });
    const result = await editFilm(handle.db, editor, {
      filmId: owl.id,
      patch: {
        year: 2022,
        originalTitle: "올빼미",
        originalLanguage: "ko",
        countries: ["KR"],
        genres: ["Thriller"],
      },
      credits: [
        { personId: director.id, role: "director", character: null },
        { personId: lead.id, role: "cast", character: "Gyeong-su" },
        { personId: second.id, role: "cast", character: "King Injo" },
      ],
      note: null,
    });
    expect(result.changed.sort()).toEqual(
      ["countries", "credits", "genres", "originalLanguage", "originalTitle", "year"].sort(),
    );
    // the year joins the address; the old one redirects
    expect(result.slug).toBe("the-night-owl-2022");
    expect(await getCurrentSlug(handle.db, { kind: "film", slug: "the-night-owl" })).toBe(
      "the-night-owl-2022",
    );
    const after = await film("the-night-owl-2022");
    expect(after.factSources).toMatchObject({ year: "editors", credits: "editors" });
    const [rev] = await handle.db
      .select()
      .from(filmRevisions)
      .where(eq(filmRevisions.id, result.revisionId!));
    expect(rev).toMatchObject({ userId: editor.id, source: "editors" });
    expect(rev!.changes.year).toEqual({ before: null, after: 2022 });
    expect((rev!.changes.credits!.after as unknown[]).length).toBe(3);
    expect(await searchPeople(handle.db, { q: "류준" })).toEqual([
      expect.objectContaining({ name: "Ryu Jun-yeol", nativeName: "류준열" }),
    ]);
  });

  it("a revert restores exactly what was there, and is itself a revision", async () => {
    const owl = await film("the-night-owl-2022");
    const before = await snapshot(owl.id);
    const change = await editFilm(handle.db, actors.editor, {
      filmId: owl.id,
      patch: { synopsis: "A blind acupuncturist witnesses a royal death.", runtimeMinutes: 118 },
      credits: [],
      note: null,
    });
    expect((await snapshot(owl.id)).credits).toEqual([]);
    const revert = await revertRevision(handle.db, actors.editor, {
      revisionId: change.revisionId!,
    });
    const restored = await snapshot(owl.id);
    expect(restored.credits).toEqual(before.credits);
    expect({ ...restored.facts, factSources: null }).toEqual({
      ...before.facts,
      factSources: null,
    });
    const [row] = await handle.db
      .select()
      .from(filmRevisions)
      .where(eq(filmRevisions.id, revert.revisionId!));
    expect(row?.revertOf).toBe(change.revisionId);
  });

  it("refuses a revert when the field changed again since", async () => {
    const owl = await film("the-night-owl-2022");
    const first = await editFilm(handle.db, actors.editor, {
      filmId: owl.id,
      patch: { runtimeMinutes: 117 },
      credits: null,
      note: null,
    });
    await editFilm(handle.db, actors.moderator, {
      filmId: owl.id,
      patch: { runtimeMinutes: 118 },
      credits: null,
      note: null,
    });
    await expect(
      revertRevision(handle.db, actors.editor, { revisionId: first.revisionId! }),
    ).rejects.toThrow(/Changed again since/);
    expect((await film("the-night-owl-2022")).runtimeMinutes).toBe(118);
  });

  it("a source never overwrites what an editor set; it fills what is empty", async () => {
    const owl = await film("the-night-owl-2022");
    const result = await handle.db.transaction((tx) =>
      applyFilmChange(tx, {
        filmId: owl.id,
        source: "wikidata:Q111",
        userId: null,
        patch: { year: 2023, runtimeMinutes: 120, synopsis: "From Wikidata." },
        respectSources: true,
      }),
    );
    expect(result.changed).toEqual(["synopsis"]);
    const after = await film("the-night-owl-2022");
    expect(after).toMatchObject({ year: 2022, runtimeMinutes: 118, synopsis: "From Wikidata." });
    expect(after.factSources.synopsis).toBe("wikidata:Q111");
  });

  it("refuses viewers, anonymous and restricted users, and locked films for editors, writing nothing", async () => {
    const owl = await film("the-night-owl-2022");
    const before = await snapshot(owl.id);
    const [revisionsBefore] = await handle.db.select({ n: count() }).from(filmRevisions);
    for (const who of [null, actors.viewer]) {
      await expect(
        editFilm(handle.db, who, {
          filmId: owl.id,
          patch: { title: "Hacked" },
          credits: [],
          note: null,
        }),
      ).rejects.toBeInstanceOf(AppError);
      await expect(
        createPerson(handle.db, who, { name: "X", nativeName: null }),
      ).rejects.toBeInstanceOf(AppError);
    }
    await expect(
      setFilmLocked(handle.db, actors.editor, { filmId: owl.id, locked: true }),
    ).rejects.toThrow(/moderators/);
    await setFilmLocked(handle.db, actors.moderator, { filmId: owl.id, locked: true });
    await expect(
      editFilm(handle.db, actors.editor, {
        filmId: owl.id,
        patch: { title: "Locked" },
        credits: null,
        note: null,
      }),
    ).rejects.toThrow(/locked/);
    await setFilmLocked(handle.db, actors.moderator, { filmId: owl.id, locked: false });
    expect((await snapshot(owl.id)).credits).toEqual(before.credits);
    expect((await film("the-night-owl-2022")).title).toBe("The Night Owl");
    const [revisionsAfter] = await handle.db.select({ n: count() }).from(filmRevisions);
    expect(revisionsAfter!.n).toBe(revisionsBefore!.n + 2); // the lock and the unlock
  });

  it("merging films moves chart weeks and reviews, keeps aggregates exact and redirects", async () => {
    const keep = await film("the-night-owl-2022");
    const dup = await film("night-owl");
    const a = await user("viewer");
    const b = await user("viewer");
    await upsertReview(handle.db, a, {
      filmId: keep.id,
      rating: 8,
      body: "Kept",
      containsSpoilers: false,
      watchedOn: null,
    });
    await upsertReview(handle.db, a, {
      filmId: dup.id,
      rating: 4,
      body: "Older thoughts",
      containsSpoilers: false,
      watchedOn: null,
    });
    await handle.db.execute(
      sql`update reviews set updated_at = now() - interval '1 day' where film_id = ${dup.id}`,
    );
    await upsertReview(handle.db, b, {
      filmId: dup.id,
      rating: 10,
      body: "Only on the duplicate",
      containsSpoilers: false,
      watchedOn: null,
    });
    const { survivorSlug } = await mergeFilms(handle.db, actors.editor, {
      survivorId: keep.id,
      duplicateId: dup.id,
    });
    expect(survivorSlug).toBe("the-night-owl-2022");
    const weeks = await handle.db
      .select()
      .from(chartEntries)
      .where(eq(chartEntries.filmId, keep.id));
    expect(weeks.map((w) => w.rank).sort()).toEqual([1, 2]);
    const theirs = await handle.db.select().from(reviews).where(eq(reviews.filmId, keep.id));
    expect(theirs.map((r) => r.body).sort()).toEqual(["Kept", "Only on the duplicate"]);
    const kept = theirs.find((r) => r.body === "Kept")!;
    const versions = await handle.db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, kept.id));
    expect(versions.map((v) => v.body)).toContain("Older thoughts");
    expect(await getRatingStats(handle.db, { filmId: keep.id })).toEqual(
      await recountRatingStats(handle.db, { filmId: keep.id }),
    );
    expect((await getRatingStats(handle.db, { filmId: keep.id })).count).toBe(2);
    expect(await getCurrentSlug(handle.db, { kind: "film", slug: "night-owl" })).toBe(
      "the-night-owl-2022",
    );
  });

  it("merging people moves their credits and redirects the old address", async () => {
    const one = await createPerson(handle.db, actors.editor, {
      name: "Kim Sung-cheol",
      nativeName: null,
    });
    const two = await createPerson(handle.db, actors.editor, {
      name: "Kim Seong-cheol",
      nativeName: "김성철",
    });
    const owl = await film("the-night-owl-2022");
    const current = await handle.db
      .select({ personId: credits.personId, role: credits.role, character: credits.character })
      .from(credits)
      .where(eq(credits.filmId, owl.id))
      .orderBy(credits.role, credits.billingOrder);
    await editFilm(handle.db, actors.editor, {
      filmId: owl.id,
      patch: {},
      credits: [...current, { personId: two.id, role: "cast", character: "Crown Prince" }],
      note: null,
    });
    await mergePeople(handle.db, actors.editor, { survivorId: one.id, duplicateId: two.id });
    const [p] = await handle.db.select().from(people).where(eq(people.id, one.id));
    expect(p?.nativeName).toBe("김성철");
    const moved = await handle.db.select().from(credits).where(eq(credits.personId, one.id));
    expect(moved).toHaveLength(1);
    expect(await getCurrentSlug(handle.db, { kind: "person", slug: two.slug })).toBe(one.slug);
  });
});
