import { redirect } from "react-router";
import { requires } from "~/access/access";
import { access } from "~/access/access.server";
import type { Route } from "./+types/admin.audit";

export const middleware: Route.MiddlewareFunction[] = [access(requires("view:audit:any"))];

/** The audit trail moved to the data-protection audit tool; old links and bookmarks follow it. */
export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  return redirect(`/data-protection/audit${url.search}`, 301);
}
