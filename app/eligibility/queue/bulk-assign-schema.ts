import { z } from "zod";
import { isId } from "~/shared/ids";

/**
 * The queue's bulk assignment: the ticked applications (many `ids`; the checkboxes sit in the
 * table and join the form through their `form` attribute), and the assessor to give them to.
 */
export const BulkAssignSchema = z.object({
  ids: z
    .array(z.string().refine(isId, "Select applications from the list"))
    .min(1, "Select at least one application")
    .max(200, "Select at most 200 applications at a time"),
  assessorId: z
    .string({ error: "Choose the assessor to assign them to" })
    .refine(isId, "Choose the assessor to assign them to"),
});

export type BulkAssignInput = z.infer<typeof BulkAssignSchema>;
