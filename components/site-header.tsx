import Link from "next/link";
import { Suspense } from "react";
import { NotificationBell } from "./notification-bell";
import { SearchBox } from "./search-box";
import { UserMenu } from "./user-menu";

const NAV = [
  { href: "/films", label: "Films" },
  { href: "/feed", label: "Feed" },
  { href: "/charts", label: "Charts" },
  { href: "/about", label: "About" },
] as const;

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 dark:border-zinc-800">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link
          href="/"
          className="text-xl font-bold tracking-tight text-brand-600 no-underline dark:text-brand-500"
        >
          Reelrank
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm font-medium">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} className="hover:underline">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-4">
          <SearchBox />
          {/* it reads the path to ask again on each page; on a dynamic route that streams */}
          <Suspense fallback={null}>
            <NotificationBell />
          </Suspense>
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
