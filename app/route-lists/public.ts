import { index, type RouteConfigEntry, route } from "@react-router/dev/routes";

/**
 * Pages for everyone: the start page, signing in and out, a forgotten password, and the
 * public online application (app/intake/online/). The application's fixed pages take
 * precedence over its one page per questionnaire section.
 */
export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-in/two-factor", "routes/sign-in.two-factor.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password/:token", "routes/reset-password.tsx"),
  route("apply", "routes/apply/start.tsx"),
  route("apply/resume", "routes/apply/resume.tsx"),
  route("apply/:draft/about-you", "routes/apply/about-you.tsx"),
  route("apply/:draft/save", "routes/apply/save.tsx"),
  route("apply/:draft/applicant", "routes/apply/applicant.tsx"),
  route("apply/:draft/check", "routes/apply/check.tsx"),
  route("apply/:draft/confirmation", "routes/apply/confirmation.tsx"),
  route("apply/:draft/:section", "routes/apply/section.tsx"),
] satisfies RouteConfigEntry[];
