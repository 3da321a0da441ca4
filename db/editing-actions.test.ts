import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../lib/action";
import {
  fetchFactsInput,
  filmEditInput,
  filmLockInput,
  mergeFilmsInput,
  mergePeopleInput,
  personInput,
  proposalDecisionInput,
  revisionIdInput,
} from "../lib/validation";
import { editingHandlers } from "./actions";
import type { DatabaseHandle } from "./index";
import { getActor } from "./queries/users";
import {
  credits,
  factProposals,
  filmRevisions,
  films,
  people,
  sanctions,
  users,
  type UserRole,
} from "./schema";
import { seedDemo } from "./seed/index";
import { createTestDatabase, testEngines } from "./testing";

/** Every editing action, forged by people who may not edit: each is refused and writes nothing. */
describe.each(testEngines())("editing actions forged on %s", (engine) => {
  let handle: DatabaseHandle;
  const ids: Record<string, string> = {};
  let filmId = 0;

  async function state() {
    const [f] = await handle.db.select().from(films).where(eq(films.id, filmId));
    const counts = await Promise.all(
      [people, credits, filmRevisions, factProposals, films].map(
        async (t) => (await handle.db.select({ n: count() }).from(t))[0]!.n,
      ),
    );
    const { updatedAt: _u, ...facts } = f!;
    return { facts, counts };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    const [f] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "ballerina-2023"));
    filmId = f!.id;
    for (const role of ["viewer", "editor"] as UserRole[]) {
      const [u] = await handle.db
        .insert(users)
        .values({
          name: role,
          handle: `f_${role}_${engine}`,
          email: `${role}@forged-${engine}.example`,
          role,
        })
        .returning({ id: users.id });
      ids[role] = u!.id;
    }
    const [silenced] = await handle.db
      .insert(users)
      .values({
        name: "s",
        handle: `f_silenced_${engine}`,
        email: `s@forged-${engine}.example`,
        role: "editor",
      })
      .returning({ id: users.id });
    ids.silencedEditor = silenced!.id;
    await handle.db
      .insert(sanctions)
      .values({ userId: silenced!.id, kind: "silence", reason: "test" });
  });
  afterAll(async () => {
    await handle?.close();
  });

  function as(userId: string | null) {
    const h = editingHandlers(() => Promise.resolve(handle.db));
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: () => {},
    };
    return {
      save: createAction(deps, filmEditInput, h.saveFilm),
      person: createAction(deps, personInput, h.createPerson),
      revert: createAction(deps, revisionIdInput, h.revert),
      lock: createAction(deps, filmLockInput, h.lock),
      mergeFilms: createAction(deps, mergeFilmsInput, h.mergeFilms),
      mergePeople: createAction(deps, mergePeopleInput, h.mergePeople),
      decide: createAction(deps, proposalDecisionInput, h.decideProposal),
      fetch: createAction(deps, fetchFactsInput, h.fetchFacts),
    };
  }

  it("refuses anonymous readers, viewers and a silenced editor, writing nothing", async () => {
    const before = await state();
    for (const who of [null, ids.viewer!, ids.silencedEditor!]) {
      const a = as(who);
      const results = [
        await a.save(null, { filmId, title: "Hacked", credits: "[]" }),
        await a.person(null, { name: "Nobody", nativeName: "" }),
        await a.revert(null, { revisionId: 1 }),
        await a.lock(null, { filmId, locked: "true" }),
        await a.mergeFilms(null, { survivorId: filmId, duplicateSlug: "ballerina-2016" }),
        await a.mergePeople(null, { survivorSlug: "jeon-jong-seo", duplicateSlug: "kim-ji-hoon" }),
        await a.decide(null, { proposalId: 1, decision: "accept", fields: "year" }),
        await a.fetch(null, { filmId, source: "wikidata" }),
      ];
      for (const r of results) expect(r.ok, `${String(who)}: ${JSON.stringify(r)}`).toBe(false);
    }
    expect(await state()).toEqual(before);
  });

  it("an editor with bad input gets a clear message and nothing is written", async () => {
    const before = await state();
    const a = as(ids.editor!);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ filmId, title: "", credits: "" }, /needs a title/],
      [{ filmId, title: "Ballerina", year: "1066" }, /old/],
      [{ filmId, title: "Ballerina", releaseDate: "2023-02-31" }, /real date/],
      [{ filmId, title: "Ballerina", runtimeMinutes: "-3" }, /at least a minute/],
      [{ filmId, title: "Ballerina", countries: "Korea" }, /country codes/],
      [{ filmId, title: "Ballerina", credits: "{not json" }, /could not be read/],
      [
        {
          filmId,
          title: "Ballerina",
          credits: JSON.stringify([{ personId: 999999, role: "cast" }]),
        },
        /does not exist/,
      ],
      [
        {
          filmId,
          title: "Ballerina",
          credits: JSON.stringify([{ personId: 1, role: "producer" }]),
        },
        /director, a writer or a cast/,
      ],
    ];
    for (const [input, message] of cases) {
      const result = await a.save(null, input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(
      (await a.mergeFilms(null, { survivorId: filmId, duplicateSlug: "no-such-film" })).ok,
    ).toBe(false);
    expect(await state()).toEqual(before);
  });
});
