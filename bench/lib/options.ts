/** `npm run bench` flags, read with node:util's parseArgs. */
import { parseArgs } from "node:util";

export type BenchOptions = {
  /** The one-minute version on a fresh embedded database, without seed:scale. */
  quick: boolean;
  /** Measured seconds per scenario. */
  seconds: number;
  /** What seed:scale is asked to reach. */
  users: number;
  reviews: number;
  /** Skip seed:scale (the ordinary seed only). */
  scale: boolean;
  /** An existing database to reuse instead of a fresh one. */
  databaseUrl: string | null;
  /** Reviews posted per second through the server action in the write scenario. */
  writeRate: number;
  connections: number;
  port: number;
  /** Only these scenarios (keys of SCENARIOS), besides the baseline; null: every one. */
  only: ScenarioKey[] | null;
  /** The Accept-Encoding readers send: a browser's by default, none with --identity. */
  acceptEncoding: string | null;
};

/** What Chrome and Firefox send: every reader's browser asks for a compressed page. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/** The scenarios `--only` may name, in the order they run. */
export const SCENARIOS = [
  "film",
  "film-writes",
  "charts",
  "search",
  "api-search",
  "api-film",
  "profile",
  "naive",
] as const;
export type ScenarioKey = (typeof SCENARIOS)[number];

export const USAGE = `npm run bench -- [options]

  --quick               about a minute on a fresh embedded database (no PostgreSQL, no seed:scale)
  --seconds N           measured seconds per scenario (default 20; 5 with --quick)
  --users N             users for seed:scale (default 100000)
  --reviews N           reviews for seed:scale (default 1000000)
  --no-scale            the ordinary seed only: skip seed:scale
  --database-url URL    reuse this database (seeding is skipped when it already has the reviews)
  --write-rate N        reviews per second while the film page is under load (default 10; 5 with --quick)
  --connections N       autocannon connections (default 64)
  --port N              first port of the servers (default 3321; the naive server takes the next)
  --only KEY,KEY        only these scenarios besides the baseline: ${SCENARIOS.join(", ")}
  --identity            readers ask for uncompressed pages (by default they send a browser's
                        Accept-Encoding: ${BROWSER_ACCEPT_ENCODING})

A fresh database is created on BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server).
Run \`npm run build\` first.`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number.`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      seconds: { type: "string" },
      users: { type: "string" },
      reviews: { type: "string" },
      "no-scale": { type: "boolean", default: false },
      "database-url": { type: "string" },
      "write-rate": { type: "string" },
      connections: { type: "string" },
      port: { type: "string" },
      only: { type: "string" },
      identity: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return "help";
  const quick = values.quick ?? false;
  return {
    quick,
    seconds: positiveInt("seconds", values.seconds, quick ? 5 : 20),
    users: positiveInt("users", values.users, 100_000),
    reviews: positiveInt("reviews", values.reviews, 1_000_000),
    scale: !quick && !values["no-scale"],
    databaseUrl: values["database-url"] ?? null,
    writeRate: positiveInt("write-rate", values["write-rate"], quick ? 5 : 10),
    connections: positiveInt("connections", values.connections, 64),
    port: positiveInt("port", values.port, 3321),
    only: scenarioKeys(values.only),
    acceptEncoding: values.identity ? null : BROWSER_ACCEPT_ENCODING,
  };
}

function scenarioKeys(value: string | undefined): ScenarioKey[] | null {
  if (value === undefined) return null;
  const keys = value.split(",").map((k) => k.trim());
  const unknown = keys.filter((k) => !(SCENARIOS as readonly string[]).includes(k));
  if (unknown.length || keys.length === 0) {
    throw new Error(`--only takes scenario keys among ${SCENARIOS.join(", ")}; got "${value}".`);
  }
  return keys as ScenarioKey[];
}
