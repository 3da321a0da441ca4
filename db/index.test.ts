import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, openDatabase, parseDatabaseUrl } from "./index";

describe("parseDatabaseUrl", () => {
  it("defaults to the embedded database in .data/db", () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: "pglite", dir: path.resolve(".data/db") });
    expect(parseDatabaseUrl("")).toEqual({ kind: "pglite", dir: path.resolve(".data/db") });
  });
  it("reads file:, memory: and PostgreSQL URLs", () => {
    expect(parseDatabaseUrl("file:/tmp/x")).toEqual({ kind: "pglite", dir: "/tmp/x" });
    expect(parseDatabaseUrl("memory:")).toEqual({ kind: "pglite-memory" });
    expect(parseDatabaseUrl("postgres://u:p@h:5/db")).toEqual({
      kind: "postgres",
      url: "postgres://u:p@h:5/db",
    });
    expect(parseDatabaseUrl("postgresql://h/db").kind).toBe("postgres");
  });
  it("refuses anything else without echoing a password", () => {
    expect(() => parseDatabaseUrl("mysql://root:secret@h/db")).toThrow(
      /file:<dir>, memory: or postgres/,
    );
    expect(() => parseDatabaseUrl("mysql://root:secret@h/db")).toThrow(/^(?!.*secret)/);
  });
});

describe("the embedded database belongs to one process", () => {
  const dirs: string[] = [];
  const children: ReturnType<typeof spawn>[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill("SIGKILL");
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  function tempDir() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-lock-"));
    dirs.push(dir);
    return path.join(dir, "db");
  }

  it("refuses a second process at once, naming the holder", async () => {
    const dir = tempDir();
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${path.resolve("db/index.ts")}").then(async (m) => { await m.openDatabase("file:${dir}"); console.log("ready"); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(holder);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      holder.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
    });

    const started = performance.now();
    const attempt = openDatabase(`file:${dir}`);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(attempt).rejects.toThrow(new RegExp(`in use by process ${holder.pid}`));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("takes over the lock of a process that died", async () => {
    const dir = tempDir();
    fs.writeFileSync(
      `${dir}.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: os.hostname(),
        command: "gone",
        since: "2020-01-01",
      }),
    );
    const handle = await openDatabase(`file:${dir}`);
    await handle.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
