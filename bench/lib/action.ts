/**
 * Calling a server action over HTTP as the browser does, as a signed-in viewer: the action's id
 * from the build's server-reference manifest, the session from Auth.js's credentials endpoint.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The part of .next/server/server-reference-manifest.json this needs (Next 16). */
export type ServerReferenceManifest = {
  node: Record<
    string,
    {
      exportedName?: string;
      filename?: string;
      workers?: Record<string, unknown>;
    }
  >;
};

/**
 * The id of `exportName` exported by the module at `modulePath` (relative to the project, e.g.
 * `app/films/[slug]/actions.ts`). Fails when it is missing or ambiguous.
 */
export function findActionId(
  manifest: ServerReferenceManifest,
  modulePath: string,
  exportName: string,
): string {
  const matches = Object.entries(manifest.node).filter(
    ([, entry]) => entry.exportedName === exportName && entry.filename === modulePath,
  );
  if (matches.length !== 1) {
    throw new Error(
      `${matches.length ? "More than one" : "No"} server action ${exportName} of ${modulePath} in the ` +
        "build's server-reference-manifest.json: is the build current (`npm run build`)?",
    );
  }
  return matches[0]![0];
}

export function readActionId(modulePath: string, exportName: string): string {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as ServerReferenceManifest;
  return findActionId(manifest, modulePath, exportName);
}

/** Cookies as a browser keeps them for one site: name → value, sent back as one header. */
export class CookieJar {
  private cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** Signs in through Auth.js's credentials endpoint, as e2e/fixtures.ts `signInViaApi` does. */
export async function signIn(base: string, email: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
  });
  jar.take(response);
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || location.includes("error") || !jar.has("authjs.session-token")) {
    throw new Error(`Signing in as ${email} failed: ${response.status} ${location}`);
  }
  return jar;
}

export type ActionAnswer = { ok: boolean; status: number; error: string | null };

/**
 * What the action returned, from its React Server Components answer: the app's actions return
 * `{ ok: true, … }` or `{ ok: false, error: "…" }` (lib/action.ts).
 */
export function readActionAnswer(status: number, body: string): ActionAnswer {
  if (status !== 200) return { ok: false, status, error: `HTTP ${status}` };
  if (/"ok":true/.test(body)) return { ok: true, status, error: null };
  const error = /"error":"((?:[^"\\]|\\.)*)"/.exec(body)?.[1];
  return { ok: false, status, error: error ?? `unexpected answer: ${body.slice(0, 120)}` };
}

/**
 * Invokes a server action the way React's client does: a POST to the page it is used on, with
 * the action's id in `Next-Action` and its arguments encoded as a JSON array. The answer keeps its
 * body: when the action expired a tag of that page, Next renders the page again into it.
 */
export async function callAction(opts: {
  base: string;
  pagePath: string;
  actionId: string;
  args: unknown[];
  jar: CookieJar;
}): Promise<ActionAnswer & { body: string }> {
  const response = await fetch(opts.base + opts.pagePath, {
    method: "POST",
    redirect: "manual",
    headers: {
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      "Next-Action": opts.actionId,
      Origin: opts.base,
      Cookie: opts.jar.header(),
    },
    body: JSON.stringify(opts.args),
  });
  const body = await response.text();
  return { ...readActionAnswer(response.status, body), body };
}
