import { can, type Viewer } from "~/access/viewer";

/** Network staff see every organisation; anyone else only those they belong to. */
export function canViewOrganisation(viewer: Viewer, organisationId: string): boolean {
  return (
    can(viewer, "view:organisation:any") ||
    viewer.memberships.some((m) => m.organisationId === organisationId)
  );
}

export function canEditOrganisation(viewer: Viewer, organisationId: string): boolean {
  return (
    can(viewer, "manage:organisation:any") || can(viewer, "manage:organisation:own", organisationId)
  );
}

export function canManageMembers(viewer: Viewer, organisationId: string): boolean {
  return (
    can(viewer, "manage:membership:any") || can(viewer, "manage:membership:own", organisationId)
  );
}

/** Who manages an organisation's members sees them, and so do its own members who may. */
export function canViewMembers(viewer: Viewer, organisationId: string): boolean {
  return (
    canManageMembers(viewer, organisationId) || can(viewer, "view:membership:own", organisationId)
  );
}
