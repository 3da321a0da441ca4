import Link from "next/link";

export default function FilmNotFound() {
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">Film not found</h1>
      <p className="mt-4">
        We have no film at this address. Film addresses are the title and the year, like{" "}
        <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">/films/ballerina-2023</code>:
        many films share a title, so check the year.
      </p>
      <p className="mt-4">
        <Link href="/films" className="underline">
          Browse all films
        </Link>
      </p>
    </div>
  );
}
