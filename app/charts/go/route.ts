import { z } from "zod";
import { LIST_SLUGS } from "@/lib/top10/lists";
import { isSunday } from "@/lib/top10/week";

const Query = z.object({
  week: z
    .string()
    .refine((w) => w === "latest" || isSunday(w), "a week is named by its Sunday, YYYY-MM-DD"),
  list: z.enum(LIST_SLUGS).default("films-english"),
});

/** The week picker's form posts here (GET, so it works without JavaScript); it redirects to the chart. */
export function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    return Response.json(
      { error: "Pick a week (YYYY-MM-DD, a Sunday) and a list." },
      { status: 400 },
    );
  }
  return new Response(null, {
    status: 303,
    headers: { Location: `/charts/${parsed.data.week}/${parsed.data.list}` },
  });
}
