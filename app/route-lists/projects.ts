import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * The network and its member projects (app/organisations/, app/projects/): organisations with
 * their members, term breaks and closure; the public directory, the network's overview, and
 * its oversight of every case's stage, outcome and annual reports. "projects/overview" and
 * "projects/cases" are static segments, so they rank above any "projects/:id" added later.
 */
export default [
  route("organisations", "routes/organisations.tsx"),
  route("organisations/new", "routes/organisations.new.tsx"),
  route("organisations/:id", "routes/organisations.$id.tsx"),
  route("organisations/:id/edit", "routes/organisations.$id.edit.tsx"),
  route("organisations/:id/members", "routes/organisations.$id.members.tsx"),
  route("organisations/:id/term-breaks", "routes/organisations.$id.term-breaks.tsx"),
  route("organisations/:id/year-end", "routes/organisations.$id.year-end.tsx"),
  route(
    "organisations/:id/letter-templates/:key",
    "routes/organisations.$id.letter-templates.$key.tsx",
  ),
  route("organisations/:id/close", "routes/organisations.$id.close.tsx"),
  route("projects", "routes/projects/directory.tsx"),
  route("projects/overview", "routes/projects/overview.tsx"),
  route("projects/cases", "routes/projects/cases.tsx"),
  route("projects/cases/:caseId/reports/:reportId.pdf", "routes/projects/cases-report-pdf.tsx"),
] satisfies RouteConfigEntry[];
