/**
 * What each action does once the pipeline (lib/action.ts) has its actor and valid input: the
 * write, through the domain functions (which check ownership and run one transaction), and the
 * cache tags it changed. Shared by the server actions and the tests that forge requests to them.
 */
import type { Database } from "../index";

/** How the handlers reach the database: opened on first use, so building the app needs none. */
export type ActionDb = () => Promise<Database>;

export * from "./reviews";
export * from "./admin";
export * from "./editing";
export * from "./viewers";
export * from "./imports";
