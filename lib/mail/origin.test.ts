import { describe, expect, it } from "vitest";
import { mailOrigin } from "./origin";

describe("mailOrigin", () => {
  const request = new Headers({ host: "127.0.0.1:3201" });

  it("prefers the configured public address to whatever Host the request claims", () => {
    expect(mailOrigin(request, { AUTH_URL: "https://reelrank.example/api/auth" })).toBe(
      "https://reelrank.example",
    );
    expect(mailOrigin(request, { SITE_URL: "https://films.example/" })).toBe(
      "https://films.example",
    );
  });

  it("falls back to the address the request came to, behind a proxy too", () => {
    expect(mailOrigin(request, {})).toBe("http://127.0.0.1:3201");
    expect(
      mailOrigin(
        new Headers({
          host: "10.0.0.2",
          "x-forwarded-host": "r.example",
          "x-forwarded-proto": "https",
        }),
        {},
      ),
    ).toBe("https://r.example");
    expect(mailOrigin(new Headers(), { PORT: "4000" })).toBe("http://localhost:4000");
  });
});
