import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Member projects (app/projects/): the public directory, the network's overview and each
 * project's term breaks. "projects/overview" is a static segment, so it would rank above any
 * "projects/:id" added later.
 */
export default [
  route("projects", "routes/projects/directory.tsx"),
  route("projects/overview", "routes/projects/overview.tsx"),
  route("organisations/:id/term-breaks", "routes/organisations.$id.term-breaks.tsx"),
] satisfies RouteConfigEntry[];
