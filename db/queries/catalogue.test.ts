import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "../index";
import { credits, films, people } from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { getFilmBySlug } from "./films";
import { getPersonBySlug } from "./people";

describe.each(testEngines())("catalogue on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("reads Ballerina (2023) with every fact and its credits in billing order", async () => {
    const film = await getFilmBySlug(handle.db, { slug: "ballerina-2023" });
    expect(film).toMatchObject({
      title: "Ballerina",
      originalTitle: "발레리나",
      year: 2023,
      releaseDate: "2023-10-06",
      runtimeMinutes: 92,
      originalLanguage: "ko",
      countries: ["KR"],
    });
    const names = (role: string) =>
      film!.credits
        .filter((c) => c.role === role)
        .map((c) => [c.person.name, c.person.nativeName, c.character]);
    expect(names("director")).toEqual([["Lee Chung Hyun", "이충현", null]]);
    expect(names("writer")).toEqual([["Lee Chung Hyun", "이충현", null]]);
    expect(names("cast")).toEqual([
      ["Jeon Jong Seo", "전종서", "Ok-ju"],
      ["Kim Ji Hoon", "김지훈", "Choi Pro"],
      ["Park Yoo Rim", "박유림", "Min-hee"],
    ]);
  });

  it("keeps the two films called Ballerina apart", async () => {
    const older = await getFilmBySlug(handle.db, { slug: "ballerina-2016" });
    const newer = await getFilmBySlug(handle.db, { slug: "ballerina-2023" });
    expect(older?.title).toBe("Ballerina");
    expect(older?.id).not.toBe(newer?.id);
    expect(older?.originalLanguage).toBe("en");
  });

  it("answers null for an unknown film or person", async () => {
    expect(await getFilmBySlug(handle.db, { slug: "nope-1999" })).toBeNull();
    expect(await getPersonBySlug(handle.db, { slug: "nobody" })).toBeNull();
  });

  it("lists a person's filmography with every role", async () => {
    const person = await getPersonBySlug(handle.db, { slug: "lee-chung-hyun" });
    expect(person?.nativeName).toBe("이충현");
    expect(person?.titles.map((t) => [t.film.slug, t.roles.map((r) => r.role)])).toEqual([
      ["ballerina-2023", ["director", "writer"]],
    ]);
  });

  it("seeds idempotently: a second run adds nothing", async () => {
    const counts = async () => ({
      films: (await handle.db.select({ n: count() }).from(films))[0]?.n,
      people: (await handle.db.select({ n: count() }).from(people))[0]?.n,
      credits: (await handle.db.select({ n: count() }).from(credits))[0]?.n,
    });
    const before = await counts();
    await seedDemo(handle.db);
    expect(await counts()).toEqual(before);
    expect(before.films).toBeGreaterThanOrEqual(11);
  });
});
