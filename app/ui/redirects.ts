const BASE = "http://x.invalid";
/** Tabs, newlines and other controls (a browser drops some of them), and backslashes (it reads them as `/`). */
const hasUnsafeCharacter = (text: string) =>
  [...text].some((c) => c === "\\" || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
/** The same, percent-encoded, and encoded slashes: a later decoding must not make them live. */
const UNSAFE_ENCODED = /%(?:[01][0-9a-f]|7f|2f|5c)/i;
const MAX_LENGTH = 2048;

/**
 * Only paths on this site: a `redirectTo` cannot send anyone to another one. The target is
 * refused (the fallback is used) when it holds anything a browser would rewrite before
 * reading it, so that `/%09/evil.example` cannot become `//evil.example`; what is left is
 * resolved as a URL and must still be on this origin. The answer is always a path.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/",
): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  if (hasUnsafeCharacter(to) || UNSAFE_ENCODED.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser may have collapsed something into a leading `//`: never hand that back.
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
