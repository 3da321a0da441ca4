import type { RedisClientType } from "@redis/client";

export declare const COMMAND_TIMEOUT_MS: number;
export declare const TAG_SYNC_MS: number;

export type TagTimes = { stale?: number; expired?: number };

export declare class SharedRedis {
  constructor(url: string);
  readonly label: string;
  available: boolean | null;
  tags: Map<string, TagTimes>;
  connected: Promise<void>;
  ready(): RedisClientType | null;
  whenReady(): Promise<RedisClientType | null>;
  entryKey(kind: string, key: string): string;
  syncTags(): Promise<void>;
  updateTags(tags: string[], durations?: { expire?: number }): Promise<void>;
  expiration(tags: string[]): number;
  isExpired(tags: string[], timestamp: number): boolean;
  isStale(tags: string[], timestamp: number): boolean;
  close(): void;
}

export declare function sharedRedis(): SharedRedis;
export declare function encode(value: unknown): string;
export declare function decode(text: string): unknown;
export declare function ttlSeconds(expire: number | undefined): number;
