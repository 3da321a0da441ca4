import { count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import type { DatabaseHandle } from "../index";
import { rateLimitEvents, users } from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import { signUpLimits } from "./rate-limits";
import { signUpUser } from "./users";

let n = 0;
const person = (label: string) => {
  n += 1;
  return {
    name: `${label} ${n}`,
    handle: `${label}_${n}`,
    email: `${label}.${n}@limits.test`,
    password: "a long enough password",
  };
};

describe.each(testEngines())("sign-up limits on %s", (engine) => {
  let handle: DatabaseHandle;
  const userCount = async () => (await handle.db.select({ n: count() }).from(users))[0]!.n;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle?.close());
  beforeEach(async () => {
    await handle.db.delete(rateLimitEvents).where(like(rateLimitEvents.key, "signup:%"));
  });

  const env = { SIGNUP_LIMIT_PER_IP: "3", SIGNUP_LIMIT_GLOBAL: "5" };

  it("refuses the fourth sign-up from one address in an hour, saying when to retry, and writes nothing", async () => {
    for (let i = 0; i < 3; i++)
      await signUpUser(handle.db, person("addr"), signUpLimits("203.0.113.7", env));
    const before = await userCount();
    const fourth = person("addr");
    const refused = await signUpUser(handle.db, fourth, signUpLimits("203.0.113.7", env)).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).message).toBe(
      "Too many accounts were created from your network in the last hour. Try again in 60 minutes.",
    );
    expect(await userCount()).toBe(before);
    expect(await handle.db.select().from(users).where(eq(users.email, fourth.email))).toHaveLength(
      0,
    );
    // another address still may
    await signUpUser(handle.db, person("other"), signUpLimits("198.51.100.2", env));
    expect(await userCount()).toBe(before + 1);
  });

  it("refuses everyone once the overall limit is reached", async () => {
    for (let i = 0; i < 5; i++)
      await signUpUser(handle.db, person("many"), signUpLimits(`192.0.2.${i}`, env));
    const before = await userCount();
    await expect(
      signUpUser(handle.db, person("late"), signUpLimits("192.0.2.200", env)),
    ).rejects.toThrow(/^Sign-ups are paused for a while.*Try again in \d+ minutes\.$/);
    expect(await userCount()).toBe(before);
  });

  it("counts concurrent sign-ups under one lock: no more than the limit get through", async () => {
    const attempts = Array.from({ length: 8 }, () =>
      signUpUser(handle.db, person("race"), signUpLimits("203.0.113.99", env)).then(
        () => "created",
        (error: unknown) => (error instanceof AppError ? error.code : String(error)),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "created")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "rate_limited")).toHaveLength(5);
  });

  it("shares one bucket among requests without a known address, and counts taken emails too", async () => {
    const first = person("anon");
    await signUpUser(handle.db, first, signUpLimits(null, env));
    await expect(
      signUpUser(handle.db, { ...person("anon"), email: first.email }, signUpLimits(null, env)),
    ).rejects.toThrow("Some details are already in use.");
    await signUpUser(handle.db, person("anon"), signUpLimits("", env));
    await expect(signUpUser(handle.db, person("anon"), signUpLimits(null, env))).rejects.toThrow(
      /from your network/,
    );
  });

  it("reads operators' values from the environment and falls back on junk", () => {
    expect(signUpLimits("1.2.3.4", {}).map((l) => l.max)).toEqual([10, 300]);
    expect(
      signUpLimits("1.2.3.4", { SIGNUP_LIMIT_PER_IP: "0", SIGNUP_LIMIT_GLOBAL: "lots" }).map(
        (l) => l.max,
      ),
    ).toEqual([10, 300]);
    expect(
      signUpLimits("1.2.3.4", { SIGNUP_LIMIT_PER_IP: "50", SIGNUP_LIMIT_GLOBAL: "5000" }).map(
        (l) => l.max,
      ),
    ).toEqual([50, 5000]);
  });
});
