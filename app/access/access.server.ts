import { data, type MiddlewareFunction, type RouterContextProvider, redirect } from "react-router";
import { accessContext, requestContext, servicesContext, sessionContext } from "~/context.server";
import { asUser, type Tx } from "~/db/database.server";
import { AppError } from "~/errors/app-error";
import type { Access } from "./access";
import type { Acting } from "./acting";
import { can, mustUseTwoFactor, type Viewer } from "./viewer";

export type AccessMiddleware = MiddlewareFunction<Response> & { access: Access };

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  return redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The declaration every route makes of who may use it, enforced before its loader or
 * action runs. Anyone not signed in is sent to sign in; anyone signed in without the
 * permission gets a 403 page; an administrator without a second factor is sent to set one up.
 */
export function access(requirement: Access): AccessMiddleware {
  const middleware: MiddlewareFunction<Response> = ({ request, context }) => {
    const session = context.get(sessionContext);
    if (requirement.kind === "public") {
      context.set(accessContext, requirement);
      return;
    }
    if (requirement.kind === "second-factor-pending") {
      if (session.state !== "second-factor-pending") throw redirect("/sign-in");
      context.set(accessContext, requirement);
      return;
    }
    if (session.state === "second-factor-pending") throw redirect("/sign-in/two-factor");
    if (session.state !== "active") throw signInRedirect(request);
    const viewer = session.viewer;
    const enrolling = requirement.kind === "signed-in" && requirement.duringEnrolment;
    if (!enrolling && mustUseTwoFactor(viewer) && !viewer.twoFactorEnabled) {
      throw redirect("/account/two-factor?required=1");
    }
    if (requirement.kind === "permission" && !requirement.anyOf.some((p) => can(viewer, p))) {
      throw data({ message: "Your role does not give you access to this page." }, { status: 403 });
    }
    context.set(accessContext, requirement);
  };
  return Object.assign(middleware, { access: requirement });
}

function checked(context: Readonly<RouterContextProvider>): Access {
  const declared = context.get(accessContext);
  if (!declared) {
    // A route without an access declaration gets nothing: deny by default.
    throw data({ message: "This page has not declared who may use it." }, { status: 403 });
  }
  return declared;
}

/** The signed-in viewer, for routes that declared they need one. */
export function requireViewer(context: Readonly<RouterContextProvider>): Viewer {
  checked(context);
  const session = context.get(sessionContext);
  if (session.state !== "active") throw data({ message: "Sign in to continue." }, { status: 401 });
  return session.viewer;
}

export function actingFrom(context: Readonly<RouterContextProvider>): Acting {
  const facts = context.get(requestContext);
  return { viewer: requireViewer(context), ip: facts.ip, requestId: facts.requestId };
}

/** Turns a domain error into the page React Router shows for its status. */
export function toResponse(error: unknown): never {
  if (error instanceof AppError) {
    throw data({ message: error.message, code: error.code }, { status: error.status });
  }
  throw error;
}

/**
 * Runs domain work as the signed-in viewer: in one transaction, under row-level security
 * keyed on them. Domain errors become the matching error page.
 */
export async function asViewer<T>(
  context: Readonly<RouterContextProvider>,
  fn: (tx: Tx, acting: Acting) => Promise<T>,
): Promise<T> {
  const acting = actingFrom(context);
  const { database } = context.get(servicesContext);
  try {
    return await asUser(database.db, acting.viewer.id, (tx) => fn(tx, acting));
  } catch (error) {
    return toResponse(error);
  }
}
