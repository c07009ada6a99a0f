import { parse, serialize } from "cookie";
import type { MiddlewareFunction } from "react-router";
import { servicesContext, sessionContext } from "~/context.server";
import { lookupSession, SESSION_COOKIE, SESSION_DAYS } from "./sessions.server";

export function readSessionToken(request: Request): string | undefined {
  return parse(request.headers.get("cookie") ?? "")[SESSION_COOKIE];
}

/** A new session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS. */
export function sessionCookie(request: Request, token: string): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: new URL(request.url).protocol === "https:",
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearedSessionCookie(request: Request): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: new URL(request.url).protocol === "https:",
    maxAge: 0,
  });
}

/** Resolves the session cookie to the viewer for everything after it in the request. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }) => {
  const { database, config } = context.get(servicesContext);
  context.set(
    sessionContext,
    await lookupSession(database.db, readSessionToken(request), {
      idleMinutes: config.sessionIdleMinutes,
    }),
  );
};
