import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * A member project's side of referral (app/referrals/): its leads' offers inbox and each
 * offer with its case pack, the project's cases and their documents, and the network
 * administrators' closing of a project.
 */
export default [
  route("offers", "routes/offers/inbox.tsx"),
  route("offers/:id", "routes/offers/offer.tsx"),
  route("offers/:id/documents/:documentId", "routes/offers/offer-document.tsx"),
  route("cases", "routes/cases/list.tsx"),
  route("cases/:id", "routes/cases/case.tsx"),
  route("cases/:id/documents/:documentId", "routes/cases/case-document.tsx"),
  route("organisations/:id/close", "routes/organisations.$id.close.tsx"),
] satisfies RouteConfigEntry[];
