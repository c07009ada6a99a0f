import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Referral (app/referrals/): the coordinator's queue and the case for referral, and every
 * signed-in user's notifications (offers, answers, returns are announced there).
 */
export default [
  route("referrals", "routes/referrals/queue.tsx"),
  route("referrals/:applicationId", "routes/referrals/case.tsx"),
  route("notifications", "routes/notifications.tsx"),
] satisfies RouteConfigEntry[];
