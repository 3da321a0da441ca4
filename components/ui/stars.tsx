import { starsLabel } from "@/lib/rating";

/** A rating shown as five stars with halves, read out as "4.5 stars". */
export function Stars({ halfStars, className = "" }: { halfStars: number; className?: string }) {
  return (
    <span
      className={`inline-flex items-center ${className}`}
      role="img"
      aria-label={starsLabel(halfStars)}
    >
      {Array.from({ length: 5 }, (_, i) => {
        const fill = Math.max(0, Math.min(2, halfStars - i * 2)); // 0, 1 (half) or 2 (full)
        return (
          <svg key={i} viewBox="0 0 20 20" className="h-4 w-4" aria-hidden="true">
            <path d={STAR} className="fill-zinc-300 dark:fill-zinc-700" />
            {fill > 0 ? (
              <path d={fill === 2 ? STAR : LEFT_HALF} className="fill-amber-500" />
            ) : null}
          </svg>
        );
      })}
    </span>
  );
}

export const STAR =
  "M10 1.5L12.6 7.1 18.7 7.8 14.2 12 15.4 18 10 15 4.6 18 5.8 12 1.3 7.8 7.4 7.1z";
export const LEFT_HALF = "M10 1.5L7.4 7.1 1.3 7.8 5.8 12 4.6 18 10 15z";
