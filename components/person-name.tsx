import Link from "next/link";
import { langForText } from "@/lib/script";

type Props = { slug: string; name: string; nativeName: string | null; link?: boolean };

/** A person's name, with the name in its own script beside it (`Lee Chung Hyun (이충현)`). */
export function PersonName({ slug, name, nativeName, link = true }: Props) {
  const native =
    nativeName && nativeName !== name ? (
      <>
        {" "}
        <span lang={langForText(nativeName)} className="text-zinc-600 dark:text-zinc-400">
          ({nativeName})
        </span>
      </>
    ) : null;
  return (
    <>
      {link ? (
        <Link href={`/people/${slug}`} className="font-medium hover:underline">
          {name}
        </Link>
      ) : (
        <span className="font-medium">{name}</span>
      )}
      {native}
    </>
  );
}
