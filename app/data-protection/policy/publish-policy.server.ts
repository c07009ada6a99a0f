import { eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { policyDocuments } from "~/db/schema";
import { conflict } from "~/errors/app-error";
import { gatherPolicyFacts } from "./gather-policy-facts.server";
import { composePolicy } from "./policy-text";

/**
 * Publishes the document as the live settings make it now, as the next version. `expected`
 * is the version the officer read: publishing twice from one page is refused, not doubled.
 */
export async function publishPolicy(
  tx: Queryable,
  acting: Acting,
  input: { expected: number },
  settings: { sessionIdleMinutes: number },
) {
  const facts = await gatherPolicyFacts(tx, acting, settings);
  const [latest] = await tx
    .select({ version: sql<number>`coalesce(max(${policyDocuments.version}), 0)::int` })
    .from(policyDocuments)
    .where(eq(policyDocuments.organisationId, facts.organisationId));
  const current = latest?.version ?? 0;
  if (current !== input.expected)
    throw conflict(`Version ${current} was published while you were reading. Check it first.`);
  const [row] = await tx
    .insert(policyDocuments)
    .values({
      organisationId: facts.organisationId,
      version: current + 1,
      content: composePolicy(facts),
      publishedBy: acting.viewer.id,
    })
    .returning({ id: policyDocuments.id, version: policyDocuments.version });
  if (!row) throw new Error("insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "policy.published",
    entityType: "policy_document",
    entityId: row.id,
    organisationId: facts.organisationId,
    details: { version: row.version },
  });
  return row;
}
