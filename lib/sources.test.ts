import { describe, expect, it } from "vitest";
import {
  EDITORS,
  NETFLIX_TOP10,
  engagementSource,
  mayOverwrite,
  periodLabel,
  sourceLabel,
  sourceUrl,
} from "./sources";

describe("fact sources", () => {
  it("lets a source fill a fact nobody set, and never overwrite an editor", () => {
    expect(mayOverwrite(undefined, NETFLIX_TOP10)).toBe(true);
    expect(mayOverwrite(NETFLIX_TOP10, engagementSource("2023H2"))).toBe(true);
    expect(mayOverwrite(engagementSource("2023H2"), engagementSource("2024H1"))).toBe(true);
    expect(mayOverwrite(engagementSource("2024H1"), engagementSource("2023H2"))).toBe(false);
    expect(mayOverwrite(engagementSource("2023H2"), NETFLIX_TOP10)).toBe(false);
    expect(mayOverwrite(EDITORS, engagementSource("2024H1"))).toBe(false);
    expect(mayOverwrite(EDITORS, EDITORS)).toBe(true);
    // a film's own runtime from Wikidata replaces Netflix's count, never an editor's
    expect(mayOverwrite(NETFLIX_TOP10, "wikidata:Q1")).toBe(true);
    expect(mayOverwrite(EDITORS, "wikidata:Q1")).toBe(false);
    expect(mayOverwrite("wikidata:Q1", "netflix-titles:s1")).toBe(false);
  });

  it("names each source the way a reader can cite it", () => {
    expect(periodLabel("2023H2")).toBe("Jul–Dec 2023");
    expect(periodLabel("2024H1")).toBe("Jan–Jun 2024");
    expect(periodLabel("2024")).toBeNull();
    expect(sourceLabel(engagementSource("2023H2"))).toBe("Netflix, What We Watched (Jul–Dec 2023)");
    expect(sourceLabel(EDITORS)).toBe("Reelrank editors");
    expect(sourceLabel(NETFLIX_TOP10)).toMatch(/rounds/);
    expect(sourceLabel("wikidata:Q123")).toBe("Wikidata (Q123)");
    expect(sourceUrl("wikidata:Q123")).toBe("https://www.wikidata.org/wiki/Q123");
    expect(sourceUrl("tmdb:1013860")).toBe("https://www.themoviedb.org/movie/1013860");
    expect(sourceUrl("wikidata:javascript:alert(1)")).toBeNull();
    expect(sourceUrl(EDITORS)).toBeNull();
  });
});
