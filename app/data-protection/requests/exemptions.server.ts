import { asc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { disclosureExemptions, organisations } from "~/db/schema";
import { conflict, forbidden, notFound } from "~/errors/app-error";
import type { ExemptionInput } from "./schemas";

export type Exemption = typeof disclosureExemptions.$inferSelect;

/** The exemptions on the list, in its order; every officer reads them. */
export function listExemptions(tx: Queryable): Promise<Exemption[]> {
  return tx
    .select()
    .from(disclosureExemptions)
    .orderBy(asc(disclosureExemptions.sortOrder), asc(disclosureExemptions.label));
}

/** The list is the network's: its data-protection officers and its administrators keep it. */
export function canEditExemptions(acting: Acting, networkId: string | null): boolean {
  return (
    can(acting.viewer, "manage:settings:any") ||
    (networkId !== null && can(acting.viewer, "protect:data:own", networkId))
  );
}

export async function networkIdOf(tx: Queryable): Promise<string | null> {
  const [network] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, "network"));
  return network?.id ?? null;
}

/** Adds an exemption to the list, or renames, describes, retires or restores one. */
export async function saveExemption(
  tx: Queryable,
  acting: Acting,
  input: ExemptionInput,
): Promise<void> {
  if (!canEditExemptions(acting, await networkIdOf(tx)))
    throw forbidden(
      "Only the network's data-protection officer or an administrator can change the list.",
    );
  const [same] = await tx
    .select({ id: disclosureExemptions.id })
    .from(disclosureExemptions)
    .where(eq(disclosureExemptions.label, input.label));
  if (same && same.id !== input.exemptionId)
    throw conflict("There is already an exemption of that name.", { field: "label" });
  let id = input.exemptionId;
  if (id) {
    const updated = await tx
      .update(disclosureExemptions)
      .set({ label: input.label, description: input.description, active: input.active })
      .where(eq(disclosureExemptions.id, id))
      .returning({ id: disclosureExemptions.id });
    if (updated.length === 0) throw notFound("exemption");
  } else {
    const all = await listExemptions(tx);
    const [row] = await tx
      .insert(disclosureExemptions)
      .values({
        label: input.label,
        description: input.description,
        active: true,
        sortOrder: Math.max(0, ...all.map((e) => e.sortOrder)) + 1,
      })
      .returning({ id: disclosureExemptions.id });
    id = row?.id ?? null;
  }
  await recordAuditEvent(tx, actorOf(acting), {
    action: input.exemptionId ? "disclosure_exemption.changed" : "disclosure_exemption.added",
    entityType: "disclosure_exemption",
    entityId: id,
    details: { active: input.active || !input.exemptionId },
  });
}
