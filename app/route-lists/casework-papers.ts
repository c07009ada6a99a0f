import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Casework (app/casework/papers, chronology, people): the papers inventory and requests for
 * missing papers, the chronology and its printable PDF, the case's key characters, and a
 * person's page listing the cases they appear in.
 */
export default [
  route("cases/:id/papers", "routes/cases/papers.tsx"),
  route("cases/:id/chronology", "routes/cases/chronology.tsx"),
  route("cases/:id/chronology.pdf", "routes/cases/chronology-pdf.tsx"),
  route("cases/:id/people", "routes/cases/people.tsx"),
  route("people/:personId", "routes/people/person.tsx"),
] satisfies RouteConfigEntry[];
