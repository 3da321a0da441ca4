export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-zinc-200 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
      <div className="mx-auto max-w-5xl px-4 py-6">
        <p>Reelrank — Netflix Top 10 chart runs and what viewers thought of them.</p>
      </div>
    </footer>
  );
}
