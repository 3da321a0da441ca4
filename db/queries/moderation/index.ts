/** Moderation, by concern; imported by path where one concern is needed. */
export * from "./permissions";
export * from "./settings";
export * from "./reports";
export * from "./content";
export * from "./sanctions";
export * from "./roles";
export * from "./reads";
export * from "./notices";
export { statesOf } from "./state";
