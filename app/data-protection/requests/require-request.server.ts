import { eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { dataSubjectRequests } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { requireController } from "../controller";

export type SubjectRequest = typeof dataSubjectRequests.$inferSelect;

/**
 * A request of the officer's own organisation, or not found: row-level security hides the
 * others' rows, and the check on the organisation says the same in code.
 */
export async function requireRequest(
  tx: Queryable,
  acting: Acting,
  requestId: string,
): Promise<SubjectRequest> {
  const [request] = await tx
    .select()
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId));
  if (!request) throw notFound("request");
  requireController(acting, request.organisationId);
  return request;
}
