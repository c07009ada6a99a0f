import { createContext, RouterContextProvider } from "react-router";
import type { Access } from "~/access/access";
import type { SessionLookup } from "~/identity/sessions.server";
import type { RequestFacts, Services } from "~/services";

export const servicesContext = createContext<Services>();
export const requestContext = createContext<RequestFacts>();
export const sessionContext = createContext<SessionLookup>({ state: "none" });
export const csrfContext = createContext<string>("");
/** Set by a route's `access` middleware; loaders refuse to run without it (deny by default). */
export const accessContext = createContext<Access | null>(null);

/** Builds the context React Router passes to middleware, loaders and actions. */
export function createAppLoadContext(
  services: Services,
  facts: RequestFacts,
): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(servicesContext, services);
  context.set(requestContext, facts);
  return context;
}
