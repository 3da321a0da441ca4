"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import {
  useEffect,
  useRef,
  useState,
  useTransition,
  type DragEvent,
  type KeyboardEvent,
} from "react";
import {
  addListFilmAction,
  deleteListAction,
  editListAction,
  removeListFilmAction,
  reorderListAction,
  setListNoteAction,
} from "@/app/u/[handle]/lists/[slug]/edit/actions";
import type { ListItemView } from "@/db/queries/lists";
import { titleWithYear } from "@/lib/format";
import { ListDetailsForm, type ListDetailsValues, type ListLimits } from "./list-details-form";
import { ListFilmSearch, type FilmOption } from "./list-film-search";
import { buttonClass, FormStatus } from "./ui/field";

const smallButton =
  "rounded border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

type Editable = {
  id: number;
  slug: string;
  handle: string;
  version: number;
  details: ListDetailsValues;
  items: ListItemView[];
};

function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * The owner's list editor. Details, films, notes and removals are saved as they are made; the
 * order is changed here (Move up / Move down, the keyboard, or dragging) and saved with "Save
 * order", which the server refuses if the list changed since this editor last saw it.
 */
export function ListEditor({ list, limits }: { list: Editable; limits: ListLimits }) {
  const router = useRouter();
  const [items, setItems] = useState(list.items);
  const [saved, setSaved] = useState(list.items.map((i) => i.filmId));
  const [version, setVersion] = useState(list.version);
  const [ranked, setRanked] = useState(list.details.ranked);
  const [status, setStatus] = useState<{ error?: string; message?: string }>({});
  const [announcement, setAnnouncement] = useState("");
  const [grabbed, setGrabbed] = useState<{ filmId: number; from: number } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, startTransition] = useTransition();
  // the control to keep focused after a move re-renders the list (an id in the DOM)
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const target = refocus.current;
    if (!target) return;
    refocus.current = null;
    const control = document.getElementById(target) as HTMLButtonElement | null;
    if (control && !control.disabled) control.focus();
    else document.getElementById(target.replace(/^(up|down)-/, "handle-"))?.focus();
  });

  const order = items.map((i) => i.filmId);
  const dirty = order.length !== saved.length || order.some((id, i) => id !== saved[i]);
  const n = items.length;
  const name = (i: ListItemView) => titleWithYear(i.title, i.year);

  function report(result: { ok: true; message?: string } | { ok: false; error: string }) {
    setStatus(result.ok ? { message: result.message } : { error: result.error });
  }

  function move(from: number, to: number, announce = true, focus: string | null = null) {
    if (to < 0 || to >= n || from === to) return;
    const item = items[from]!;
    setItems(moved(items, from, to));
    if (focus) refocus.current = focus;
    if (announce) setAnnouncement(`${name(item)} moved to position ${to + 1} of ${n}.`);
  }

  const add = (film: FilmOption) =>
    startTransition(async () => {
      const result = await addListFilmAction(null, { listId: list.id, filmSlug: film.slug });
      report(result);
      if (!result.ok) return;
      setItems((current) => [...current, result.data.item]);
      setSaved((current) => [...current, result.data.item.filmId]);
      setVersion(result.data.version);
    });

  const remove = (item: ListItemView) =>
    startTransition(async () => {
      const result = await removeListFilmAction(null, { listId: list.id, filmId: item.filmId });
      report(result.ok ? { ...result, message: `${name(item)} removed.` } : result);
      if (!result.ok) return;
      setItems((current) => current.filter((i) => i.filmId !== item.filmId));
      setSaved((current) => current.filter((id) => id !== item.filmId));
      setVersion(result.data.version);
    });

  const saveNote = (item: ListItemView, note: string) =>
    startTransition(async () => {
      const result = await setListNoteAction(null, {
        listId: list.id,
        filmId: item.filmId,
        note,
      });
      report(result.ok ? { ...result, message: `Note on ${name(item)} saved.` } : result);
      if (!result.ok) return;
      setItems((current) =>
        current.map((i) =>
          i.filmId === item.filmId ? { ...i, note: note.trim() ? note : null } : i,
        ),
      );
      setVersion(result.data.version);
    });

  const saveOrder = () =>
    startTransition(async () => {
      const result = await reorderListAction(null, {
        listId: list.id,
        version,
        filmIds: order.join(","),
      });
      report(result);
      if (!result.ok) return;
      setSaved(order);
      setVersion(result.data.version);
    });

  const deleteList = () =>
    startTransition(async () => {
      const result = await deleteListAction(null, { listId: list.id });
      if (!result.ok) return report(result);
      router.push(`/u/${list.handle}/lists`);
    });

  /** The reorder handle: Space or Enter picks a film up, the arrows move it, Space drops it. */
  function onHandleKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const item = items[index]!;
    if (!grabbed) {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        setGrabbed({ filmId: item.filmId, from: index });
        setAnnouncement(
          `Picked up ${name(item)}, position ${index + 1} of ${n}. Use the up and down arrow keys to move it, Space to drop it, Escape to cancel.`,
        );
      }
      return;
    }
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      move(index, event.key === "ArrowUp" ? index - 1 : index + 1, true, `handle-${item.filmId}`);
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      setGrabbed(null);
      setAnnouncement(`${name(item)} dropped at position ${index + 1} of ${n}.`);
    } else if (event.key === "Escape") {
      event.preventDefault();
      move(index, grabbed.from, false, `handle-${item.filmId}`);
      setGrabbed(null);
      setAnnouncement(`Move cancelled. ${name(item)} is back at position ${grabbed.from + 1}.`);
    } else if (event.key === "Tab") {
      setGrabbed(null);
    }
  }

  // Dragging with a pointer (HTML drag and drop): the list reorders as the film passes others.
  const onDragStart = (event: DragEvent<HTMLButtonElement>, filmId: number) => {
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", String(filmId));
    // the whole film moves under the pointer, not just its handle
    const row = event.currentTarget.closest("li");
    if (row) event.dataTransfer.setDragImage(row, 16, 16);
    setDragging(filmId);
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, index: number) => {
    if (dragging == null) return;
    event.preventDefault();
    const from = items.findIndex((i) => i.filmId === dragging);
    if (from !== index) move(from, index, false);
  };
  const onDragEnd = () => {
    const index = items.findIndex((i) => i.filmId === dragging);
    if (dragging != null && index >= 0)
      setAnnouncement(`${name(items[index]!)} moved to position ${index + 1} of ${n}.`);
    setDragging(null);
  };

  return (
    <>
      <section aria-labelledby="list-details" className="mt-6">
        <h2 id="list-details" className="text-xl font-semibold">
          Details
        </h2>
        <div className="mt-3">
          <ListDetailsForm
            initial={list.details}
            limits={limits}
            submitLabel="Save details"
            save={(form) => {
              form.set("listId", String(list.id));
              return editListAction(null, form);
            }}
            onSaved={(r, values) => {
              setVersion((r.data as { version: number }).version);
              setRanked(values.ranked);
            }}
          />
        </div>
      </section>

      <section aria-labelledby="list-films" className="mt-8">
        <h2 id="list-films" className="text-xl font-semibold">
          Films ({n})
        </h2>
        <div className="mt-3">
          <ListFilmSearch onPick={add} disabled={pending} />
        </div>
        <p id="reorder-help" className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
          Change the order with Move up and Move down, by dragging a film, or with the keyboard:
          focus a film&apos;s &ldquo;Reorder&rdquo; handle, press Space, move it with the arrow keys
          and press Space again. Then save the order.
        </p>
        {n === 0 ? <p className="mt-3">No films yet: add some with the search above.</p> : null}
        <ol className="mt-3 flex flex-col gap-2" aria-label="Films on the list">
          {items.map((item, index) => (
            <li
              key={item.filmId}
              onDragOver={(e) => onDragOver(e, index)}
              onDrop={(e) => e.preventDefault()}
              data-testid="editor-film"
              className={`rounded-lg border p-3 ${
                dragging === item.filmId || grabbed?.filmId === item.filmId
                  ? "border-brand-600 bg-brand-50 dark:bg-zinc-800"
                  : "border-zinc-200 dark:border-zinc-800"
              }`}
            >
              <div className="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  aria-describedby="reorder-help"
                  id={`handle-${item.filmId}`}
                  // only the handle drags, so text in the note can still be selected
                  draggable
                  onDragStart={(e) => onDragStart(e, item.filmId)}
                  onDragEnd={onDragEnd}
                  aria-pressed={grabbed?.filmId === item.filmId}
                  onKeyDown={(e) => onHandleKey(e, index)}
                  className={`${smallButton} cursor-grab`}
                >
                  <span aria-hidden="true">⠿ </span>
                  <span className="sr-only">Reorder {name(item)}</span>
                </button>
                <span className="w-8 text-right font-bold tabular-nums">
                  {ranked ? `${index + 1}.` : ""}
                </span>
                <Link href={`/films/${item.slug}`} className="font-medium hover:underline">
                  {name(item)}
                </Link>
                <span className="ml-auto flex gap-1">
                  <button
                    type="button"
                    className={smallButton}
                    disabled={index === 0}
                    id={`up-${item.filmId}`}
                    onClick={() => move(index, index - 1, true, `up-${item.filmId}`)}
                    aria-label={`Move ${name(item)} up`}
                  >
                    Move up
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    disabled={index === n - 1}
                    id={`down-${item.filmId}`}
                    onClick={() => move(index, index + 1, true, `down-${item.filmId}`)}
                    aria-label={`Move ${name(item)} down`}
                  >
                    Move down
                  </button>
                  <button
                    type="button"
                    className={smallButton}
                    disabled={pending}
                    onClick={() => remove(item)}
                    aria-label={`Remove ${name(item)}`}
                  >
                    Remove
                  </button>
                </span>
              </div>
              <NoteField
                key={`${item.filmId}-${item.note ?? ""}`}
                item={item}
                label={`Note on ${name(item)}`}
                max={limits.note}
                disabled={pending}
                onSave={(note) => saveNote(item, note)}
              />
            </li>
          ))}
        </ol>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button
            type="button"
            className={buttonClass}
            disabled={!dirty || pending}
            onClick={saveOrder}
          >
            Save order
          </button>
          {dirty ? <span className="text-sm">The new order is not saved yet.</span> : null}
        </div>
        <div aria-live="assertive" className="sr-only" data-testid="reorder-announcement">
          {announcement}
        </div>
        <div className="mt-2">
          <FormStatus error={status.error} message={status.message} />
        </div>
      </section>

      <section aria-labelledby="list-danger" className="mt-10">
        <h2 id="list-danger" className="text-xl font-semibold">
          Delete
        </h2>
        {confirmDelete ? (
          <div className="mt-2 flex gap-2">
            <span>Delete this list? Its page will be gone.</span>
            <button type="button" className={smallButton} onClick={deleteList} disabled={pending}>
              Yes, delete it
            </button>
            <button type="button" className={smallButton} onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button
            type="button"
            className={`mt-2 ${smallButton}`}
            onClick={() => setConfirmDelete(true)}
          >
            Delete list
          </button>
        )}
      </section>
    </>
  );
}

/** A film's note, saved with its own button. */
function NoteField({
  item,
  label,
  max,
  disabled,
  onSave,
}: {
  item: ListItemView;
  label: string;
  max: number;
  disabled: boolean;
  onSave: (note: string) => void;
}) {
  const [note, setNote] = useState(item.note ?? "");
  const id = `note-${item.filmId}`;
  const changed = note !== (item.note ?? "");
  return (
    <div className="mt-2 flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        value={note}
        maxLength={max}
        onChange={(e) => setNote(e.target.value)}
        className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      {changed ? (
        <div>
          <button
            type="button"
            className={smallButton}
            disabled={disabled}
            onClick={() => onSave(note)}
          >
            Save note
          </button>
        </div>
      ) : null}
    </div>
  );
}
