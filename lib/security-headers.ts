/**
 * The headers every response carries (next.config.ts `headers()`). One policy for every page, with
 * no per-request nonce: the shared pages are served from cache, and a nonce would make each of them
 * render per request (STYLE.md, "Caching is designed": 0.08× the throughput of a cached page).
 */

export type HeaderPair = { key: string; value: string };

/**
 * - script-src keeps 'unsafe-inline': Next writes the React Server Components payload into the
 *   page as inline `<script>self.__next_f.push(…)</script>` tags, which only a nonce or a hash
 *   per response could allow otherwise. 'unsafe-eval' only in development (React's dev tools
 *   rebuild call stacks with eval).
 * - style-src keeps 'unsafe-inline': React renders `style` attributes (chart bars, map colours).
 * - img-src: every image is ours or an inline SVG in the style sheet (`data:` star masks).
 */
export function contentSecurityPolicy({ dev }: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export function securityHeaders({ production }: { production: boolean }): HeaderPair[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev: !production }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    // browsers ignore it over plain http; a development server on localhost must not send it
    ...(production
      ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
      : []),
  ];
}
