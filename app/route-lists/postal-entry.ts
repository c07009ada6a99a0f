import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** Intake channel 1: postal applications entered by staff, and the applicant's file. */
export default [
  route("applications/new", "routes/applications/new.tsx"),
  route("applications/:id", "routes/applications/application.tsx"),
  route("applications/:id/entry/:section", "routes/applications/entry.tsx"),
  route("applications/:id/documents", "routes/applications/documents.tsx"),
  route("applications/:id/state", "routes/applications/state.tsx"),
  route("documents/:id", "routes/applications/document.tsx"),
  route("applicants/:id", "routes/applicants/applicant.tsx"),
  route("applicants/:id/edit", "routes/applicants/edit.tsx"),
  route("applicants/:id/move", "routes/applicants/move.tsx"),
  route("applicants/:id/representatives", "routes/applicants/representatives.tsx"),
  route("applicants/:id/correspondence", "routes/applicants/correspondence.tsx"),
] satisfies RouteConfigEntry[];
