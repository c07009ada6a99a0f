import { randomBytes, timingSafeEqual } from "node:crypto";
import { parse, serialize } from "cookie";
import { data, type MiddlewareFunction } from "react-router";
import { csrfContext } from "~/context.server";

export const CSRF_COOKIE = "cn_csrf";
export const CSRF_FIELD = "_csrf";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit CSRF protection for every state-changing request: the form (or the
 * x-csrf-token header) must carry the value of the HttpOnly cookie, and a cross-site
 * Origin is refused outright. Forms get the token through <CsrfInput />.
 */
export const csrfMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const cookies = parse(request.headers.get("cookie") ?? "");
  const existing = cookies[CSRF_COOKIE];
  const token =
    existing && /^[A-Za-z0-9_-]{43}$/.test(existing)
      ? existing
      : randomBytes(32).toString("base64url");
  context.set(csrfContext, token);
  if (!SAFE.has(request.method)) {
    const url = new URL(request.url);
    const origin = request.headers.get("origin");
    if (origin && origin !== url.origin) {
      // A malformed request rather than a forbidden one, as server/app.ts answers it first.
      throw data(
        { message: "This form was sent from another site and has been refused." },
        { status: 400 },
      );
    }
    let sent = request.headers.get("x-csrf-token");
    const type = request.headers.get("content-type") ?? "";
    if (!sent && type.includes("multipart/form-data")) {
      // Uploads are streamed by their action with a size limit, never buffered here: their
      // forms carry the token in the action URL (`?_csrf=…`, see useCsrfToken).
      sent = url.searchParams.get(CSRF_FIELD);
    } else if (!sent) {
      if (type.includes("form")) {
        const form = await request.clone().formData();
        const value = form.get(CSRF_FIELD);
        sent = typeof value === "string" ? value : null;
      }
    }
    if (!existing || !sent || !same(sent, existing)) {
      throw data(
        {
          message:
            "Your form could not be sent because the page had expired. Go back, refresh the page and try again.",
        },
        { status: 403 },
      );
    }
  }
  const response = await next();
  if (existing !== token) {
    response.headers.append(
      "Set-Cookie",
      serialize(CSRF_COOKIE, token, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: new URL(request.url).protocol === "https:",
      }),
    );
  }
  return response;
};
