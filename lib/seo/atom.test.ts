import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { chartsAtom, reviewsAtom, weekRange, type ChartFeedRow, type ReviewFeedItem } from "./atom";

const base = new URL("https://reelrank.example");
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["entry", "link", "author"].includes(name),
});

type Link = { "@href": string; "@rel"?: string };
type Text = string | { "#text": string; "@type"?: string };
type Entry = {
  id: string;
  title: Text;
  updated: string;
  published?: string;
  link: Link[];
  author?: { name: string; uri?: string }[];
  content?: Text;
};
type AtomFeed = {
  "@xmlns": string;
  id: string;
  title: Text;
  updated: string;
  author?: { name: string }[];
  link: Link[];
  entry?: Entry[];
};

const text = (t: Text | undefined) => (typeof t === "object" ? t["#text"] : t);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an Atom document and checks what RFC 4287 requires of a feed and of every entry. */
function parseAtom(xml: string): AtomFeed {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const feed = (parser.parse(xml) as { feed: AtomFeed }).feed;
  expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(() => new URL(feed.id)).not.toThrow(); // atom:id is an IRI
  expect(text(feed.title)).toBeTruthy();
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.link.some((l) => l["@rel"] === "self")).toBe(true);
  const entries = feed.entry ?? [];
  // 4.1.1: a feed without an author needs one on every entry
  if (!feed.author?.length) expect(entries.every((e) => e.author?.length)).toBe(true);
  for (const e of entries) {
    expect(() => new URL(e.id)).not.toThrow();
    expect(text(e.title)).toBeTruthy();
    expect(e.updated).toMatch(RFC3339);
    expect(e.link.length).toBeGreaterThan(0);
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return feed;
}

/** `type="html"` text as a reader shows it: the HTML with its tags taken out and entities read. */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("weekRange", () => {
  it("names a week by its Monday and Sunday", () => {
    expect(weekRange("2023-10-15")).toBe("9–15 Oct 2023");
    expect(weekRange("2023-11-05")).toBe("30 Oct – 5 Nov 2023");
    expect(weekRange("2023-01-01")).toBe("26 Dec 2022 – 1 Jan 2023");
  });
});

describe("the charts feed", () => {
  const rows: ChartFeedRow[] = [
    ...["films-non-english", "films-english"].flatMap((list) =>
      [2, 1].map((rank) => ({
        week: "2023-10-15",
        list,
        rank,
        title: rank === 1 ? "Ballerina" : "Tom & Jerry <3",
        path: rank === 1 ? "/films/ballerina-2023" : null,
        updatedAt: "2023-10-17T19:00:00.000Z",
      })),
    ),
    {
      week: "2023-10-08",
      list: "films-english",
      rank: 1,
      title: "Old",
      path: null,
      updatedAt: "2023-10-10T19:00:00.000Z",
    },
  ];

  it("is valid Atom with one entry per weekly list, newest week first, lists in Netflix's order", () => {
    const feed = parseAtom(chartsAtom(rows, base));
    expect(feed.entry!.map((e) => text(e.title))).toEqual([
      "Top 10 Films (English), week of 9–15 Oct 2023",
      "Top 10 Films (Non-English), week of 9–15 Oct 2023",
      "Top 10 Films (English), week of 2–8 Oct 2023",
    ]);
    expect(feed.entry![1]!.link[0]!["@href"]).toBe(
      "https://reelrank.example/charts/2023-10-15/films-non-english",
    );
    expect(feed.entry![1]!.id).toBe("urn:reelrank:chart:2023-10-15:films-non-english");
    expect(feed.updated).toBe("2023-10-17T19:00:00.000Z");
  });

  it("lists the titles by rank, linked where Reelrank has a page, special characters intact", () => {
    const content = text(parseAtom(chartsAtom(rows, base)).entry![0]!.content)!;
    expect(content).toBe(
      '<ol><li><a href="https://reelrank.example/films/ballerina-2023">Ballerina</a></li><li>Tom &amp; Jerry &lt;3</li></ol>',
    );
    expect(htmlText(content)).toBe("BallerinaTom & Jerry <3");
  });
});

describe("a film's reviews feed", () => {
  const tricky = `Fish & chips <b>bold</b> "quoted" 'single' ]]> done\n\nSecond paragraph`;
  const reviews: ReviewFeedItem[] = [
    {
      id: 12,
      rating: 9,
      body: tricky,
      containsSpoilers: false,
      createdAt: "2024-02-01T10:00:00.000Z",
      editedAt: "2024-02-03T10:00:00.000Z",
      author: { handle: "amp_ersand", name: "A & <B>" },
    },
    {
      id: 11,
      rating: 2,
      body: "Everyone dies",
      containsSpoilers: true,
      createdAt: "2024-01-01T10:00:00.000Z",
      editedAt: null,
      author: { handle: "joe", name: "Joe" },
    },
  ];
  const film = { slug: "ballerina-2023", title: "Ballerina", heading: "Ballerina (2023)" };

  it("is valid Atom whose entries name their author, dates and stars", () => {
    const feed = parseAtom(reviewsAtom(film, reviews, base));
    expect(text(feed.title)).toBe("Reviews of Ballerina (2023) on Reelrank");
    const [edited, spoiler] = feed.entry!;
    expect(edited!.author![0]).toEqual({
      name: "A & <B>",
      uri: "https://reelrank.example/u/amp_ersand",
    });
    expect(edited!.published).toBe("2024-02-01T10:00:00.000Z");
    expect(edited!.updated).toBe("2024-02-03T10:00:00.000Z");
    expect(edited!.link[0]!["@href"]).toBe("https://reelrank.example/reviews/12");
    expect(htmlText(text(edited!.title)!)).toBe("A & <B> on Ballerina: 4.5 stars");
    expect(spoiler!.updated).toBe("2024-01-01T10:00:00.000Z");
    expect(feed.updated).toBe("2024-02-03T10:00:00.000Z");
  });

  it("keeps the review text exactly, XML and HTML special characters included", () => {
    const content = text(parseAtom(reviewsAtom(film, reviews, base)).entry![0]!.content)!;
    expect(content).toContain("<p>4.5 stars</p>");
    expect(htmlText(content)).toBe(`4.5 stars${tricky.replace("\n\n", "")}`);
    expect(content).not.toContain("<b>");
  });

  it("keeps a spoiler behind the film's page", () => {
    const content = text(parseAtom(reviewsAtom(film, reviews, base)).entry![1]!.content)!;
    expect(content).not.toContain("Everyone dies");
    expect(content).toContain("spoilers");
  });

  it("is still valid Atom for a film nobody has reviewed", () => {
    expect(parseAtom(reviewsAtom(film, [], base)).entry).toBeUndefined();
  });
});
