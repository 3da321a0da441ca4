/** The generated viewers: names and handles in four languages, join dates, how much they post. */
import type { Catalogue } from "./catalogue";
import { DAY, iso, LANGUAGE_SHARE, LANGUAGES, pickShare, SITE_START } from "./common";
import { SCALE_PASSWORD_HASH, type ScaleOptions } from "./options";
import type { Progress } from "./progress";
import { Alias, type Random } from "./random";
import { insertBatches, type Run } from "./sql";
import { makePerson, type Language } from "./text";

export type Users = {
  /** How many; user 0 is the busiest profile. */
  U: number;
  userId: string[];
  handles: string[];
  names: string[];
  userLang: Language[];
  joined: Float64Array;
  /** Pareto: most people post a little, a few post a lot. */
  activity: Float64Array;
  /** Each viewer's leaning, above or below the film's mean rating. */
  bias: Float64Array;
  diaryAudience: string[];
  /** Who likes, comments, reports, logs and follows: the active ones, less steeply than writers. */
  readerAlias: Alias;
};

function uuid(rng: Random): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(rng.int(16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[rng.int(4)]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function generateUsers(
  run: Run,
  rng: Random,
  options: ScaleOptions,
  { end: END }: Catalogue,
): Promise<Users> {
  const U = options.users;
  const taken = new Set(
    (await run("select lower(handle) as h from users")).map((r) => String(r.h)),
  );
  const userId: string[] = [];
  const handles: string[] = [];
  const names: string[] = [];
  const userLang: Language[] = [];
  const joined = new Float64Array(U);
  const activity = new Float64Array(U);
  const bias = new Float64Array(U);
  const diaryAudience: string[] = [];
  for (let u = 0; u < U; u++) {
    const language = pickShare(rng, LANGUAGES, LANGUAGE_SHARE);
    const person =
      u === 0 ? { name: "Mei Tanaka 🍿", base: "marathon_mei" } : makePerson(rng, language);
    let handle = person.base.length >= 3 ? person.base : `${person.base}_fan`;
    while (taken.has(handle.toLowerCase())) {
      handle = `${person.base.slice(0, 15)}${rng.int(10 ** (2 + rng.int(3)))}`;
    }
    taken.add(handle.toLowerCase());
    userId.push(uuid(rng));
    handles.push(handle);
    names.push(person.name);
    userLang.push(u === 0 ? "en" : language);
    joined[u] =
      u === 0 ? SITE_START : SITE_START + (END - 30 * DAY - SITE_START) * Math.sqrt(rng.next());
    activity[u] = Math.min(Math.pow(1 - rng.next(), -1 / 1.2), 5000);
    bias[u] = 0.35 * rng.normal();
    diaryAudience.push(u !== 0 && rng.chance(0.05) ? "followers" : "everyone");
  }
  const readerAlias = new Alias(Float64Array.from(activity, (a) => Math.pow(a, 0.6)));
  return {
    U,
    userId,
    handles,
    names,
    userLang,
    joined,
    activity,
    bias,
    diaryAudience,
    readerAlias,
  };
}

export async function writeUsers(run: Run, progress: Progress, users: Users) {
  const { U, userId, names, handles, diaryAudience, joined } = users;
  await insertBatches(
    run,
    progress,
    "users",
    `insert into users (id, name, handle, email, password_hash, role, diary_audience, created_at, updated_at)
     select i, n, h, e, $2, 'viewer', a::audience, c, c
     from json_to_recordset($1::json) as x(i text, n text, h text, e text, a text, c timestamptz)`,
    U,
    (u) => ({
      i: userId[u],
      n: names[u],
      h: handles[u],
      e: `${handles[u]!.toLowerCase()}@scale.reelrank.test`,
      a: diaryAudience[u],
      c: iso(joined[u]!),
    }),
    { params: [SCALE_PASSWORD_HASH] },
  );
}
