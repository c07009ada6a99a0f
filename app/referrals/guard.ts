import type { Acting } from "~/access/acting";
import { can } from "~/access/viewer";
import { forbidden } from "~/errors/app-error";

/** Offering, withdrawing and taking back cases is the referral coordinators' work. */
export function requireRefer(acting: Acting): void {
  if (!can(acting.viewer, "refer:application:any"))
    throw forbidden("Only referral coordinators can offer cases to projects.");
}

/** Accepting, declining and handing back is for the leads of the project concerned. */
export function requireRespondFor(acting: Acting, projectId: string): void {
  if (!can(acting.viewer, "respond:referral:own", projectId))
    throw forbidden("Only the project's leads can answer its offers and hand its cases back.");
}
