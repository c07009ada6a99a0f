import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Intake (app/intake/, app/letters/): the queue of applications and their likely matches,
 * postal entry and the application's file, its letters and questionnaire, taking it for
 * assessment, the applicant's record, and spreadsheet imports. Static segments
 * ("applications/new", "applications/acknowledge") rank above "applications/:id".
 */
export default [
  route("applications", "routes/queue/applications.tsx"),
  route("applications/new", "routes/applications/new.tsx"),
  route("applications/acknowledge", "routes/letters/applications.acknowledge.tsx"),
  route("applications/:id", "routes/applications/application.tsx"),
  route("applications/:id/matches", "routes/queue/application-matches.tsx"),
  route("applications/:id/entry/:section", "routes/applications/entry.tsx"),
  route("applications/:id/documents", "routes/applications/documents.tsx"),
  route("applications/:id/tasks", "routes/applications/tasks.tsx"),
  route("applications/:id/state", "routes/applications/state.tsx"),
  route("applications/:id/letters", "routes/letters/applications.$id.letters.tsx"),
  route(
    "applications/:id/letters/:documentId",
    "routes/letters/applications.$id.letters.$documentId.tsx",
  ),
  route("applications/:id/questionnaire.pdf", "routes/letters/applications.$id.questionnaire.tsx"),
  // Taking the application for assessment opens it in eligibility (app/eligibility/).
  route("applications/:id/assess", "routes/applications/assess.tsx"),
  route("documents/:id", "routes/applications/document.tsx"),
  route("applicants/:id", "routes/applicants/applicant.tsx"),
  route("applicants/:id/edit", "routes/applicants/edit.tsx"),
  route("applicants/:id/move", "routes/applicants/move.tsx"),
  route("applicants/:id/representatives", "routes/applicants/representatives.tsx"),
  route("applicants/:id/correspondence", "routes/applicants/correspondence.tsx"),
  route("imports", "routes/imports/list.tsx"),
  route("imports/new", "routes/imports/new.tsx"),
  route("imports/:id", "routes/imports/run.tsx"),
  route("imports/:id/mapping", "routes/imports/mapping.tsx"),
  route("imports/:id/errors.csv", "routes/imports/errors-csv.tsx"),
] satisfies RouteConfigEntry[];
