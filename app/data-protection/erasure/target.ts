import { z } from "zod";
import { HOLD_TARGETS } from "~/db/schema/data-protection";
import { IdSchema } from "~/shared/ids";

/** What can be erased (and held): an applicant with all their applications, one application, or one case. */
export type ErasureTarget = { type: (typeof HOLD_TARGETS)[number]; id: string };

export const ErasureTargetSchema = z.object({ type: z.enum(HOLD_TARGETS), id: IdSchema });
