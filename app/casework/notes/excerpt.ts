/** How much of a note a list shows before cutting it short. */
export const EXCERPT_LENGTH = 140;

/**
 * The start of a note for a list: its whitespace run together, and, if it is longer than
 * `length`, cut at the last word that fits and ended with "…".
 */
export function excerpt(body: string, length = EXCERPT_LENGTH): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
