"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

const DEBOUNCE_MS = 150;

/**
 * The behaviour of a combobox with a listbox popup over /api/search (WAI-ARIA APG): suggestions
 * after a short pause in typing, arrows that wrap around, Enter to choose, Escape to close and
 * then to clear. A newer keystroke cancels the older request, so a slow answer never replaces a
 * newer one.
 */
export function useSearchCombobox<R, O>({
  limit,
  parse,
  optionsOf,
  announce,
  choose,
  enterSubmits,
}: {
  limit: number;
  /** Turns /api/search's JSON into what the popup shows. */
  parse: (json: unknown) => R;
  optionsOf: (result: R) => O[];
  /** What the live region says when suggestions arrive. */
  announce: (count: number) => string;
  choose: (option: O) => void;
  /** Whether Enter with no option chosen is left to the surrounding form. */
  enterSubmits: boolean;
}) {
  const [q, setQ] = useState("");
  const [result, setResult] = useState<R | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const options = result ? optionsOf(result) : [];
  const activeOption = active >= 0 ? options[active] : undefined;

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  function suggest(text: string) {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    fetch(`/api/search?${new URLSearchParams({ q: text, limit: String(limit) })}`, {
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : null))
      .then((data) => {
        if (controller.signal.aborted || !data) return;
        const next = parse(data);
        setResult(next);
        setActive(-1);
        setOpen(true);
        setAnnouncement(announce(optionsOf(next).length));
      })
      .catch(() => {
        // aborted or offline: nothing to suggest
      });
  }

  function onChange(value: string) {
    setQ(value);
    clearTimeout(timer.current);
    const text = value.trim();
    if (!text) {
      request.current?.abort();
      setResult(null);
      setOpen(false);
      setActive(-1);
      return;
    }
    timer.current = setTimeout(() => suggest(text), DEBOUNCE_MS);
  }

  function pick(option: O) {
    onChange("");
    choose(option);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const n = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (n === 0) return;
      event.preventDefault();
      setOpen(true);
      const down = event.key === "ArrowDown";
      setActive((i) => (down ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (event.key === "Enter") {
      const option = open ? activeOption : undefined;
      if (option) {
        event.preventDefault();
        pick(option);
      } else if (!enterSubmits) event.preventDefault();
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else onChange("");
    }
  }

  return {
    q,
    result,
    options,
    activeOption,
    expanded: open && options.length > 0,
    announcement,
    onChange,
    onKeyDown,
    pick,
    hover: setActive,
    reopen: () => options.length > 0 && setOpen(true),
    close: () => setOpen(false),
  };
}
