"use client";
import { useActionState, useRef, useState } from "react";
import { reportAction } from "@/app/mod/actions";
import { REPORT_REASONS } from "@/lib/moderation";
import { buttonClass, FormStatus } from "./ui/field";

/** "Report": a dialog with one radio per reason and an optional note. */
export function ReportButton({
  targetType,
  targetId,
}: {
  targetType: "review" | "comment";
  targetId: number;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action, pending] = useActionState(reportAction, null);
  const [reason, setReason] = useState<string>("");
  const [note, setNote] = useState("");
  const id = `report-${targetType}-${targetId}`;
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className="underline">
        Report
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        className="m-auto w-full max-w-md rounded-lg p-0 backdrop:bg-black/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form action={action} className="flex flex-col gap-3 p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            Report this {targetType}
          </h2>
          <input type="hidden" name="targetType" value={targetType} />
          <input type="hidden" name="targetId" value={targetId} />
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium">What is wrong?</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r.value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="reason"
                  value={r.value}
                  checked={reason === r.value}
                  onChange={() => setReason(r.value)}
                />
                {r.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-note`} className="text-sm font-medium">
            Details {reason === "other" ? "(required)" : "(optional)"}
          </label>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <FormStatus
            error={state && !state.ok ? (Object.values(state.fieldErrors)[0] ?? state.error) : null}
            message={state?.ok ? state.message : null}
          />
          <div className="flex gap-3">
            <button type="submit" className={buttonClass} disabled={pending || state?.ok}>
              Send report
            </button>
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="px-3 underline"
            >
              Close
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
