import { index, type RouteConfig, route } from "@react-router/dev/routes";
import assessmentDecisions from "./route-lists/assessment-decisions";
import assessmentQueue from "./route-lists/assessment-queue";
import assessmentWorkspace from "./route-lists/assessment-workspace";
import caseworkCorrections from "./route-lists/casework-corrections";
import caseworkEvidence from "./route-lists/casework-evidence";
import caseworkNotes from "./route-lists/casework-notes";
import caseworkPapers from "./route-lists/casework-papers";
import caseworkReport from "./route-lists/casework-report";
import caseworkTeam from "./route-lists/casework-team";
import imports from "./route-lists/imports";
import letters from "./route-lists/letters";
import onlineApplication from "./route-lists/online-application";
import postalEntry from "./route-lists/postal-entry";
import projectCases from "./route-lists/project-cases";
import projects from "./route-lists/projects";
import queue from "./route-lists/queue";
import referrals from "./route-lists/referrals";

export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-in/two-factor", "routes/sign-in.two-factor.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password/:token", "routes/reset-password.tsx"),
  route("account", "routes/account.tsx"),
  route("account/password", "routes/account.password.tsx"),
  route("account/two-factor", "routes/account.two-factor.tsx"),
  route("organisations", "routes/organisations.tsx"),
  route("organisations/new", "routes/organisations.new.tsx"),
  route("organisations/:id", "routes/organisations.$id.tsx"),
  route("organisations/:id/edit", "routes/organisations.$id.edit.tsx"),
  route("organisations/:id/members", "routes/organisations.$id.members.tsx"),
  // Member projects (app/projects/): the public directory, the overview, term breaks.
  ...projects,
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/audit", "routes/admin.audit.tsx"),
  route("admin/outbox", "routes/admin.outbox.tsx"),
  // Intake: each list is kept beside the pages it names.
  ...onlineApplication,
  ...postalEntry,
  ...queue,
  ...letters,
  ...imports,
  // Eligibility (app/eligibility/).
  ...assessmentQueue,
  ...assessmentWorkspace,
  ...assessmentDecisions,
  ...projectCases,
  ...referrals,
  ...caseworkEvidence,
  ...caseworkNotes,
  ...caseworkPapers,
  ...caseworkCorrections,
  ...caseworkTeam,
  ...caseworkReport,
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
