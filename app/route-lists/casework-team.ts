import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Casework (app/casework/): a case's team, its stages and deadlines, and its hand-over view.
 * The case overview itself stays at `cases/:id` (app/route-lists/project-cases.ts).
 */
export default [
  route("cases/:id/team", "routes/cases/team.tsx"),
  route("cases/:id/stages", "routes/cases/stages.tsx"),
  route("cases/:id/handover", "routes/cases/handover.tsx"),
] satisfies RouteConfigEntry[];
