import { eq } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { organisations, retentionRules } from "~/db/schema";
import { withOwnerRights } from "../owner-rights.server";
import { defaultSchedule } from "./rules";

/**
 * The organisation's retention schedule, made from the defaults (docs/data-protection.md) the
 * first time its officer or a sweep needs it; lines for classes added later are added then.
 */
export async function ensureSchedule(tx: Tx, organisationId: string) {
  const [org] = await withOwnerRights(tx, () =>
    tx
      .select({ kind: organisations.kind })
      .from(organisations)
      .where(eq(organisations.id, organisationId)),
  );
  if (!org) throw new Error("no such organisation");
  const defaults = defaultSchedule(org.kind);
  await tx
    .insert(retentionRules)
    .values(defaults.map((d) => ({ ...d, organisationId })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(retentionRules)
    .where(eq(retentionRules.organisationId, organisationId));
  const order = defaults.map((d) => d.recordClass as string);
  return {
    kind: org.kind,
    rules: rows
      .filter((r) => order.includes(r.recordClass))
      .sort((a, b) => order.indexOf(a.recordClass) - order.indexOf(b.recordClass)),
  };
}
