import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Subject access, rectification and erasure requests of the officer's own organisation:
 * the list with the form to log one, a request's page (find, review, extend, bundle,
 * decide), a released bundle and a letter to the requester to download, and the list of
 * exemptions an item may be withheld under.
 */
export default [
  route("data-protection/requests", "routes/data-protection/requests.tsx"),
  route("data-protection/requests/:id", "routes/data-protection/requests.$id.tsx"),
  route(
    "data-protection/requests/:id/bundles/:bundleId",
    "routes/data-protection/requests.$id.bundles.$bundleId.tsx",
  ),
  route(
    "data-protection/requests/:id/letters/:letterId",
    "routes/data-protection/requests.$id.letters.$letterId.tsx",
  ),
  route("data-protection/exemptions", "routes/data-protection/exemptions.tsx"),
] satisfies RouteConfigEntry[];
