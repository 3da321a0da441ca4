/**
 * Cached readers for the pages every reader shares. Each is tagged per entity, so a write
 * invalidates exactly what it changed (see `tags`). They never read request data.
 */
export * from "./films";
export * from "./catalogue";
export * from "./users";
