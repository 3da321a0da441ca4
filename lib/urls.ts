export type FilmsSort = "title" | "year";

/** The public address of one page of the catalogue: `/films`, `/films?sort=year&page=2`. */
export function filmsHref(sort: FilmsSort, page: number): string {
  const query = new URLSearchParams();
  if (sort !== "title") query.set("sort", sort);
  if (page > 1) query.set("page", String(page));
  const q = query.toString();
  return q ? `/films?${q}` : "/films";
}
