import type { CSSProperties } from "react";
import { starsLabel } from "@/lib/rating";

/**
 * A rating shown as five stars with halves, read out as "4.5 stars". One element drawn by the
 * `.stars` rule in globals.css (a star-shaped mask, filled up to the rating), not five SVGs: a
 * page of reviews carries it twice, in its HTML and in its RSC payload.
 */
export function Stars({ halfStars, className = "" }: { halfStars: number; className?: string }) {
  const fill = Math.max(0, Math.min(10, halfStars)) * 10;
  return (
    <span
      className={`stars ${className}`}
      role="img"
      aria-label={starsLabel(halfStars)}
      style={{ "--fill": `${fill}%` } as CSSProperties}
    />
  );
}

export const STAR =
  "M10 1.5L12.6 7.1 18.7 7.8 14.2 12 15.4 18 10 15 4.6 18 5.8 12 1.3 7.8 7.4 7.1z";
export const LEFT_HALF = "M10 1.5L7.4 7.1 1.3 7.8 5.8 12 4.6 18 10 15z";
