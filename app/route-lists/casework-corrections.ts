import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Correcting the case file (app/casework/time, reviews, papers, correspondence): one page per
 * entry to correct it and, where it may be removed, to remove it with a confirmation.
 */
export default [
  route("cases/:id/time/:entryId", "routes/cases/time.$entryId.tsx"),
  route("cases/:id/reviews/:reviewId", "routes/cases/reviews.$reviewId.tsx"),
  route("cases/:id/papers/:paperId", "routes/cases/papers.$paperId.tsx"),
  route("cases/:id/correspondence/:entryId", "routes/cases/correspondence.$entryId.tsx"),
] satisfies RouteConfigEntry[];
