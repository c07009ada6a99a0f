import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Intake: the queue of applications, and likely duplicates, re-applications and co-defendants. */
export default [
  route("applications", "routes/queue/applications.tsx"),
  route("applications/:id/matches", "routes/queue/application-matches.tsx"),
] satisfies RouteConfigEntry[];
