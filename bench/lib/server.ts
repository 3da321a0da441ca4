/** The production server (scripts/serve.mjs) of the existing build, on a given database and port. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serveCommand } from "../../lib/http/serve-command";

const root = path.resolve(import.meta.dirname, "..", "..");

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first, then `npm run bench`.");
  }
}

export async function waitFor(url: string, timeoutMs: number, alive = () => true): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive()) throw new Error(`The server stopped before ${url} answered.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export type Server = {
  base: string;
  port: number;
  /** The server process (the server may run in its children too). */
  pid: number;
  stop: () => Promise<void>;
  /**
   * SIGKILL to the server's whole process group, as a power cut or the OOM killer would stop it:
   * no shutdown hooks, no flushing. Only for a server started with `ownGroup`.
   */
  crash: () => Promise<void>;
};

/**
 * Starts the production server and waits for /api/health. Its output is kept in `logFile` (the benchmark's
 * own output stays a report), and shown if it fails to start.
 */
export async function startServer(opts: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  logFile: string;
  /**
   * Starts the server in a process group of its own, so that `crash()` reaches every process of
   * it. Such a server is not stopped by the terminal's Ctrl-C: the caller must stop it.
   */
  ownGroup?: boolean;
}): Promise<Server> {
  assertBuilt();
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = fs.openSync(opts.logFile, "a");
  const child: ChildProcess = spawn(...serveCommand(String(opts.port)), {
    cwd: root,
    stdio: ["ignore", log, log],
    detached: opts.ownGroup ?? false,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      // the server's own background jobs reach it on this port
      PORT: String(opts.port),
      ...opts.env,
    },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${opts.port}`;
  let closed = false;
  const closeLog = () => {
    if (!closed) fs.closeSync(log);
    closed = true;
  };
  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(timer);
    }
    closeLog();
  };
  const crash = async () => {
    if (!opts.ownGroup) throw new Error("crash() needs a server started with ownGroup.");
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
    await exit;
    closeLog();
  };
  try {
    await waitFor(`${base}/api/health`, 120_000, () => !exited);
  } catch (error) {
    await stop();
    const tail = fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-30).join("\n");
    throw new Error(`${(error as Error).message}\n--- ${opts.logFile} ---\n${tail}`);
  }
  return { base, port: opts.port, pid: child.pid!, stop, crash };
}
