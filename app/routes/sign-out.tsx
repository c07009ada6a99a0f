import { redirect } from "react-router";
import { PUBLIC } from "~/access/access";
import { access } from "~/access/access.server";
import { requestContext, servicesContext } from "~/context.server";
import { clearedSessionCookie, readSessionToken } from "~/identity/session-cookie.server";
import { signOut } from "~/identity/sign-in.server";
import type { Route } from "./+types/sign-out";

// Public so that a half-finished or expired session can always be cleared.
export const middleware: Route.MiddlewareFunction[] = [access(PUBLIC)];

export function loader() {
  throw redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const token = readSessionToken(request);
  if (token) {
    const { database } = context.get(servicesContext);
    const facts = context.get(requestContext);
    await signOut(database.db, token, { userId: null, ip: facts.ip, requestId: facts.requestId });
  }
  throw redirect("/sign-in?signedOut=1", {
    headers: { "Set-Cookie": clearedSessionCookie(request) },
  });
}
