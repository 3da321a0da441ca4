/**
 * The world map behind "Where it charted": Natural Earth's 1:110m countries (world-atlas) drawn
 * once per process, and how a country's rank is shown on it.
 */
import { geoEqualEarth, geoPath } from "d3-geo";
import countries from "i18n-iso-countries";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import atlas from "world-atlas/countries-110m.json";

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 400;

export type CountryShape = { id: string; name: string; d: string };

let shapes: CountryShape[] | null = null;
const ANTARCTICA = "010";

/**
 * `M10,20L12,20L12,20L13,25Z` → `M10,20l2,0l1,5z`: each ring's first point absolute, the rest as
 * moves from the point before, dropping the moves that rounding made empty.
 */
export function compactPath(d: string): string {
  let out = "";
  let x = 0;
  let y = 0;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/gi)) {
    if (command!.toUpperCase() === "Z") {
      out += "z";
      continue;
    }
    const [nx, ny] = args!.split(",").map(Number) as [number, number];
    if (command!.toUpperCase() === "M") out += `M${nx},${ny}`;
    else if (nx !== x || ny !== y) out += `l${nx - x},${ny - y}`;
    x = nx;
    y = ny;
  }
  return out;
}

/**
 * Every country's outline as an SVG path in whole pixels with relative moves, so the page stays
 * small (the path is sent twice: in the HTML and in React's payload). Antarctica has no Netflix.
 */
export function worldShapes(): CountryShape[] {
  if (shapes) return shapes;
  const topology = atlas as unknown as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const world = feature(topology, topology.objects.countries);
  const drawn = { ...world, features: world.features.filter((f) => f.id !== ANTARCTICA) };
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], drawn);
  const path = geoPath(projection).digits(0);
  shapes = drawn.features
    .filter((f) => f.id != null)
    .map((f) => ({ id: String(f.id), name: f.properties.name, d: compactPath(path(f) ?? "") }))
    .filter((s) => s.d !== "");
  return shapes;
}

/** ISO 3166-1 alpha-2 (`KR`) → the numeric code world-atlas uses (`410`); null when there is none. */
export function numericCode(iso2: string): string | null {
  return countries.alpha2ToNumeric(iso2.toUpperCase()) ?? null;
}

/** Ranks grouped into the map's shades, darkest for #1. */
export const RANK_BANDS = [
  { label: "#1", from: 1, to: 1, fill: "#7f1d1d" },
  { label: "#2–3", from: 2, to: 3, fill: "#b91c1c" },
  { label: "#4–6", from: 4, to: 6, fill: "#ef4444" },
  { label: "#7–10", from: 7, to: 10, fill: "#fca5a5" },
] as const;

export function rankBand(rank: number) {
  return RANK_BANDS.find((b) => rank >= b.from && rank <= b.to) ?? null;
}
