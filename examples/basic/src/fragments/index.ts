// A barrel: pages import fragments from here, by name or as a namespace.
export * from "./user";
export * from "./post";
export { searchResultFields as searchFields } from "./search";
