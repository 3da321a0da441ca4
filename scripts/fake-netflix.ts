/**
 * `tsx scripts/fake-netflix.ts --port 3199 --dir <folder>`: serves every file of the folder the
 * way Netflix's Top 10 download server does (lib/netflix/fake-server.ts), until killed. Point
 * NETFLIX_TOP10_URL at the printed URL. Each request re-reads its file, so a test can drop a newer
 * version in (write it elsewhere and rename it, or a request may see half a file).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { startFakeNetflix } from "../lib/netflix/fake-server";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3199" }, dir: { type: "string" } },
});
if (!values.dir) {
  console.error("usage: tsx scripts/fake-netflix.ts --port 3199 --dir <folder>");
  process.exit(2);
}
const dir = path.resolve(values.dir);
const served = new Map<string, Buffer>();

/** Re-publishes a file only when its bytes changed, so its ETag and Last-Modified stay put. */
async function refresh(name: string) {
  // a plain file name, nothing outside the folder
  if (!name || name !== path.basename(name) || name.startsWith(".")) return;
  const body = await fs.readFile(path.join(dir, name)).catch(() => null);
  if (!body) {
    if (served.delete(name)) netflix.removeFile(name);
  } else if (!served.get(name)?.equals(body)) {
    served.set(name, body);
    netflix.setFile(name, body);
  }
}

const netflix = await startFakeNetflix({ port: Number(values.port), beforeRequest: refresh });
for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
  if (entry.isFile()) await refresh(entry.name);
}
console.log(
  `Fake Netflix Top 10 at ${netflix.url} serving ${dir}: ${[...served.keys()].join(", ")}`,
);
