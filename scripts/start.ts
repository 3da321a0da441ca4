/**
 * `npm start`: builds when there is no build, migrates and (on an empty database) seeds, then
 * serves the production app on PORT (default 3000).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseDatabaseUrl } from "../db/index";
import { prepareDatabase } from "./prepare-db";
import { serveCommand } from "../lib/http/serve-command";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");

function run([command, args]: [string, string[]]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => child.kill(signal));
    }
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("No production build yet: building (this takes a minute or two the first time)…");
    const code = await run([nextBin, ["build"]]);
    if (code !== 0) process.exit(code);
  }
  if (parseDatabaseUrl().kind === "postgres" && !process.env.AUTH_SECRET) {
    console.error(
      "AUTH_SECRET must be set to run on PostgreSQL (generate one with `openssl rand -base64 32`).",
    );
    process.exit(1);
  }
  await prepareDatabase();
  const port = process.env.PORT ?? "3000";
  // the server's own background jobs (the Netflix sync) reach its cache-refresh route on this port
  process.env.PORT = port;
  process.exit(await run(serveCommand(port)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
