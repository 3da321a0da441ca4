/**
 * Secrets the embedded default needs without configuration: taken from the environment when set,
 * otherwise generated once and kept in `.data/` (never committed), so `npm start` needs no setup.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const DATA_DIR = path.join(process.cwd(), ".data");

export function getOrCreateSecret(envName: string, fileName: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const file = path.join(DATA_DIR, fileName);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      // another process wrote it first
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** Compares secrets in constant time. */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const revalidateToken = () => getOrCreateSecret("REVALIDATE_TOKEN", "revalidate-token");
