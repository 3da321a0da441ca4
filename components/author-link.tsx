import Link from "next/link";

/**
 * An author's name, linked to their profile; a deleted account's kept reviews and comments come
 * with no handle and show "a deleted user" as plain text, leading nowhere.
 */
export function AuthorLink({
  author,
  className,
}: {
  author: { handle: string; name: string };
  className?: string;
}) {
  if (!author.handle) return <span className="italic">{author.name}</span>;
  return (
    <Link href={`/u/${author.handle}`} className={className}>
      {author.name}
    </Link>
  );
}
