import type { Tx } from "~/db/database.server";
import { today } from "~/shared/dates";
import { withOwnerRights } from "../owner-rights.server";
import { erasureRefusal, holdCovering } from "../retention/rules";
import { type ErasureScope, loadErasureScope } from "./load-erasure-facts.server";
import type { ErasureTarget } from "./target";

/** Why the scope must be kept (a hold, an open case, …), or null. */
export function refusalOf(scope: ErasureScope, on = today()): string | null {
  return erasureRefusal({ ...scope.facts, hold: holdCovering(scope.holds, scope.lineage, on) });
}

/**
 * Why the record may not be erased, in words for the officer and the requester ("the case
 * CN-2026-00042 is open at Ashdown Innocence Project", "held: pending appeal"), or null if it
 * may. For the erasure-request pages, to show before the officer decides.
 */
export async function erasureRefusalOf(tx: Tx, target: ErasureTarget): Promise<string | null> {
  return withOwnerRights(tx, async () => refusalOf(await loadErasureScope(tx, target)));
}
