import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * The production server (scripts/serve.mjs: `next start` with compression that gzips a shared
 * page once) as a command and its arguments, for `spawn`.
 */
export function serveCommand(port: number | string): [string, string[]] {
  return [process.execPath, [path.join(root, "scripts", "serve.mjs"), "--port", String(port)]];
}
