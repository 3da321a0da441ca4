import Link from "next/link";

export default function FilmCountriesNotFound() {
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">No per-country lists here</h1>
      <p className="mt-4">
        Netflix&apos;s per-country Top 10 lists that Reelrank holds do not have this film for that
        week, or there is no such film. Weeks are named by their Sunday, like{" "}
        <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">2022-01-02</code>.
      </p>
      <p className="mt-4">
        <Link href="/films" className="underline">
          Browse all films
        </Link>
      </p>
    </div>
  );
}
