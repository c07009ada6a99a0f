import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Casework (app/casework/): a case's lines of investigation, evidence register and
 * documents, and full-text search over the case files a user may see. The documents page
 * (`cases/:id/documents`) and the download (`cases/:id/documents/:documentId`, in
 * project-cases) differ in length, so they never clash.
 */
export default [
  route("cases/:id/lines", "routes/cases/lines.tsx"),
  route("cases/:id/lines/:lineId", "routes/cases/lines.$lineId.tsx"),
  route("cases/:id/evidence", "routes/cases/evidence.tsx"),
  route("cases/:id/documents", "routes/cases/documents.tsx"),
  route("search", "routes/search.tsx"),
] satisfies RouteConfigEntry[];
