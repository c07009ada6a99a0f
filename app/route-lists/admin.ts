import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Administration: users, the audit trail, the outbox, the assessment lists, prison
 * establishments, the network's settings and its letter templates.
 */
export default [
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/audit", "routes/admin.audit.tsx"),
  route("admin/outbox", "routes/admin.outbox.tsx"),
  route("admin/assessment-lists", "routes/admin/assessment-lists.tsx"),
  route("admin/assessment-lists/:list/new", "routes/admin/assessment-lists.new.tsx"),
  route("admin/assessment-lists/:list/:key", "routes/admin/assessment-lists.edit.tsx"),
  route("admin/establishments", "routes/admin/establishments.tsx"),
  route("admin/establishments/new", "routes/admin/establishments.new.tsx"),
  route("admin/establishments/:id", "routes/admin/establishments.$id.tsx"),
  route("admin/settings", "routes/admin/settings.tsx"),
  route("admin/letter-templates", "routes/admin/letter-templates.tsx"),
  route("admin/letter-templates/:key", "routes/admin/letter-templates.$key.tsx"),
] satisfies RouteConfigEntry[];
