import { z } from "zod";

/**
 * The queue's bulk assignment: the ticked applications (many `ids`; the checkboxes sit in the
 * table and join the form through their `form` attribute), and the assessor to give them to.
 */
export const BulkAssignSchema = z.object({
  ids: z
    .array(z.string().regex(/^[0-9a-f-]{36}$/i, "Select applications from the list"))
    .min(1, "Select at least one application")
    .max(200, "Select at most 200 applications at a time"),
  assessorId: z
    .string({ error: "Choose the assessor to assign them to" })
    .uuid("Choose the assessor to assign them to"),
});

export type BulkAssignInput = z.infer<typeof BulkAssignSchema>;
