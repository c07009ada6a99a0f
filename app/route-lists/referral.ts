import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Referral (app/referrals/): the coordinator's queue and each case for referral, and a member
 * project's offers inbox with each offer and its case pack.
 */
export default [
  route("referrals", "routes/referrals/queue.tsx"),
  route("referrals/:applicationId", "routes/referrals/case.tsx"),
  route("offers", "routes/offers/inbox.tsx"),
  route("offers/:id", "routes/offers/offer.tsx"),
  route("offers/:id/documents/:documentId", "routes/offers/offer-document.tsx"),
] satisfies RouteConfigEntry[];
