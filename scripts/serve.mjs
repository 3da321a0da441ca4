// @ts-check
/**
 * The production server: `next start`, with compression that gzips a shared page once rather
 * than on every request (lib/http/compress-once.mjs). `npm start` runs it; so do the browser
 * tests, the benchmarks and the several-servers test, so that what they measure is what runs.
 *
 *   node scripts/serve.mjs [--port 3000] [--hostname 0.0.0.0]
 *
 * It reads the same environment as `next start` (PORT, DATABASE_URL, REDIS_URL, AUTH_SECRET…)
 * and needs a build (`npm run build`). Plain JavaScript, so that it runs on Node alone.
 */
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { compressOnce } from "../lib/http/compress-once.mjs";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
// `next start` runs in production mode whatever the environment says
// (set before Next and React load, hence their import here)
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");

const app = next({
  dev: false,
  dir: path.resolve(import.meta.dirname, ".."),
  port,
  hostname: hostname ?? "localhost",
});
const handle = app.getRequestHandler();
const compress = compressOnce();
const started = Date.now();

const server = http.createServer((req, res) => {
  compress(req, res, () => {
    handle(req, res).catch((/** @type {unknown} */ error) => {
      console.error(`Failed to handle ${req.method} ${req.url}:`, error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
});

await app.prepare();
server.listen(port, hostname, () => {
  console.log(`✓ Ready on http://${hostname ?? "localhost"}:${port} in ${Date.now() - started} ms`);
});

// stops taking connections, lets the requests in flight finish, then lets Next close its own
let stopping = false;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close();
    server.closeIdleConnections();
    const timer = setTimeout(() => process.exit(0), 5000);
    timer.unref();
    app
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}
