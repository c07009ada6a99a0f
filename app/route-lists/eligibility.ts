import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Eligibility (app/eligibility/): the assessment queue, each assessment with its hand-over,
 * recommendation, second review, decision and reconsideration, and the dashboard.
 */
export default [
  route("assessments", "routes/assessments/queue.tsx"),
  route("assessments/:id", "routes/assessments/workspace.tsx"),
  route("assessments/:id/hand-over", "routes/assessments/hand-over.tsx"),
  route("assessments/:id/recommend", "routes/assessments/recommend.tsx"),
  route("assessments/:id/review", "routes/assessments/review.tsx"),
  route("assessments/:id/decide", "routes/assessments/decide.tsx"),
  route("assessments/:id/reconsider", "routes/assessments/reconsider.tsx"),
  route("eligibility/dashboard", "routes/eligibility/dashboard.tsx"),
] satisfies RouteConfigEntry[];
