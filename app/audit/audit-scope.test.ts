import { describe, expect, it } from "vitest";
import type { Viewer } from "~/access/viewer";
import { auditScopeOf, canCheckAuditChain, canReadAuditOf } from "./audit-scope";

const NETWORK = "00000000-0000-4000-8000-000000000001";
const PROJECT = "00000000-0000-4000-8000-000000000002";
const OTHER = "00000000-0000-4000-8000-000000000003";

function viewer(...roles: [string, Viewer["memberships"][number]["roleKey"]][]): Viewer {
  return {
    id: "00000000-0000-4000-8000-0000000000ff",
    email: "someone@example.org",
    name: "Someone",
    twoFactorEnabled: true,
    memberships: roles.map(([organisationId, roleKey]) => ({
      organisationId,
      organisationName: "Org",
      organisationKind: organisationId === NETWORK ? "network" : "project",
      roleKey,
      endsOn: null,
    })),
  };
}

describe("who reads which events of the audit trail", () => {
  it("lets the network's officer read every event and run the chain check", () => {
    const dpo = viewer([NETWORK, "data_protection_officer"]);
    const scope = auditScopeOf(dpo);
    expect(scope).toEqual({ all: true });
    if (!scope) return;
    expect(canReadAuditOf(scope, PROJECT)).toBe(true);
    expect(canReadAuditOf(scope, null)).toBe(true);
    expect(canCheckAuditChain(dpo)).toBe(true);
  });

  it("keeps a project's lead to their own project's events, without the chain check", () => {
    const lead = viewer([PROJECT, "project_lead"]);
    const scope = auditScopeOf(lead);
    expect(scope).toEqual({ all: false, organisationIds: [PROJECT] });
    if (!scope) return;
    expect(canReadAuditOf(scope, PROJECT)).toBe(true);
    expect(canReadAuditOf(scope, OTHER)).toBe(false);
    expect(canReadAuditOf(scope, NETWORK)).toBe(false);
    expect(canReadAuditOf(scope, null)).toBe(false);
    expect(canCheckAuditChain(lead)).toBe(false);
  });

  it("gives nothing to a caseworker, an intake officer or nobody", () => {
    expect(auditScopeOf(viewer([PROJECT, "caseworker"]))).toBeNull();
    expect(auditScopeOf(viewer([NETWORK, "intake_officer"]))).toBeNull();
    expect(auditScopeOf(null)).toBeNull();
  });
});
