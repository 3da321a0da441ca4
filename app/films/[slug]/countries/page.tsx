import FilmCountriesPage, { generateMetadata as weekMetadata } from "./[week]/page";
import { BUILD_PLACEHOLDER } from "@/db/cached";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

/** The latest week with per-country lists; its canonical address is that week's own page. */
const latest = ({ params }: Props) => ({
  params: params.then(({ slug }) => ({ slug, week: "latest" })),
});

export const generateMetadata = (props: Props) => weekMetadata(latest(props));

export default function LatestFilmCountriesPage(props: Props) {
  return FilmCountriesPage(latest(props));
}
