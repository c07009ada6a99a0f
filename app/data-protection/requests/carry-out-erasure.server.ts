import type { Acting } from "~/access/acting";
import type { Tx } from "~/db/database.server";
import { eraseRecord } from "../erasure/erase-record.server";
import type { ErasureTarget } from "../erasure/target";
import type { SubjectRequest } from "./require-request.server";

/**
 * Carries out an erasure the officer decided on, as the retention sweep erases a record
 * (`eraseRecord`): each record and what hangs off it, audited as `record.erased` with the
 * request as its cause. Returns the files of the erased rows, to destroy once committed.
 */
export async function carryOutErasure(
  tx: Tx,
  acting: Acting,
  request: SubjectRequest,
  targets: readonly ErasureTarget[],
): Promise<string[]> {
  const storageKeys: string[] = [];
  for (const target of targets) {
    const erased = await eraseRecord(tx, acting, {
      ...target,
      reason: `Erasure request ${request.reference}`,
      requestId: request.id,
    });
    storageKeys.push(...erased.storageKeys);
  }
  return storageKeys;
}
