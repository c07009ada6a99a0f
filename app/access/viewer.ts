import { type Permission, ROLES, type RoleKey } from "./catalogue";

export interface ViewerMembership {
  organisationId: string;
  organisationName: string;
  organisationKind: "network" | "project";
  roleKey: RoleKey;
  endsOn: string | null;
}

/** The signed-in user as every page and policy sees them. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
  memberships: ViewerMembership[];
}

/** True when one of the viewer's active memberships grants the permission (in `organisationId`, if given). */
export function can(
  viewer: Viewer | null,
  permission: Permission,
  organisationId?: string,
): boolean {
  if (!viewer) return false;
  return viewer.memberships.some(
    (m) =>
      ROLES[m.roleKey].permissions.includes(permission) &&
      (organisationId === undefined || m.organisationId === organisationId),
  );
}

/** Permissions the viewer holds anywhere: sent to pages so that they hide what the server would refuse. */
export function permissionsOf(viewer: Viewer | null): Permission[] {
  if (!viewer) return [];
  return [...new Set(viewer.memberships.flatMap((m) => ROLES[m.roleKey].permissions))];
}

/** Administrators and data-protection officers must use a second factor. */
export function mustUseTwoFactor(viewer: Viewer): boolean {
  return viewer.memberships.some((m) => ROLES[m.roleKey].requiresTwoFactor);
}
