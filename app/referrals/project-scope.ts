import { ROLES } from "~/access/catalogue";
import type { Viewer } from "~/access/viewer";

/**
 * Which member projects' offers and cases a user may see on the project pages: the one
 * reviewed place for it (row-level security enforces the same again). Network staff can
 * read every case's row for its stage, so the project pages must not rely on the database
 * alone: they show only the projects the user is a member of with the permission.
 * Change with care.
 */
function projectsWith(viewer: Viewer, permission: "respond:referral:own" | "view:case:own") {
  return [
    ...new Set(
      viewer.memberships
        .filter(
          (m) =>
            m.organisationKind === "project" && ROLES[m.roleKey].permissions.includes(permission),
        )
        .map((m) => m.organisationId),
    ),
  ];
}

/** Projects whose offers the user answers: they lead it. */
export function offerProjectIds(viewer: Viewer): string[] {
  return projectsWith(viewer, "respond:referral:own");
}

/** Projects whose cases the user sees: leads and caseworkers. */
export function caseProjectIds(viewer: Viewer): string[] {
  return projectsWith(viewer, "view:case:own");
}
