/**
 * What every typed value goes through before a schema or the database sees it.
 *
 * - Control characters other than tab, line feed and carriage return are removed: PostgreSQL
 *   text cannot hold NUL, and the others are never typed by a person (they come from pasted
 *   binary or from an attacker). Removing them loses nothing anyone meant to write.
 * - Unicode is normalised to NFC, so that a name typed on one device matches the same name
 *   typed on another (é as one code point or as e + combining accent).
 * - A value longer than `MAX_FIELD_LENGTH` is refused with a field error rather than cut, so
 *   nothing is silently lost.
 */

export const MAX_FIELD_LENGTH = 100_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A typed value with control characters removed and Unicode in NFC. */
export function normaliseText(value: string): string {
  return value.replace(CONTROL, "").normalize("NFC");
}

export type TooLong = { name: string; length: number };

/**
 * A copy of `formData` with every text value normalised (files are left as they are; so are
 * the fields named in `asTyped`, passwords), and the fields whose value is longer than
 * `MAX_FIELD_LENGTH` after normalisation.
 */
export function normaliseFormData(
  formData: FormData,
  asTyped: ReadonlySet<string> = new Set(),
): { formData: FormData; tooLong: TooLong[] } {
  const out = new FormData();
  const tooLong: TooLong[] = [];
  for (const [name, value] of formData.entries()) {
    const key = normaliseText(name);
    if (typeof value !== "string") {
      out.append(key, value);
      continue;
    }
    // A secret (a password) is compared exactly as typed: only its length is capped.
    const text = asTyped.has(key) ? value : normaliseText(value);
    if (text.length > MAX_FIELD_LENGTH) {
      tooLong.push({ name: key, length: text.length });
      // Keep what fits, so the form shows the user their text back to shorten.
      out.append(key, text.slice(0, MAX_FIELD_LENGTH));
    } else out.append(key, text);
  }
  return { formData: out, tooLong };
}

/** A query string's values normalised the same way (search boxes, filters). */
export function normaliseSearchParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of params)
    out.append(normaliseText(name), normaliseText(value).slice(0, MAX_FIELD_LENGTH));
  return out;
}
