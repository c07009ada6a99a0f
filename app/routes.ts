import { type RouteConfig, route } from "@react-router/dev/routes";
import account from "./route-lists/account";
import admin from "./route-lists/admin";
import casework from "./route-lists/casework";
import dataProtection from "./route-lists/data-protection";
import eligibility from "./route-lists/eligibility";
import intake from "./route-lists/intake";
import projects from "./route-lists/projects";
import publicPages from "./route-lists/public";
import referral from "./route-lists/referral";

/**
 * The site map, by URL area in the order of the flow: what anyone may reach, the user's own
 * account, intake, eligibility, referral, the projects and their cases, data protection, administration. React
 * Router ranks routes by how specific their paths are, not by their order here.
 */
export default [
  ...publicPages,
  ...account,
  ...intake,
  ...eligibility,
  ...referral,
  ...projects,
  ...casework,
  ...dataProtection,
  ...admin,
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
