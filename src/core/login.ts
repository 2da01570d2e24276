// The one type every domain module shares, at the bottom of the core's imports, so the
// modules that core/types.ts builds on (action items, reviews) need not import it back.

/** A GitHub login without the leading `@`. */
export type Login = string;
