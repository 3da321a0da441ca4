import { describe, expect, it } from "vitest";
import { CookieJar, findActionId, readActionAnswer, type ServerReferenceManifest } from "./action";

// the shape of .next/server/server-reference-manifest.json in Next 16.4
const manifest: ServerReferenceManifest = {
  node: {
    "7ffe15": {
      workers: { "app/films/[slug]/page": { moduleId: 73600, async: true } },
      filename: "app/films/[slug]/actions.ts",
      exportedName: "postReviewAction",
    },
    "7f00aa": {
      workers: { "app/lists/[id]/page": { moduleId: 1, async: true } },
      filename: "app/lists/actions.ts",
      exportedName: "postReviewAction",
    },
    "40bb01": {
      workers: {},
      filename: "app/films/[slug]/actions.ts",
      exportedName: "deleteReviewAction",
    },
  },
};

describe("findActionId", () => {
  it("finds an action by its module and export name", () => {
    expect(findActionId(manifest, "app/films/[slug]/actions.ts", "postReviewAction")).toBe(
      "7ffe15",
    );
    expect(findActionId(manifest, "app/films/[slug]/actions.ts", "deleteReviewAction")).toBe(
      "40bb01",
    );
  });

  it("says so when the build has no such action", () => {
    expect(() => findActionId(manifest, "app/films/[slug]/actions.ts", "rateAction")).toThrow(
      /No server action rateAction of app\/films\/\[slug\]\/actions\.ts/,
    );
  });
});

describe("readActionAnswer", () => {
  it("reads success from the action's component stream", () => {
    const body =
      '0:{"a":"$@1","f":"","b":"abc"}\n1:{"ok":true,"data":{"reviewId":4},"message":"Your review is posted."}\n';
    expect(readActionAnswer(200, body)).toEqual({ ok: true, status: 200, error: null });
  });

  it("reads the sentence a refused write answers with", () => {
    const body =
      '1:{"ok":false,"error":"You are posting very fast. Try again in 1 minute.","fieldErrors":{}}';
    expect(readActionAnswer(200, body)).toMatchObject({
      ok: false,
      error: "You are posting very fast. Try again in 1 minute.",
    });
  });

  it("treats an HTTP error as a failure", () => {
    expect(readActionAnswer(500, "")).toMatchObject({ ok: false, error: "HTTP 500" });
  });
});

describe("CookieJar", () => {
  it("keeps the latest value of each cookie and sends them back in one header", () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append("Set-Cookie", "authjs.csrf-token=abc; Path=/; HttpOnly");
    headers.append("Set-Cookie", "authjs.session-token=one; Path=/; HttpOnly; SameSite=Lax");
    jar.take(new Response(null, { headers }));
    const later = new Headers();
    later.append("Set-Cookie", "authjs.session-token=two; Path=/");
    jar.take(new Response(null, { headers: later }));
    expect(jar.has("authjs.session-token")).toBe(true);
    expect(jar.header()).toBe("authjs.csrf-token=abc; authjs.session-token=two");
  });
});
