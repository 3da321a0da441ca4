/**
 * A bare node:http server that answers with fixed bytes: how many responses of a given size the
 * load generator, the kernel and Node alone manage on this machine, with no framework at all.
 * Measured beside the app, it shows how much of a big page's slower rate is its size.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitFor } from "./server";

const SERVE = `
const http = require("node:http");
const fs = require("node:fs");
const bodies = JSON.parse(process.env.BODIES);
const loaded = Object.fromEntries(Object.entries(bodies).map(([p, f]) => [p, fs.readFileSync(f)]));
http
  .createServer((req, res) => {
    const body = loaded[req.url];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": body.length,
      ...(process.env.GZIPPED ? { "content-encoding": "gzip" } : {}),
    });
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

/** `gzipped`: the bodies are gzip already and go out as such, as a browser that asked gets them. */
export async function startBytesServer(
  port: number,
  bodies: Record<string, Buffer>,
  gzipped = false,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-bytes-"));
  const files: Record<string, string> = {};
  Object.entries(bodies).forEach(([urlPath, body], i) => {
    files[urlPath] = path.join(dir, `${i}.html`);
    fs.writeFileSync(files[urlPath], body);
  });
  const child = spawn(process.execPath, ["-e", SERVE], {
    env: {
      ...process.env,
      PORT: String(port),
      BODIES: JSON.stringify(files),
      ...(gzipped ? { GZIPPED: "1" } : {}),
    },
    stdio: "ignore",
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await exit;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}${Object.keys(bodies)[0]}`, 10_000, () => !exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, stop };
}
