import { describe, expect, it } from "vitest";
import { langForText } from "./script";

describe("langForText", () => {
  it("tags scripts that need a language for fonts and line breaking", () => {
    expect(langForText("이충현")).toBe("ko");
    expect(langForText("발레리나")).toBe("ko");
    expect(langForText("すずめの戸締まり")).toBe("ja");
    expect(langForText("卧虎藏龙")).toBe("zh");
  });
  it("leaves Latin text alone", () => {
    expect(langForText("Znachor")).toBeUndefined();
    expect(langForText("Hermana Muerte")).toBeUndefined();
    expect(langForText(null)).toBeUndefined();
  });
});
