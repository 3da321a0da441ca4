/**
 * A browser event telling the reader-specific parts of a film page that the reader's own state
 * for the film changed (a log saved a rating or review text), so each fetches it again.
 */
export const READER_STATE_CHANGED = "reelrank:reader-state-changed";

export type ReaderStateChanged = CustomEvent<{ filmSlug: string }>;

export function announceReaderStateChanged(filmSlug: string): void {
  window.dispatchEvent(new CustomEvent(READER_STATE_CHANGED, { detail: { filmSlug } }));
}

/** Calls `onChange` when the reader's state for `filmSlug` changes; returns the unsubscribe. */
export function onReaderStateChanged(filmSlug: string, onChange: () => void): () => void {
  const listener = (event: Event) => {
    if ((event as ReaderStateChanged).detail?.filmSlug === filmSlug) onChange();
  };
  window.addEventListener(READER_STATE_CHANGED, listener);
  return () => window.removeEventListener(READER_STATE_CHANGED, listener);
}
