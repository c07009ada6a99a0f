import { and, desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { policyDocuments, users } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { requireController } from "../controller";

/** Every published version of the organisation's document, newest first. */
export async function listPolicyVersions(tx: Queryable, acting: Acting) {
  const organisationId = requireController(acting);
  return tx
    .select({
      version: policyDocuments.version,
      publishedAt: policyDocuments.publishedAt,
      publishedBy: users.name,
    })
    .from(policyDocuments)
    .innerJoin(users, eq(users.id, policyDocuments.publishedBy))
    .where(eq(policyDocuments.organisationId, organisationId))
    .orderBy(desc(policyDocuments.version));
}

/** One published version, as it was published. */
export async function getPolicyVersion(tx: Queryable, acting: Acting, version: number) {
  const organisationId = requireController(acting);
  const [row] = await tx
    .select({
      version: policyDocuments.version,
      content: policyDocuments.content,
      publishedAt: policyDocuments.publishedAt,
      publishedBy: users.name,
    })
    .from(policyDocuments)
    .innerJoin(users, eq(users.id, policyDocuments.publishedBy))
    .where(
      and(eq(policyDocuments.organisationId, organisationId), eq(policyDocuments.version, version)),
    );
  if (!row) throw notFound("version of the policy document");
  return row;
}
