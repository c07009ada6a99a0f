import { createHmac, timingSafeEqual } from "node:crypto";
import { parse, serialize } from "cookie";
import { isId } from "~/shared/ids";
import { DRAFT_SESSION_MINUTES } from "./draft-data";

/**
 * The cookie that lets one browser see one application in progress: the draft's id and an
 * expiry, signed with the app secret. The id in the address is not enough on its own.
 * It lasts two hours from the last save; after that the reference and secret are needed.
 */
export const DRAFT_COOKIE = "cn_apply";

function mac(secret: string, payload: string): string {
  return createHmac("sha256", `clearname:apply-draft:${secret}`)
    .update(payload)
    .digest("base64url");
}

export function signDraftToken(secret: string, draftId: string, now = Date.now()): string {
  const payload = `${draftId}.${Math.floor(now / 1000) + DRAFT_SESSION_MINUTES * 60}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The draft id the token was signed for, or null if it is forged, malformed or expired. */
export function verifyDraftToken(secret: string, token: string, now = Date.now()): string | null {
  const [id, expires, signature] = token.split(".");
  if (!id || !expires || !signature || !isId(id) || !/^\d+$/.test(expires)) return null;
  const expected = Buffer.from(mac(secret, `${id}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(expires) * 1000 > now ? id : null;
}

export function readDraftCookie(request: Request, secret: string): string | null {
  const token = parse(request.headers.get("cookie") ?? "")[DRAFT_COOKIE];
  return token ? verifyDraftToken(secret, token) : null;
}

/** HttpOnly, SameSite=Lax, only sent to /apply, Secure behind HTTPS. */
export function draftCookie(request: Request, secret: string, draftId: string): string {
  return serialize(DRAFT_COOKIE, signDraftToken(secret, draftId), {
    httpOnly: true,
    sameSite: "lax",
    path: "/apply",
    secure: new URL(request.url).protocol === "https:",
    maxAge: DRAFT_SESSION_MINUTES * 60,
  });
}
