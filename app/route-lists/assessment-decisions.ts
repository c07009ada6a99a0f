import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Eligibility: recommendation, second review, the decision and its letter, reconsideration. */
export default [
  route("assessments/:id/recommend", "routes/assessments/recommend.tsx"),
  route("assessments/:id/review", "routes/assessments/review.tsx"),
  route("assessments/:id/decide", "routes/assessments/decide.tsx"),
  route("assessments/:id/reconsider", "routes/assessments/reconsider.tsx"),
] satisfies RouteConfigEntry[];
