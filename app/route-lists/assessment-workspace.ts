import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Eligibility: taking an application for assessment and writing the assessment (app/eligibility/). */
export default [
  route("applications/:id/assess", "routes/applications/assess.tsx"),
  route("assessments/:id", "routes/assessments/workspace.tsx"),
  route("assessments/:id/hand-over", "routes/assessments/hand-over.tsx"),
] satisfies RouteConfigEntry[];
