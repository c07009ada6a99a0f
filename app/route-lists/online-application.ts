import { type RouteConfigEntry, route } from "@react-router/dev/routes";

/** The public online application (app/routes/apply/, domain code in app/intake/online/). */
export default [
  route("apply", "routes/apply/start.tsx"),
  route("apply/resume", "routes/apply/resume.tsx"),
  route("apply/:draft/about-you", "routes/apply/about-you.tsx"),
  route("apply/:draft/save", "routes/apply/save.tsx"),
  route("apply/:draft/applicant", "routes/apply/applicant.tsx"),
  route("apply/:draft/check", "routes/apply/check.tsx"),
  route("apply/:draft/confirmation", "routes/apply/confirmation.tsx"),
  // One page per questionnaire section; the fixed pages above take precedence.
  route("apply/:draft/:section", "routes/apply/section.tsx"),
] satisfies RouteConfigEntry[];
