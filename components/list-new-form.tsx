"use client";
import { useRouter } from "next/navigation";
import { createListAction } from "@/app/lists/new/actions";
import { ListDetailsForm, type ListLimits } from "./list-details-form";

/** Creates a list, then opens its editor to add films. */
export function ListNewForm({ limits }: { limits: ListLimits }) {
  const router = useRouter();
  return (
    <ListDetailsForm
      initial={{ name: "", description: "", ranked: false, isPrivate: false }}
      limits={limits}
      submitLabel="Create list"
      save={(form) => createListAction(null, form)}
      onSaved={(r) => {
        const { handle, slug } = r.data as { handle: string; slug: string };
        router.push(`/u/${handle}/lists/${slug}/edit`);
      }}
    />
  );
}
