/**
 * Auth.js v5: email and password (argon2id) with JWT sessions, and GitHub through the Drizzle
 * adapter when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq, sql } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import type { Provider } from "next-auth/providers";

import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { headers } from "next/headers";
import { getDb, parseDatabaseUrl, type Database, type Executor } from "@/db/index";
import { getSignInUser, verifyCredentials, type SignInUser } from "@/db/queries/users";
import { accounts, users, verificationTokens, type UserRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getOrCreateSecret } from "@/lib/secrets";
import { slugify } from "@/lib/slug";
import { signInInput } from "@/lib/validation";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; handle: string; role: UserRole; email?: string | null };
  }
  interface User {
    handle?: string;
    role?: UserRole;
    sessionVersion?: number;
  }
}

type Env = Record<string, string | undefined>;

/** The secret that signs session tokens
: required in production on PostgreSQL, else kept in `.data/`. */
export function authSecret(env: Env = process.env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production" && parseDatabaseUrl(env.DATABASE_URL).kind === "postgres") {
    throw new Error(
      "AUTH_SECRET must be set when running in production on PostgreSQL (generate one with `openssl rand -base64 32`).",
    );
  }
  return getOrCreateSecret("AUTH_SECRET", "auth-secret");
}

export function githubEnabled(env: Env = process.env): boolean {
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}

/** The password check could not run: too many are waiting (db/queries/users.ts). */
class ServerBusy extends CredentialsSignin {
  override code = "busy";
}

/** OAuth sign-ups get a unique handle derived from their name or email. */
function adapterFor(db: Database): Adapter {
  const base = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    verificationTokensTable: verificationTokens,
  });
  return {
    ...base,
    async createUser(user: AdapterUser) {
      const stem = (slugify(user.name ?? "") || slugify(user.email.split("@")[0] ?? "") || "viewer")
        .replace(/-/g, "_")
        .slice(0, 16);
      let handle = stem.length >= 3 ? stem : `${stem}_fan`;
      for (let n = 2; ; n++) {
        const [taken] = await db
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.handle}) = lower(${handle})`);
        if (!taken) break;
        handle = `${stem.slice(0, 16)}_${n}`;
      }
      const [row] = await db
        .insert(users)
        .values({
          name: user.name ?? handle,
          handle,
          email: user.email,
          emailVerified: user.emailVerified,
          image: user.image,
        })
        .returning();
      return { ...row!, emailVerified: row!.emailVerified };
    },
  };
}

/** What a session is made from: the user `authorize` answers with. */
function sessionUser(user: SignInUser | null) {
  // suspended and banned accounts cannot sign in, whichever way they try
  if (!user || user.restriction?.kind === "suspend" || user.restriction?.kind === "ban")
    return null;
  return {
    id: user.id,
    name: user.name,
    handle: user.handle,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * Email and password always; GitHub only when it is configured. With `secret`, a sign-in proof
 * (`signInProof`) stands in for the password: the sign-in and sign-up actions have just checked
 * or set it, and argon2 is the costliest thing a sign-in does.
 */
export function authProviders(db: Database, env: Env = process.env, secret?: string): Provider[] {
  return [
    Credentials({
      credentials: {
        email: { label: "Email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        // not a declared credential: no sign-in form offers it, only `signIn()` on the server
        const proof = (credentials as Record<string, unknown> | undefined)?.proof;
        const proven = secret ? readSignInProof(secret, proof) : null;
        if (proven) {
          const user = await getSignInUser(db, { userId: proven.userId });
          // a password changed since the proof was made outranks it
          return user?.sessionVersion === proven.version ? sessionUser(user) : null;
        }
        const parsed = signInInput.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await verifyCredentials(db, parsed.data).catch((error: unknown) => {
          if (error instanceof AppError && error.code === "busy") throw new ServerBusy();
          throw error;
        });
        return sessionUser(user);
      },
    }),
    ...(githubEnabled(env)
      ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
      : []),
  ];
}

/** How long a re-issue proof made by a password change stays good. */
const REISSUE_SECONDS = 60;

/** How long a sign-in proof stays good: it only travels from an action to `signIn` within it. */
const SIGN_IN_PROOF_SECONDS = 30;

type ProofPurpose = "reissue" | "sign-in";

function proofMac(
  secret: string,
  purpose: ProofPurpose,
  userId: string,
  version: number,
  expires: number,
): string {
  return createHmac("sha256", secret)
    .update(`${purpose}:${userId}:${version}:${expires}`)
    .digest("base64url");
}

function macMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What the sign-in and sign-up actions hand to `signIn("credentials")` once they have checked the
 * password (or just set it), so that `authorize` does not run argon2 a second time. Made on the
 * server and never sent to the browser; a form posted straight to Auth.js has its password checked.
 */
export function signInProof(secret: string, userId: string, version: number, now = Date.now()) {
  const expires = Math.floor(now / 1000) + SIGN_IN_PROOF_SECONDS;
  return [userId, version, expires, proofMac(secret, "sign-in", userId, version, expires)].join(
    ".",
  );
}

/** The user and session version a sign-in proof vouches for, or null for a forged or old one. */
export function readSignInProof(
  secret: string,
  proof: unknown,
  now = Date.now(),
): { userId: string; version: number } | null {
  if (typeof proof !== "string" || proof.length > 200) return null;
  const [userId, versionText, expiresText, mac, ...rest] = proof.split(".");
  if (!userId || !mac || rest.length) return null;
  const version = Number(versionText);
  const expires = Number(expiresText);
  if (!Number.isSafeInteger(version) || !Number.isSafeInteger(expires)) return null;
  if (expires < now / 1000) return null;
  if (!macMatches(mac, proofMac(secret, "sign-in", userId, version, expires))) return null;
  return { userId, version };
}

/**
 * What lets the session that changed its own password carry on: passed to `unstable_update` on
 * the server (it never reaches the browser), checked by the jwt callback. A browser's own
 * `update()` call cannot forge it, so a session issued before the change cannot revive itself.
 */
export function reissueProof(secret: string, userId: string, version: number, now = Date.now()) {
  const expires = Math.floor(now / 1000) + REISSUE_SECONDS;
  return { userId, version, expires, mac: proofMac(secret, "reissue", userId, version, expires) };
}

function validProof(secret: string, userId: string, version: number, proof: unknown): boolean {
  if (!proof || typeof proof !== "object") return false;
  const p = proof as Record<string, unknown>;
  if (p.userId !== userId || p.version !== version || typeof p.expires !== "number") return false;
  if (typeof p.mac !== "string" || p.expires < Date.now() / 1000) return false;
  return macMatches(p.mac, proofMac(secret, "reissue", userId, version, p.expires));
}

/**
 * The jwt callback. At sign-in the token gets the user's session version; on every later call
 * the user is read again (one primary-key lookup) and the token is refused (null: Auth.js then
 * clears the cookie and reports no session) when the account is deleted or the version was
 * raised since: a password change, a reset link, a deletion. The session that changed the
 * password gets the new version through `unstable_update` with a proof (`reissueProof`).
 */
export function sessionTokenCallback(db: Executor, secret: string) {
  return async function jwt({
    token,
    user,
    trigger,
    session,
  }: {
    token: JWT;
    user?: { id?: string; handle?: string; role?: UserRole; sessionVersion?: number };
    trigger?: string;
    session?: unknown;
  }): Promise<JWT | null> {
    const userId = user?.id ?? token.sub;
    if (!userId) return null;
    const [row] = await db
      .select({
        version: users.sessionVersion,
        deletedAt: users.deletedAt,
        handle: users.handle,
        name: users.name,
      })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (!row || row.deletedAt) return null;
    if (user) {
      token.sub = userId;
      token.handle = row.handle;
      token.role = user.role ?? "viewer";
      token.sv = row.version;
      return token;
    }
    // tokens issued before versions existed count as version 0
    const version = typeof token.sv === "number" ? token.sv : 0;
    if (version !== row.version) {
      const proof = (session as { reissue?: unknown } | undefined)?.reissue;
      if (trigger !== "update" || !validProof(secret, userId, row.version, proof)) return null;
      token.sv = row.version;
    }
    // the name and handle can change under a live session
    token.handle = row.handle;
    token.name = row.name;
    return token;
  };
}

/**
 * Whether the browser reached the app over https: AUTH_URL when set, else X-Forwarded-Proto,
 * which a TLS proxy sets (and Next sets to the socket's protocol when no proxy did). Auth.js would
 * decide from the request's URL in its route handler but from X-Forwarded-Proto in `auth()` and
 * server actions: behind a TLS proxy the two disagree and the session cookie goes unread.
 */
export async function servedOverHttps(request?: Request, env: Env = process.env): Promise<boolean> {
  const configured = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (configured) return configured.startsWith("https:");
  let forwarded: Pick<Headers, "get">;
  try {
    forwarded = request?.headers ?? (await headers());
  } catch {
    return false; // outside a request (scripts): no cookies are set
  }
  const proto = forwarded.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (proto) return proto === "https";
  return request ? new URL(request.url).protocol === "https:" : false;
}

export async function authConfig(request?: Request): Promise<NextAuthConfig> {
  const db = await getDb();
  const secret = authSecret();
  return {
    adapter: adapterFor(db),
    secret,
    trustHost: true,
    // session cookies: HttpOnly and SameSite=Lax (Auth.js's defaults), Secure over https
    useSecureCookies: await servedOverHttps(request),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin" },
    logger: {
      // a wrong password is an everyday event, not a server error
      error(error) {
        if ((error as { type?: string }).type !== "CredentialsSignin")
          console.error("[auth]", error);
      },
    },

    providers: authProviders(db, process.env, secret),
    callbacks: {
      jwt: sessionTokenCallback(db, secret),
      session({ session, token }) {
        session.user.id = token.sub!;
        session.user.handle = token.handle as string;
        // informational only: every permission is checked against the database
        session.user.role = token.role as UserRole;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(authConfig);
