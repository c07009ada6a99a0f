import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * The annual case report (app/casework/report/): the lead's page with the draft and its PDF,
 * the reports sent, and the network's oversight of every case's stage and outcome with the
 * reports received. "projects/cases" is a static segment, so it ranks above any "projects/:id".
 */
export default [
  route("cases/:id/report", "routes/cases/report.tsx"),
  route("cases/:id/report.pdf", "routes/cases/report-pdf.tsx"),
  route("cases/:id/reports/:reportId.pdf", "routes/cases/report-sent-pdf.tsx"),
  route("projects/cases", "routes/projects/cases.tsx"),
  route("projects/cases/:caseId/reports/:reportId.pdf", "routes/projects/cases-report-pdf.tsx"),
] satisfies RouteConfigEntry[];
