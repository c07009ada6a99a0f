import { eq, sql } from "drizzle-orm";
import type { Actor } from "~/audit/record-audit-event.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import type { retentionSweepItems } from "~/db/schema";
import { users } from "~/db/schema";
import { anonymiseApplication } from "../erasure/anonymise-application.server";
import { type Deleted, deleteWithDependents } from "../erasure/delete-with-dependents.server";
import { eraseTarget } from "../erasure/erase-target.server";

type Item = typeof retentionSweepItems.$inferSelect;

/**
 * Carries out one approved sweep item as the database owner, inside the batch's transaction.
 * Returns the storage keys of files to destroy once it has committed, and what was done.
 */
export async function processSweepItem(
  tx: Tx,
  actor: Actor,
  sweep: { id: string; organisationId: string },
  item: Item,
): Promise<{ storageKeys: string[]; outcome: string }> {
  const cause = {
    reason: `Retention schedule: ${item.recordClass.replaceAll("_", " ")}`,
    recordClass: item.recordClass,
    sweepId: sweep.id,
  };
  const audit = (action: string) =>
    recordAuditEvent(tx, actor, {
      action,
      entityType: item.entityType,
      entityId: item.entityId,
      organisationId: sweep.organisationId,
      reason: cause.reason,
      details: { recordClass: item.recordClass, sweepId: sweep.id },
    });
  if (item.entityType === "application" || item.entityType === "case") {
    const target = { type: item.entityType, id: item.entityId } as const;
    const result =
      item.action === "anonymise" && item.entityType === "application"
        ? await anonymiseApplication(tx, actor, item.entityId, cause)
        : await eraseTarget(tx, actor, target, cause);
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    return {
      storageKeys: result.storageKeys,
      outcome: `${item.action === "anonymise" ? "Anonymised" : "Erased"}: ${rows} rows, ${result.storageKeys.length} files`,
    };
  }
  if (item.entityType === "application_draft" || item.entityType === "import_run") {
    const deleted: Deleted = { rows: {}, storageKeys: [] };
    await deleteWithDependents(tx, `${item.entityType}s`, [item.entityId], deleted);
    await audit("record.erased");
    return {
      storageKeys: deleted.storageKeys,
      outcome: `Erased: ${deleted.storageKeys.length} files`,
    };
  }
  if (item.entityType === "user" && item.action === "anonymise") {
    await tx
      .update(users)
      .set({
        name: "Former member",
        email: sql`'former-member-' || ${users.id}::text || '@invalid'`,
        passwordHash: null,
        totpSecret: null,
        disabledAt: sql`coalesce(${users.disabledAt}, now())`,
        updatedAt: new Date(),
      })
      .where(eq(users.id, item.entityId));
    await audit("record.anonymised");
    return { storageKeys: [], outcome: "Anonymised: name and e-mail address replaced" };
  }
  return { storageKeys: [], outcome: "Listed for review" };
}
