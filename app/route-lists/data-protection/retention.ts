import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * The retention schedule of the officer's own organisation, its legal holds, and its
 * sweeps: the list with a new dry run, and a sweep's page (dry run, approval, progress).
 */
export default [
  route("data-protection/retention", "routes/data-protection/retention.tsx"),
  route("data-protection/holds", "routes/data-protection/holds.tsx"),
  route("data-protection/sweeps", "routes/data-protection/sweeps.tsx"),
  route("data-protection/sweeps/:id", "routes/data-protection/sweeps.$id.tsx"),
] satisfies RouteConfigEntry[];
