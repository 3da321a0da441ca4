/** autocannon, warmed up and reduced to the figures the report prints. */
import autocannon from "autocannon";

export type Measurement = {
  rps: number;
  p50: number;
  p99: number;
  /** non-2xx answers plus socket errors and timeouts */
  errors: number;
  non2xx: number;
  /** socket errors, timeouts included */
  socketErrors: number;
  requests: number;
};

export function summarise(result: autocannon.Result): Measurement {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    requests: result.requests.total,
  };
}

/** Fails unless the URL answers 2xx: a benchmark of an error page measures nothing. */
export async function expectOk(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}; not benchmarking it.`);
  return text;
}

/** The first request renders and caches; a short light load then warms the JIT. */
export async function warmUp(
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<void> {
  await expectOk(url, headers);
  await autocannon({ url, connections: 8, duration: seconds, headers });
}

/**
 * The load runs in a worker thread: on the main thread it would starve the writers and the poller
 * of scenario 3 (their timings would measure this process's queue, not the server).
 */
export async function measure(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
  /** Requests per second across all connections; none: as fast as the server answers. */
  overallRate?: number,
) {
  return summarise(
    await autocannon({
      url,
      connections,
      duration: seconds,
      headers,
      workers: 1,
      ...(overallRate ? { overallRate } : {}),
    }),
  );
}
