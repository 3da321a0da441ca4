import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Compression for the production server: a shared answer gzipped once per version of its bytes,
 * every other answer streamed through the `compression` middleware.
 */
export function compressOnce(options?: {
  /** Bound on the gzips kept (with the bytes they were made from); least recently used go first. */
  maxBytes?: number;
  /** Told of each gzip made for a shared answer, with its size. */
  onCompress?: (bytes: number) => void;
}): (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
