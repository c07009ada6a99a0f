import { isId } from "./ids";

/**
 * Link tokens (password resets and invitations, `newToken()`) are 43 characters of base64url.
 * Anything of their shape that is not one of our ids is treated as a secret: a new kind of
 * token is withheld without anyone having to remember to list it here.
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32,}$/;
/** Paths whose next segment is a secret whatever its shape (a mistyped token is still one). */
const SECRET_AFTER = new Set(["reset-password", "invitations"]);

export const WITHHELD_LINK = "[link sent to the recipient only]";

function isSecretSegment(segment: string, previous: string | undefined): boolean {
  if (previous !== undefined && SECRET_AFTER.has(previous)) return true;
  return TOKEN_SHAPE.test(segment) && !isId(segment);
}

/**
 * What the request log keeps of a URL: the path with every secret segment replaced by
 * `:token`, and only the names of query parameters. Their values can be form tokens
 * (`_csrf`), link tokens or what someone searched for about a case.
 */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf("?");
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const segments = pathname.split("/");
  const path = segments
    .map((segment, i) => (i > 0 && isSecretSegment(segment, segments[i - 1]) ? ":token" : segment))
    .join("/");
  if (queryAt === -1) return path;
  const names = [...new URLSearchParams(url.slice(queryAt + 1)).keys()];
  return names.length === 0 ? path : `${path}?${names.map((n) => `${n}=…`).join("&")}`;
}

/** Whether a link carries a secret (in its path or in a query value). */
export function linkCarriesSecret(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  const segments = url.pathname.split("/");
  if (segments.some((s, i) => i > 0 && isSecretSegment(s, segments[i - 1]))) return true;
  return [...url.searchParams.values()].some((v) => TOKEN_SHAPE.test(v) && !isId(v));
}

/** The text with every link that carries a secret replaced by WITHHELD_LINK. */
export function withholdSecretLinks(text: string): string {
  // Punctuation that ends a sentence is not part of the link.
  return text.replace(/(https?:\/\/[^\s<>"]+?)([.,;:!?)]*)(?=\s|$)/g, (_all, link, tail) =>
    linkCarriesSecret(link) ? `${WITHHELD_LINK}${tail}` : `${link}${tail}`,
  );
}
