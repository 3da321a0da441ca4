/**
 * `npm run seed:scale -- --users 100000 --reviews 1000000 [--likes N] [--comments N] [--reports N]
 * [--diary N] [--watchlist N] [--follows N] [--seed S] [--force]`: adds scale data (db/seed/scale/)
 * to DATABASE_URL's database, which must be migrated and seeded with the catalogue.
 */
import { parseArgs } from "node:util";
import { describeTarget, openDatabase } from "../db/index";
import { generateScaleData, ScaleRefusal, scaleOptions, SCALE_PASSWORD } from "../db/seed/scale";

const SIZES = ["users", "reviews", "likes", "comments", "reports", "diary", "watchlist", "follows"];

function count(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) {
    throw new ScaleRefusal(`--${name} takes a whole number of 0 or more; got "${text}".`);
  }
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(SIZES.map((s) => [s, { type: "string" as const }])),
      seed: { type: "string" },
      force: { type: "boolean", default: false },
    },
    strict: true,
  });
  const sizes = Object.fromEntries(
    SIZES.map((s) => [
      s,
      count(s, (values as Record<string, unknown>)[s] as string | undefined),
    ]).filter(([, v]) => v != null),
  ) as Record<string, number>;
  const options = scaleOptions({
    ...sizes,
    users: sizes.users ?? 100_000,
    reviews: sizes.reviews ?? 1_000_000,
    ...(values.seed ? { seed: values.seed } : {}),
    force: Boolean(values.force),
  });
  const handle = await openDatabase();
  try {
    console.log(
      `Scale data for the ${describeTarget(handle.target)}: ${options.users.toLocaleString("en-US")} users, ` +
        `${options.reviews.toLocaleString("en-US")} reviews (seed "${options.seed}").`,
    );
    const summary = await generateScaleData(handle.db, options, (line) => console.log(line));
    console.log(`Done in ${summary.seconds.toFixed(1)} s:`);
    for (const [table, n] of Object.entries(summary.rows)) {
      console.log(`  ${table.padEnd(18)} ${n.toLocaleString("en-US").padStart(11)}`);
    }
    console.log(
      `Busiest profile: @${summary.busiest.handle} (${summary.busiest.reviews.toLocaleString("en-US")} reviews, ` +
        `${summary.busiest.diary.toLocaleString("en-US")} diary entries), /u/${summary.busiest.handle}`,
    );
    console.log(
      `Most reviewed film: /films/${summary.busiestFilm.slug} (${summary.busiestFilm.reviews.toLocaleString("en-US")} ratings)`,
    );
    console.log(`Every generated account's password is "${SCALE_PASSWORD}".`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ScaleRefusal ? error.message : error);
  process.exit(1);
});
