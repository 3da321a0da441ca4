"use client";
import { useActionState } from "react";
import {
  liftSanctionAction,
  sanctionAction,
  setRoleAction,
  setThresholdAction,
} from "@/app/mod/actions";
import { MODERATION_REASONS } from "@/lib/moderation";
import { buttonClass, FormStatus } from "./ui/field";

/** The "Reason" select every moderation form has. */
export function ReasonPicker({ id, form }: { id: string; form?: string }) {
  return (
    <span className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Reason
      </label>
      <select
        id={id}
        name="reason"
        form={form}
        required
        defaultValue=""
        className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="" disabled>
          Choose…
        </option>
        {MODERATION_REASONS.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
    </span>
  );
}

const input =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function SanctionForm({ handle }: { handle: string }) {
  const [state, action, pending] = useActionState(sanctionAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="handle" value={handle} />
      <div className="flex flex-col">
        <label htmlFor="sanction-kind" className="text-sm font-medium">
          Sanction
        </label>
        <select id="sanction-kind" name="kind" className={input} defaultValue="warn">
          <option value="warn">Warn</option>
          <option value="silence">Silence (read-only)</option>
          <option value="suspend">Suspend (cannot sign in)</option>
          <option value="ban">Ban</option>
        </select>
      </div>
      <div className="flex flex-col">
        <label htmlFor="sanction-hours" className="text-sm font-medium">
          For how many hours
        </label>
        <input
          id="sanction-hours"
          name="hours"
          type="number"
          min={1}
          max={8760}
          className={input}
        />
      </div>
      <ReasonPicker id="sanction-reason" />
      <div className="flex flex-col">
        <label htmlFor="sanction-note" className="text-sm font-medium">
          Note
        </label>
        <input id="sanction-note" name="note" className={input} />
      </div>
      <button type="submit" className={buttonClass} disabled={pending}>
        Apply sanction
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? "Sanction applied." : null}
      />
    </form>
  );
}

export function LiftSanctionForm({ sanctionId }: { sanctionId: number }) {
  const [state, action] = useActionState(liftSanctionAction, null);
  return (
    <form action={action} className="flex items-center gap-2 text-sm">
      <input type="hidden" name="sanctionId" value={sanctionId} />
      <label htmlFor={`lift-${sanctionId}`}>Why lift it</label>
      <input id={`lift-${sanctionId}`} name="reason" className={input} required />
      <button type="submit" className="underline">
        Lift
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? "Lifted." : null}
      />
    </form>
  );
}

export function RoleForm({ handle, role }: { handle: string; role: string }) {
  const [state, action] = useActionState(setRoleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="handle" value={handle} />
      <label htmlFor={`role-${handle}`} className="sr-only">
        Role of @{handle}
      </label>
      <select id={`role-${handle}`} name="role" defaultValue={role} className={input}>
        <option value="viewer">Viewer</option>
        <option value="editor">Editor</option>
        <option value="moderator">Moderator</option>
        <option value="admin">Admin</option>
      </select>
      <label htmlFor={`role-reason-${handle}`} className="sr-only">
        Why
      </label>
      <input
        id={`role-reason-${handle}`}
        name="reason"
        placeholder="Why"
        className={input}
        required
      />
      <button type="submit" className="underline">
        Set role
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? "Saved." : null}
      />
    </form>
  );
}

export function ThresholdForm({ threshold }: { threshold: number }) {
  const [state, action] = useActionState(setThresholdAction, null);
  return (
    <form action={action} className="flex items-end gap-2 text-sm">
      <div className="flex flex-col">
        <label htmlFor="threshold" className="font-medium">
          Reports that hide an item until a moderator looks
        </label>
        <input
          id="threshold"
          name="threshold"
          type="number"
          min={1}
          max={50}
          defaultValue={threshold}
          className={input}
        />
      </div>
      <button type="submit" className="underline">
        Save
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? "Saved." : null}
      />
    </form>
  );
}
