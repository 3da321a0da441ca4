import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CATALOGUE_COLUMNS,
  catalogueFacts,
  CatalogueParseError,
  COUNTRY_OVERRIDES,
  countryCode,
  MAX_PROBLEMS,
  parseCatalogueCsv,
  type CatalogueFacts,
  type CatalogueRow,
} from "./parse";

// Hand-made rows in the file's format; titles and people are invented.
const HEADER = CATALOGUE_COLUMNS.join(",");
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";

function errorOf(fn: () => unknown): CatalogueParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CatalogueParseError) return error;
    throw error;
  }
  throw new Error("expected a CatalogueParseError");
}

describe("parseCatalogueCsv", () => {
  it("reads a film with quoted lists, commas and doubled quotes", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv(
        's1,Movie,"Salt, Sea and ""Sky""","Ana Ruiz, Bo Lind","Cy Park, Di Moss",' +
          '"South Korea, Czech Republic",' +
          '"September 25, 2021",2020,PG-13,90 min,"Documentaries, International Movies",' +
          '"She said ""no"", then left."',
      ),
    );
    expect(rows).toEqual<CatalogueRow[]>([
      {
        line: 2,
        showId: "s1",
        kind: "film",
        title: 'Salt, Sea and "Sky"',
        directors: ["Ana Ruiz", "Bo Lind"],
        cast: ["Cy Park", "Di Moss"],
        countries: ["South Korea", "Czech Republic"],
        countryCodes: ["KR", "CZ"],
        dateAdded: "2021-09-25",
        releaseYear: 2020,
        rating: "PG-13",
        runtimeMinutes: 90,
        seasons: null,
        genres: ["Documentaries", "International Movies"],
        description: 'She said "no", then left.',
      },
    ]);
  });

  it("reads TV seasons, singular and plural", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv(
        's2,TV Show,Harbour Lights,,,,"June 1, 2019",2018,TV-MA,1 Season,TV Dramas,Storms.',
        's3,TV Show,Lakeside,,,,"June 2, 2019",2015,TV-14,3 Seasons,TV Dramas,Lakes.',
      ),
    );
    expect(rows.map((r) => [r.kind, r.seasons, r.runtimeMinutes])).toEqual([
      ["tv", 1, null],
      ["tv", 3, null],
    ]);
  });

  it("keeps a multi-line quoted description whole and counts lines from where each row starts", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv(
        's1,Movie,One,,,,"May 1, 2020",2019,R,80 min,Dramas,"First line –\n and the second,\nand a third."',
        "s2,Movie,Two,,,,,2019,R,81 min,Dramas,Short.",
      ),
    );
    expect(rows[0]?.description).toBe("First line –\n and the second,\nand a third.");
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it("tolerates a BOM and CRLF, inside quoted fields too", () => {
    const text =
      "\ufeff" +
      [
        HEADER,
        's1,Movie,One,,,,"May 1, 2020",2019,R,80 min,Dramas,"Two\r\nlines."',
        "s2,Movie,Two,,,,,2019,R,81 min,Dramas,",
        "s3,Movie,Three,,,,,2019,R,82 min,Dramas,Fine.",
      ].join("\r\n");
    const rows = parseCatalogueCsv("t.csv", text);
    expect(rows.map((r) => [r.line, r.showId, r.description])).toEqual([
      [2, "s1", "Two\nlines."],
      [4, "s2", null],
      [5, "s3", "Fine."],
    ]);
  });

  it("reads the date with a leading space and leaves an empty one null", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv(
        's1,Movie,One,,,," August 4, 2017",2017,R,80 min,Dramas,x',
        "s2,Movie,Two,,,,,2017,R,80 min,Dramas,x",
      ),
    );
    expect(rows.map((r) => r.dateAdded)).toEqual(["2017-08-04", null]);
  });

  it("takes the runtime from the rating column when the duration slipped into it", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv(
        's1,Movie,Stand-Up 2017,Al Comic,Al Comic,United States,"April 4, 2017",2017,74 min,,Movies,Jokes.',
        "s2,Movie,Unrated,,,,,2017,,95 min,Movies,x",
      ),
    );
    expect(rows.map((r) => [r.rating, r.runtimeMinutes])).toEqual([
      [null, 74],
      [null, 95],
    ]);
  });

  it("splits lists with stray commas and leaves empty ones empty", () => {
    const [row] = parseCatalogueCsv(
      "t.csv",
      csv('s1,Movie,One,,,", South Korea,",,2019,R,80 min,"Dramas, ",x'),
    );
    expect(row).toMatchObject({
      directors: [],
      cast: [],
      countries: ["South Korea"],
      countryCodes: ["KR"],
      genres: ["Dramas"],
    });
  });

  it("maps names to ISO codes, omits former countries and repeats", () => {
    const [row] = parseCatalogueCsv(
      "t.csv",
      csv(
        's1,Movie,One,,,"West Germany, Germany, Soviet Union, Hong Kong, Turkey, Qatar, Palestine",,1985,R,80 min,Dramas,x',
      ),
    );
    expect(row?.countryCodes).toEqual(["DE", "HK", "TR", "QA", "PS"]);
  });

  it("finds columns by name, in any order, and ignores extra ones", () => {
    const header = ["extra", ...[...CATALOGUE_COLUMNS].reverse()].join(",");
    const rows = parseCatalogueCsv(
      "t.csv",
      `${header}\nignored,Synopsis.,Dramas,80 min,R,2019,,Japan,,,One,Movie,s1\n`,
    );
    expect(rows[0]).toMatchObject({
      showId: "s1",
      kind: "film",
      title: "One",
      countryCodes: ["JP"],
      runtimeMinutes: 80,
      description: "Synopsis.",
    });
  });

  it("ignores blank lines at the end of the file", () => {
    const rows = parseCatalogueCsv(
      "t.csv",
      csv("s1,Movie,One,,,,,2019,R,80 min,Dramas,x") + "\n\n",
    );
    expect(rows).toHaveLength(1);
  });
});

describe("parseCatalogueCsv refusals", () => {
  it("refuses a missing column, naming it", () => {
    const header = CATALOGUE_COLUMNS.filter((c) => c !== "release_year").join(",");
    const error = errorOf(() => parseCatalogueCsv("t.csv", `${header}\n`));
    expect(error.message).toMatch(/^t\.csv:1: the header lacks "release_year" \(required columns:/);
  });

  it("refuses an empty file", () => {
    expect(errorOf(() => parseCatalogueCsv("t.csv", "")).message).toBe(
      "t.csv:1: the file is empty",
    );
  });

  it("refuses a bad type, year and date with file:line of each", () => {
    const error = errorOf(() =>
      parseCatalogueCsv(
        "t.csv",
        csv(
          "s1,Film,One,,,,,2019,R,80 min,Dramas,x",
          "s2,Movie,Two,,,,,19,R,80 min,Dramas,x",
          "s3,Movie,Three,,,,,1066,R,80 min,Dramas,x",
          's4,Movie,Four,,,,"Septembre 25, 2021",2019,R,80 min,Dramas,x',
          's5,Movie,Five,,,,"February 30, 2021",2019,R,80 min,Dramas,x',
          "s6,Movie,Six,,,,2021-09-25,2019,R,80 min,Dramas,x",
        ),
      ),
    );
    expect(error.message).toBe(
      [
        't.csv:2: type "Film" is neither Movie nor TV Show',
        't.csv:3: release_year "19" is not a year',
        "t.csv:4: release_year 1066 is outside 1880–2100",
        't.csv:5: date_added "Septembre 25, 2021" is not a date (Month D, YYYY)',
        't.csv:6: date_added "February 30, 2021" is not a date (Month D, YYYY)',
        't.csv:7: date_added "2021-09-25" is not a date (Month D, YYYY)',
      ].join("\n"),
    );
    expect(error.problems).toHaveLength(6);
  });

  it("refuses unterminated quotes at the line where the row starts", () => {
    const error = errorOf(() =>
      parseCatalogueCsv(
        "t.csv",
        csv(
          's1,Movie,One,,,,,2019,R,80 min,Dramas,"Two\nlines."',
          's2,Movie,"Two,,,,,2019,R,80 min,Dramas,x',
          "s3,Movie,Three,,,,,2019,R,80 min,Dramas,x",
        ),
      ),
    );
    expect(error.message).toBe(
      "t.csv:4: a quoted field in this row is never closed (unterminated quotes)",
    );
  });

  it("refuses stray quotes at their line", () => {
    expect(
      errorOf(() =>
        parseCatalogueCsv(
          "t.csv",
          csv("s1,Movie,One,,,,,2019,R,80 min,Dramas,x", 's2,Movie,"Two"x,,'),
        ),
      ).message,
    ).toBe("t.csv:3: a closing quote is followed by something other than a comma or a line end");
    expect(
      errorOf(() => parseCatalogueCsv("t.csv", csv('s1,Movie,The "Big" One,,,,,2019,R,80 min,,x')))
        .message,
    ).toBe('t.csv:2: a quote inside an unquoted field (quote the whole field and write " as "")');
  });

  it("refuses rows of the wrong width, blank lines, empty ids and titles, and repeated ids", () => {
    const error = errorOf(() =>
      parseCatalogueCsv(
        "t.csv",
        csv(
          "s1,Movie,One,,,,,2019,R,80 min,Dramas",
          "",
          ",Movie,,,,,,2019,R,80 min,Dramas,x",
          "s4,Movie,Four,,,,,2019,R,80 min,Dramas,x",
          "s4,Movie,Four again,,,,,2019,R,80 min,Dramas,x",
        ),
      ),
    );
    expect(error.message).toBe(
      [
        "t.csv:2: expected 12 columns, found 11",
        "t.csv:3: empty line",
        "t.csv:4: show_id is empty",
        "t.csv:4: title is empty",
        "t.csv:6: show_id s4 appears twice (also on line 5)",
      ].join("\n"),
    );
  });

  it("refuses a duration that does not fit the type", () => {
    const error = errorOf(() =>
      parseCatalogueCsv(
        "t.csv",
        csv(
          "s1,Movie,One,,,,,2019,R,2 Seasons,Dramas,x",
          "s2,TV Show,Two,,,,,2019,TV-MA,45 min,TV Dramas,x",
          "s3,Movie,Three,,,,,2019,R,1h 20m,Dramas,x",
        ),
      ),
    );
    expect(error.message).toBe(
      [
        't.csv:2: duration "2 Seasons" is not a film runtime (NN min)',
        't.csv:3: duration "45 min" is not a number of seasons (N Season or N Seasons)',
        't.csv:4: duration "1h 20m" is not a film runtime (NN min)',
      ].join("\n"),
    );
  });

  it(`keeps at most ${MAX_PROBLEMS} problems`, () => {
    const bad = Array.from({ length: 50 }, (_, i) => `s${i},Film,T,,,,,2019,R,80 min,Dramas,x`);
    const error = errorOf(() => parseCatalogueCsv("t.csv", csv(...bad)));
    expect(error.problems).toHaveLength(MAX_PROBLEMS);
    expect(error.problems.at(-1)?.line).toBe(MAX_PROBLEMS + 1);
  });
});

describe("countryCode", () => {
  it("reverses Intl's English names, long and short, and the overrides", () => {
    expect(countryCode("South Korea")).toBe("KR");
    expect(countryCode("United Kingdom")).toBe("GB");
    expect(countryCode("Hong Kong")).toBe("HK");
    expect(countryCode("Czech Republic")).toBe("CZ");
    expect(countryCode("Czechia")).toBe("CZ");
    expect(countryCode("Turkey")).toBe("TR");
    // a withdrawn code (SU) is an alias of its successor in Intl; it must not take the name
    expect(countryCode("Russia")).toBe("RU");
  });

  it("gives null for a former country and undefined for a name nobody knows", () => {
    expect(countryCode("Soviet Union")).toBeNull();
    expect(countryCode("West Germany")).toBeNull();
    expect(countryCode("Atlantis")).toBeUndefined();
    expect(countryCode("European Union")).toBeUndefined();
  });
});

describe("catalogueFacts", () => {
  it("maps a row to the enrichment shape, with nothing the file lacks invented", () => {
    const [row] = parseCatalogueCsv(
      "t.csv",
      csv(
        's7,Movie,Paper Crane,Ana Ruiz,"Cy Park, Di Moss","Japan, France","May 1, 2020",2019,PG,101 min,"Dramas, International Movies",A crane.',
      ),
    );
    expect(catalogueFacts(row!)).toEqual<CatalogueFacts>({
      sourceId: "netflix-titles:s7",
      url: null,
      title: "Paper Crane",
      originalTitle: null,
      originalLanguage: null,
      year: 2019,
      releaseDate: null,
      runtimeMinutes: 101,
      countries: ["JP", "FR"],
      directors: [{ name: "Ana Ruiz", nativeName: null, sourceId: null }],
      writers: [],
      cast: [
        { name: "Cy Park", nativeName: null, sourceId: null, character: null },
        { name: "Di Moss", nativeName: null, sourceId: null, character: null },
      ],
      synopsis: "A crane.",
      genres: ["Dramas", "International Movies"],
      maturityRating: "PG",
    });
  });
});

const FILE = path.resolve(
  import.meta.dirname,
  "../../../shared/data/netflix-titles/netflix_titles.csv",
);

describe.skipIf(!fs.existsSync(FILE))(
  "netflix_titles.csv, the 2021 Kaggle snapshot (skipped when ../shared/data is absent)",
  () => {
    let text = "";
    let rows: CatalogueRow[] = [];
    beforeAll(() => {
      text = fs.readFileSync(FILE, "utf8");
      rows = parseCatalogueCsv("netflix_titles.csv", text);
    });
    const count = (f: (r: CatalogueRow) => boolean) => rows.filter(f).length;

    it("has the counts SOURCE.md gives", () => {
      expect(rows).toHaveLength(8807);
      expect(count((r) => r.kind === "film")).toBe(6131);
      expect(count((r) => r.kind === "tv")).toBe(2676);
      expect(count((r) => r.directors.length === 0)).toBe(2634);
      expect(count((r) => r.cast.length === 0)).toBe(825);
      expect(count((r) => r.countries.length === 0)).toBe(831);
      expect(count((r) => r.dateAdded === null)).toBe(10);
      // the 88 dates with a leading space are quoted (they hold a comma): `," September 25, 2021"`
      expect(text.match(/," [A-Z][a-z]+ \d{1,2}, \d{4}"/g)).toHaveLength(88);
      const dates = rows.flatMap((r) => r.dateAdded ?? []).sort();
      expect([dates[0], dates.at(-1)]).toEqual(["2008-01-01", "2021-09-25"]);
      const years = rows.map((r) => r.releaseYear ?? NaN);
      expect([Math.min(...years), Math.max(...years)]).toEqual([1925, 2021]);
      expect(rows.at(-1)).toMatchObject({ showId: "s8807", line: 8810 });
    });

    it("gives films a runtime and shows seasons, the three shifted rows included", () => {
      expect(count((r) => r.kind === "film" && r.runtimeMinutes === null)).toBe(0);
      expect(count((r) => r.kind === "tv" && r.seasons === null)).toBe(0);
      const shifted = rows.filter((r) => ["s5542", "s5795", "s5814"].includes(r.showId));
      expect(shifted.map((r) => [r.showId, r.rating, r.runtimeMinutes])).toEqual([
        ["s5542", null, 74],
        ["s5795", null, 84],
        ["s5814", null, 66],
      ]);
      expect(count((r) => r.rating === null)).toBe(7); // 4 empty + the 3 shifted
    });

    it("maps every country name to a code or a documented former country", () => {
      const names = [...new Set(rows.flatMap((r) => r.countries))];
      expect(names).toHaveLength(122);
      expect(names.filter((n) => countryCode(n) === undefined)).toEqual([]);
      expect(names.filter((n) => countryCode(n) === null).sort()).toEqual(
        Object.keys(COUNTRY_OVERRIDES)
          .filter((n) => COUNTRY_OVERRIDES[n] === null)
          .sort(),
      );
    });

    it("reads Dick Johnson Is Dead (s1)", () => {
      expect(rows[0]).toEqual<CatalogueRow>({
        line: 2,
        showId: "s1",
        kind: "film",
        title: "Dick Johnson Is Dead",
        directors: ["Kirsten Johnson"],
        cast: [],
        countries: ["United States"],
        countryCodes: ["US"],
        dateAdded: "2021-09-25",
        releaseYear: 2020,
        rating: "PG-13",
        runtimeMinutes: 90,
        seasons: null,
        genres: ["Documentaries"],
        description:
          "As her father nears the end of his life, filmmaker Kirsten Johnson stages his death in inventive and comical ways to help them both face the inevitable.",
      });
      expect(catalogueFacts(rows[0]!)).toMatchObject({
        sourceId: "netflix-titles:s1",
        year: 2020,
        runtimeMinutes: 90,
        countries: ["US"],
        directors: [{ name: "Kirsten Johnson", nativeName: null, sourceId: null }],
      });
    });

    it("keeps the multi-line description of s8202 and the lines after it", () => {
      const i = rows.findIndex((r) => r.showId === "s8202");
      expect(rows[i]?.line).toBe(8203);
      expect(rows[i]?.description).toContain("anything could happen –\n and probably will.");
      expect(rows[i + 1]).toMatchObject({ showId: "s8203", line: 8205 });
    });
  },
);
