import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * The audit tool (the trail filtered, paged, exported as CSV, its chain checked) and each
 * record's access history, for the network's officer and each project's own.
 */
export default [
  route("data-protection/audit", "routes/data-protection/audit.tsx"),
  route("data-protection/audit/export", "routes/data-protection/audit.export.tsx"),
  route("data-protection/history/:type/:id", "routes/data-protection/history.tsx"),
  route("data-protection/history/:type/:id/export", "routes/data-protection/history.export.tsx"),
] satisfies RouteConfigEntry[];
