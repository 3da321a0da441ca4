import { describe, expect, it } from "vitest";
import { clientAddress, isCrossSite } from "./request-origin";

const h = (values: Record<string, string>) => new Headers(values);

describe("isCrossSite", () => {
  it("lets same-origin browser requests and scripts without Origin through", () => {
    expect(isCrossSite(h({ host: "reelrank.example", origin: "https://reelrank.example" }))).toBe(
      false,
    );
    expect(isCrossSite(h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(isCrossSite(h({ host: "reelrank.example" }))).toBe(false);
    expect(isCrossSite(h({ host: "reelrank.example", "sec-fetch-site": "same-origin" }))).toBe(
      false,
    );
  });

  it("compares with the proxy's X-Forwarded-Host when there is one", () => {
    const behindProxy = { host: "127.0.0.1:3000", "x-forwarded-host": "reelrank.example" };
    expect(isCrossSite(h({ ...behindProxy, origin: "https://reelrank.example" }))).toBe(false);
    expect(isCrossSite(h({ ...behindProxy, origin: "http://127.0.0.1:3000" }))).toBe(true);
  });

  it("refuses other origins, opaque origins and cross-site fetches", () => {
    expect(isCrossSite(h({ host: "reelrank.example", origin: "https://evil.example" }))).toBe(true);
    expect(
      isCrossSite(h({ host: "reelrank.example", origin: "https://reelrank.example.evil" })),
    ).toBe(true);
    expect(isCrossSite(h({ host: "reelrank.example", origin: "null" }))).toBe(true);
    expect(isCrossSite(h({ host: "reelrank.example", origin: "not a url" }))).toBe(true);
    expect(isCrossSite(h({ host: "reelrank.example", "sec-fetch-site": "cross-site" }))).toBe(true);
  });
});

describe("clientAddress", () => {
  it("reads the first X-Forwarded-For entry, or nothing", () => {
    expect(clientAddress(h({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(h({ "x-forwarded-for": " " }))).toBeNull();
    expect(clientAddress(h({}))).toBeNull();
  });
});
