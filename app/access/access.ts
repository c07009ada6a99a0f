import type { Permission } from "./catalogue";

/**
 * Who may use a route. Every route module exports `middleware = [access(...)]`
 * (app/access/access.server.ts); tests/integration/route-access.test.ts lists them all.
 */
export type Access =
  | { kind: "public" }
  | { kind: "second-factor-pending" }
  | { kind: "signed-in"; duringEnrolment?: boolean }
  | { kind: "permission"; anyOf: readonly Permission[] };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed-in" };

export function requires(...anyOf: Permission[]): Access {
  return { kind: "permission", anyOf };
}

export function describeAccess(a: Access): string {
  switch (a.kind) {
    case "public":
      return "public";
    case "second-factor-pending":
      return "second-factor-pending";
    case "signed-in":
      return a.duringEnrolment ? "signed-in (also before 2FA enrolment)" : "signed-in";
    case "permission":
      return a.anyOf.join(" | ");
  }
}
