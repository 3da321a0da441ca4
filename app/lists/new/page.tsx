import type { Metadata } from "next";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { ListNewForm } from "@/components/list-new-form";
import { MAX_LIST_DESCRIPTION, MAX_LIST_NAME, MAX_LIST_NOTE } from "@/lib/validation";

export const metadata: Metadata = { title: "New list", robots: { index: false } };

/** Per reader: a signed-in viewer makes a list; others are sent to sign in. */
export default function NewListPage() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">New list</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <NewList />
      </Suspense>
    </>
  );
}

async function NewList() {
  await pageActor("/lists/new");
  return (
    <div className="mt-4">
      <ListNewForm
        limits={{ name: MAX_LIST_NAME, description: MAX_LIST_DESCRIPTION, note: MAX_LIST_NOTE }}
      />
    </div>
  );
}
