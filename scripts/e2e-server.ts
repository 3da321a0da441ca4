/**
 * The server the browser tests run against: the production build (`next build` must have run)
 * on a fresh embedded database, migrated and seeded with the demo data.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { prepareDatabase } from "./prepare-db";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".data", "e2e-db");

/** E2E_ENGINE=postgres: a new database on the TEST_DATABASE_URL server; otherwise a new embedded one. */
async function freshDatabase(): Promise<string> {
  if (process.env.E2E_ENGINE !== "postgres") {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
    return `file:${dir}`;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("E2E_ENGINE=postgres needs TEST_DATABASE_URL");
  const name = `reelrank_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  process.env.DATABASE_URL = await freshDatabase();
  // production on PostgreSQL requires a configured secret; the test server makes its own
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

  await prepareDatabase();
  const child = spawn(
    path.join(root, "node_modules", ".bin", "next"),
    ["start", "--port", process.env.PORT ?? "3100"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
