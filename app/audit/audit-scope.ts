import { ROLES } from "~/access/catalogue";
import { can, type Viewer } from "~/access/viewer";

/**
 * Whose events a viewer may read in the audit trail. Each organisation is the controller of
 * what it holds: a reader of the whole trail (`view:audit:any`, the network's data-protection
 * officer and administrators) reads every event; an organisation's officer (`protect:data:own`,
 * a project's lead) reads only the events about their own organisations' records. Row-level
 * security applies the same rule again (drizzle/0027).
 */
export type AuditScope = { all: true } | { all: false; organisationIds: string[] };

export function auditScopeOf(viewer: Viewer | null): AuditScope | null {
  if (!viewer) return null;
  if (can(viewer, "view:audit:any")) return { all: true };
  const organisationIds = [
    ...new Set(
      viewer.memberships
        .filter((m) => ROLES[m.roleKey].permissions.includes("protect:data:own"))
        .map((m) => m.organisationId),
    ),
  ];
  return organisationIds.length > 0 ? { all: false, organisationIds } : null;
}

/** Whether the scope reaches the events of an organisation's records. */
export function canReadAuditOf(scope: AuditScope, organisationId: string | null): boolean {
  if (scope.all) return true;
  return organisationId !== null && scope.organisationIds.includes(organisationId);
}

/** Running the chain check reads every event, so it is for readers of the whole trail. */
export function canCheckAuditChain(viewer: Viewer | null): boolean {
  return can(viewer, "view:audit:any");
}
