import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Casework supervision and output (app/casework/notes, reviews, time, correspondence,
 * application): case notes with the lead's sign-off, review meetings, the time log, the
 * correspondence with progress letters, and the draft CCRC/SCCRC application. The drafts'
 * files download through the case document route (cases/:id/documents/:documentId).
 */
export default [
  route("cases/:id/notes", "routes/cases/notes.tsx"),
  route("cases/:id/reviews", "routes/cases/reviews.tsx"),
  route("cases/:id/time", "routes/cases/time.tsx"),
  route("cases/:id/correspondence", "routes/cases/correspondence.tsx"),
  route("cases/:id/application", "routes/cases/application.tsx"),
] satisfies RouteConfigEntry[];
