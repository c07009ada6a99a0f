import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { forbidden } from "~/errors/app-error";

/** Every change to an assessment needs the assessor's permission. */
export function requireAssess(acting: Acting): void {
  if (!can(acting.viewer, "assess:application:any"))
    throw forbidden("Only assessors can assess applications.");
}
