import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { applications } from "~/db/schema";

/** The applicant an application is about: the data subject of its assessment's audit events. */
export async function applicantOf(tx: Queryable, applicationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ applicantId: applications.applicantId })
    .from(applications)
    .where(eq(applications.id, applicationId));
  return row?.applicantId ?? null;
}
