import Link from "next/link";

export default function NotFound() {
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">Page not found</h1>
      <p className="mt-4">
        There is nothing at this address. It may have moved, or the link may have a typo.
      </p>
      <ul className="mt-4 list-disc pl-6">
        <li>
          <Link href="/films" className="underline">
            Browse all films
          </Link>
        </li>
        <li>
          <Link href="/" className="underline">
            Go to the front page
          </Link>
        </li>
      </ul>
    </div>
  );
}
