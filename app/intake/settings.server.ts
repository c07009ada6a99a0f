import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { settings } from "~/db/schema";

export const DEFAULT_ACKNOWLEDGEMENT_DAYS = 10;

/** The acknowledgement target in working days (setting `acknowledgement_target_working_days`). */
export async function acknowledgementTargetDays(tx: Queryable): Promise<number> {
  const [row] = await tx
    .select()
    .from(settings)
    .where(eq(settings.key, "acknowledgement_target_working_days"));
  const n = Number(row?.value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ACKNOWLEDGEMENT_DAYS;
}
