import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Letters and printing (app/letters/), and the administration of establishments and
 * settings. "applications/acknowledge" is a static segment, so it ranks above any
 * "applications/:id" from another list.
 */
export default [
  route("applications/acknowledge", "routes/letters/applications.acknowledge.tsx"),
  route("applications/:id/letters", "routes/letters/applications.$id.letters.tsx"),
  route(
    "applications/:id/letters/:documentId",
    "routes/letters/applications.$id.letters.$documentId.tsx",
  ),
  route("applications/:id/questionnaire.pdf", "routes/letters/applications.$id.questionnaire.tsx"),
  route("admin/establishments", "routes/admin/establishments.tsx"),
  route("admin/establishments/new", "routes/admin/establishments.new.tsx"),
  route("admin/establishments/:id", "routes/admin/establishments.$id.tsx"),
  route("admin/settings", "routes/admin/settings.tsx"),
] satisfies RouteConfigEntry[];
