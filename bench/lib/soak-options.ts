/** `npm run bench:soak` flags, read with node:util's parseArgs. */
import { parseArgs } from "node:util";

export type SoakOptions = {
  /** About a minute on a fresh embedded database with the ordinary seed. */
  quick: boolean;
  minutes: number;
  /** Connections in all: readers and writers. */
  connections: number;
  /** How many of the connections write (each as its own set of accounts). */
  writers: number;
  /** An existing database to use instead of a fresh one. */
  databaseUrl: string | null;
  port: number;
};

export const SOAK_USAGE = `npm run bench:soak -- [options]

  --minutes N           how long the load runs (default 10; 1 with --quick)
  --quick               one minute on a fresh embedded database with the demo data
  --connections N       connections in all, readers and writers (default 50)
  --writers N           how many of them write (default a fifth of the connections)
  --database-url URL    use this database (a seed:scale one, say) instead of a fresh one
  --port N              the server's port (default 3341)

Without --database-url or --quick a fresh database is created on BENCH_DATABASE_URL or
TEST_DATABASE_URL (a PostgreSQL server). Run \`npm run build\` first.`;

function positive(name: string, value: string | undefined, fallback: number, int = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n > 0) || (int && !Number.isInteger(n))) {
    throw new Error(`--${name} must be a positive ${int ? "whole " : ""}number.`);
  }
  return n;
}

export function parseSoakOptions(argv: string[]): SoakOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      minutes: { type: "string" },
      connections: { type: "string" },
      writers: { type: "string" },
      "database-url": { type: "string" },
      port: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return "help";
  const quick = values.quick ?? false;
  const connections = positive("connections", values.connections, 50);
  const writers = positive("writers", values.writers, Math.max(1, Math.round(connections / 5)));
  if (writers >= connections) {
    throw new Error("--writers must leave at least one of the --connections to read.");
  }
  return {
    quick,
    minutes: positive("minutes", values.minutes, quick ? 1 : 10, false),
    connections,
    writers,
    databaseUrl: values["database-url"] ?? null,
    port: positive("port", values.port, 3341),
  };
}
