// Word lists and identifier casing for generated names. Lists are fixed arrays (never read
// from the filesystem) so generation does not depend on the environment.

/** Entity nouns: object types of the default schema and folders under `src/entities`. */
export const ENTITIES = [
  "User", "Team", "Project", "Task", "Comment", "Post", "Invoice", "Order", "Product", "Review",
  "Category", "Shipment", "Warehouse", "Supplier", "Customer", "Payment", "Refund", "Coupon",
  "Campaign", "Channel", "Message", "Thread", "Attachment", "Document", "Folder", "Workspace",
  "Organization", "Membership", "Invitation", "Role", "Permission", "Policy", "Incident", "Alert",
  "Metric", "Dashboard", "Widget", "Report", "Schedule", "Event", "Venue", "Ticket", "Booking",
  "Room", "Guest", "Vehicle", "Driver", "Route", "Stop", "Trip", "Course", "Lesson", "Quiz",
  "Student", "Teacher", "Grade", "Article", "Author", "Publisher", "Book", "Chapter", "Playlist",
  "Track", "Album", "Artist", "Recipe", "Ingredient", "Menu", "Restaurant", "Reservation",
  "Patient", "Doctor", "Appointment", "Prescription", "Clinic", "Property", "Listing", "Agent",
  "Lease", "Tenant", "Repository", "Commit", "Branch", "Release", "Deployment", "Environment",
  "Pipeline", "Job", "Runner", "Secret", "Webhook", "Integration", "Device", "Sensor", "Reading",
  "Firmware", "Region", "Account",
];

/** Suffixes of fragment keys (`UserCard`, `TeamSummary`, …). */
export const FRAGMENT_WORDS = [
  "Fields", "Card", "Summary", "Details", "Preview", "Row", "Header", "Badge", "ListItem", "Meta",
  "Info", "Profile", "Panel", "Tile", "Overview", "Snippet", "Core", "Basics", "Link", "Avatar",
];

/** Verbs and nouns for operation, file and function names. */
export const VERBS = [
  "get", "load", "fetch", "list", "find", "search", "watch", "format", "build", "parse", "create",
  "update", "resolve", "compute", "render", "select", "merge", "sort", "group", "filter", "map",
  "normalize", "validate", "track", "measure", "schedule", "sync", "open", "close", "toggle",
];
export const NOUNS = [
  "label", "title", "price", "total", "range", "limit", "cursor", "page", "filter", "sorting",
  "layout", "theme", "color", "size", "status", "badge", "summary", "timeline", "history", "cache",
  "query", "token", "session", "route", "link", "menu", "toolbar", "dialog", "table", "grid",
  "chart", "legend", "tooltip", "avatar", "banner", "footer", "header", "sidebar", "panel", "form",
  "field", "input", "option", "selection", "pager", "counter", "timer", "locale", "currency", "date",
];
export const ADJECTIVES = [
  "active", "recent", "pending", "shared", "primary", "compact", "detailed", "visible", "nested",
  "cached", "default", "draft", "public", "private", "local", "remote", "stale", "fresh", "empty", "full",
];
/** Feature areas: folders of pages, components, hooks and utils. */
export const AREAS = [
  "account", "billing", "catalog", "checkout", "dashboard", "inbox", "insights", "settings",
  "onboarding", "admin", "search", "profile", "reports", "projects", "teams", "calendar", "files",
  "support", "orders", "shipping", "marketing", "analytics", "community", "learning", "health",
];

/** `UserCard` → `userCard`. */
export function camel(name) {
  return name[0].toLowerCase() + name.slice(1);
}

/** `userCard` → `UserCard`. */
export function pascal(name) {
  return name[0].toUpperCase() + name.slice(1);
}

/** `UserCard` → `user-card`. */
export function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** A naive English plural, enough for the noun lists above. */
export function plural(noun) {
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(noun)) return noun + "es";
  return noun + "s";
}

/** Hands out unique names: the first request gets `base`, later ones `base2`, `base3`, … */
export class NamePool {
  constructor() {
    this.used = new Set();
  }

  /** Reserves a name without handing it out (schema words, keywords). */
  reserve(name) {
    this.used.add(name);
  }

  take(base) {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}${n}`;
    this.used.add(name);
    return name;
  }
}
