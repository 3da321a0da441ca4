import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

const get = (production: boolean, key: string) =>
  securityHeaders({ production }).find((h) => h.key === key)?.value;

describe("securityHeaders", () => {
  it("allows eval only in development and HSTS only in production", () => {
    expect(contentSecurityPolicy({ dev: false })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ dev: true })).toContain(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    );
    expect(get(true, "Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    expect(get(false, "Strict-Transport-Security")).toBeUndefined();
  });

  it("keeps plugins, framing and foreign form targets out", () => {
    const csp = get(true, "Content-Security-Policy")!;
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
    ])
      expect(csp).toContain(directive);
  });
});
