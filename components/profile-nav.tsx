import Link from "next/link";

export type ProfileSection =
  "profile" | "diary" | "films" | "watchlist" | "lists" | "followers" | "following";

const SECTIONS: { key: ProfileSection; label: string; path: string }[] = [
  { key: "profile", label: "Profile", path: "" },
  { key: "diary", label: "Diary", path: "/diary" },
  { key: "films", label: "Films", path: "/films" },
  { key: "watchlist", label: "Watchlist", path: "/watchlist" },
  { key: "lists", label: "Lists", path: "/lists" },
  { key: "followers", label: "Followers", path: "/followers" },
  { key: "following", label: "Following", path: "/following" },
];

/** The tabs of a profile; plain links, so it stays in the shared (cached) page. */
export function ProfileNav({ handle, current }: { handle: string; current: ProfileSection }) {
  return (
    <nav aria-label="Profile" className="mt-4 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex flex-wrap gap-x-5 text-sm font-medium">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <Link
              href={`/u/${handle}${s.path}`}
              aria-current={s.key === current ? "page" : undefined}
              className={
                s.key === current
                  ? "inline-block border-b-2 border-brand-600 py-2 no-underline"
                  : "inline-block border-b-2 border-transparent py-2 text-zinc-600 no-underline hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
              }
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
