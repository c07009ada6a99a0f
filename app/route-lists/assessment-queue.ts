import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Eligibility: the assessment queue, workload, the dashboard and the assessment reference lists. */
export default [
  route("assessments", "routes/assessments/queue.tsx"),
  route("eligibility/dashboard", "routes/eligibility/dashboard.tsx"),
  route("admin/assessment-lists", "routes/admin/assessment-lists.tsx"),
  route("admin/assessment-lists/:list/new", "routes/admin/assessment-lists.new.tsx"),
  route("admin/assessment-lists/:list/:key", "routes/admin/assessment-lists.edit.tsx"),
] satisfies RouteConfigEntry[];
