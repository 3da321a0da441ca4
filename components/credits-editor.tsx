"use client";
import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { createPersonAction } from "@/app/films/[slug]/edit/actions";
import { FormStatus } from "./ui/field";

export type EditableCredit = {
  personId: number;
  name: string;
  nativeName: string | null;
  role: "director" | "writer" | "cast";
  character: string | null;
};

type PersonHit = { id: number; name: string; nativeName: string | null };

const input =
  "rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";
const ROLE_LABEL = { director: "Director", writer: "Writer", cast: "Cast" } as const;

/**
 * The credits of a film as an editor changes them: people found as you type (by name or native
 * name), new people added with their native name, order changed with the Move buttons or by
 * dragging, characters set. The whole list goes with the form as JSON in `credits`.
 */
export function CreditsEditor({ initial }: { initial: EditableCredit[] }) {
  const [list, setList] = useState(initial);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");

  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length) return;
    const next = [...list];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    setList(next);
    setAnnounce(`${item!.name} moved to position ${to + 1} of ${next.length}.`);
  };
  const update = (i: number, patch: Partial<EditableCredit>) =>
    setList(list.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const add = (person: PersonHit, role: EditableCredit["role"]) => {
    if (list.some((c) => c.personId === person.id && c.role === role)) {
      setAnnounce(`${person.name} is already credited as ${ROLE_LABEL[role].toLowerCase()}.`);
      return;
    }
    setList([
      ...list,
      {
        personId: person.id,
        name: person.name,
        nativeName: person.nativeName,
        role,
        character: null,
      },
    ]);
    setAnnounce(`${person.name} added as ${ROLE_LABEL[role].toLowerCase()}.`);
  };

  return (
    <fieldset className="mt-6 rounded border border-zinc-200 p-4 dark:border-zinc-800">
      <legend className="px-1 font-semibold">Credits</legend>
      <input
        type="hidden"
        name="credits"
        value={JSON.stringify(
          list.map(({ personId, role, character }) => ({ personId, role, character })),
        )}
      />
      <p aria-live="polite" className="sr-only">
        {announce}
      </p>
      {list.length === 0 ? <p className="text-sm">No one is credited yet.</p> : null}
      <ol className="space-y-2" data-testid="credits-list">
        {list.map((c, i) => (
          <li
            key={`${c.personId}-${c.role}`}
            draggable
            onDragStart={() => setDragged(i)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={() => {
              if (dragged != null) move(dragged, i);
              setDragged(null);
            }}
            className="flex flex-wrap items-center gap-2 rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800"
          >
            <span className="cursor-grab select-none text-zinc-500" aria-hidden="true">
              ⠿
            </span>
            <span className="min-w-40 font-medium">
              {c.name}
              {c.nativeName && c.nativeName !== c.name ? (
                <span className="ml-1 font-normal text-zinc-600 dark:text-zinc-400">
                  ({c.nativeName})
                </span>
              ) : null}
            </span>
            <label className="sr-only" htmlFor={`role-${i}`}>
              Role of {c.name}
            </label>
            <RoleSelect id={`role-${i}`} value={c.role} onChange={(role) => update(i, { role })} />
            {c.role === "cast" ? (
              <>
                <label className="sr-only" htmlFor={`character-${i}`}>
                  Character played by {c.name}
                </label>
                <input
                  id={`character-${i}`}
                  value={c.character ?? ""}
                  placeholder="Character"
                  onChange={(e) => update(i, { character: e.target.value || null })}
                  className={input}
                />
              </>
            ) : null}
            <span className="ml-auto flex gap-1">
              <button
                type="button"
                onClick={() => move(i, i - 1)}
                disabled={i === 0}
                className="underline disabled:no-underline disabled:opacity-40"
              >
                Move {c.name} up
              </button>
              <button
                type="button"
                onClick={() => move(i, i + 1)}
                disabled={i === list.length - 1}
                className="underline disabled:no-underline disabled:opacity-40"
              >
                Move {c.name} down
              </button>
              <button
                type="button"
                onClick={() => {
                  setList(list.filter((_, j) => j !== i));
                  setAnnounce(`${c.name} removed.`);
                }}
                className="text-red-700 underline dark:text-red-400"
              >
                Remove {c.name}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <PersonPicker onPick={add} />
      <NewPerson onCreated={add} />
    </fieldset>
  );
}

/** An ARIA combobox: type a name (or a native name), pick with the arrow keys and Enter. */
function PersonPicker({
  onPick,
}: {
  onPick: (p: PersonHit, role: EditableCredit["role"]) => void;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [active, setActive] = useState(-1);
  const [role, setRole] = useState<EditableCredit["role"]>("cast");
  const seq = useRef(0);

  useEffect(() => {
    const query = q.trim();
    if (!query) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void fetch(`/api/people/search?q=${encodeURIComponent(query)}`)
        .then((r) => (r.ok ? (r.json() as Promise<{ people: PersonHit[] }>) : { people: [] }))
        .then(({ people }) => {
          if (mine === seq.current) {
            setHits(people);
            setActive(people.length ? 0 : -1);
          }
        });
    }, 150);
    return () => clearTimeout(timer);
  }, [q]);

  const pick = (p: PersonHit) => {
    onPick(p, role);
    setQ("");
    setHits([]);
  };
  const open = q.trim() !== "" && hits.length > 0;
  return (
    <div className="mt-4 flex flex-wrap items-end gap-2 text-sm">
      <div className="relative flex flex-col">
        <label htmlFor={`${id}-q`} className="font-medium">
          Add a person
        </label>
        <input
          id={`${id}-q`}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
          value={q}
          autoComplete="off"
          placeholder="Name or native name"
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (!open) return;
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((active + 1) % hits.length);
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((active - 1 + hits.length) % hits.length);
            } else if (e.key === "Enter" && active >= 0) {
              e.preventDefault();
              pick(hits[active]!);
            } else if (e.key === "Escape") {
              setHits([]);
            }
          }}
          className={input}
        />
        <ul
          id={`${id}-list`}
          role="listbox"
          aria-label="People"
          hidden={!open}
          className="absolute top-full z-10 mt-1 w-72 rounded border border-zinc-300 bg-white shadow dark:border-zinc-700 dark:bg-zinc-900"
        >
          {hits.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
              className="cursor-pointer px-2 py-1 aria-selected:bg-brand-600 aria-selected:text-white"
            >
              {p.name}
              {p.nativeName ? ` (${p.nativeName})` : ""}
            </li>
          ))}
        </ul>
      </div>
      <div className="flex flex-col">
        <label htmlFor={`${id}-role`} className="font-medium">
          As
        </label>
        <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
      </div>
    </div>
  );
}

/** Someone Reelrank does not know yet: their name and, for Hangul and other scripts, their own. */
function NewPerson({
  onCreated,
}: {
  onCreated: (p: PersonHit, role: EditableCredit["role"]) => void;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [nativeName, setNativeName] = useState("");
  const [role, setRole] = useState<EditableCredit["role"]>("cast");
  const [state, action, pending] = useActionState(createPersonAction, null);
  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (state?.ok && handled.current !== state) {
      handled.current = state;
      onCreated(state.data, role);
      setName("");
      setNativeName("");
    }
  }, [state, role, onCreated]);
  return (
    <div className="mt-4 text-sm">
      <p className="font-medium">Not found? Add someone new</p>
      <div className="mt-1 flex flex-wrap items-end gap-2">
        <div className="flex flex-col">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={input}
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor={`${id}-native`}>Native name</label>
          <input
            id={`${id}-native`}
            value={nativeName}
            onChange={(e) => setNativeName(e.target.value)}
            className={input}
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor={`${id}-role`}>As</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <button
          type="button"
          disabled={pending || !name.trim()}
          onClick={() => startTransition(() => action({ name, nativeName }))}
          className="rounded border border-zinc-400 px-3 py-1 disabled:opacity-50"
        >
          Add new person
        </button>
      </div>
      <FormStatus error={state && !state.ok ? state.error : null} />
    </div>
  );
}

type Role = EditableCredit["role"];

/** Director, writer or cast: the one picker the list and both "add" forms use. */
function RoleSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: Role;
  onChange: (role: Role) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value as Role)}
      className={input}
    >
      {(Object.keys(ROLE_LABEL) as Role[]).map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </select>
  );
}
