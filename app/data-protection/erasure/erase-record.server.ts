import type { Acting } from "~/access/acting";
import { actorOf } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { notFound } from "~/errors/app-error";
import { requireController } from "../controller";
import { withOwnerRights } from "../owner-rights.server";
import { type ErasureCause, type ErasureResult, eraseTarget } from "./erase-target.server";
import { loadErasureScope } from "./load-erasure-facts.server";
import type { ErasureTarget } from "./target";

/**
 * Erases a record at the officer's request (an erasure request): only the officer of the
 * organisation that controls it, and refused with the reason while it must be kept (a legal
 * hold, an open case, an application still in progress) as a CONFLICT whose `details.refusal`
 * is the reason. Hand `result.storageKeys` to `destroyErasedFiles` after the commit.
 */
export async function eraseRecord(
  tx: Tx,
  acting: Acting,
  target: ErasureTarget & Omit<ErasureCause, "recordClass" | "sweepId">,
): Promise<ErasureResult> {
  return withOwnerRights(tx, async () => {
    const scope = await loadErasureScope(tx, target);
    // Another organisation's record is not theirs to know of.
    try {
      requireController(acting, scope.organisationId);
    } catch {
      throw notFound(target.type);
    }
    return eraseTarget(tx, actorOf(acting), target, {
      reason: target.reason,
      requestId: target.requestId,
    });
  });
}
