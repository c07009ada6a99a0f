import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { RouterContextProvider } from "react-router";
import type { Access } from "~/access/access";
import type { Acting } from "~/access/acting";
import type { Config } from "~/config/config.server";
import { accessContext, requestContext, servicesContext, sessionContext } from "~/context.server";
import type { Database } from "~/db/database.server";
import type { Mailer } from "~/mail/mailer.server";

/**
 * The context a route's loader or action gets once its middleware has let the user in: the
 * real database, the user's session as the session middleware resolves it, and the access
 * the route declared. For calling a route's action as the browser would post to it.
 */
export function routeContext(
  database: Database,
  acting: Acting,
  declared: Access = { kind: "signed-in" } as Access,
): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(servicesContext, {
    database,
    config: {} as Config,
    mailer: {} as Mailer,
    logger: pino({ level: "silent" }),
    secret: "route-call-secret-0123456789abcdef",
  });
  context.set(requestContext, {
    requestId: `test-${randomUUID()}`,
    ip: "127.0.0.1",
    userAgent: null,
    nonce: "",
  });
  context.set(sessionContext, { state: "active", viewer: acting.viewer });
  context.set(accessContext, declared);
  return context;
}

/** A form post to `path` with `fields` (application/x-www-form-urlencoded, as a browser sends). */
export function formPost(path: string, fields: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** What an action answered: a redirect's location, or the status and data of a response. */
export async function outcomeOf(
  run: () => Promise<unknown>,
): Promise<{ status: number; location?: string; data?: unknown }> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response)
    return { status: value.status, location: value.headers.get("Location") ?? undefined };
  if (
    value &&
    typeof value === "object" &&
    "type" in value &&
    value.type === "DataWithResponseInit"
  ) {
    const d = value as unknown as { data: unknown; init: { status?: number } | null };
    return { status: d.init?.status ?? 200, data: d.data };
  }
  throw new Error(`not an action's answer: ${String(value)}`);
}
