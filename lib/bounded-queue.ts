/**
 * Runs expensive work (argon2 hashing) a few at a time, with a bounded waiting line: beyond it a
 * caller is told at once that the server is busy instead of waiting behind hundreds of others.
 */
import pLimit from "p-limit";

export class QueueFullError extends Error {
  constructor() {
    super("The server is busy; try again in a moment.");
    this.name = "QueueFullError";
  }
}

export type BoundedQueue = {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
};

export function boundedQueue({
  concurrency,
  maxWaiting,
}: {
  concurrency: number;
  maxWaiting: number;
}): BoundedQueue {
  const limit = pLimit(Math.max(1, Math.floor(concurrency)));
  return {
    run(work) {
      const busy = limit.activeCount + limit.pendingCount;
      if (busy >= limit.concurrency + Math.max(0, maxWaiting)) {
        return Promise.reject(new QueueFullError());
      }
      return limit(work);
    },
    get active() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}
